"""Notebook 18.1: forward diffusion of mixture samples, then five paths from x = kernel_x.

One legacy stream seeded as the notebook (seed 6): mixture samples, T diffusion steps of
all of them, then T steps of the five kernel paths.
"""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.io import save_npz
from figrepro.random_streams import legacy_generator
from figrepro.udl.diffusion import forward as diffusion
from figrepro.udl.diffusion.mixture import TRUE_MIXTURE


@click.command()
@params_option(__file__, "udl", "18_1")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="results .npz")
@fail_cleanly
def main(params: dict, out: str) -> None:
    log = Log("18_1 forward")
    rs = legacy_generator(params["seed"])
    T, beta = params["T"], params["beta"]
    x = TRUE_MIXTURE.sample(rs, params["n_samples"])
    paths = diffusion.forward(rs, x, beta, T)
    kernel_paths = diffusion.forward(rs, np.full(5, float(params["kernel_x"])), beta, T)
    save_npz(out, z=paths, kernel_paths=kernel_paths)
    log(f"diffused {x.size:,} samples for {T} steps; std at t={T}: {paths[-1].std():.4f}")


if __name__ == "__main__":
    main()
