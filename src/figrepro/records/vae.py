"""The record of assignment 3, a VAE on binarized MNIST, and how its results depend on the config."""

from __future__ import annotations

from figrepro.records.model import Key, Record, figures_of
from figrepro.vae.evidence_settings import CONFIG_KEYS as INTEGRATION_KEYS

#: the VAE's results and the config sections each one depends on
RESULT_KEYS: dict[str, tuple[Key, ...]] = {
    "history": (("vae", "data"), ("vae", "model"), ("vae", "train"), ("seed",)),
    "elbo": (("vae", "evaluate"),),
    "decodings": (("vae", "decode"),),
    "posteriors": (
        ("vae", "posterior"),
        ("vae", "svi"),
        *(("vae", "evaluate", key) for key in INTEGRATION_KEYS),
    ),
    "gradients": (("vae", "gradients"), ("vae", "posterior", "image")),
}

VAE = Record(
    "vae",
    "VAE assignment",
    "Assignment 3: a VAE on binarized MNIST",
    ("vae",),
    figures_of(
        "vae",
        (
            ("training_curve", "ELBO per epoch on the training and test sets"),
            ("elbo_train_test", "Per-image ELBO of the training and test sets, with the set means"),
            ("log_px_vs_elbo", "log p(x) by integration over the latent grid against the ELBO, test images"),
            ("samples", "Samples of the generative model: p(x|z) and a binary x ~ p(x|z), z ~ p(z)"),
            ("reconstructions", "Reconstructions: input x, p(x̃|z) with z ~ q(z|x), a sample x̃"),
            ("latent_embedding", "Means of q(z|x) for the training digits, coloured by class"),
            ("lattice", "p(x|z) on a lattice of z at prior quantiles (Kingma & Welling fig. 4b)"),
            ("interpolations", "p(x|z) along straight lines between the encoder means of digit pairs"),
            ("posterior", "True posterior p(z|x) on a grid with q(z|x) contours, one test image"),
            ("posterior_top_half", "True posterior p(z|x_top) given the top half of a digit"),
            ("svi_top_half", "Gaussian q(z) fitted to p(z|x_top) by SVI, over the true posterior"),
            ("completions", "The top half above the bottom half of p(x|z), z ~ the SVI fit"),
            ("gradient_estimators", "Reparameterization and score-function estimates of dELBO/dmu_1"),
        ),
    ),
    takes_seed=True,
)
