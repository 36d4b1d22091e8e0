"""What the sources print or state, at the precision they print it.

The tests assert each of these against ``results/metrics.json``; the reproduction check's
reference (``figrepro.reproduction``) takes a stated number's tolerance from its decimals.
"""

from __future__ import annotations

from typing import Any

#: notebook 7.1's "true values" of the forward pass, the backward pass and the parameter derivatives
TOY_MODEL_7_1 = {
    "loss": 0.139,
    "f0": 1.230, "h1": 0.942, "f1": 1.623, "h2": 5.068, "f2": 7.137, "h3": 0.657, "f3": 2.372,
    "dl_df3": 0.745, "dl_dh3": 2.234, "dl_df2": -1.683, "dl_dh2": -3.366,
    "dl_df1": -17.060, "dl_dh1": 6.824, "dl_df0": 2.281,
    "dl_dbeta3": 0.745, "dl_domega3": 0.489, "dl_dbeta2": -1.683, "dl_domega2": -8.530,
    "dl_dbeta1": -17.060, "dl_domega1": -16.079, "dl_dbeta0": 2.281, "dl_domega0": 5.246,
}  # fmt: skip

#: source -> metric -> (the printed value, decimals printed)
PRINTED: dict[str, dict[str, tuple[Any, int]]] = {
    "udl/1_1": {
        "y1": (-4.5, 3),
        "y2": (2.9, 3),
        "y1_matrix_form": (-4.5, 3),
        "y2_matrix_form": (2.9, 3),
    },
    "udl/3_1": {"loss": (9.385, 3)},  # "True value = 9.385"
    "udl/5_1": {
        "normal_pdf_example": (0.119, 3),
        "likelihood": (0.000010624, 9),
        "nll": (11.452419564, 9),
        "sum_of_squares": (2.020992572, 9),
        "best_beta1": (0.27, 3),  # the best model's title, beta1=0.270
        "best_sigma": (0.265, 3),  # sigma =0.265
    },
    "udl/5_2": {
        "bernoulli_example_y0": (0.8, 3),
        "bernoulli_example_y1": (0.2, 3),
        "likelihood": (0.000070237, 9),
        "nll": (9.563639387, 9),
        "best_beta1": (1.6, 3),
    },
    "udl/5_3": {
        "likelihood": (0.000000041, 9),
        "nll": (17.015457867, 9),
        "best_beta1_0": (0.6, 3),
    },
    "udl/7_1": {key: (value, 3) for key, value in TOY_MODEL_7_1.items()},
    "udl/6_2": {
        "initial_loss": (12.367, 3),  # "Correct loss = 12.367"
        "gradient": ([-21.904, -26.840], 3),  # "Your gradients: (%3.3f,%3.3f)"
        "gradient_finite_difference": ([-21.903, -26.839], 3),
    },
    "udl/6_3": {
        "initial_loss": (16.419, 3),
        "gradient_at_start": ([3.344, 0.519], 3),
        "gradient_at_start_finite_difference": ([3.344, 0.519], 3),
    },
    "udl/6_4": {"initial_loss": (12.766467, 6)},  # the first title, "Loss = %f"
}
#: numbers printed in the drawn titles that the catalog quotes from a run of the notebook
TITLES = {"udl/6_2": {"losses": (0, 5.020125, 6)}}  # "Initial parameters, Loss = 5.020125"


def as_printed(value: float, decimals: int) -> str:
    """``value`` as the notebook's ``%.<decimals>f`` shows it (no negative zero)."""
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


#: lecture 4: printed to four decimals
LECTURE4_ROUNDED = {
    "kl_mixture_trapz": 4.5455,
    "kl_mixture_mc": 4.5453,
    "log_evidence": -4.0945,
    "kl_minus_neg_elbo": -4.0941,
}
#: lecture 4: printed in full by the brute-force searches
LECTURE4_SEARCHES = {
    "mode_seeking_mu": 3.9999881377443667,
    "mode_seeking_sigma": 0.5004358809677687,
    "mass_covering_mu": 2.0005128485630403,
    "mass_covering_sigma": 2.5248650792965464,
    "coin_kl_mu": -0.32971314278741637,
    "coin_kl_sigma": 0.8174613262442023,
    "coin_elbo_mu": -0.32920583089192673,
    "coin_elbo_sigma": 0.8173004150390624,
}


def stated_decimals(source: str, key: str) -> int | None:
    """How many decimals ``source`` prints ``key`` to, or None where it states no such number."""
    if source in PRINTED and key in PRINTED[source]:
        return PRINTED[source][key][1]
    if source == "lecture4" and key in LECTURE4_ROUNDED:
        return 4
    return None
