"""Drawing helpers the VAE figures share: digit tiles and posterior contours."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from figrepro.plotting import book_contours
from figrepro.vae.mnist import TOP_HALF

SIDE = 28  # pixels per digit side


def top_half_only(image: np.ndarray) -> np.ndarray:
    """The digit with its bottom half greyed out (0.5), as the model is conditioned on it."""
    shown = np.full(image.shape, 0.5)
    shown[TOP_HALF] = image[TOP_HALF]
    return shown


def tile(images: np.ndarray, pad: int = 1, fill: float = 1.0) -> np.ndarray:
    """(rows, cols, 784) images -> one 2-D array, digits separated by ``pad`` pixels of ``fill``."""
    rows, cols = images.shape[:2]
    step = SIDE + pad
    out = np.full((rows * step - pad, cols * step - pad), fill, dtype=float)
    for r in range(rows):
        for c in range(cols):
            out[r * step : r * step + SIDE, c * step : c * step + SIDE] = images[r, c].reshape(SIDE, SIDE)
    return out


def show_digits(ax: Axes, images: np.ndarray, title: str = "", pad: int = 1) -> None:
    """Digits in grey (0 black, 1 white) as one image without axes."""
    ax.imshow(tile(images, pad), cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)


def column_labels(ax: Axes, labels: Sequence[str], pad: int = 1) -> None:
    """Labels under the columns of a ``show_digits`` image."""
    ax.set_xticks([c * (SIDE + pad) + SIDE / 2 - 0.5 for c in range(len(labels))], labels)
    ax.tick_params(axis="x", length=0)


def density_panel(ax: Axes, z1: np.ndarray, z2: np.ndarray, log_density: np.ndarray) -> None:
    """A normalised density (given as its log) in the book's colour map, with grey contours."""
    book_contours(ax, z1, z2, np.exp(log_density), 6)
    ax.set_xlabel("$z_1$")
    ax.set_ylabel("$z_2$")
    ax.set_aspect("equal")


def gaussian_contours(
    ax: Axes, z1: np.ndarray, z2: np.ndarray, log_q: np.ndarray, colour: str = "c"
) -> Line2D:
    """Line contours of q at 10%..90% of its peak; returns a legend handle."""
    q = np.exp(log_q)
    ax.contour(z1, z2, q, levels=q.max() * np.array([0.1, 0.3, 0.5, 0.7, 0.9]), colors=colour, linewidths=1)
    return Line2D([], [], color=colour, linewidth=1)
