"""Notebook 6.2: gradient descent with line search on a straight line fitted to 12 points (fig. 6.1).
Fourteen figures; the loss and gradient the notebook checks, the loss after each step and the end."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.udl.optimisation import straight_line
from figrepro.udl.optimisation.finite_differences import forward_gradient
from figrepro.udl.optimisation.optimisers import line_search_descent
from figrepro.udl.optimisation.plots import Trace, loss_surface, model_fit

DATA = (straight_line.X, straight_line.Y)


def loss(phi: np.ndarray) -> float:
    return float(straight_line.loss(phi[0], phi[1]))


def line(phi: np.ndarray, x: np.ndarray, title: str) -> object:
    return model_fit(DATA, x, phi[0] + phi[1] * x, xlim=(0, 2), ylim=(0, 2), title=title, equal_aspect=True)


#: the figures it draws (--figure NAME=PATH)
FIGURES = ("initial_model", "loss_surface", "start", *(f"iteration_{i}" for i in range(1, 11)), "path")


@click.command(help=__doc__)
@params_option(__file__, "udl", "6_2")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    x = arange(params["model_x"])
    initial = np.array(params["initial_phi"], dtype=float)
    search = params["line_search"]
    path = line_search_descent(
        loss, straight_line.gradient, np.array(params["start"], dtype=float), params["n_steps"],
        search["max_dist"], search["thresh"], search["max_iter"],
    )  # fmt: skip
    losses = [loss(phi) for phi in path]

    write("initial_model", line(initial, x, "Initial parameters"))
    surface = params["surface"]
    intercept, slope = np.meshgrid(arange(surface["intercept"]), arange(surface["slope"]))
    values = straight_line.loss(intercept, slope)
    labels = (r"Intercept $\phi_{0}$", r"Slope, $\phi_{1}$")
    write(
        "loss_surface",
        loss_surface(intercept, slope, values, lines=40, size=(8, 8), labels=labels, ylim=(1, -1)),
    )
    write("start", line(path[0], x, f"Initial parameters, Loss = {losses[0]:f}"))
    iterations = write.series("iteration_")
    for step, figure in enumerate(iterations, 1):
        write(figure, line(path[step], x, f"Iteration {step}, loss = {losses[step]:f}"))
    write(
        "path",
        loss_surface(
            intercept,
            slope,
            values,
            lines=40,
            size=(8, 8),
            labels=labels,
            traces=(Trace(path),),
            ylim=(1, -1),
        ),
    )
    write.check_complete()
    save_json(
        metrics,
        {
            "initial_loss": loss(initial),
            "gradient": [float(g) for g in straight_line.gradient(initial)],
            "gradient_finite_difference": [
                float(g) for g in forward_gradient(loss, initial, params["finite_difference_delta"])
            ],
            "losses": losses,
            "final_phi": [float(v) for v in path[-1]],
        },
    )


if __name__ == "__main__":
    main()
