"""Assignment 3, evaluation: train and test ELBO, and log p(x) of every test image by integration
over the latent plane (``figrepro.vae.log_evidence``: a lattice of each image's own, wherever its
posterior lies).

Every image gets an ELBO estimate with its Monte Carlo standard error; a test image whose ELBO
exceeds its log p(x) by more than 3 standard errors would break the bound, and is counted. The
first ``n_images`` test images are listed in the metrics with a far more precise ELBO, and their
log p(x) is integrated again on lattices twice as fine.
"""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.io import save_json, save_npz
from figrepro.vae.elbo import elbo_per_image
from figrepro.vae.evidence_settings import Settings
from figrepro.vae.jobs import load_job_inputs, model_job_options
from figrepro.vae.latent_grid import LogJoint
from figrepro.vae.log_evidence import Integrator
from figrepro.vae.runtime import torch_stream

BOUND_SE = 3.0  # an ELBO more than this many standard errors above log p(x) breaks the bound


def _mean_and_se(means: np.ndarray, variances: np.ndarray, n_samples: int) -> tuple[float, float]:
    """The set's mean ELBO and the Monte Carlo standard error of that mean."""
    return float(means.mean()), float(np.sqrt(variances.sum() / n_samples) / len(means))


@click.command(help=__doc__)
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
    test_se = np.sqrt(test_var / s)
    elbo_train, se_train = _mean_and_se(train_mean, train_var, s)
    elbo_test, se_test = _mean_and_se(test_mean, test_var, s)
    log(f"ELBO ({s} samples per image): train {elbo_train:.3f} +/- {se_train:.3f}")
    log(f"ELBO ({s} samples per image): test {elbo_test:.3f} +/- {se_test:.3f}")

    settings = Settings.from_config(params)
    evidence = Integrator(settings, log)(LogJoint(model, arrays["x_test"]))
    log_px = evidence.log_px
    violations = int(np.sum(test_mean - BOUND_SE * test_se > log_px))
    gap = log_px - test_mean
    log(
        f"log p(x): mean over the test set {log_px.mean():.3f}; "
        f"log p(x) - ELBO from {gap.min():.3f} to {gap.max():.3f}"
    )
    log(f"test images whose ELBO exceeds log p(x) by more than {BOUND_SE:g} standard errors: {violations}")

    n = params["n_images"]
    listed = arrays["x_test"][:n]
    listed_elbo, listed_var = elbo_per_image(model, listed, params["image_elbo_samples"], generator)
    listed_se = np.sqrt(listed_var / params["image_elbo_samples"])
    halved = Integrator(settings.halved())(LogJoint(model, listed)).log_px
    change = halved - log_px[:n]
    worst = int(np.argmax(np.abs(change)))
    log(f"on lattices twice as fine, the listed images' log p(x) move by {np.abs(change).max():.2e} at most")
    for i in range(n):
        log(f"test image {i}: log p(x) {log_px[i]:.4f}, ELBO {listed_elbo[i]:.4f} +/- {listed_se[i]:.4f}")

    save_npz(
        out,
        elbo_train=train_mean,
        elbo_test=test_mean,
        elbo_test_se=test_se,
        bound_se=BOUND_SE,
        bound_violations=violations,
        log_px_test=log_px,
        log_px_listed_halved=halved,
        posterior_mean=evidence.mean,
        posterior_sd=evidence.sd,
        posterior_modes=evidence.modes,
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
            "log_px_per_image": log_px[:n].tolist(),
            "elbo_per_image": listed_elbo.tolist(),
            "elbo_per_image_mc_se": listed_se.tolist(),
            "bound_violations": violations,
            "posterior_log_mass": float(change[worst]),
        },
    )


if __name__ == "__main__":
    main()
