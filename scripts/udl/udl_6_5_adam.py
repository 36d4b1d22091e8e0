"""Notebook 6.5: gradient descent with a small and a large step, normalised gradients and Adam on an
elongated bowl (fig. 6.9). Four figures; where each path ends."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.udl.optimisation.finite_differences import central_gradient_of
from figrepro.udl.optimisation.optimisers import adam, gradient_descent, normalized_gradients
from figrepro.udl.optimisation.plots import Trace, loss_surface
from figrepro.udl.optimisation.toy_losses import elongated_bowl

PATH_COLOUR = "#a0d9d3ff"


#: the figures it draws (--figure NAME=PATH)
FIGURES = ("gd_small_step", "gd_large_step", "normalized", "adam")


@click.command(help=__doc__)
@params_option(__file__, "udl", "6_5")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    gradient = central_gradient_of(elongated_bowl, params["finite_difference_delta"])
    start = np.array(params["start"], dtype=float)
    small, large, normalised, adaptive = (
        params["gd_small_step"],
        params["gd_large_step"],
        params["normalized"],
        params["adam"],
    )
    paths = {
        "gd_small_step": gradient_descent(gradient, start, small["step"], small["n_steps"]),
        "gd_large_step": gradient_descent(gradient, start, large["step"], large["n_steps"]),
        "normalized": normalized_gradients(
            gradient, start, normalised["step"], normalised["n_steps"], normalised["epsilon"]
        ),
        "adam": adam(
            gradient,
            start,
            adaptive["step"],
            adaptive["n_steps"],
            adaptive["beta"],
            adaptive["gamma"],
            adaptive["epsilon"],
        ),
    }
    grid = arange(params["grid"])
    phi0, phi1 = np.meshgrid(grid, grid)
    values = elongated_bowl(phi0, phi1)
    for name, path in paths.items():  # each run is drawn under its own name
        traces = (
            Trace(path, "-", {"color": PATH_COLOUR}),
            Trace(path, ".", {"color": PATH_COLOUR, "markersize": 10}),
        )
        write(
            name,
            loss_surface(
                phi0,
                phi1,
                values,
                lines=20,
                size=(7, 7),
                labels=(r"$\phi_{0}$", r"$\phi_{1}$"),
                traces=traces,
            ),
        )
    write.check_complete()
    save_json(metrics, {f"final_phi_{name}": [float(v) for v in path[-1]] for name, path in paths.items()})


if __name__ == "__main__":
    main()
