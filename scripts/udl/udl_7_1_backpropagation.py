"""Notebook 7.1: the forward and backward pass of the toy model of section 7.3. No figures;
the 23 values the notebook states go into the metrics."""

from __future__ import annotations

import click

from figrepro.cli import fail_cleanly, metrics_option, params_option
from figrepro.io import save_json
from figrepro.udl.networks import toy_backprop


@click.command(help=__doc__)
@params_option(__file__, "udl", "7_1")
@metrics_option
@fail_cleanly
def main(params: dict, metrics: str) -> None:
    x, y, omega = params["x"], params["y"], params["omega"]
    passed = toy_backprop.forward(x, y, params["beta"], omega)
    save_json(metrics, toy_backprop.named_values(passed, toy_backprop.backward(passed, y, omega)))


if __name__ == "__main__":
    main()
