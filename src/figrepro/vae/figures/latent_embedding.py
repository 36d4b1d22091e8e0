"""Means of q(z|x) for the training set, coloured by digit class."""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import new_figure


def draw(decodings: dict) -> Figure:
    z, labels = decodings["embedding"], decodings["embedding_labels"]
    fig, ax = new_figure((7.5, 7))
    colours = matplotlib.colormaps["tab10"]
    for digit in np.unique(labels):
        here = labels == digit
        ax.scatter(z[here, 0], z[here, 1], s=4, color=colours(int(digit)), label=str(digit), rasterized=True)
    ax.set_xlabel("$z_1$")
    ax.set_ylabel("$z_2$")
    ax.set_aspect("equal")
    ax.set_title("Latent embedding: mean of q(z|x), training set")
    ax.legend(title="class", markerscale=3, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return fig
