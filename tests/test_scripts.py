"""The click scripts on tiny inputs: outputs, metrics, and one-line errors."""

from __future__ import annotations

import errno
import gc
import json
import tempfile
from pathlib import Path

import numpy as np
import pytest
from script_runner import run

from figrepro.cli import fail_cleanly


def test_17_2_segment_writes_curve_and_metrics(tmp_path: Path) -> None:
    params = {"n_expectation": 1000, "n_curve": 500, "phi_grid": {"start": -1, "stop": 1, "step": 0.5}}
    res = run(
        "udl_17_2_montecarlo",
        "--segment",
        "expectation",
        "--params",
        json.dumps(params),
        "--out",
        str(tmp_path / "e.npz"),
        "--metrics",
        str(tmp_path / "m.json"),
    )
    assert res.exit_code == 0, res.output
    metrics = json.loads((tmp_path / "m.json").read_text())
    assert set(metrics) == {"expectation_phi_0.5", "expectation_phi_-0.1"}
    with np.load(tmp_path / "e.npz") as data:
        assert data["estimate"].shape == (4,)


def test_bad_params_name_the_key_and_write_nothing(tmp_path: Path) -> None:
    res = run(
        "udl_17_1_integrals",
        "--params",
        '{"sigma_sq": -0.1}',
        "--seed",
        "1",
        "--out",
        str(tmp_path / "i.npz"),
        "--metrics",
        str(tmp_path / "m.json"),
    )
    assert res.exit_code == 2
    assert 'udl."17_1".sigma_sq' in res.output
    assert "Traceback" not in res.output
    assert not list(tmp_path.iterdir())


