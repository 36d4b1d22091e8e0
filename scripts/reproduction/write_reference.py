"""Rewrite ``reference/`` from the build: every number with its tolerance, every figure's sha256
and thumbnail, and the environment they were made in."""

from __future__ import annotations

import click

from figrepro.cli import fail_cleanly, params_option
from figrepro.reproduction import reference


@click.command(help=__doc__)
@click.option("--metrics", type=click.Path(dir_okay=False), required=True, help="results/metrics.json")
@click.option("--manifest", type=click.Path(dir_okay=False), required=True, help="figures/all")
@params_option(__file__, "reproduction")
@click.option("--out-dir", type=click.Path(file_okay=False), required=True)
@fail_cleanly
def main(metrics: str, manifest: str, params: dict, out_dir: str) -> None:
    rms = reference.rms_tolerances(params["rms_tolerance"], params["rms_tolerance_trained"])
    n = reference.write(out_dir, metrics, manifest, params["thumbnail_dpi"], rms)
    click.echo(f"wrote {out_dir}/: {n} figures and every number of {metrics}")


if __name__ == "__main__":
    main()
