"""Assignment 3: a variational autoencoder with a 2-D latent on binarized MNIST."""
