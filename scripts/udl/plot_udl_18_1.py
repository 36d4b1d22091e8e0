"""Notebook 18.1's figures from the forward diffusion and the kernel/marginal grids.

The time steps drawn come from the figures' names: ``histogram_t020`` is the histogram of z_20.
"""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options
from figrepro.colormap import book_cmap
from figrepro.io import load_npz
from figrepro.plotting import (
    PATH_COLOURS,
    FigureWriter,
    density_line,
    histogram,
    new_figure,
    trajectories,
    true_pdf,
)


def time_image(image: np.ndarray, ylabel: str, overlays: list[tuple[np.ndarray, str]]) -> object:
    """Rows t = 0..T of a density on the grid, as the notebook's 6 x 6 in ``imshow``."""
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


@click.command()
@click.option("--forward", type=click.Path(dir_okay=False), required=True)
@click.option("--densities", type=click.Path(dir_okay=False), required=True)
@figure_options
@fail_cleanly
def main(forward: str, densities: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    fw, d = load_npz(forward), load_npz(densities)
    grid, z = d["grid"], fw["z"]
    T = z.shape[0] - 1

    def steps(prefix: str) -> list[tuple[str, int]]:
        return [(name, int(name.removeprefix(prefix))) for name in write.series(prefix)]

    write("true_pdf", true_pdf(grid, d["pdf"]))
    write("forward_trajectories", trajectories(z[:, :5], np.arange(T + 1)))
    bins = np.arange(-3, 3, 0.1)
    for name, t in steps("histogram_t"):
        title = "Original data" if t == 0 else f"Time step {t}"
        write(name, histogram(z[t], bins, (0, 1.0), title))

    # grid value v sits at image column (v - grid[0]) / step
    step, start = grid[1] - grid[0], grid[0]

    def column(v: np.ndarray) -> np.ndarray:
        return (v - start) / step

    mean, std = d["kernel_mean"], d["kernel_std"]
    overlays = [(column(mean - 2 * std), "y--"), (column(mean + 2 * std), "y--")]
    overlays += [(column(fw["kernel_paths"][:, i]), c + "-") for i, c in enumerate(PATH_COLOURS)]
    write("kernel", time_image(d["kernel"], "$Pr(z_{t}|x)$", overlays))
    for name, t in steps("kernel_t"):
        write(name, density_line(grid, d["kernel"][t], title=f"$q(z_{{{t}}}|x)$"))
    write("marginals", time_image(d["marginals"], "$Pr(z_{t})$", []))
    for name, t in steps("marginal_t"):
        write(name, density_line(grid, d["marginals"][t], title=f"$q(z_{{{t}}})$"))
    write.check_complete()


if __name__ == "__main__":
    main()
