"""Notebook 17.1: likelihood, data density and posterior on grids, plus ancestral samples."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.config import arange
from figrepro.io import save_json, save_npz
from figrepro.random_streams import source_generator
from figrepro.udl.latent import latent_1d as lvm


@click.command(help=__doc__)
@params_option(__file__, "udl", "17_1")
@click.option("--seed", type=int, required=True, help="base seed (the notebook sets none)")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="results .npz")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True, help="metrics .json")
@fail_cleanly
def main(params: dict, seed: int, out: str, metrics: str) -> None:
    log = Log("17_1")
    z, x1, x2 = (arange(params[k]) for k in ("z_grid", "x1_grid", "x2_grid"))
    s2 = params["sigma_sq"]
    density = lvm.data_density(x1, x2, z, s2)
    post_x = params["posterior_x"]
    posterior = lvm.posterior(post_x[0], post_x[1], z, s2)
    samples = lvm.sample(source_generator(seed, 17, 1), params["n_samples"], s2)
    m1, m2 = lvm.f(z)
    cell = (x1[1] - x1[0]) * (x2[1] - x2[0])
    save_npz(
        out,
        z=z,
        prior=lvm.prior(z),
        f1=m1,
        f2=m2,
        x1=x1,
        x2=x2,
        likelihood=lvm.likelihood(x1, x2, params["likelihood_z"], s2),
        density=density,
        samples=samples,
        posterior=posterior,
    )
    numbers = {
        "density_mass": float(density.sum() * cell),
        "posterior_argmax_z": float(z[np.argmax(posterior)]),
    }
    save_json(metrics, numbers)
    log(f"density mass {numbers['density_mass']:.6f}, posterior argmax z {numbers['posterior_argmax_z']:.2f}")


if __name__ == "__main__":
    main()
