"""Ancestral samples: p(x|z) and a binary sample, one z from the prior per row."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import new_figure
from figrepro.vae.plots import column_labels, show_digits


def draw(decodings: dict) -> Figure:
    images = np.stack([decodings["sample_probs"], decodings["sample_x"]], axis=1)
    fig, ax = new_figure((2.4, 0.6 + 1.1 * len(images)))
    show_digits(ax, images, "Samples")
    column_labels(ax, ["p(x|z)", "x ~ p(x|z)"])
    return fig
