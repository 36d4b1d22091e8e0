"""Histograms of the two estimators of d ELBO / d mu_1 with the same sample budget."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import subplots


def draw(gradients: dict) -> Figure:
    fig, axes = subplots(1, 2, figsize=(12, 4.5))
    for ax, name, title in zip(
        axes, ("reparam", "score"), ("Reparameterization", "Score function"), strict=True
    ):
        g = gradients[name]
        ax.hist(g, bins=50, color="b" if name == "reparam" else "r")
        ax.axvline(g.mean(), color="k", linestyle="--", linewidth=1)
        ax.set_title(f"{title}: mean {g.mean():.2f}, variance {np.var(g, ddof=1):.4g}")
        ax.set_xlabel(r"estimate of $\partial$ELBO$/\partial\mu_1$")
        ax.set_ylabel("estimates")
    return fig
