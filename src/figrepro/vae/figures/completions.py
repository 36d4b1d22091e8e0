"""Completions of a top half: the top half above the bottom half of p(x|z), z ~ the SVI fit."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import subplots
from figrepro.vae.plots import show_digits, top_half_only


def draw(posteriors: dict) -> Figure:
    p = posteriors
    filled = p["completions"]
    fig, (given, ax) = subplots(
        1, 2, figsize=(2.0 + 1.0 * len(filled), 2.2), gridspec_kw={"width_ratios": [2, len(filled)]}
    )
    show_digits(given, np.stack([p["top_image"], top_half_only(p["top_image"])])[None], "x, and $x_{top}$")
    show_digits(ax, filled[None], "$x_{top}$ with $p(x_{bottom}|z)$, $z \\sim q(z)$", pad=2)
    return fig
