"""Reconstructions: input x, p(x-tilde|z) for z ~ q(z|x), and a sample x-tilde."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import new_figure
from figrepro.vae.plots import column_labels, show_digits


def draw(decodings: dict) -> Figure:
    images = np.stack([decodings["recon_x"], decodings["recon_probs"], decodings["recon_sample"]], axis=1)
    fig, ax = new_figure((3.4, 0.6 + 1.1 * len(images)))
    show_digits(ax, images, "Reconstructions")
    column_labels(ax, ["$x$", r"$p(\tilde{x}|z)$", r"$\tilde{x}$"])
    return fig
