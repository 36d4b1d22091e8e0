"""Notebook 3.4: the shallow network of fig. 3.3 with ReLU, steep sigmoid, Heaviside and linear
activations. Ten figures, no numbers."""

from __future__ import annotations

from functools import partial

import click

from figrepro.cli import fail_cleanly, figure_options, params_option
from figrepro.config import arange
from figrepro.plotting import FigureWriter, curve
from figrepro.udl.networks import plots as network_plots
from figrepro.udl.networks.activations import Activation, heaviside, linear, relu, sigmoid
from figrepro.udl.networks.networks import ShallowNet

#: the figures it draws (--figure NAME=PATH)
FIGURES = (
    "relu_build_up",
    "relu_output",
    "sigmoid",
    "sigmoid_build_up",
    "sigmoid_output",
    "heaviside",
    "heaviside_build_up",
    "heaviside_output",
    "linear_build_up",
    "linear_output",
)


@click.command(help=__doc__)
@params_option(__file__, "udl", "3_4")
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    x, z = arange(params["x"]), arange(params["activation_z"])
    steep_sigmoid = partial(sigmoid, slope=params["sigmoid_slope"])
    lin = partial(linear, a=params["linear"]["a"], b=params["linear"]["b"])

    def network(activation: Activation, section: str, build_up: str, output: str) -> None:
        stages = ShallowNet.from_params(params[section]).stages(x, activation)
        write(build_up, network_plots.build_up(x, stages))
        write(output, network_plots.output(x, stages.y))

    network(relu, "relu_network", "relu_build_up", "relu_output")
    write("sigmoid", curve(z, steep_sigmoid(z), xlim=(-1, 1), ylim=(0, 1), xlabel="z", ylabel="sig[z]"))
    network(steep_sigmoid, "network", "sigmoid_build_up", "sigmoid_output")
    write("heaviside", curve(z, heaviside(z), xlim=(-1, 1), ylim=(-2, 2), xlabel="z", ylabel="heaviside[z]"))
    network(heaviside, "network", "heaviside_build_up", "heaviside_output")
    network(lin, "network", "linear_build_up", "linear_output")
    write.check_complete()


if __name__ == "__main__":
    main()
