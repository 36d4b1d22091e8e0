"""What UDL notebooks 1.1 to 7.1 and chapter 6 print or state, each at the precision they print it, and the
check that the script tests and the workflow's smoke build both apply to results/metrics.json."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest

from figrepro.records import RECORDS, as_printed
from figrepro.records.udl import TOY_MODEL_7_1  # noqa: F401 (re-exported)

#: source -> metric -> (the printed value, decimals printed), of the UDL notebooks
PRINTED = {s: dict(r.printed) for s, r in RECORDS.items() if s.startswith("udl/") and r.printed}
#: source -> metric -> (index, value, decimals) of the numbers the titles print
TITLES = {s: dict(r.title_numbers) for s, r in RECORDS.items() if r.title_numbers}


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