def test_a_refused_write_is_one_line_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As from a read-only folder (refused by the system; root would pass a real one)."""

    def read_only(*args: object, dir: str, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", dir)

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    out = tmp_path / "results" / "i.npz"
    res = run("udl_17_1_integrals", "--seed", "1", "--out", str(out), "--metrics", str(tmp_path / "m.json"))
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [f"Error: {out}: cannot be written (Permission denied)"]
    assert not out.exists()


def sample(tmp_path: Path, sampler: str, tables: Path, *extra: str) -> object:
    """Run the sampling script, writing into ``tmp_path``."""
    outputs = ["--out-samples", str(tmp_path / "s.npy"), "--out-paths", str(tmp_path / "p.npz")]
    return run(
        "udl_18_sample", "--sampler", sampler, "--seed", "1", "--tables", str(tables),
        *outputs, "--metrics", str(tmp_path / "m.json"), *extra,
    )  # fmt: skip


def test_missing_input_is_named_and_leaves_no_output(tmp_path: Path) -> None:
    res = sample(tmp_path, "ddim", tmp_path / "nope.npz")
    assert res.exit_code == 1
    assert "missing input file" in res.output and "nope.npz" in res.output
    assert not list(tmp_path.iterdir())


@pytest.fixture(scope="module")
def noise_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tables") / "tables.npz"
    res = run(
        "udl_18_train", "--target", "noise", "--params", '{"n_train": 3000}', "--seed", "3", "--out", str(out)
    )
    assert res.exit_code == 0, res.output
    return out


def test_sampler_refuses_tables_of_the_wrong_kind(tmp_path: Path, noise_tables: Path) -> None:
    res = sample(tmp_path, "mean", noise_tables)
    assert res.exit_code == 1 and "needs mean" in res.output
    assert not list(tmp_path.iterdir())


def test_accelerated_sampler_writes_samples_and_metrics(tmp_path: Path, noise_tables: Path) -> None:
    res = sample(tmp_path, "accelerated", noise_tables, "--params", '{"n_samples": 1000}')
    assert res.exit_code == 0, res.output
    assert np.load(tmp_path / "s.npy").shape == (1000,)
    with np.load(tmp_path / "p.npz") as p:
        assert p["t"].tolist() == list(range(0, 101, 5))
    assert set(json.loads((tmp_path / "m.json").read_text())) == {
        f"accelerated_{stat}{se}" for stat in ("mean", "std", "wasserstein1") for se in ("", "_mc_se")
    }


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_monte_carlo_refuses_a_non_finite_estimate(tmp_path: Path) -> None:
    params = {"phi_expectation": [400.0], "n_expectation": 10, "n_curve": 10}
    res = run(
        "udl_17_2_montecarlo", "--segment", "expectation", "--params", json.dumps(params),
        "--out", str(tmp_path / "e.npz"), "--metrics", str(tmp_path / "m.json"),
    )  # fmt: skip
    assert res.exit_code == 1 and "not finite" in res.output
    assert not list(tmp_path.iterdir())


def test_metrics_are_grouped_by_source(tmp_path: Path) -> None:
    a = tmp_path / "results/udl/17_1/metrics_x.json"
    b = tmp_path / "results/udl/17_1/metrics_y.json"
    a.parent.mkdir(parents=True)
    a.write_text('{"p": 1}')
    b.write_text('{"q": 2}')
    out = tmp_path / "results/metrics.json"
    res = run("collect_metrics", str(a), str(b), "--out", str(out))
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text()) == {"udl/17_1": {"p": 1, "q": 2}}
    b.write_text('{"p": 3}')
    assert "also reported" in run("collect_metrics", str(a), str(b), "--out", str(out)).output


def test_a_script_draws_exactly_the_figures_it_is_handed_by_name(tmp_path: Path) -> None:
    """Scripts take each figure's path by name (``--figure NAME=PATH``), the file type from its
    suffix; a name the script does not draw, or a figure it is not handed, is refused."""
    figures = {"true_pdf": "a.png", "samples": "b.svg", "trajectories": "c.pdf"}
    inputs = tmp_path / "samples.npy", tmp_path / "paths.npz"
    np.save(inputs[0], np.zeros(10))
    np.savez(inputs[1], paths=np.zeros((3, 5)), t=np.arange(3))
    args = ["--input", f"samples={inputs[0]}", "--input", f"paths={inputs[1]}", "--dpi", "40"]

    def figure_args(names: dict[str, str]) -> list[str]:
        return [a for name, path in names.items() for a in ("--figure", f"{name}={tmp_path / path}")]

    res = run("plot_udl_18_sampling", *args, *figure_args(figures))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.glob("[abc].*")) == ["a.png", "b.svg", "c.pdf"]
    assert (tmp_path / "a.png").read_bytes().startswith(b"\x89PNG")

    res = run("plot_udl_18_sampling", *args, *figure_args({"true_pdf": "d.png", "histogram": "e.pdf"}))
    assert res.exit_code == 2 and "'histogram' is not one of true_pdf, samples," in res.output
    res = run("plot_udl_18_sampling", *args, "--figure", "true_pdf")
    assert res.exit_code == 2 and "'true_pdf' is not NAME=PATH" in res.output
    res = run("plot_udl_18_sampling", *args[:2], *figure_args({"ddim_samples": "f.pdf"}))
    assert res.exit_code != 0 and "no --input ddim_samples=PATH (given: samples)" in res.output


def test_a_figure_writer_refuses_what_it_was_not_asked_for(tmp_path: Path) -> None:
    from figrepro.plotting import FigureWriter, new_figure

    write = FigureWriter({"loss": tmp_path / "01_loss.pdf", "path": tmp_path / "02_path.pdf"}, 40)
    write("loss", new_figure()[0])
    with pytest.raises(ValueError, match=r"'loss' not asked for .* or drawn twice"):
        write("loss", new_figure()[0])
    with pytest.raises(ValueError, match="'surface' not asked for"):
        write("surface", new_figure()[0])
    with pytest.raises(RuntimeError, match="figures not drawn: path"):
        write.check_complete()
    assert [p.name for p in tmp_path.iterdir()] == ["01_loss.pdf"]
    assert FigureWriter({f"step_{i}": "x" for i in (10, 2, 1)}, 40).series("step_") == [
        "step_1",
        "step_2",
        "step_10",
    ]


def test_a_script_freezes_its_imports_only_as_its_process_command() -> None:
    """As ``python scripts/...`` (its function in ``__main__``) the command freezes what the imports
    made before its work; run in-process, as here, it leaves the test process's collector as it is."""

    def work() -> int:
        return gc.get_freeze_count()

    in_process = fail_cleanly(work)
    work.__module__ = "__main__"
    as_command = fail_cleanly(work)
    frozen = gc.get_freeze_count()  # what conftest.py froze after the collection
    assert in_process() == frozen
    assert as_command() > frozen
