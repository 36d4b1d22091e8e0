"""Notebook 1.1: linear functions of one, two and three inputs (the last as separate equations and
in matrix form), the exponential and the logarithm. Four figures and the two equations' values."""

from __future__ import annotations

import click
import numpy as np
from matplotlib.figure import Figure

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter, curve, new_figure
from figrepro.udl.networks.linear_functions import linear_function, linear_map


def heat_map(x1: np.ndarray, x2: np.ndarray, y: np.ndarray) -> Figure:
    """y over the plane: 256 levels of matplotlib's 'hot' from -10 to 10, contours at every integer."""
    fig, ax = new_figure((7, 7))
    filled = ax.contourf(x1, x2, y, levels=256, cmap="hot", vmin=-10, vmax=10.0)
    filled.set_rasterized(True)
    fig.colorbar(filled, ax=ax)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.contour(x1, x2, y, np.arange(-10, 10, 1.0), cmap="winter")
    return fig


#: the figures it draws (--figure NAME=PATH)
FIGURES = ("linear_1d", "linear_2d", "exp", "log")


@click.command(help=__doc__)
@params_option(__file__, "udl", "1_1")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    line, plane = params["line"], params["plane"]
    x = arange(params["line_x"])
    y = linear_function(line["beta"], [line["omega"]], x)
    write("linear_1d", curve(x, y, xlim=(0, 10), ylim=(0, 10), xlabel="x", ylabel="y"))
    x1, x2 = np.meshgrid(arange(params["plane_x"]), arange(params["plane_x"]))
    write("linear_2d", heat_map(x1, x2, linear_function(plane["beta"], plane["omega"], x1, x2)))
    x = arange(params["exp_x"])
    write("exp", curve(x, np.exp(x), xlim=(-5, 5), ylim=(0, 100), xlabel="x", ylabel="exp[x]"))
    x = arange(params["log_x"])
    write("log", curve(x, np.log(x), xlim=(0, 5), ylim=(-5, 5), xlabel="x", ylabel=r"$\log[x]$"))
    write.check_complete()

    eq = params["equations"]
    one_by_one = [linear_function(b, w, *eq["x"]) for b, w in zip(eq["beta"], eq["omega"], strict=True)]
    at_once = linear_map(eq["beta"], eq["omega"], eq["x"])
    numbers = {f"y{i}": float(v) for i, v in enumerate(one_by_one, 1)}
    numbers |= {f"y{i}_matrix_form": float(v) for i, v in enumerate(at_once, 1)}
    save_json(metrics, numbers)


if __name__ == "__main__":
    main()
