"""Notebook 6.3: gradient descent with line search, with a fixed step, and stochastic gradient descent
on the Gabor model (fig. 6.5). Twenty-six figures; the loss and gradient the notebook checks, the loss
in each drawn title and where each run ends."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.random_streams import legacy_generator
from figrepro.udl.optimisation import gabor
from figrepro.udl.optimisation.finite_differences import forward_gradient
from figrepro.udl.optimisation.optimisers import gradient_descent, line_search_descent, sgd
from figrepro.udl.optimisation.plots import gabor_model, gabor_surface

#: the figures it draws (--figure NAME=PATH)
FIGURES = (
    "initial_model",
    "loss_surface",
    *(
        f"{run}_{stage}"
        for run in ("line_search", "fixed_step", "sgd")
        for stage in ("start", *(f"step_{i}" for i in range(1, 7)), "path")
    ),
)


@click.command(help=__doc__)
@params_option(__file__, "udl", "6_3")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    x = arange(params["model_x"])
    initial = np.array(params["initial_phi"], dtype=float)
    searched, fixed, stochastic = params["line_search"], params["fixed_step"], params["sgd"]
    rs = legacy_generator(stochastic["seed"])
    runs = {  # name -> (path, draw every ...th step)
        "line_search": (
            line_search_descent(
                gabor.loss_at, gabor.gradient, np.array(searched["start"], dtype=float), searched["n_steps"],
                searched["max_dist"], searched["thresh"], searched["max_iter"],
            ),
            searched["draw_every"],
        ),
        "fixed_step": (
            gradient_descent(
                gabor.gradient, np.array(fixed["start"], dtype=float), fixed["step"], fixed["n_steps"]
            ),
            fixed["draw_every"],
        ),
        "sgd": (
            sgd(
                gabor.batch_gradient, np.array(stochastic["start"], dtype=float), stochastic["step"],
                stochastic["n_steps"], rs, len(gabor.X), stochastic["batch_size"],
            ),
            stochastic["draw_every"],
        ),
    }  # fmt: skip

    surface = gabor.loss_grid(arange(params["surface"]["offset"]), arange(params["surface"]["frequency"]))
    write("initial_model", gabor_model(initial, x, "Initial parameters"))
    write("loss_surface", gabor_surface(*surface))
    numbers: dict[str, object] = {
        "initial_loss": gabor.loss_at(np.array(params["loss_check_phi"], dtype=float)),
        "gradient_at_start": [float(g) for g in gabor.gradient(initial)],
        "gradient_at_start_finite_difference": [
            float(g) for g in forward_gradient(gabor.loss_at, initial, params["finite_difference_delta"])
        ],
    }
    for name, (path, every) in runs.items():
        drawn = np.arange(1, len(path), every)  # the steps after which the notebook draws
        losses = [gabor.loss_at(path[0]), *(gabor.loss_at(path[step]) for step in drawn)]
        write(f"{name}_start", gabor_model(path[0], x, f"Initial parameters, Loss = {losses[0]:f}"))
        for i, (step, value) in enumerate(zip(drawn, losses[1:], strict=True), 1):
            write(f"{name}_step_{i}", gabor_model(path[step], x, f"Iteration {step}, loss = {value:f}"))
        write(f"{name}_path", gabor_surface(*surface, path))
        numbers[f"losses_{name}"] = losses
        numbers[f"final_phi_{name}"] = [float(v) for v in path[-1]]
    write.check_complete()
    save_json(metrics, numbers)


if __name__ == "__main__":
    main()
