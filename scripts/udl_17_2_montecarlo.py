"""Notebook 17.2: one seeded segment of Monte Carlo estimates (expectation, reparam or score)."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.grids import arange
from figrepro.io import save_json, save_npz
from figrepro.montecarlo import run_batches
from figrepro.random_streams import legacy_generator
from figrepro.udl import reparam


@click.command()
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

    def done(i: int, est: np.ndarray) -> None:
        if batches[i].n_samples >= 10**6 and batches[i].label.split()[-1] != "curve":
            log(f"{batches[i].label} = {est[0]!r}")

    est = [e[0] for e in run_batches(legacy_generator(params["seed"]), batches, params["chunk"], done)]
    n_grid = len(phi_grid)
    if segment == "expectation":
        k = len(params["phi_expectation"])
        numbers = {
            f"expectation_phi_{p}": float(v) for p, v in zip(params["phi_expectation"], est[:k], strict=True)
        }
        curve = np.array(est[k : k + n_grid])
    else:
        phi = params["phi_gradient"]
        numbers = {f"{segment}_grad_phi_{phi}": float(est[0])}
        curve = np.array(est[1 : 1 + n_grid])
        if segment == "score":
            pairs = np.array(est[1 + n_grid :]).reshape(-1, 2)
            vphi = params["variance"]["phi"]
            numbers[f"var_reparam_phi_{vphi}"] = float(np.var(pairs[:, 0]))
            numbers[f"var_score_phi_{vphi}"] = float(np.var(pairs[:, 1]))
            log(
                f"variances at phi={vphi}: reparam {numbers[f'var_reparam_phi_{vphi}']:.5g}, "
                f"score {numbers[f'var_score_phi_{vphi}']:.5g}"
            )
    save_npz(out, phi=phi_grid, estimate=curve)
    save_json(metrics, numbers)


if __name__ == "__main__":
    main()
