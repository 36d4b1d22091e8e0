"""Assignment 3, posteriors: the grid posterior p(z|x) against q(z|x) for one test image; for the
top half of another, the grid posterior p(z|x_top), a Gaussian fitted to it by stochastic
variational inference (from the prior and from the grid posterior's modes, the best ELBO kept) beside
the best diagonal Gaussian on the grid, and completions of the bottom half drawn through the fit.
"""

from __future__ import annotations

import click
import numpy as np
import torch

from figrepro.cli import Log, fail_cleanly, params_option, parse_section
from figrepro.grid2d import Grid, grid_kl, log_integrate, zoom_window
from figrepro.io import save_json, save_npz
from figrepro.vae.decodings import completions
from figrepro.vae.evidence_settings import Settings
from figrepro.vae.jobs import load_job_inputs, model_job_options
from figrepro.vae.latent_grid import LogJoint, grid_log_joint
from figrepro.vae.log_evidence import Evidence, Integrator
from figrepro.vae.mnist import TOP_HALF
from figrepro.vae.model import VAE
from figrepro.vae.runtime import torch_stream
from figrepro.vae.svi import best_gaussian, fit_gaussian, gaussian_on_grid, svi_starts


def _grid_posterior(
    model: VAE,
    x: np.ndarray,
    settings: Settings,
    pixels: slice,
    extra: list[tuple[np.ndarray, np.ndarray]],
    window_sd: float,
    window_points: int,
) -> tuple[Grid, np.ndarray, Evidence]:
    """log p(z|x) on a window round the posterior's mass (and round the ``extra`` Gaussians), each
    given as (mean, sd): the posterior found and normalised as log p(x) is (``log_evidence``).
    Returns the window, log p(z|x) on it and the integration's result."""
    evidence = Integrator(settings)(LogJoint(model, x[None], pixels))
    means, sds = [evidence.mean[0], *(m for m, _ in extra)], [evidence.sd[0], *(s for _, s in extra)]
    window = zoom_window(means, sds, window_sd, window_points)
    log_post = grid_log_joint(model, x[None], window, pixels)[0] - evidence.log_px[0]
    return window, log_post, evidence


@click.command(help=__doc__)
@params_option(__file__, "vae", "posterior")
@click.option("--svi", "svi_raw", default="{}", help="config section vae.svi as JSON")
@click.option("--integration", "integration_raw", default="{}", help="config section vae.evaluate as JSON")
@model_job_options
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="grids .npz")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True)
@fail_cleanly
def main(
    params: dict,
    svi_raw: str,
    integration_raw: str,
    seed: int,
    threads: int,
    data: str,
    model_path: str,
    out: str,
    metrics: str,
) -> None:
    svi = parse_section(__file__, svi_raw, "vae", "svi")
    settings = Settings.from_config(parse_section(__file__, integration_raw, "vae", "evaluate"))
    log = Log("vae posteriors")
    arrays, model = load_job_inputs(data, model_path, threads)
    x_test = arrays["x_test"].astype(np.float64)
    generator = torch_stream(seed, "posterior")
    window = (params["window_sd"], params["window_points"])

    x = x_test[params["image"]]
    with torch.no_grad():
        mu_t, log_var_t = model.encode(torch.from_numpy(x).float())
    q_mu, q_sigma = mu_t.double().numpy(), np.exp(0.5 * log_var_t.double().numpy())
    grid, log_post, posterior = _grid_posterior(model, x, settings, slice(None), [(q_mu, q_sigma)], *window)
    post_mean, post_sd = posterior.mean[0], posterior.sd[0]
    log_q = gaussian_on_grid(grid, q_mu, q_sigma)
    kl_encoder = grid_kl(log_q, log_post, grid.spacing)
    log(
        f"image {params['image']}: p(z|x) mean {post_mean}, sd {post_sd}; q mean {q_mu}, sd {q_sigma}; "
        f"KL(q||p) {kl_encoder:.4f}"
    )

    x_top = x_test[params["top_half_image"], TOP_HALF]
    top_grid, log_top, top = _grid_posterior(model, x_top, settings, TOP_HALF, [], *window)
    top_mean, top_sd = top.mean[0], top.sd[0]
    x_top_t = torch.from_numpy(x_top).float()
    start_mu, start_sigma = svi_starts(log_top, top_grid, svi["n_starts"], generator)
    fit = fit_gaussian(
        lambda z: model.log_joint(x_top_t, z, TOP_HALF),
        steps=svi["steps"],
        samples=svi["samples"],
        lr=svi["lr"],
        generator=generator,
        start_mu=start_mu,
        start_sigma=start_sigma,
    )
    for k in range(len(start_mu)):
        log(
            f"SVI start {k}: mean {start_mu[k]}, sd {start_sigma[k]} -> mean {fit.final_mu[k]}, "
            f"sd {fit.final_sigma[k]}; ELBO {fit.final_elbo[k]:.4f}"
        )
    log_svi = gaussian_on_grid(top_grid, fit.mu, fit.sigma)
    kl_svi = grid_kl(log_svi, log_top, top_grid.spacing)
    best = best_gaussian(log_top, top_grid, list(zip(fit.final_mu, fit.final_sigma, strict=True)))
    log(
        f"top half of image {params['top_half_image']}: p(z|x_top) mean {top_mean}, sd {top_sd}; "
        f"SVI (start {fit.kept} kept) mean {fit.mu}, sd {fit.sigma}; KL(q||p) {kl_svi:.4f}; "
        f"best diagonal Gaussian mean {best.mu}, sd {best.sigma}; KL(q||p) {best.kl:.4f}"
    )
    filled = completions(model, x_top, fit.mu, fit.sigma, svi["n_completions"], generator)

    save_npz(
        out,
        image=x,
        z1=grid.z1,
        z2=grid.z2,
        log_posterior=log_post,
        log_q=log_q,
        q_mu=q_mu,
        q_sigma=q_sigma,
        top_image=x_test[params["top_half_image"]],
        top_z1=top_grid.z1,
        top_z2=top_grid.z2,
        top_log_posterior=log_top,
        top_log_svi=log_svi,
        svi_mu=fit.mu,
        svi_sigma=fit.sigma,
        svi_elbo=fit.elbo,
        svi_start_mu=start_mu,
        svi_start_sigma=start_sigma,
        svi_final_mu=fit.final_mu,
        svi_final_sigma=fit.final_sigma,
        svi_final_elbo=fit.final_elbo,
        svi_kept=fit.kept,
        completions=filled,
    )
    save_json(
        metrics,
        {
            "posterior_mean": post_mean.tolist(),
            "posterior_std": post_sd.tolist(),
            "encoder_mu": q_mu.tolist(),
            "encoder_sigma": q_sigma.tolist(),
            "kl_encoder_to_grid_posterior": kl_encoder,
            "posterior_window_log_mass": float(log_integrate(log_post, grid.spacing)),
            "top_half_window_log_mass": float(log_integrate(log_top, top_grid.spacing)),
            "top_half_posterior_mean": top_mean.tolist(),
            "top_half_posterior_std": top_sd.tolist(),
            "svi_mu": fit.mu.astype(float).tolist(),
            "svi_sigma": fit.sigma.astype(float).tolist(),
            "svi_kl_to_grid_posterior": kl_svi,
            "best_gaussian_kl_to_grid_posterior": best.kl,
            "best_gaussian_mu": best.mu.tolist(),
            "best_gaussian_sigma": best.sigma.tolist(),
        },
    )


if __name__ == "__main__":
    main()
