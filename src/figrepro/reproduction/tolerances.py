"""How far each number of ``results/metrics.json`` may move before the reproduction check calls it drift.

A number passes when ``|got - expected| <= abs + rel * |expected|`` element by element. The
tolerance is chosen by what makes the number what it is, first match wins:

1. a number the source states: half a unit in the last decimal it prints;
2. an estimate's own standard error (``<key>_mc_se``): 20%, the spread of an estimated spread;
3. a Monte Carlo estimate with its standard error beside it (``<key>_mc_se``): four of them,
   or the trained model's tolerance where that is wider;
4. a number of a trained model (the VAE, the localization network): what a run on another
   machine or on a GPU meets;
5. a number drawn from a generator the source seeds (NumPy's legacy stream): 1e-12 relative;
6. a number whose computation magnifies rounding (:data:`ROUNDING_MAGNIFIED`, :data:`MINIMISERS`):
   how far it moves when every loss value is off by an ulp, with a margin;
7. anything else is deterministic arithmetic, where only rounding differs between machines.

Rounding differs between machines because NumPy and torch take other vector code paths on other
CPUs (AVX2, AVX-512): ``exp`` and matrix products differ in their last bit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from figrepro.records import RECORDS, stated_decimals

#: sources that seed NumPy's legacy generator (or torch's) as the notebook does
SEEDED_SOURCES = frozenset(source for source, record in RECORDS.items() if record.seeds_generator)
#: trained models: a CUDA run of the VAE agrees with the CPU run to about 3e-4 relative in the
#: gradient means and 1e-6 in the ELBOs (measured); the tolerances leave a factor of 3 to 10
TRAINED_SOURCES = frozenset({"vae", "localization"})
ELBO_PREFIXES = ("elbo", "log_px")
#: numbers of a trained model that relative tolerances do not suit: near zero by construction, or a vote
TRAINED_ABSOLUTE: dict[tuple[str, str], tuple[float, str]] = {
    ("vae", "posterior_log_mass"): (
        5e-4,
        "log p(x) on lattices twice as fine minus log p(x): near zero, a difference of two integrals "
        "whose float32 logits round differently on another machine (~1e-5)",
    ),
    **{
        ("vae", key): (
            1e-4,
            "the log of the posterior's mass on its plotted window: near zero, its float32 logits "
            "round differently on another machine (~1e-5)",
        )
        for key in ("posterior_window_log_mass", "top_half_window_log_mass")
    },
    ("vae", "decoded_class_agreement"): (
        2e-3,
        "a share of 2,000 votes of a nearest-neighbour classifier: another machine's model may tip "
        "a borderline image or two (1/2,000 each)",
    ),
}
MC_STANDARD_ERRORS = 4.0
#: deterministic numbers whose computation magnifies rounding far beyond 1e-9 relative (each record's
#: ``rounding``). Each tolerance is about 10 times the largest move of 60 runs in which every loss value
#: was off by an ulp at random (``python bench/rounding_sensitivity.py``); the move between an AVX2 and
#: an AVX-512 machine is given beside it.
ROUNDING_MAGNIFIED: dict[tuple[str, str], tuple[float, str]] = {
    (source, key): tolerance
    for source, record in RECORDS.items()
    for key, tolerance in record.rounding.items()
}
#: the lecture's fitted (mu, sigma): minimisers polished by Nelder-Mead (``lecture4.search.polish_xtol``)
MINIMISERS = frozenset(
    ("lecture4", f"{fit}_{parameter}")
    for fit in ("mode_seeking", "mass_covering", "coin_kl", "coin_elbo")
    for parameter in ("mu", "sigma")
)
MINIMISER_ABS = 5e-7


@dataclass(frozen=True)
class Tolerance:
    abs: float
    rel: float
    why: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def allows(self, expected: float, got: float) -> bool:
        if expected != expected or got != got:  # NaN matches only NaN
            return expected != expected and got != got
        return abs(got - expected) <= self.abs + self.rel * abs(expected)

    def describe(self) -> str:
        parts = ([f"abs {self.abs:.3g}"] if self.abs else []) + ([f"rel {self.rel:.3g}"] if self.rel else [])
        return " + ".join(parts) or "exact"


def _largest(value: Any) -> float:
    """The largest magnitude in a number or a (nested) list of numbers."""
    if isinstance(value, list):
        return max((_largest(v) for v in value), default=0.0)
    return abs(float(value))


def _trained(source: str, key: str) -> Tolerance:
    if (source, key) in TRAINED_ABSOLUTE:
        absolute, why = TRAINED_ABSOLUTE[source, key]
        return Tolerance(absolute, 0.0, why)
    if source == "vae" and key.startswith(ELBO_PREFIXES):
        return Tolerance(
            1e-9, 1e-5, "trained model: an ELBO moves by ~1e-6 relative on another machine or a GPU"
        )
    if source == "vae":
        return Tolerance(1e-6, 1e-3, "trained model: ~3e-4 relative on another machine or a GPU")
    return Tolerance(1e-4, 1e-3, "trained network: Adam's path differs in rounding between machines")


def tolerance(source: str, key: str, metrics: Mapping[str, Any]) -> Tolerance:
    """The tolerance of ``metrics[key]``, one of ``source``'s numbers (``metrics`` is all of them)."""
    decimals = stated_decimals(source, key)
    if decimals is not None:
        return Tolerance(0.5 * 10.0**-decimals, 0.0, f"stated by the source to {decimals} decimals")
    if key.endswith("_mc_se"):
        return Tolerance(0.0, 0.2, "a standard error estimated from the same draws")
    se_key = f"{key}_mc_se"
    if se_key in metrics:
        spread = Tolerance(
            MC_STANDARD_ERRORS * _largest(metrics[se_key]), 0.0, "Monte Carlo estimate: 4 standard errors"
        )
        if source in TRAINED_SOURCES:
            trained = _trained(source, key)
            if trained.abs + trained.rel * _largest(metrics[key]) > spread.abs:
                return trained
        return spread
    if source in TRAINED_SOURCES:
        return _trained(source, key)
    if source in SEEDED_SOURCES:
        return Tolerance(1e-15, 1e-12, "the source seeds its generator: the same stream, the same number")
    if (source, key) in ROUNDING_MAGNIFIED:
        magnified, why = ROUNDING_MAGNIFIED[source, key]
        return Tolerance(magnified, 0.0, why)
    if (source, key) in MINIMISERS:
        return Tolerance(
            MINIMISER_ABS,
            0.0,
            "a minimiser: at a flat minimum rounding fixes the point only to about the square root of the "
            "machine epsilon: up to 5.2e-8 (AVX2 against AVX-512: 1.9e-8)",
        )
    return Tolerance(1e-12, 1e-9, "deterministic: only rounding differs between machines")
