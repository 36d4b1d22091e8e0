"""Notebook 4.3: the networks of notebook 4.1 in matrix form (eq. 4.15, fig. 4.6), checked against
the unit-by-unit form, and a random 4-5-2-4-1 network. Four figures; the largest difference
between the two forms goes into the metrics."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.random_streams import source_generator
from figrepro.udl.networks.networks import ShallowNet, composed_layers, forward, hidden_units, random_layers
from figrepro.udl.networks.plots import square_output

#: the figures it draws (--figure NAME=PATH)
FIGURES = ("net1", "net1_matrix", "composed", "composed_matrix")


@click.command(help=__doc__)
@params_option(__file__, "udl", "4_3")
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), required=True, help="for the random network")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, seed: int, metrics: str, figures: dict[str, str], dpi: int) -> None:
    log = Log("4_3")
    write = FigureWriter(figures, dpi)
    x = arange(params["x"])
    net1, net2 = ShallowNet.from_params(params["net1"]), ShallowNet.from_params(params["net2"])
    net1_scalar = net1(x)
    net1_matrix = forward(x[None, :], net1.layers())[0]
    composed_scalar = net2(net1_scalar)
    composed_matrix = forward(x[None, :], composed_layers(net1, net2))[0]
    write("net1", square_output(x, net1_scalar))
    write("net1_matrix", square_output(x, net1_matrix))
    write("composed", square_output(x, composed_scalar))
    write("composed_matrix", square_output(x, composed_matrix))
    write.check_complete()

    deep = params["deep"]
    rng = source_generator(seed, 4, 3)
    inputs = rng.standard_normal((deep["sizes"][0], deep["n_data"]))
    layers = random_layers(rng, deep["sizes"])
    shapes = [h.shape for h in hidden_units(inputs, layers)]
    log(f"random network {deep['sizes']}: hidden shapes {shapes}")
    log(f"inputs\n{inputs}\noutputs\n{forward(inputs, layers)}")
    save_json(
        metrics,
        {
            "matrix_vs_scalar_max_abs_diff_net1": float(np.max(np.abs(net1_matrix - net1_scalar))),
            "matrix_vs_scalar_max_abs_diff_composed": float(
                np.max(np.abs(composed_matrix - composed_scalar))
            ),
        },
    )


if __name__ == "__main__":
    main()
