"""Notebook 9.2: gradient descent with a finite step leaves the continuous flow, and the flow on the
loss plus an implicit regulariser follows it again (fig. 9.3, eq. 9.8). Four figures; where the three
paths end and the regulariser's largest value on the grid."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.udl.optimisation.finite_differences import central_gradient_of
from figrepro.udl.optimisation.optimisers import gradient_descent
from figrepro.udl.optimisation.plots import Trace, loss_surface
from figrepro.udl.regularization import implicit_regularization as ir


def surface(phi0: np.ndarray, phi1: np.ndarray, values: np.ndarray, *paths: Trace) -> object:
    return loss_surface(
        phi0, phi1, values, lines=20, size=(7, 7), labels=(r"$\phi_{0}$", r"$\phi_{1}$"), traces=paths
    )


#: the figures it draws (--figure NAME=PATH)
FIGURES = ("paths", "regularizer", "regularized_loss", "regularized_paths")


@click.command(help=__doc__)
@params_option(__file__, "udl", "9_2")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    start = np.array(params["start"], dtype=float)
    flow, finite = params["continuous"], params["finite_step"]
    loss_gradient = central_gradient_of(ir.loss, ir.DELTA)
    regularised_gradient = central_gradient_of(ir.regularised_loss(params["flow_alpha"]), ir.DELTA)
    continuous = gradient_descent(loss_gradient, start, flow["step"], flow["n_steps"])
    finite_step = gradient_descent(loss_gradient, start, finite["step"], finite["n_steps"])
    continuous_regularised = gradient_descent(regularised_gradient, start, flow["step"], flow["n_steps"])

    grid = arange(params["grid"])
    phi0, phi1 = np.meshgrid(grid, grid)
    alpha = params["regularizer_alpha"]
    regulariser = ir.regulariser(phi0, phi1, alpha)
    regularised = ir.loss(phi0, phi1) + regulariser
    red = Trace(finite_step, "ro-")
    write("paths", surface(phi0, phi1, ir.loss(phi0, phi1), red, Trace(continuous, "b-")))
    write("regularizer", surface(phi0, phi1, regulariser))
    write("regularized_loss", surface(phi0, phi1, regularised))
    write("regularized_paths", surface(phi0, phi1, regularised, red, Trace(continuous_regularised, "b-")))
    write.check_complete()
    save_json(
        metrics,
        {
            "end_continuous": [float(v) for v in continuous[-1]],
            "end_finite_step": [float(v) for v in finite_step[-1]],
            "end_continuous_regularized": [float(v) for v in continuous_regularised[-1]],
            "regularizer_max": float(regulariser.max()),
        },
    )


if __name__ == "__main__":
    main()
