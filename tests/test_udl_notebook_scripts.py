"""The one-job scripts of the UDL notebooks (chapters 1 to 9, 16, 18.1, 21 and the blog): every figure of
their records and the numbers that must agree, as the smoke build ran them; run in-process, the
parameters a reader changes and one-line refusals of bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from script_runner import run

from figrepro.records import one_job_notebooks

#: notebook id -> its record (one job each: its script computes the numbers and draws the figures)
NOTEBOOKS = {record.config[-1]: record for record in one_job_notebooks()}
SCRIPTS = {nb: Path(record.job.script).stem for nb, record in NOTEBOOKS.items()}


def arguments(nb: str, out: Path, *params: str) -> list[str]:
    """What the notebook's rule passes, with the outputs under ``out`` and figures at 40 dpi."""
    record, args = NOTEBOOKS[nb], list(params)
    if record.metrics_file:
        args += ["--metrics", str(out / "metrics.json")]
    for fig in record.figures:
        args += ["--figure", f"{fig.name}={out / 'figures' / fig.slug}.pdf"]
    if record.figures:
        args += ["--dpi", "40"]
    if record.takes_seed:
        args += ["--seed", "1"]
    return args


@pytest.mark.workflow  # every notebook's job as the smoke build ran it (at the notebook's own constants)
def test_each_notebook_draws_exactly_its_records_figures(smoke_build: Path) -> None:
    for nb, record in NOTEBOOKS.items():
        drawn = sorted(p.name for p in (smoke_build / "figures" / "udl" / nb).glob("*"))
        assert drawn == sorted(Path(fig.path("pdf")).name for fig in record.figures), nb
        assert all((smoke_build / fig.path("pdf")).stat().st_size > 1000 for fig in record.figures), nb


@pytest.mark.workflow
def test_numbers_that_must_agree_within_a_notebook(smoke_build: Path) -> None:
    """What the notebooks print is checked in test_workflow.py; here, what several of one notebook's
    numbers must share (the same fit found three ways, two forms of one network)."""
    metrics = json.loads((smoke_build / "results/metrics.json").read_text())
    forms = metrics["udl/4_3"]
    assert forms["matrix_vs_scalar_max_abs_diff_net1"] < 1e-12
    assert forms["matrix_vs_scalar_max_abs_diff_composed"] < 1e-12
    best = metrics["udl/5_1"]
    assert best["max_likelihood_beta1"] == best["min_nll_beta1"] == best["min_sum_of_squares_beta1"]
    assert best["max_likelihood_sigma"] == best["min_nll_sigma"] == best["best_sigma"]
    assert metrics["udl/5_2"]["max_likelihood_beta1"] == metrics["udl/5_2"]["best_beta1"]
    regions = metrics["udl/4_1"]
    assert regions["linear_regions_net2_of_net1_of_net1"] > regions["linear_regions_net2_of_net1"] > 3


@pytest.mark.slow
def test_21_1_draws_the_prefilled_thresholds_when_asked(tmp_path: Path) -> None:
    params = json.dumps({"thresholds": "prefilled"})
    res = run(SCRIPTS["21_1"], *arguments("21_1", tmp_path, "--params", params))
    assert res.exit_code == 0, res.output
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["thresholds_drawn_parity"] == [0.3, -0.1]
    assert metrics["thresholds_drawn_opportunity"] == [-0.1, -0.7]


@pytest.mark.slow
def test_a_hand_fitted_3_1_network_changes_the_loss(tmp_path: Path) -> None:
    """The notebook asks the reader to fit the network by hand: udl."3_1".fit holds those parameters."""
    fit = {"theta": [[0.3, -1.0], [-1.0, 2.0], [-0.5, 0.65]], "phi": [0.3, -2.0, -1.0, 7.0]}
    res = run(SCRIPTS["3_1"], *arguments("3_1", tmp_path, "--params", json.dumps({"fit": fit})))
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "metrics.json").read_text())["loss"] != pytest.approx(9.385, abs=1e-3)


@pytest.mark.parametrize(
    ("nb", "params", "message"),
    [
        ("5_1", {"sigma": 0}, 'udl."5_1".sigma'),
        ("5_3", {"network": {"beta_0": ["a"]}}, 'udl."5_3".network.beta_0[0]'),
        ("3_4", {"network": {"theta": [[0.3, -1.0]], "phi": [0.0, 1.0]}}, 'udl."3_4".network.theta'),
        ("7_1", {"beta": [1.0, 2.0]}, 'udl."7_1".beta'),
        ("21_1", {"thresholds": "fair"}, 'udl."21_1".thresholds'),
        ("6_3", {"sgd": {"batch_size": 0}}, 'udl."6_3".sgd.batch_size'),
    ],
)
def test_bad_params_name_the_key_and_write_nothing(
    tmp_path: Path, nb: str, params: dict, message: str
) -> None:
    res = run(SCRIPTS[nb], *arguments(nb, tmp_path, "--params", json.dumps(params)))
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output
    assert not list(tmp_path.iterdir())
