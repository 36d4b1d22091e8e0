"""What lecture 4 prints, and the check the library tests and the workflow test both apply.

The lecture's searches polish with scipy's default Nelder-Mead tolerance (1e-4) on a float32
objective that is flat at its minimum, so its printed minimisers are only good to a few 1e-4:
its two coin fits, whose objectives differ by a constant and so share one minimiser, differ
by 5e-4. Ours polish to 1e-8 in float64; they match the printed values to SEARCH_TOL.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from figrepro.records import RECORDS

ROUNDED = {key: value for key, (value, _) in RECORDS["lecture4"].printed.items()}
SEARCHES = RECORDS["lecture4"].printed_in_full

SEARCH_TOL = 1e-3


def check_printed_numbers(metrics: Mapping[str, float]) -> None:
    for key, printed in ROUNDED.items():
        assert round(metrics[key], 4) == printed, key
    for key, printed in SEARCHES.items():
        assert metrics[key] == pytest.approx(printed, abs=SEARCH_TOL), key
    assert metrics["autodiff_grad"] == 4.5
