"""Figures of chapters 3 and 4: a shallow network built up unit by unit (fig. 3.3), its output,
and networks composed with one another (fig. 4.1)."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figrepro.plotting import new_figure, subplots
from figrepro.udl.networks.networks import Stages

UNIT_COLOURS = ("r", "b", "g")  # hidden units 1, 2, 3
ROWS = (("pre", "Preactivation"), ("act", "Activation"), ("weighted", "Weighted Act"))


def build_up(x: np.ndarray, stages: Stages, xlim: tuple[float, float] = (0, 1)) -> Figure:
    """Fig. 3.3a-i: pre-activations, activations and weighted activations of the three hidden units."""
    fig, axes = subplots(3, 3)
    fig.set_size_inches(8.5, 8.5)
    fig.tight_layout(pad=3.0)
    for row, (field, label) in enumerate(ROWS):
        for unit, colour in enumerate(UNIT_COLOURS):
            ax = axes[row, unit]
            ax.plot(x, getattr(stages, field)[unit], f"{colour}-")
            ax.set_ylabel(label)
            ax.set_xlim(*xlim)
            ax.set_ylim(-1, 1)
            ax.set_aspect(0.5)
    for ax in axes[2]:
        ax.set_xlabel("Input, $x$")
    return fig


def output(
    x: np.ndarray,
    y: np.ndarray,
    data: tuple[np.ndarray, np.ndarray] | None = None,
    xlim: tuple[float, float] = (0, 1),
) -> Figure:
    """Fig. 3.3j: the network's output on x in [0, 1], y in [-1, 1], with the training data in magenta."""
    fig, ax = new_figure()
    ax.plot(x, y)
    ax.set_xlabel("Input, $x$")
    ax.set_ylabel("Output, $y$")
    ax.set_xlim(*xlim)
    ax.set_ylim(-1, 1)
    ax.set_aspect(0.5)
    if data is not None:
        ax.plot(*data, "mo")
    return fig


def _square(ax: Axes, xlabel: str, ylabel: str) -> None:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.set_aspect(1.0)


def two_networks(x: np.ndarray, net1: np.ndarray, net2: np.ndarray) -> Figure:
    """Two networks side by side on [-1, 1]^2: the first red, the second blue."""
    fig, axes = subplots(1, 2)
    fig.set_size_inches(8.5, 8.5)
    fig.tight_layout(pad=3.0)
    axes[0].plot(x, net1, "r-")
    _square(axes[0], "Net 1 input", "Net 1 output")
    axes[1].plot(x, net2, "b-")
    _square(axes[1], "Net 2 input", "Net 2 output")
    return fig


def composition(x: np.ndarray, y: np.ndarray) -> Figure:
    """The second network applied to the first one's output, against the first one's input (green)."""
    fig, ax = new_figure()
    ax.plot(x, y, "g-")
    _square(ax, "Net 1 Input", "Net 2 Output")
    return fig


def square_output(x: np.ndarray, y: np.ndarray) -> Figure:
    """A network's output on [-1, 1]^2 (notebook 4.3)."""
    fig, ax = new_figure()
    ax.plot(x, y)
    _square(ax, "Input", "Output")
    return fig
