"""The record of lab 5, neural variational inference for sensor localization."""

from __future__ import annotations

from figrepro.records.model import Record, figures_of

LOCALIZATION = Record(
    "localization",
    "Localization lab",
    "Lab 5: neural VI for sensor localization",
    ("localization",),
    figures_of(
        "localization",
        (
            ("scenario", "Sensors and the target"),
            ("training_curves", "ELBO, log-likelihood and KL(q||p(z)) during training"),
            ("posterior", "Sensors, target, the mean of q(z|X) and {posterior_samples} samples of q"),
            ("exact_vs_q", "The exact posterior p(z|X) on a grid beside q(z|X)"),
        ),
    ),
    takes_seed=True,
)
