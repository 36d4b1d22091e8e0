"""Chapter 18's own drawing: a density over the grid for every time step, as one image."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figrepro.colormap import book_cmap
from figrepro.plotting import new_figure


def time_image(image: np.ndarray, ylabel: str, overlays: list[tuple[np.ndarray, str]]) -> Figure:
    """Rows t = 0..T of a density on the grid, as the notebook's 6 x 6 in ``imshow``; each overlay
    is one column position per row, drawn in its matplotlib style."""
    T = image.shape[0] - 1
    fig, ax = new_figure((6, 6))
    ax.imshow(image, cmap=book_cmap(), interpolation="nearest")
    rows = np.arange(T + 1)
    for columns, style in overlays:
        ax.plot(columns, rows, style)
    ax.set_ylabel(ylabel)
    ax.get_xaxis().set_visible(False)
    width = image.shape[1] + 1
    ax.set_xlim(0, width)
    ax.set_aspect(width / T)
    return fig
