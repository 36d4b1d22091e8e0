"""How far the numbers that magnify rounding move when every loss value is off by an ulp at random,
against the tolerance the reproduction check gives them (``figrepro.reproduction.tolerances``).

Another CPU takes other vector code paths (AVX2, AVX-512), whose ``exp`` differs in its last bit;
an ulp of random noise on every loss value is a harsher version of that. Each tolerance should be
about ten times the largest move. Notebook 6.5's small-step path, held to rounding (1e-9 relative, 1e-12
absolute), is shown as a control: its second coordinate converges to -2e-12 and moves by up to 6e-13
under this noise, more than another CPU moves it.

Usage: python bench/rounding_sensitivity.py [--runs 60]   (about 6 minutes)
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import numpy as np

from figrepro.config import shipped_config
from figrepro.lecture4 import divergence as dv
from figrepro.lecture4.brute_force import brute_minimise
from figrepro.lecture4.coin import CoinModel
from figrepro.records import RECORDS
from figrepro.reproduction.tolerances import tolerance
from figrepro.udl.optimisation.finite_differences import central_gradient_of
from figrepro.udl.optimisation.optimisers import gradient_descent
from figrepro.udl.optimisation.toy_losses import elongated_bowl
from figrepro.udl.regularization import implicit_regularization as ir

ROOT = Path(__file__).resolve().parents[1]
Loss = Callable[[np.ndarray, np.ndarray], np.ndarray]
#: a case: (source, key, the number computed from a loss wrapper, applied to every loss it uses)
Case = tuple[str, str, Callable[[Callable[[Loss], Loss]], np.ndarray]]


def off_by_an_ulp(rng: np.random.Generator) -> Callable[[Loss], Loss]:
    """Wrap a loss so each value it returns is multiplied by 1 - eps, 1 or 1 + eps, at random."""

    def wrap(loss: Loss) -> Loss:
        def noisy(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            value = loss(a, b)
            return value * (1.0 + np.finfo(float).eps * rng.integers(-1, 2, np.shape(value)))

        return noisy

    return wrap


def magnified(key: str) -> str:
    """The source whose record lists ``key`` among the numbers that magnify rounding."""
    (source,) = (s for s, record in RECORDS.items() if key in record.rounding)
    return source


def section(cfg: dict, source: str) -> dict:
    node = cfg
    for part in RECORDS[source].config:
        node = node[part]
    return node


def cases(cfg: dict) -> list[Case]:
    lecture = cfg["lecture4"]
    bowl_source, flow_source = magnified("final_phi_gd_large_step"), magnified("end_continuous_regularized")
    bowl, flow = section(cfg, bowl_source), section(cfg, flow_source)

    def descent(loss: Loss, delta: float, start: list[float], step: float, n_steps: int) -> np.ndarray:
        return gradient_descent(central_gradient_of(loss, delta), np.array(start), step, n_steps)[-1]

    def bowl_run(which: str) -> Callable[[Callable[[Loss], Loss]], np.ndarray]:
        run = bowl[which]
        delta = bowl["finite_difference_delta"]
        return lambda wrap: descent(wrap(elongated_bowl), delta, bowl["start"], run["step"], run["n_steps"])

    def regularised_flow(wrap: Callable[[Loss], Loss]) -> np.ndarray:
        original = ir.loss
        ir.loss = wrap(original)  # the regulariser calls the module's loss, so it sees the noise too
        try:
            loss = ir.regularised_loss(flow["flow_alpha"])
            return descent(
                loss, ir.DELTA, flow["start"], flow["continuous"]["step"], flow["continuous"]["n_steps"]
            )
        finally:
            ir.loss = original

    search, coin_cfg = lecture["search"], lecture["coin"]
    coin, n = CoinModel.of(coin_cfg["flips"]), search["integration_points"]

    def fit(
        loss: Loss, mu: list[float], sigma: list[float]
    ) -> Callable[[Callable[[Loss], Loss]], np.ndarray]:
        def run(wrap: Callable[[Loss], Loss]) -> np.ndarray:
            found = brute_minimise(
                wrap(loss),
                tuple(mu),
                tuple(sigma),
                search["grid_points"],
                search["chunk"],
                search["polish_xtol"],
                search["polish_ftol"],
            )
            return np.array([found.mu, found.sigma])

        return run

    return [
        (bowl_source, "final_phi_gd_large_step", bowl_run("gd_large_step")),
        (bowl_source, "final_phi_gd_small_step", bowl_run("gd_small_step")),  # the control
        (flow_source, "end_continuous_regularized", regularised_flow),
        (
            "lecture4",
            "coin_elbo_mu, _sigma",
            fit(lambda m, s: coin.negative_elbo(m, s, n), coin_cfg["mu"], coin_cfg["sigma"]),
        ),
        (
            "lecture4",
            "coin_kl_mu, _sigma",
            fit(lambda m, s: coin.kl_loss(m, s, n), coin_cfg["mu"], coin_cfg["sigma"]),
        ),
        (
            "lecture4",
            "mode_seeking_mu, _sigma",
            fit(
                lambda m, s: dv.kl_normal_to(dv.MIXTURE.logpdf, m, s, n),
                search["mixture_mu"],
                search["mixture_sigma"],
            ),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60, help="perturbed runs per number")
    args = parser.parse_args()
    cfg = shipped_config(ROOT)
    rng = np.random.default_rng(0)
    print(f"{'number':45s} {'largest move':>12s} {'allowed':>9s}  tolerance")
    for source, key, compute in cases(cfg):
        exact = compute(lambda loss: loss)
        tol = tolerance(source, key.split(",")[0], {})
        allowed = tol.abs + tol.rel * np.abs(exact)
        moves = np.max([np.abs(compute(off_by_an_ulp(rng)) - exact) for _ in range(args.runs)], axis=0)
        worst = int(np.argmax(moves / allowed))  # the element nearest its tolerance
        print(f"{source + ' ' + key:45s} {moves[worst]:12.2g} {allowed[worst]:9.2g}  {tol.describe()}")


if __name__ == "__main__":
    main()
