"""Notebook 3.1: the ReLU, the shallow network built up unit by unit (fig. 3.3), and its least squares
loss on the 20 training points. Seven figures and the loss."""

from __future__ import annotations

import click

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter, curve
from figrepro.udl.losses.likelihoods import sum_of_squares
from figrepro.udl.networks import plots as network_plots
from figrepro.udl.networks.activations import relu
from figrepro.udl.networks.networks import ShallowNet
from figrepro.udl.networks.toy_data import X_TRAIN, Y_REGRESSION_3_1

#: the figures it draws (--figure NAME=PATH)
FIGURES = (
    "relu",
    *(f"{prefix}{kind}" for prefix in ("", "experiment_", "fit_") for kind in ("build_up", "output")),
)


@click.command(help=__doc__)
@params_option(__file__, "udl", "3_1")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    z = arange(params["relu_z"])
    write(
        "relu",
        curve(z, relu(z), xlim=(-5, 5), ylim=(-5, 5), xlabel="z", ylabel="ReLU[z]", equal_aspect=True),
    )

    x = arange(params["x"])
    for key, build_up, output in (
        ("network", "build_up", "output"),
        ("experiment", "experiment_build_up", "experiment_output"),
        ("fit", "fit_build_up", "fit_output"),
    ):
        stages = ShallowNet.from_params(params[key]).stages(x)
        data = (X_TRAIN, Y_REGRESSION_3_1) if key == "fit" else None
        write(build_up, network_plots.build_up(x, stages))
        write(output, network_plots.output(x, stages.y, data))
    write.check_complete()

    fit = ShallowNet.from_params(params["fit"])
    save_json(metrics, {"loss": float(sum_of_squares(Y_REGRESSION_3_1, fit(X_TRAIN)))})


if __name__ == "__main__":
    main()
