"""Notebook 17.2: one seeded segment of Monte Carlo estimates (expectation, reparam or score)."""

from __future__ import annotations

import click

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.config import arange
from figrepro.io import save_json, save_npz
from figrepro.montecarlo import batch_logger, run_batches
from figrepro.random_streams import legacy_generator
from figrepro.udl.latent import reparam


@click.command(help=__doc__)
@click.option("--segment", type=click.Choice(reparam.SEGMENTS), required=True)
@params_option(__file__, "udl", "17_2")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="results .npz")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True, help="metrics .json")
@fail_cleanly
def main(segment: str, params: dict, out: str, metrics: str) -> None:
    log = Log(f"17_2 {segment}")
    phi_grid = arange(params["phi_grid"])
    batches = reparam.segment_batches(segment, params, phi_grid)
    total = sum(b.n_estimates * b.n_samples for b in batches)
    log(f"{len(batches)} estimates, {total:,} draws from the legacy stream seeded {params['seed']}")

    rs = legacy_generator(params["seed"])
    estimates = [e[0] for e in run_batches(rs, batches, params["chunk"], batch_logger(log, batches))]
    curve, numbers = reparam.segment_results(segment, params, len(phi_grid), estimates)
    log(", ".join(f"{k} = {v!r}" for k, v in numbers.items()))
    save_npz(out, phi=phi_grid, estimate=curve)
    save_json(metrics, numbers)


if __name__ == "__main__":
    main()
