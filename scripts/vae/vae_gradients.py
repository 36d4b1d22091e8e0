"""Assignment 3, bonus: the reparameterization and score-function estimators of d ELBO / d mu.

For one test image and its q(z|x) from the encoder, draws many independent estimates of each,
every estimate averaging the same number of z samples, and reports their means and variances.
"""

from __future__ import annotations

import click
import numpy as np
import torch

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.io import save_json, save_npz
from figrepro.vae.gradient_estimators import METHODS, gradient_estimates
from figrepro.vae.jobs import load_job_inputs, model_job_options
from figrepro.vae.runtime import torch_stream


@click.command(help=__doc__)
@params_option(__file__, "vae", "gradients")
@click.option(
    "--image", type=click.IntRange(0), default=0, show_default=True, help="test image (vae.posterior.image)"
)
@model_job_options
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="estimates .npz")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True)
@fail_cleanly
def main(
    params: dict, image: int, seed: int, threads: int, data: str, model_path: str, out: str, metrics: str
) -> None:
    log = Log("vae gradients")
    arrays, model = load_job_inputs(data, model_path, threads)
    if image >= len(arrays["x_test"]):
        raise KeyError(
            f"vae.posterior.image: test image {image} does not exist ({len(arrays['x_test'])} images)"
        )
    x = torch.from_numpy(arrays["x_test"][image].astype(np.float32))
    with torch.no_grad():
        mu, log_var = model.encode(x)
    generator = torch_stream(seed, "gradients")
    found = {}
    for method in METHODS:
        estimates = gradient_estimates(
            method,
            lambda z: model.log_joint(x, z),
            mu,
            log_var,
            params["estimates"],
            params["samples"],
            generator,
        )
        found[method] = estimates[:, 0].double().numpy()  # d ELBO / d mu_1
        log(
            f"{method}: mean {found[method].mean():.4f}, variance {found[method].var(ddof=1):.4f} "
            f"over {len(estimates)} estimates of {params['samples']} samples"
        )
    save_npz(out, mu=mu.numpy(), sigma=torch.exp(0.5 * log_var).numpy(), **found)
    save_json(
        metrics,
        {
            f"grad_{stat}_{name}": float(fn(values))
            for name, values in found.items()
            for stat, fn in (("mean", np.mean), ("var", lambda v: np.var(v, ddof=1)))
        },
    )


if __name__ == "__main__":
    main()
