"""Notebook 4.1: one shallow network fed into another (fig. 4.1), with each network varied in turn
and a network fed into a copy of itself. Fourteen figures; the number of linear regions of each
composition (the notebook's questions) goes into the metrics."""

from __future__ import annotations

import click

from figrepro import catalog
from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.grids import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.udl import network_plots
from figrepro.udl.networks import ShallowNet, linear_regions


@click.command()
@params_option(__file__, "udl", "4_1")
@metrics_option
@figure_options
@fail_cleanly
def main(params: dict, metrics: str, out_dir: str, fmt: str, dpi: int) -> None:
    write = FigureWriter(out_dir, catalog.slugs("4_1"), fmt, dpi)
    x = arange(params["x"])
    net1, net2 = ShallowNet.from_params(params["net1"]), ShallowNet.from_params(params["net2"])
    net2_changed = net2.with_phi_scaled(1, params["net2_phi1_factor"])
    net1_changed = net1.with_phi_scaled(1, params["net1_phi1_factor"])
    regions = {}

    def experiment(name: str, first: ShallowNet, second: ShallowNet, slugs: tuple[str, str, str]) -> None:
        """The two networks, then the same beside the second applied to the first's output."""
        inner, outer = first(x), second(x)
        composed = second(inner)
        write(slugs[0], network_plots.two_networks(x, inner, outer))
        write(slugs[1], network_plots.two_networks(x, inner, outer))
        write(slugs[2], network_plots.composition(x, composed))
        regions[f"linear_regions_{name}"] = linear_regions(x, composed)

    experiment("net2_of_net1", net1, net2, ("01_networks", "02_networks_again", "03_networks_composition"))
    experiment(
        "changed_net2_of_net1",
        net1,
        net2_changed,
        ("04_changed_net2", "05_changed_net2_again", "06_changed_net2_composition"),
    )
    experiment(
        "net2_of_changed_net1",
        net1_changed,
        net2,
        ("07_changed_net1", "08_changed_net1_again", "09_changed_net1_composition"),
    )
    experiment(
        "net1_of_net1", net1, net1, ("10_net1_twice", "11_net1_twice_again", "12_net1_twice_composition")
    )
    twice = net1(net1(x))
    three_layers = net2(twice)
    write("13_three_layer_networks", network_plots.two_networks(x, twice, net2(x)))
    write("14_three_layer_composition", network_plots.composition(x, three_layers))
    regions["linear_regions_net2_of_net1_of_net1"] = linear_regions(x, three_layers)
    write.check_complete()
    save_json(metrics, regions)


if __name__ == "__main__":
    main()
