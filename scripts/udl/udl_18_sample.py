"""Notebooks 18.2-18.4: draw samples from a trained lookup model with one of four samplers.

mean (18.2, eq. 18.16), noise (18.3, Alg. 18.2), ddim and accelerated (18.4, DDIM eq. 12
over every step / ``accelerated_steps`` jumps) using the 18.3 noise tables.
"""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, parse_section
from figrepro.io import load_npz, save_json, save_npy, save_npz
from figrepro.random_streams import source_generator
from figrepro.sample_stats import summary
from figrepro.udl.diffusion import forward as diffusion
from figrepro.udl.diffusion import sampling
from figrepro.udl.diffusion.lookup import BinGrid
from figrepro.udl.diffusion.mixture import TRUE_MIXTURE

SAMPLERS = {  # sampler -> (config section, table kind, stream tag)
    "mean": ("18_2", "mean", (18, 2, 1)),
    "noise": ("18_3", "noise", (18, 3, 1)),
    "ddim": ("18_4", "noise", (18, 4, 1)),
    "accelerated": ("18_4", "noise", (18, 4, 2)),
}


@click.command(help=__doc__)
@click.option("--sampler", type=click.Choice(list(SAMPLERS)), required=True)
@click.option("--params", "raw_params", default="{}", help="config section of the sampler's notebook as JSON")
@click.option("--seed", type=int, required=True, help="base seed (the notebooks set none)")
@click.option("--tables", type=click.Path(dir_okay=False), required=True, help="trained tables .npz")
@click.option("--out-samples", type=click.Path(dir_okay=False), required=True, help="final samples .npy")
@click.option("--out-paths", type=click.Path(dir_okay=False), required=True, help="kept paths .npz")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True, help="metrics .json")
@fail_cleanly
def main(
    sampler: str,
    raw_params: str,
    seed: int,
    tables: str,
    out_samples: str,
    out_paths: str,
    metrics: str,
) -> None:
    nb, kind, tag = SAMPLERS[sampler]
    params = parse_section(__file__, raw_params, "udl", nb)
    log = Log(f"{nb} sample {sampler}")
    model = load_npz(tables)
    if str(model["target"]) != kind:
        raise click.ClickException(f"{tables} holds {model['target']} tables; sampler {sampler} needs {kind}")
    table = model["tables"]
    grid = BinGrid(float(model["max_abs"]), float(model["bin_width"]))
    beta, T = float(model["beta"]), table.shape[0]
    alpha = diffusion.alphas(beta, T)
    rng = source_generator(seed, *tag)
    n = params["n_samples"]
    if sampler == "mean":
        run = sampling.sample_mean_model(rng, table, grid, params["sigma_t"], n, params["noise_at_last_step"])
    elif sampler == "noise":
        run = sampling.sample_noise_model(
            rng, table, grid, alpha, beta, params["sigma_t"], n, params["noise_at_last_step"]
        )
    else:
        steps = T if sampler == "ddim" else params["accelerated_steps"]
        if T % steps:
            raise click.ClickException(f'udl."18_4".accelerated_steps={steps} must divide T={T}')
        sigma = params["ddim_sigma"] if sampler == "ddim" else params["accelerated_sigma"]
        run = sampling.sample_ddim(rng, table, grid, alpha, sigma, n, sampling.ddim_schedule(T, steps))
    prefix = "samples" if sampler in ("mean", "noise") else sampler
    numbers = summary(prefix, run.samples, TRUE_MIXTURE.cdf)
    save_npy(out_samples, run.samples)
    save_npz(out_paths, paths=run.paths, t=run.timesteps.astype(np.int64))
    save_json(metrics, numbers)
    log(", ".join(f"{k} {v:.4f}" for k, v in numbers.items()))


if __name__ == "__main__":
    main()
