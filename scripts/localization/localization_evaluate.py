"""Lab 5: q(z|X) against the exact posterior on a grid: moments, KL(q || p), the best Gaussian,
samples of q, and both densities on a window around them for the figures."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.grid2d import zoom_window
from figrepro.io import save_json, save_npz
from figrepro.localization import network
from figrepro.localization import posterior as post
from figrepro.localization.inputs import load_readings
from figrepro.localization.model import SensorModel
from figrepro.localization.streams import numpy_stream
from figrepro.torch_runtime import deterministic_torch

WINDOW_SD, WINDOW_POINTS = 4.0, 201  # the figures' window: both densities' mean -/+ 4 sd


@click.command(help=__doc__)
@params_option(__file__, "localization")
@click.option("--seed", type=int, required=True, help="base seed (the lab sets none)")
@click.option("--readings", type=click.Path(dir_okay=False), required=True)
@click.option("--model", "model_path", type=click.Path(dir_okay=False), required=True)
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="densities and samples (.npz)")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True)
@fail_cleanly
def main(params: dict, seed: int, readings: str, model_path: str, out: str, metrics: str) -> None:
    deterministic_torch(1)
    log, model = Log("localization_evaluate"), SensorModel.from_config(params)
    x = load_readings(readings, model)
    net = network.load_network(model_path)
    q_mean, q_std = network.q_moments(net, network.ELBO(model, x))
    exact = post.exact_posterior(model, x, params["grid"]["limit"], params["grid"]["spacing"])
    p_mean, p_std = exact.moments
    kl_q = post.kl_gaussian_to_posterior(model, x, exact.log_evidence, q_mean, q_std)
    best = post.best_gaussian(model, x, exact)
    log(f"q: mean {q_mean}, std {q_std}; exact posterior: mean {p_mean}, std {p_std}")
    log(f"KL(q || p) {kl_q:.5f}; best diagonal Gaussian {best.kl:.5f} (gap {kl_q - best.kl:.5f})")

    samples = q_mean + q_std * numpy_stream(seed, "samples").standard_normal((params["posterior_samples"], 2))
    window = zoom_window([p_mean, q_mean], [p_std, q_std], WINDOW_SD, WINDOW_POINTS, square=True)
    g1, g2 = np.meshgrid(window.z1, window.z2)
    z = np.stack([g1, g2], axis=-1)
    save_npz(
        out,
        q_mean=q_mean,
        q_std=q_std,
        samples=samples,
        z1=window.z1,
        z2=window.z2,
        log_posterior=model.log_joint(x, z) - exact.log_evidence,
        log_q=post.gaussian_log_density(z, q_mean, q_std),
        kl_q_to_exact=kl_q,
    )
    save_json(
        metrics,
        {
            "q_mean": q_mean.tolist(),
            "q_std": q_std.tolist(),
            "exact_posterior_mean": p_mean.tolist(),
            "exact_posterior_std": p_std.tolist(),
            "kl_q_to_exact": kl_q,
            "kl_best_gaussian": best.kl,
            "kl_gap": kl_q - best.kl,
            "best_gaussian_mean": best.mean.tolist(),
            "best_gaussian_std": best.std.tolist(),
            "q_mean_distance": float(np.linalg.norm(q_mean - p_mean)),
            "log_evidence": exact.log_evidence,
        },
    )


if __name__ == "__main__":
    main()
