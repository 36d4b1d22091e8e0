"""Lecture 4, KL divergence: KL(P || N(0,1)) by the trapezoid rule and by Monte Carlo, and the
Gaussians Q closest to the mixture P in KL(Q || P) (mode seeking) and KL(P || Q) (mass covering)."""

from __future__ import annotations

from functools import partial

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option, result_options
from figrepro.distributions import normal_logpdf
from figrepro.io import save_json, save_npz
from figrepro.lecture4 import divergence as dv
from figrepro.lecture4.brute_force import brute_minimise
from figrepro.lecture4.monte_carlo import monte_carlo_kl_to_standard_normal

PLOT_SPAN = (-4.0, 8.0)  # the lecture's x range for P and Q


@click.command(help=__doc__)
@params_option(__file__, "lecture4")
@result_options
@fail_cleanly
def main(params: dict, out: str, metrics: str) -> None:
    log, mix, kl_cfg, search = Log("lecture4_kl"), dv.MIXTURE, params["mixture_kl"], params["search"]
    x = np.linspace(*kl_cfg["trapz_span"], kl_cfg["trapz_points"])
    trapz = float(dv.trapezoid_kl(mix.logpdf(x), normal_logpdf(x), x))
    log(f"KL(P || N(0,1)) by the trapezoid rule: {trapz!r}")
    mc = monte_carlo_kl_to_standard_normal(mix, kl_cfg["mc_samples"], params["seed"], kl_cfg["chunk"])
    log(f"... by Monte Carlo ({kl_cfg['mc_samples']} draws): {mc!r}")
    search_in = partial(
        brute_minimise,
        mu_range=tuple(search["mixture_mu"]),
        sigma_range=tuple(search["mixture_sigma"]),
        points=search["grid_points"],
        chunk=search["chunk"],
        xtol=search["polish_xtol"],
        ftol=search["polish_ftol"],
    )
    n = search["integration_points"]
    found = {
        "mode_seeking": search_in(lambda m, s: dv.kl_normal_to(mix.logpdf, m, s, n)),
        "mass_covering": search_in(
            lambda m, s: dv.kl_to_normal(mix.logpdf, m, s, tuple(search["mass_covering_span"]), n)
        ),
    }
    for name, r in found.items():
        log(f"{name}: mu {r.mu!r}, sigma {r.sigma!r}, loss {r.loss!r}")
    curve_x = np.linspace(*PLOT_SPAN, params["curve_points"])
    save_npz(
        out,
        x=curve_x,
        p=mix.pdf(curve_x),
        standard_normal=np.exp(normal_logpdf(curve_x)),
        **{f"{name}_q": np.exp(normal_logpdf(curve_x, r.mu, r.sigma)) for name, r in found.items()},
        **{f"{name}_grid_loss": r.grid_loss for name, r in found.items()},
    )
    values = {"kl_mixture_trapz": trapz, "kl_mixture_mc": mc}
    for name, r in found.items():
        values |= {f"{name}_mu": r.mu, f"{name}_sigma": r.sigma, f"{name}_kl": r.loss}
    save_json(metrics, values)


if __name__ == "__main__":
    main()
