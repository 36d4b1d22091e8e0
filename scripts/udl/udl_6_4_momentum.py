"""Notebook 6.4: stochastic gradient descent, with momentum and with Nesterov momentum, on the Gabor
model (fig. 6.7, eq. 6.11). Eleven figures; the initial loss and where each run ends."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.random_streams import legacy_generator
from figrepro.udl.optimisation import gabor
from figrepro.udl.optimisation.optimisers import momentum_sgd, sgd
from figrepro.udl.optimisation.plots import gabor_model, gabor_surface

#: the figures it draws (--figure NAME=PATH)
FIGURES = (
    "initial_model",
    "loss_surface",
    *(f"{run}_{stage}" for run in ("sgd", "momentum", "nesterov") for stage in ("start", "end", "path")),
)


@click.command(help=__doc__)
@params_option(__file__, "udl", "6_4")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    x = arange(params["model_x"])
    start = np.array(params["start"], dtype=float)
    common = (gabor.batch_gradient, start, params["step"], params["n_steps"])
    batches = (len(gabor.X), params["batch_size"])
    runs = {  # each run reseeds, as the notebook does
        "sgd": sgd(*common, legacy_generator(params["seed"]), *batches),
        "momentum": momentum_sgd(*common, legacy_generator(params["seed"]), *batches, params["beta"]),
        "nesterov": momentum_sgd(
            *common, legacy_generator(params["seed"]), *batches, params["beta"], nesterov=True
        ),
    }

    surface = gabor.loss_grid(arange(params["surface"]["offset"]), arange(params["surface"]["frequency"]))
    write("initial_model", gabor_model(np.array(params["initial_phi"], dtype=float), x, "Initial parameters"))
    write("loss_surface", gabor_surface(*surface))
    numbers: dict[str, object] = {"initial_loss": gabor.loss_at(start)}
    for name, path in runs.items():
        first, last = gabor.loss_at(path[0]), gabor.loss_at(path[-1])
        write(f"{name}_start", gabor_model(path[0], x, f"Initial parameters, Loss = {first:f}"))
        write(f"{name}_end", gabor_model(path[-1], x, f"Iteration {len(path) - 1}, loss = {last:f}"))
        write(f"{name}_path", gabor_surface(*surface, path))
        numbers[f"final_loss_{name}"] = last
        numbers[f"final_phi_{name}"] = [float(v) for v in path[-1]]
    write.check_complete()
    save_json(metrics, numbers)


if __name__ == "__main__":
    main()
