"""Chapter 17: a 1-D latent variable model (17.1), the reparameterization trick and the score function
(17.2), importance sampling (17.3)."""
