"""Notebooks 18.2-18.4: fit the per-timestep lookup models on samples of the true mixture.

``--target mean`` (18.2) predicts z_{t-1} - z_t; ``--target noise`` (18.3, reused by 18.4)
predicts the noise eps. The tables and their settings go into one .npz.
"""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, parse_section
from figrepro.io import save_npz
from figrepro.random_streams import source_generator
from figrepro.udl.diffusion import training
from figrepro.udl.diffusion.lookup import BinGrid
from figrepro.udl.diffusion.mixture import TRUE_MIXTURE

NOTEBOOK = {"mean": "18_2", "noise": "18_3"}


@click.command(help=__doc__)
@click.option("--target", type=click.Choice(sorted(NOTEBOOK)), required=True)
@click.option(
    "--params",
    "raw_params",
    default="{}",
    help="config section udl.18_2 (mean) or udl.18_3 (noise) as JSON",
)
@click.option("--seed", type=int, required=True, help="base seed (the notebooks set none)")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="tables .npz")
@fail_cleanly
def main(target: str, raw_params: str, seed: int, out: str) -> None:
    nb = NOTEBOOK[target]
    params = parse_section(__file__, raw_params, "udl", nb)
    log = Log(f"{nb} train")
    rng = source_generator(seed, 18, int(nb[-1]), 0)
    x = TRUE_MIXTURE.sample(rng, params["n_train"])
    grid = BinGrid(params["table_max_abs"], params["table_bin_width"])
    fit = training.fit_mean_tables if target == "mean" else training.fit_noise_tables
    tables = fit(rng, x, params["beta"], params["T"], grid)
    if not np.all(np.isfinite(tables)):
        raise FloatingPointError(f"training {nb} produced non-finite table values")
    save_npz(
        out,
        tables=tables,
        target=np.str_(target),
        beta=np.float64(params["beta"]),
        max_abs=np.float64(grid.max_abs),
        bin_width=np.float64(grid.width),
    )
    log(f"fitted {tables.shape[0]} tables of {tables.shape[1]} bins on {x.size:,} samples")


if __name__ == "__main__":
    main()
