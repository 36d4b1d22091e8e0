"""Lecture 4, the coin model: the Gaussian Q (logit space) fitted by KL(Q || P) and by the ELBO,
the log evidence, and KL - (-ELBO) at one (mu, sigma)."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option, result_options
from figrepro.distributions import normal_logpdf
from figrepro.io import save_json, save_npz
from figrepro.lecture4.brute_force import brute_minimise
from figrepro.lecture4.coin import CoinModel, gaussian_in_theta

LOGIT_SPAN, THETA_SPAN = (-5.0, 5.0), (0.0, 1.0)  # the lecture's two panels


@click.command(help=__doc__)
@params_option(__file__, "lecture4")
@result_options
@fail_cleanly
def main(params: dict, out: str, metrics: str) -> None:
    log, cfg, search = Log("lecture4_coin"), params["coin"], params["search"]
    coin, n = CoinModel.of(cfg["flips"]), search["integration_points"]
    losses = {
        "kl": lambda m, s: coin.kl_loss(m, s, n),
        "elbo": lambda m, s: coin.negative_elbo(m, s, n),
    }
    found = {
        name: brute_minimise(
            loss,
            tuple(cfg["mu"]),
            tuple(cfg["sigma"]),
            search["grid_points"],
            search["chunk"],
            search["polish_xtol"],
            search["polish_ftol"],
        )
        for name, loss in losses.items()
    }
    for name, r in found.items():
        log(f"Q by {name}: mu {r.mu!r}, sigma {r.sigma!r}")
    log_evidence = coin.log_evidence(tuple(cfg["evidence_span"]), cfg["evidence_points"])
    mu, sigma = (np.asarray(v) for v in cfg["check_at"])
    difference = float(losses["kl"](mu, sigma) - losses["elbo"](mu, sigma))
    log(f"log evidence {log_evidence!r} (exact {coin.log_evidence_exact()!r}); KL - (-ELBO) {difference!r}")

    y = np.linspace(*LOGIT_SPAN, params["curve_points"])
    theta = np.linspace(*THETA_SPAN, params["curve_points"])
    curves = {
        "logit": y,
        "theta": theta,
        "posterior_logit": np.exp(coin.log_posterior(y)),
        "posterior_theta": coin.posterior_density_theta(theta),
    }
    for name, r in found.items():
        curves[f"{name}_q_logit"] = np.exp(normal_logpdf(y, r.mu, r.sigma))
        curves[f"{name}_q_theta"] = gaussian_in_theta(theta, r.mu, r.sigma)
    save_npz(out, **curves)
    save_json(
        metrics,
        {
            "coin_kl_mu": found["kl"].mu,
            "coin_kl_sigma": found["kl"].sigma,
            "coin_elbo_mu": found["elbo"].mu,
            "coin_elbo_sigma": found["elbo"].sigma,
            "log_evidence": log_evidence,
            "log_evidence_exact": coin.log_evidence_exact(),
            "kl_minus_neg_elbo": difference,
        },
    )


if __name__ == "__main__":
    main()
