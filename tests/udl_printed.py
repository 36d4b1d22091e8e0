"""What UDL notebooks 1.1 to 7.1 print or state, each at the precision they print it, and the
check that the script tests and the workflow's smoke build both apply to results/metrics.json."""

from __future__ import annotations

from collections.abc import Mapping

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
PRINTED: dict[str, dict[str, tuple[float, int]]] = {
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
}


def as_printed(value: float, decimals: int) -> str:
    """``value`` as the notebook's ``%.<decimals>f`` shows it (no negative zero)."""
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def check_printed_numbers(metrics: Mapping[str, Mapping[str, float]]) -> None:
    """Every printed number of these notebooks, as the notebook prints it."""
    for source, numbers in PRINTED.items():
        for key, (value, decimals) in numbers.items():
            got = metrics[source][key]
            assert as_printed(got, decimals) == as_printed(value, decimals), f"{source} {key}: {got!r}"
