"""Plot style, byte-stable saving and the drawers the UDL figures share.

Figures keep matplotlib's default look (as the notebooks do). They are ``matplotlib.figure.Figure``
objects made here, not through pyplot: no pyplot state, figure manager or backend switching is
imported, and ``savefig`` draws each with the backend of the file it writes (pdf, svg or png, from
the suffix). Saving strips dates and random ids so two builds give identical files, and skips the
draw ``savefig`` makes only to measure the tight bounding box.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure

from figrepro.colormap import book_cmap
from figrepro.io import atomic_path

STYLE = {
    "svg.hashsalt": "figrepro",
    "pdf.compression": 6,
    "path.simplify": True,
    "savefig.bbox": "tight",  # as figures appear in the notebooks
}
PATH_COLOURS = ("r", "g", "b", "c", "m")  # the notebooks' colours for the five trajectories
_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None},
    "svg": {"Date": None},
    "png": {"Software": None},
}


def use_style() -> None:
    """Apply the project's rcParams (call once per process before drawing)."""
    matplotlib.rcParams.update(STYLE)


def save(fig: Figure, path: str | os.PathLike[str], dpi: int) -> None:
    """Save ``fig`` atomically without timestamps. Format from the suffix."""
    fmt = Path(path).suffix.lstrip(".").lower()
    with atomic_path(path) as tmp, _without_the_measuring_draw(fig):
        fig.savefig(tmp, format=fmt, dpi=dpi, metadata=_METADATA.get(fmt))


@contextmanager
def _without_the_measuring_draw(fig: Figure) -> Iterator[None]:
    """Skip the first of the two draws ``savefig(bbox_inches="tight")`` makes.

    The first, with rendering switched off, brings the layout up to date before the tight box is
    measured; ``Figure.get_tightbbox`` lays out what it measures itself (ticks, titles, aspect), so
    for a figure without a layout engine the box and the file are the same without it (a quarter of
    a small figure's saving time; tests/test_plotting.py compares the bytes). Without a tight box
    there is one draw, the one that renders, and with a layout engine the first draw makes the layout:
    then both are made."""
    if matplotlib.rcParams["savefig.bbox"] != "tight" or fig.get_layout_engine() is not None:
        yield
        return
    draws = 0
    draw = fig.draw

    def all_but_the_first(renderer: RendererBase) -> None:
        nonlocal draws
        draws += 1
        if draws > 1:
            draw(renderer)

    fig.draw = all_but_the_first  # type: ignore[method-assign]
    try:
        yield
    finally:
        del fig.draw


class FigureWriter:
    """Saves a script's figures by name, each to the path it was handed (``--figure NAME=PATH``).

    A name it was not handed, a name drawn twice, or one left undrawn (:meth:`check_complete`) is
    an error: the rule's outputs and what the script draws cannot drift apart.
    """

    def __init__(self, figures: Mapping[str, str | os.PathLike[str]], dpi: int):
        self.paths, self.dpi = dict(figures), dpi
        self._saved: set[str] = set()
        use_style()

    @property
    def names(self) -> list[str]:
        """The names of the figures to draw, in the order they were handed over."""
        return list(self.paths)

    def series(self, prefix: str) -> list[str]:
        """The names ``<prefix><k>`` asked for (a sweep's models, a search's iterations), by k."""
        numbered = [n for n in self.paths if n.startswith(prefix) and n[len(prefix) :].isdigit()]
        return sorted(numbered, key=lambda n: int(n[len(prefix) :]))

    def __call__(self, name: str, fig: Figure) -> None:
        if name not in self.paths or name in self._saved:
            given = ", ".join(self.paths)
            raise ValueError(f"figure {name!r} not asked for (--figure gave {given}) or drawn twice")
        save(fig, self.paths[name], self.dpi)
        self._saved.add(name)

    def check_complete(self) -> None:
        missing = [name for name in self.paths if name not in self._saved]
        if missing:
            raise RuntimeError(f"figures not drawn: {', '.join(missing)}")


def new_figure(size: tuple[float, float] | None = None) -> tuple[Figure, Axes]:
    """A figure (``size`` in inches, else matplotlib's default) with one set of axes."""
    fig, ax = subplots()
    if size is not None:
        fig.set_size_inches(*size)
    return fig, ax


def subplots(nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float] | None = None, **kw: Any) -> Any:
    """``(figure, axes)`` as ``pyplot.subplots`` gives them (``kw``: ``sharex``, ``gridspec_kw``, ...),
    on a figure of its own that no pyplot state holds."""
    fig = Figure(figsize=figsize)
    return fig, fig.subplots(nrows, ncols, **kw)


