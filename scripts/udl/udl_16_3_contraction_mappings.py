"""Notebook 16.3: fixed-point iteration on contraction mappings, and the inversion of y = z + f[z]
(like fig. 16.9). Seven figures; the fixed points found and the inverse."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter, new_figure
from figrepro.udl.flows.contraction import Map, fixed_point_iteration, invert_residual, wavy_line


def draw(
    z: np.ndarray, curves: list[tuple[np.ndarray, str]], ylabel: str, point: tuple[float, float] | None
) -> object:
    """Curves over z in [0, 1] with the identity dashed and a red dot at ``point``."""
    fig, ax = new_figure()
    for values, style in curves:
        ax.plot(z, values, style)
    ax.plot([0, 1], [0, 1], "k--")
    if point is not None:
        ax.plot(*point, "ro")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Input, $z$")
    ax.set_ylabel(ylabel)
    return fig


#: the figures it draws (--figure NAME=PATH)
FIGURES = ("f", "f_fixed_point", "f2", "f2_fixed_point", "f3", "f3_iterates", "inverse")


@click.command(help=__doc__)
@params_option(__file__, "udl", "16_3")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    log = Log("16_3")
    write = FigureWriter(figures, dpi)
    z = arange(params["z"])
    n_iter, starts = params["n_iter"], params["starts"]
    maps: dict[str, Map] = {name: wavy_line(*params[name]) for name in ("f", "f2", "f3", "f4")}
    ends = {}
    for name, point_figure in (("f", "f_fixed_point"), ("f2", "f2_fixed_point"), ("f3", "f3_iterates")):
        iterates = fixed_point_iteration(maps[name], starts[name], n_iter)
        log(f"{name} from z = {starts[name]}: " + ", ".join(f"{v:.6f}" for v in iterates))
        ends[name] = float(iterates[-1])
        write(name, draw(z, [(maps[name](z), "c-")], "Output, f$[z]$", None))
        write(point_figure, draw(z, [(maps[name](z), "c-")], "Output, f$[z]$", (ends[name], ends[name])))
    y = params["y"]
    inverse = float(invert_residual(maps["f4"], y, starts["inverse"], n_iter)[-1])
    curves = [(z + maps["f4"](z), "c-"), (y - maps["f4"](z), "r-")]
    write("inverse", draw(z, curves, "Output, z+f$[z]$", (inverse, y)))
    write.check_complete()
    save_json(
        metrics,
        {
            "fixed_point_f": ends["f"],
            "fixed_point_f2": ends["f2"],
            "f3_after_20_iterations": ends["f3"],
            "inverse_z": inverse,
        },
    )


if __name__ == "__main__":
    main()
