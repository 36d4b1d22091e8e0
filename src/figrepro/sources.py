"""What the report says about each source and figure beyond its title: the source's name, the book
figure a title names, and the config keys that shape each figure.

Like :mod:`figrepro.catalog`, read by the workflow and the manifest job only (no job draws or
computes with it): editing these words rewrites the captions and redraws nothing.
"""

from __future__ import annotations

import re

from figrepro.catalog import LECTURE4_JOB, Figure
from figrepro.vae.evidence_settings import CONFIG_KEYS as INTEGRATION_KEYS
from figrepro.vae.figures import draw_inputs

UDL_BOOK = "Understanding Deep Learning"
#: source -> (the report's category, its subcategory)
SOURCE_NAMES: dict[str, tuple[str, str]] = {
    **{
        f"udl/{nb}": (UDL_BOOK, name)
        for nb, name in (
            ("gradient_flow", "Blog: gradient flow"),
            ("1_1", "1.1 Background mathematics"),
            ("3_1", "3.1 Shallow networks I"),
            ("3_4", "3.4 Activation functions"),
            ("4_1", "4.1 Composing networks"),
            ("4_3", "4.3 Deep networks"),
            ("5_1", "5.1 Least squares loss"),
            ("5_2", "5.2 Binary cross-entropy loss"),
            ("5_3", "5.3 Multiclass cross-entropy loss"),
            ("6_1", "6.1 Line search"),
            ("6_2", "6.2 Gradient descent"),
            ("6_3", "6.3 Stochastic gradient descent"),
            ("6_4", "6.4 Momentum"),
            ("6_5", "6.5 Adam"),
            ("7_1", "7.1 Backpropagation in a toy model"),
            ("9_2", "9.2 Implicit regularization"),
            ("9_4", "9.4 Bayesian approach"),
            ("16_3", "16.3 Contraction mappings"),
            ("21_1", "21.1 Bias mitigation"),
            ("17_1", "17.1 Latent variable models"),
            ("17_2", "17.2 Reparameterization trick"),
            ("17_3", "17.3 Importance sampling"),
            ("18_1", "18.1 Diffusion encoder"),
            ("18_2", "18.2 1D diffusion model"),
            ("18_3", "18.3 Reparameterized model"),
            ("18_4", "18.4 Families of diffusion models"),
        )
    },
    "vae": ("VAE assignment", "Assignment 3: a VAE on binarized MNIST"),
    "lecture4": ("VI lecture", "Lecture 4: variational inference"),
    "localization": ("Localization lab", "Lab 5: neural VI for sensor localization"),
}

FIGURE_SPACE = "\u2007"  # a space as wide as a digit


def report_subcategory(source: str) -> str:
    """The source's name in the report's menu, which sorts names as text: a one-digit chapter gets a
    figure space in front (" 3.1", "16.3"), so that the notebooks stand in the book's order, their
    numbers aligned."""
    name = SOURCE_NAMES[source][1]
    return FIGURE_SPACE + name if re.match(r"\d\.", name) else name


Key = tuple[str, ...]  # a path into the config: ("udl", "17_1")
#: UDL notebooks that take the top-level seed (the notebooks set none), and whose tables 18.4 samples
UDL_SEEDED = frozenset({"4_3", "17_1", "18_2", "18_3", "18_4"})
#: the VAE's results and the config sections each one depends on
VAE_RESULT_KEYS: dict[str, tuple[Key, ...]] = {
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
#: the lecture's computation jobs and the lecture4 keys each one reads
LECTURE4_JOB_KEYS: dict[str, tuple[str, ...]] = {
    "constraints": ("curve_points",),
    "kl": ("seed", "curve_points", "mixture_kl", "search"),
    "coin": ("curve_points", "search", "coin"),
}


def config_keys(fig: Figure) -> tuple[Key, ...]:
    """The config sections that shape ``fig`` (its own source's, the seed where it takes it, the format)."""
    if fig.source.startswith("udl/"):
        nb = fig.source.removeprefix("udl/")
        keys: list[Key] = [("udl", nb)]
        if nb == "18_4":
            keys.insert(0, ("udl", "18_3"))  # 18.4 samples with the tables trained for 18.3
        if nb in UDL_SEEDED:
            keys.append(("seed",))
    elif fig.source == "vae":
        keys = [key for result in ("history", *draw_inputs(fig.name)) for key in VAE_RESULT_KEYS[result]]
        keys = list(dict.fromkeys(keys))  # history's keys shape every result
    elif fig.source == "lecture4":
        job = LECTURE4_JOB[fig.name]
        return (*(("lecture4", key) for key in LECTURE4_JOB_KEYS[job]), ("figures", "dpi"))
    else:
        keys = [(fig.source,), ("seed",)]
    return (*keys, ("figures",))


_BOOK_FIGURE = re.compile(r"\b[Ff]igs?\. \d+\.\d+[a-z]?(?:-[a-z])?(?:, \d+\.\d+[a-z]?(?:-[a-z])?)*")


def book_figure(fig: Figure) -> str | None:
    """The book figure the title names ("Fig. 3.3a-i", "Figs. 5.4, 5.5b"), if any."""
    found = _BOOK_FIGURE.search(fig.title)
    return found.group(0) if found else None