def curve(
    x: np.ndarray,
    y: np.ndarray,
    style: str = "r-",
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    xlabel: str = "",
    ylabel: str = "",
    title: str = "",
    equal_aspect: bool = False,
    size: tuple[float, float] | None = None,
) -> Figure:
    """One function y(x) on fixed axes (the notebooks' plots of a single curve)."""
    fig, ax = new_figure(size)
    ax.plot(x, y, style)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    if xlabel or ylabel:
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if equal_aspect:
        ax.set_aspect("equal")
    return fig


def density_line(
    x: np.ndarray,
    y: np.ndarray,
    colour: str = "b-",
    title: str = "",
    ylim: tuple[float, float] = (0, 1.0),
    size: tuple[float, float] = (8, 2.5),
) -> Figure:
    """A density on [-3, 3] (the chapter-18 line plots)."""
    return curve(x, y, colour, xlim=(-3, 3), ylim=ylim, title=title, size=size)


def true_pdf(x: np.ndarray, pdf: np.ndarray, size: tuple[float, float] | None = None) -> Figure:
    """The chapter-18 data density, red, x in [-3, 3], y in [0, 1]."""
    fig, ax = new_figure(size)
    ax.plot(x, pdf, "r-")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$Pr(x)$")
    ax.set_ylim(0, 1.0)
    ax.set_xlim(-3, 3)
    return fig


def histogram(samples: np.ndarray, bins: np.ndarray, ylim: tuple[float, float], title: str = "") -> Figure:
    """Density histogram of 1-D samples on [-3, 3], 8 x 2.5 in."""
    fig, ax = new_figure((8, 2.5))
    ax.hist(samples, bins=bins, density=True)
    ax.set_xlim(-3, 3)
    ax.set_ylim(*ylim)
    if title:
        ax.set_title(title)
    return fig


def trajectories(paths: np.ndarray, t: np.ndarray, marker: str = "-") -> Figure:
    """Sample paths (columns of ``paths``) against time, t axis inverted, x in [-3, 3]."""
    fig, ax = new_figure()
    for i, colour in enumerate(PATH_COLOURS[: paths.shape[1]]):
        ax.plot(paths[:, i], t, colour + marker)
    ax.set_xlim(-3, 3)
    ax.set_ylim(101, 0)
    ax.set_xlabel("value")
    ax.set_ylabel("$z_t$")
    return fig


def book_contours(ax: Axes, x: np.ndarray, y: np.ndarray, values: np.ndarray, lines: int) -> None:
    """The book's style of a function of two variables: 256 filled levels in its colour map
    (rasterized, so the file stays small) under ``lines`` translucent grey contour lines."""
    filled = ax.contourf(x, y, values, 256, cmap=book_cmap())
    filled.set_rasterized(True)
    ax.contour(x, y, values, lines, colors=["#80808080"])


def heatmap(
    x1: np.ndarray,
    x2: np.ndarray,
    values: np.ndarray,
    title: str,
    samples: np.ndarray | None = None,
    xlim: tuple[float, float] = (-0.5, 2.5),
    ylim: tuple[float, float] = (-1.5, 1.5),
) -> Figure:
    """A 2-D density: 256 filled levels in the book's map, 8 grey contours, optional cyan samples."""
    fig, ax = new_figure((8, 8))
    book_contours(ax, x1, x2, values, 8)
    ax.set_title(title)
    if samples is not None:
        ax.plot(samples[:, 0], samples[:, 1], "c.")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return fig


def estimate_band(
    n: np.ndarray,
    mean: np.ndarray,
    var: np.ndarray,
    true_value: float,
    title: str = "",
    ylim: tuple[float, float] | None = None,
    true_from: float = 0,
) -> Figure:
    """Mean of the estimates against sample count (log x), a +/-2 sd band, the true value dashed."""
    fig, ax = new_figure()
    sd = np.sqrt(var)
    ax.semilogx(n, mean, "r-", label="mean estimate")
    ax.fill_between(n, mean - 2 * sd, mean + 2 * sd)
    ax.set_xlabel("Number of samples")
    ax.set_ylabel("Mean of estimate")
    ax.plot([true_from, n[-1]], [true_value, true_value], "k--", label="true value")
    if ylim is not None:
        ax.set_ylim(*ylim)
    if title:
        ax.set_title(title)
    ax.legend()
    return fig
