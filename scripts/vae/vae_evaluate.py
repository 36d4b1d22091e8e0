"""Assignment 3, evaluation: train and test ELBO, and log p(x) by integration over the latent grid.

Every test image gets log p(x) (Riemann sum over [-limit, limit]^2, stable log-sum-exp) and an
ELBO estimate; the first ``n_images`` test images are listed in the metrics with a far more
precise ELBO, to check ELBO <= log p(x) image by image.
"""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.grid2d import Grid, log_integrate
from figrepro.io import save_json, save_npz
from figrepro.vae.elbo import elbo_per_image
from figrepro.vae.jobs import load_job_inputs, model_job_options
from figrepro.vae.latent_grid import grid_log_joint, log_evidence
from figrepro.vae.runtime import torch_stream


def _mean_and_se(means: np.ndarray, variances: np.ndarray, n_samples: int) -> tuple[float, float]:
    """The set's mean ELBO and the Monte Carlo standard error of that mean."""
    return float(means.mean()), float(np.sqrt(variances.sum() / n_samples) / len(means))


@click.command()
@params_option(__file__, "vae", "evaluate")
@model_job_options
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="per-image values .npz")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True)
@fail_cleanly
def main(params: dict, seed: int, threads: int, data: str, model_path: str, out: str, metrics: str) -> None:
    log = Log("vae evaluate")
    arrays, model = load_job_inputs(data, model_path, threads)
    generator = torch_stream(seed, "evaluate")
    s = params["elbo_samples"]
    train_mean, train_var = elbo_per_image(model, arrays["x_train"], s, generator)
    test_mean, test_var = elbo_per_image(model, arrays["x_test"], s, generator)
    elbo_train, se_train = _mean_and_se(train_mean, train_var, s)
    elbo_test, se_test = _mean_and_se(test_mean, test_var, s)
    log(f"ELBO ({s} samples per image): train {elbo_train:.3f} +/- {se_train:.3f}")
    log(f"ELBO ({s} samples per image): test {elbo_test:.3f} +/- {se_test:.3f}")

    grid = Grid.square(params["grid_limit"], params["grid_spacing"])
    log_px = log_evidence(model, arrays["x_test"], grid)
    log(f"log p(x) on a {grid.shape[0]}x{grid.shape[1]} grid: mean over the test set {log_px.mean():.3f}")

    listed = arrays["x_test"][: params["n_images"]]
    listed_elbo, listed_var = elbo_per_image(model, listed, params["image_elbo_samples"], generator)
    listed_se = np.sqrt(listed_var / params["image_elbo_samples"])
    log_joint = grid_log_joint(model, listed, grid)
    normalised = log_joint - log_px[: len(listed), None, None]
    posterior_log_mass = log_integrate(normalised, grid.spacing)
    worst = int(np.argmax(np.abs(posterior_log_mass)))
    for i in range(len(listed)):
        log(f"test image {i}: log p(x) {log_px[i]:.4f}, ELBO {listed_elbo[i]:.4f} +/- {listed_se[i]:.4f}")

    save_npz(
        out,
        elbo_train=train_mean,
        elbo_test=test_mean,
        log_px_test=log_px,
        listed_elbo=listed_elbo,
        listed_elbo_se=listed_se,
        y_train=arrays["y_train"],
        y_test=arrays["y_test"],
    )
    save_json(
        metrics,
        {
            "elbo_train": elbo_train,
            "elbo_train_mc_se": se_train,
            "elbo_test": elbo_test,
            "elbo_test_mc_se": se_test,
            "log_px_test_mean": float(log_px.mean()),
            "log_px_grid": log_px[: len(listed)].tolist(),
            "elbo_per_image": listed_elbo.tolist(),
            "elbo_per_image_mc_se": listed_se.tolist(),
            "posterior_log_mass": float(posterior_log_mass[worst]),
        },
    )


if __name__ == "__main__":
    main()
