"""The record of lecture 4, variational inference: its figures by the computation job that draws them."""

from __future__ import annotations

from figrepro.records.model import Figure, Record

#: the lecture's computation jobs and the lecture4 keys each one reads
JOB_KEYS: dict[str, tuple[str, ...]] = {
    "constraints": ("curve_points",),
    "kl": ("seed", "curve_points", "mixture_kl", "search"),
    "coin": ("curve_points", "search", "coin"),
}
FIGURES_BY_JOB: dict[str, tuple[tuple[str, str, str], ...]] = {
    "constraints": (
        ("constrained_derivative", "pdf", "Beta(2,2) density on [-1,2] and its derivative by autograd"),
        ("constraints_log", "png", "X ~ Gamma(1,1) and Y = log X: the map, p_X and p_Y"),
        ("transform_check", "png", "p_Y of Y = log X two ways: transform + log|det J|, and by hand"),
        ("constraints_sigmoid", "png", "X ~ Beta(2,3) and Y = logit X: the map, p_X and p_Y"),
        ("constraints_linear", "png", "X ~ Uniform(1,4) and Y = (X-a)/(b-a): the map, p_X and p_Y"),
    ),
    "kl": (
        ("kl_mixture_compute", "png", "P = 0.4 N(-1,0.75^2) + 0.6 N(4,0.5^2) and N(0,1)"),
        ("kl_mode_seeking", "png", "P and the Gaussian Q minimising KL(Q||P)"),
        ("kl_mass_covering", "png", "P and the Gaussian Q minimising KL(P||Q)"),
    ),
    "coin": (
        ("vi_coin_posterior", "png", "Coin model: exact posterior and Q fitted by KL(Q||P), logit and theta"),
        ("vi_coin_model_elbo", "png", "Coin model: exact posterior and Q fitted by maximising the ELBO"),
    ),
}
#: each figure's computation job
JOB: dict[str, str] = {name: job for job, figures in FIGURES_BY_JOB.items() for name, _, _ in figures}

LECTURE4 = Record(
    "lecture4",
    "VI lecture",
    "Lecture 4: variational inference",
    ("lecture4",),
    tuple(
        Figure("lecture4", name, title, ext)
        for figures in FIGURES_BY_JOB.values()
        for name, ext, title in figures
    ),
    #: printed to four decimals
    printed={
        "kl_mixture_trapz": (4.5455, 4),
        "kl_mixture_mc": (4.5453, 4),
        "log_evidence": (-4.0945, 4),
        "kl_minus_neg_elbo": (-4.0941, 4),
    },
    #: printed in full by the brute-force searches (polished to scipy's 1e-4 on a flat float32 objective)
    printed_in_full={
        "mode_seeking_mu": 3.9999881377443667,
        "mode_seeking_sigma": 0.5004358809677687,
        "mass_covering_mu": 2.0005128485630403,
        "mass_covering_sigma": 2.5248650792965464,
        "coin_kl_mu": -0.32971314278741637,
        "coin_kl_sigma": 0.8174613262442023,
        "coin_elbo_mu": -0.32920583089192673,
        "coin_elbo_sigma": 0.8173004150390624,
    },
)
