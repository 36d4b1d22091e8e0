"""Notebook 4.1: one shallow network fed into another (fig. 4.1), with each network varied in turn
and a network fed into a copy of itself. Fourteen figures; the number of linear regions of each
composition (the notebook's questions) goes into the metrics."""

from __future__ import annotations

import click

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.udl.networks import plots as network_plots
from figrepro.udl.networks.networks import ShallowNet, linear_regions

#: the figures it draws (--figure NAME=PATH)
FIGURES = (
    *(
        f"{pair}{kind}"
        for pair in ("networks", "changed_net2", "changed_net1", "net1_twice")
        for kind in ("", "_again", "_composition")
    ),
    "three_layer_networks",
    "three_layer_composition",
)


@click.command(help=__doc__)
@params_option(__file__, "udl", "4_1")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    x = arange(params["x"])
    net1, net2 = ShallowNet.from_params(params["net1"]), ShallowNet.from_params(params["net2"])
    net2_changed = net2.with_phi_scaled(1, params["net2_phi1_factor"])
    net1_changed = net1.with_phi_scaled(1, params["net1_phi1_factor"])
    regions = {}

    def experiment(name: str, first: ShallowNet, second: ShallowNet, figure: str) -> None:
        """The two networks (figure ``<figure>``), the same again, and the second applied to the
        first's output (``<figure>_composition``)."""
        inner, outer = first(x), second(x)
        composed = second(inner)
        write(figure, network_plots.two_networks(x, inner, outer))
        write(f"{figure}_again", network_plots.two_networks(x, inner, outer))
        write(f"{figure}_composition", network_plots.composition(x, composed))
        regions[f"linear_regions_{name}"] = linear_regions(x, composed)

    experiment("net2_of_net1", net1, net2, "networks")
    experiment("changed_net2_of_net1", net1, net2_changed, "changed_net2")
    experiment("net2_of_changed_net1", net1_changed, net2, "changed_net1")
    experiment("net1_of_net1", net1, net1, "net1_twice")
    twice = net1(net1(x))
    three_layers = net2(twice)
    write("three_layer_networks", network_plots.two_networks(x, twice, net2(x)))
    write("three_layer_composition", network_plots.composition(x, three_layers))
    regions["linear_regions_net2_of_net1_of_net1"] = linear_regions(x, three_layers)
    write.check_complete()
    save_json(metrics, regions)


if __name__ == "__main__":
    main()
