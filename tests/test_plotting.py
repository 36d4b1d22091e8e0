"""figrepro.plotting.save: saved without the draw savefig makes to measure the tight box, a figure
is the file matplotlib's own ``bbox_inches="tight"`` writes, byte for byte, for the kinds of figure
the sources draw (the reproduction check compares every figure of the build with the reference)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from figrepro.plotting import _METADATA, book_contours, save, subplots, use_style


def labelled_curve() -> Figure:
    fig, ax = subplots()
    x = np.linspace(-3, 3, 200)
    ax.plot(x, np.tanh(x), "r-", label="$\\tanh(x)$")
    ax.plot(x, np.exp(-(x**2)), "b--", label="bump")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f[x]$")
    ax.set_title("a title")
    ax.legend()  # placed where it covers least, which savefig decides while it draws
    return fig


def equal_aspect_contours() -> Figure:
    fig, ax = subplots(figsize=(5, 7))
    x, y = np.meshgrid(np.linspace(-2, 2, 60), np.linspace(-1, 1, 40))
    book_contours(ax, x, y, np.sin(3 * x) * np.cos(2 * y), 6)
    ax.plot([0.1, -0.4], [0.2, 0.5], "c.")
    ax.set_aspect("equal")
    ax.set_xlabel("$\\phi_0$")
    return fig


def grid_of_panels() -> Figure:
    fig, axes = subplots(1, 2, figsize=(8, 3))
    for k, ax in enumerate(axes):
        ax.plot(np.arange(1, 11), np.arange(1, 11) ** (k + 1), "g-")
        ax.set_title(f"panel {k}")
    axes[1].set_xscale("log")
    axes[0].text(2, 1, "a note", rotation=20)
    fig.suptitle("a figure of panels")
    fig.tight_layout()
    return fig


def constrained_layout() -> Figure:
    fig = Figure(layout="constrained")
    ax = fig.add_subplot()
    ax.bar(["a", "b", "c"], [3, 1, 2])
    ax.set_ylabel("a long label that the layout makes room for")
    return fig


# every kind of figure to pdf, as the build writes them; svg and png (other renderers, a raster) for two
@pytest.mark.parametrize(
    ("build", "fmt"),
    [(build, "pdf") for build in (labelled_curve, equal_aspect_contours, grid_of_panels, constrained_layout)]
    + [(build, fmt) for build in (labelled_curve, equal_aspect_contours) for fmt in ("svg", "png")],
)
def test_save_gives_the_bytes_of_savefigs_own_tight_box(
    build: Callable[[], Figure], fmt: str, tmp_path: Path
) -> None:
    use_style()
    ours, theirs = tmp_path / f"ours.{fmt}", tmp_path / f"theirs.{fmt}"
    save(build(), ours, dpi=72)
    build().savefig(theirs, format=fmt, dpi=72, metadata=_METADATA[fmt], bbox_inches="tight")
    assert ours.read_bytes() == theirs.read_bytes()


def test_without_a_tight_box_the_one_draw_is_made(tmp_path: Path) -> None:
    use_style()
    with matplotlib.rc_context({"savefig.bbox": None}):
        save(labelled_curve(), tmp_path / "ours.png", dpi=72)
        labelled_curve().savefig(tmp_path / "theirs.png", dpi=72, metadata=_METADATA["png"])
    assert (tmp_path / "ours.png").read_bytes() == (tmp_path / "theirs.png").read_bytes()
