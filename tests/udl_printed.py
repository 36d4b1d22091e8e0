"""What UDL notebooks 1.1 to 7.1 and chapter 6 print or state, each at the precision they print it, and the
check that the script tests and the workflow's smoke build both apply to results/metrics.json."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest

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


def check_printed_numbers(metrics: Mapping[str, Mapping[str, Any]]) -> None:
    """Every printed number of these notebooks, as the notebook prints it (lists element by element)."""
    for source, numbers in PRINTED.items():
        for key, (value, decimals) in numbers.items():
            got = metrics[source][key]
            values, gots = (value, got) if isinstance(value, list) else ([value], [got])
            assert len(gots) == len(values), f"{source} {key}: {got!r}"
            for v, g in zip(values, gots, strict=True):
                assert as_printed(g, decimals) == as_printed(v, decimals), f"{source} {key}: {got!r}"
    for source, numbers in TITLES.items():
        for key, (index, value, decimals) in numbers.items():
            got = metrics[source][key][index]
            assert as_printed(got, decimals) == as_printed(value, decimals), (
                f"{source} {key}[{index}]: {got!r}"
            )


def check_chapters_6_to_21(metrics: dict) -> None:
    """What the notebooks of chapters 6-21 and the blog show, in numbers."""
    flow = metrics["udl/gradient_flow"]
    assert [flow["ml_slope"], flow["ml_intercept"]] == pytest.approx([0.625, -0.175])  # np.polyfit's
    assert flow["loss_t20"] < flow["loss_t0"] / 100
    assert flow["phi_t20"] == pytest.approx([0.625, -0.175], abs=0.03)
    assert len(metrics["udl/6_1"]["brackets"]) == 10
    for name in ("line_search", "fixed_step", "sgd"):
        losses = metrics["udl/6_3"][f"losses_{name}"]
        assert len(losses) == 7 and losses[-1] < losses[0]
    momentum = metrics["udl/6_4"]
    assert (
        max(momentum[f"final_loss_{n}"] for n in ("sgd", "momentum", "nesterov")) < momentum["initial_loss"]
    )
    assert metrics["udl/6_5"]["final_phi_adam"] == pytest.approx([0.7, 0.0], abs=0.1)
    implicit = metrics["udl/9_2"]  # the regularised flow ends near the finite steps, the plain flow does not
    gap = np.subtract(implicit["end_continuous_regularized"], implicit["end_finite_step"])
    assert np.linalg.norm(gap) < 0.5 * np.linalg.norm(
        np.subtract(implicit["end_continuous"], implicit["end_finite_step"])
    )
    bayes = metrics["udl/9_4"]
    assert len(bayes["posterior_mean"]) == 6 and min(bayes["predictive_std"]) > 0
    contraction = metrics["udl/16_3"]
    assert contraction["fixed_point_f"] == pytest.approx(
        0.3 + 0.5 * contraction["fixed_point_f"] + 0.02 * np.sin(15 * contraction["fixed_point_f"]), abs=1e-3
    )
    assert abs(contraction["f3_after_20_iterations"]) > 1
    fair = metrics["udl/21_1"]
    assert fair["p_loan_parity"] == pytest.approx([0.6, 0.6], abs=0.005)
    assert fair["tpr_opportunity"] == pytest.approx([0.8, 0.8], abs=0.005)
    assert fair["thresholds_drawn_parity"] == fair["thresholds_parity"]  # the default draws the solved ones
    assert abs(fair["p_loan_prefilled_parity"][0] - 0.6) > 0.1  # the notebook leaves the tuning to the reader
