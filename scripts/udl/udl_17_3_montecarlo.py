"""Notebook 17.3: one seeded segment: a 10^8-sample reference, then estimates per sample size."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.io import save_json, save_npz
from figrepro.montecarlo import batch_logger, run_batches
from figrepro.random_streams import legacy_generator
from figrepro.udl.latent import importance


@click.command(help=__doc__)
@click.option("--estimator", type=click.Choice(importance.ESTIMATORS), required=True)
@params_option(__file__, "udl", "17_3")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="results .npz")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True, help="metrics .json")
@fail_cleanly
def main(estimator: str, params: dict, out: str, metrics: str) -> None:
    log = Log(f"17_3 {estimator}")
    sizes = params["sample_sizes"]
    batches = importance.estimator_batches(
        estimator, params["n_reference"], params["n_estimates"], sizes, params["proposal_mean"]
    )
    results = run_batches(
        legacy_generator(params["seed"]), batches, params["chunk"], batch_logger(log, batches)
    )
    reference = float(results[0][0])
    log(f"reference estimate ({params['n_reference']:,} samples) = {reference!r}")
    save_npz(
        out,
        n=np.asarray(sizes, float),
        mean=np.array([r.mean() for r in results[1:]]),
        var=np.array([r.var() for r in results[1:]]),
        reference=np.float64(reference),
    )
    save_json(metrics, {importance.METRIC_KEYS[estimator]: reference})


if __name__ == "__main__":
    main()
