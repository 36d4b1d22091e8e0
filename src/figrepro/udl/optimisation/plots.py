"""Figures of chapters 6 and 9 and the gradient-flow blog: a loss surface with the paths of
optimisers drawn on it, and a model fitted to its data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import book_contours, new_figure
from figrepro.udl.optimisation import gabor


@dataclass(frozen=True)
class Trace:
    """A path to draw on a surface: points (n, 2) as (x, y), a matplotlib format and styling."""

    points: np.ndarray
    fmt: str = "go-"
    style: dict[str, Any] = field(default_factory=dict)


def loss_surface(
    x: np.ndarray,
    y: np.ndarray,
    values: np.ndarray,
    *,
    lines: int,
    size: tuple[float, float],
    labels: tuple[str, str],
    traces: tuple[Trace, ...] = (),
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
) -> Figure:
    """The book's loss surfaces: 256 filled levels in its colour map, ``lines`` grey contours, paths on top.

    ``ylim`` may run downwards, as in notebook 6.2 and the blog, whose slope axis is inverted.
    """
    fig, ax = new_figure(size)
    book_contours(ax, x, y, values, lines)
    for trace in traces:
        ax.plot(trace.points[:, 0], trace.points[:, 1], trace.fmt, **trace.style)
    if xlim is not None:
        ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    return fig


def model_fit(
    data: tuple[np.ndarray, np.ndarray],
    x: np.ndarray,
    y: np.ndarray,
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    title: str | None = None,
    equal_aspect: bool = False,
) -> Figure:
    """The training data (blue dots) and the model's curve (magenta), as notebooks 6.2-6.4 draw them."""
    fig, ax = new_figure()
    ax.plot(*data, "bo")
    ax.plot(x, y, "m-")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    if equal_aspect:
        ax.set_aspect("equal")
    if title is not None:
        ax.set_title(title)
    return fig


def gabor_model(phi: np.ndarray, x: np.ndarray, title: str) -> Figure:
    """Notebooks 6.3 and 6.4: the Gabor model at ``phi`` over its 30 training points."""
    return model_fit(
        (gabor.X, gabor.Y), x, gabor.model(phi[0], phi[1], x), xlim=(-15, 15), ylim=(-1, 1), title=title
    )


def gabor_surface(
    offset: np.ndarray, frequency: np.ndarray, values: np.ndarray, path: np.ndarray | None = None
) -> Figure:
    """Notebooks 6.3 and 6.4: the Gabor model's loss over offset and frequency, 20 contours, a path."""
    traces = () if path is None else (Trace(path),)
    labels = (r"Offset $\phi_{0}$", r"Frequency, $\phi_{1}$")
    return loss_surface(
        offset, frequency, values, lines=20, size=(8, 8), labels=labels, traces=traces, ylim=(2.5, 22.5)
    )
