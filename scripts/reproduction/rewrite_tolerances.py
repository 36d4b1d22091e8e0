"""Derive the tolerances of ``reference/`` again after the rules for them changed, keeping every
value, hash and thumbnail (the reference stays that of the machine that made it)."""

from __future__ import annotations

import click

from figrepro.cli import fail_cleanly, params_option
from figrepro.reproduction import reference


@click.command(help=__doc__)
@params_option(__file__, "reproduction")
@click.option("--reference-dir", type=click.Path(file_okay=False, exists=True), required=True)
@fail_cleanly
def main(params: dict, reference_dir: str) -> None:
    rms = reference.rms_tolerances(params["rms_tolerance"], params["rms_tolerance_trained"])
    n = reference.rewrite_tolerances(reference_dir, rms)
    click.echo(f"rewrote the tolerances of {n} numbers and of the figures in {reference_dir}/; values kept")


if __name__ == "__main__":
    main()
