"""figrepro: rebuild the figures of a course on latent variable models, VI and diffusion."""

__version__ = "0.1.0"
