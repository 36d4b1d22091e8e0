"""The reproduction check: tolerances, the comparison of numbers and figures, and `snakemake check`
against a reference written by `snakemake reference`, after jobs are rerun unchanged and after a change."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest
from workflow_runner import clone, made_once, planned_jobs, snakemake

from figrepro import manifest
from figrepro.io import load_json, save_json, sha256
from figrepro.reproduction import compare, reference
from figrepro.reproduction.fingerprint import environment, raster, rms, save_png
from figrepro.reproduction.tolerances import Tolerance, tolerance

# --- tolerances ---------------------------------------------------------------------------------------


def test_a_stated_number_may_move_half_a_unit_of_its_last_decimal() -> None:
    tol = tolerance("udl/3_1", "loss", {"loss": 9.3849})  # the notebook prints 9.385
    assert tol.abs == pytest.approx(5e-4) and tol.rel == 0 and "3 decimals" in tol.why
    assert tol.allows(9.3849, 9.3852) and not tol.allows(9.3849, 9.3855)
    assert tolerance("lecture4", "kl_mixture_mc", {}).abs == pytest.approx(5e-5)


def test_seeded_sources_are_held_to_1e_12_and_deterministic_ones_to_rounding() -> None:
    assert tolerance("udl/17_2", "expectation_phi_0.5", {}).rel == 1e-12
    assert "seeds" in tolerance("udl/9_4", "posterior_mean", {}).why
    deterministic = tolerance("udl/16_3", "fixed_point_f", {})
    assert deterministic.rel == 1e-9 and "rounding" in deterministic.why


def test_estimates_get_standard_errors_and_trained_models_their_measured_spread() -> None:
    numbers = {"samples_mean": 0.09, "samples_mean_mc_se": 0.003}
    assert tolerance("udl/18_2", "samples_mean", numbers).abs == pytest.approx(0.012)
    assert tolerance("udl/18_2", "samples_mean_mc_se", numbers).rel == 0.2
    vae = {"elbo_test": -161.9, "elbo_test_mc_se": 0.02, "grad_mean_reparam": -17.06}
    assert tolerance("vae", "elbo_test", vae).abs == pytest.approx(0.08)  # 4 SE > 1e-5 relative
    grad = tolerance("vae", "grad_mean_reparam", vae)
    assert grad.rel == 1e-3 and grad.allows(-17.06, -17.06 * (1 + 3e-4))  # a CUDA run's 3e-4
    assert tolerance("localization", "q_mean", {}).rel == 1e-3


def test_numbers_that_magnify_rounding_allow_what_another_cpu_gives() -> None:
    """The moves between an AVX-512 build (the reference) and an AVX2 one pass; far larger ones do not."""
    moves = {
        ("udl/6_5", "final_phi_gd_large_step"): (0.1948559794, 0.1948683695),
        ("udl/9_2", "end_continuous_regularized"): (-0.2088910079, -0.2088910076),
        ("lecture4", "coin_elbo_sigma"): (0.8174488684, 0.8174488496),
    }
    for (source, key), (expected, got) in moves.items():
        tol = tolerance(source, key, {})
        assert tol.allows(expected, got) and not tol.allows(expected, expected + 1000 * (got - expected))
        assert "AVX2 against AVX-512" in tol.why
    assert tolerance("udl/6_5", "final_phi_gd_small_step", {}).rel == 1e-9  # converges: rounding only
    assert tolerance("lecture4", "mode_seeking_kl", {}).rel == 1e-9  # the value at a minimum is not flat


def test_tolerance_treats_nan_as_equal_only_to_nan() -> None:
    tol = Tolerance(1e-9, 0.0, "")
    assert tol.allows(float("nan"), float("nan")) and not tol.allows(float("nan"), 1.0)


# --- comparing numbers --------------------------------------------------------------------------------


def entry(value: object, abs_: float = 1e-6) -> dict:
    return {"value": value, "abs": abs_, "rel": 0.0, "why": "test"}


def test_numbers_missing_new_moved_and_reshaped_are_named() -> None:
    ref = {
        "a": {"kept": entry(1.0), "moved": entry(2.0), "gone": entry(3.0), "list": entry([1.0, 2.0, 3.0])},
        "b": {"x": entry(1.0)},
    }
    got = {"a": {"kept": 1.0 + 1e-7, "moved": 2.1, "added": 4.0, "list": [1.0, 2.5, 3.0]}, "c": {"y": 0.0}}
    rows = {(r.source, r.compared): r.verdict for r in compare.compare_metrics(ref, got)}
    assert rows == {
        ("a", "kept"): compare.OK,
        ("a", "moved"): compare.DRIFT,
        ("a", "gone"): compare.MISSING,
        ("a", "added"): compare.NEW,
        ("a", "list"): compare.DRIFT,
        ("b", "x"): compare.MISSING,
        ("c", "y"): compare.NEW,
    }
    (listed,) = [r for r in compare.compare_metrics(ref, got) if r.compared == "list"]
    assert listed.expected == "[1] 2" and listed.got == "[1] 2.5"  # the element outside its tolerance
    (shape,) = compare.compare_metrics({"a": {"v": entry([1.0, 2.0])}}, {"a": {"v": [1.0]}})
    assert shape.verdict == compare.DRIFT and shape.expected == "shape (2,)"


# --- comparing figures --------------------------------------------------------------------------------


def draw(path: Path, slope: float, title: str = "") -> None:
    """A line on matplotlib's default style, whatever an earlier test set (the pipeline's tight
    bounding box would size the two slopes' pictures differently)."""
    with plt.style.context("default"):
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1], [0, slope])
        fig.savefig(path, metadata={"CreationDate": None, "Title": title})
    plt.close(fig)


@pytest.fixture
def figure_reference(tmp_path: Path) -> tuple[Path, dict]:
    """A reference of one figure (``figures/t/a.pdf``) and its thumbnail, under ``tmp_path``."""
    (tmp_path / "figures/t").mkdir(parents=True)
    draw(tmp_path / "figures/t/a.pdf", 1.0)
    ref_dir = tmp_path / "reference"
    save_png(raster(tmp_path / "figures/t/a.pdf", 20), reference.thumbnail_path(ref_dir, "figures/t/a.pdf"))
    made = {
        "made_with": environment(),
        "thumbnail_dpi": 20,
        "rms_tolerance": 2.0,
        "rms_tolerance_trained": 5.0,
        "figures": {"figures/t/a.pdf": {"source": "t", "sha256": sha256(tmp_path / "figures/t/a.pdf")}},
    }
    return ref_dir, made


def build_row(tmp_path: Path, name: str = "a", source: str = "t") -> manifest.Row:
    path = f"figures/t/{name}.pdf"
    return manifest.Row(path, source, "title", sha256(tmp_path / path))


def test_figures_compare_by_bytes_where_the_environment_matches(
    tmp_path: Path, figure_reference: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    ref_dir, made = figure_reference
    monkeypatch.chdir(tmp_path)
    (same,) = compare.compare_figures(made, ref_dir, [build_row(tmp_path)], made["made_with"])
    assert same.verdict == compare.OK
    draw(tmp_path / "figures/t/a.pdf", 1.0, title="other bytes, same picture")
    (changed,) = compare.compare_figures(made, ref_dir, [build_row(tmp_path)], made["made_with"])
    assert changed.verdict == compare.DRIFT and changed.tolerance == "same bytes"


@pytest.fixture
def elsewhere(
    tmp_path: Path, figure_reference: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, dict, dict]:
    """The reference of :func:`figure_reference` and an environment other than the one it was made in
    (figures are then compared by rasters), working in ``tmp_path``."""
    ref_dir, made = figure_reference
    monkeypatch.chdir(tmp_path)
    return ref_dir, made, {**made["made_with"], "matplotlib": "0.0"}


def test_figures_compare_by_rasters_where_the_environment_differs(
    tmp_path: Path, elsewhere: tuple[Path, dict, dict]
) -> None:
    ref_dir, made, env = elsewhere
    draw(tmp_path / "figures/t/a.pdf", 1.0, title="other bytes, same picture")
    (same_picture,) = compare.compare_figures(made, ref_dir, [build_row(tmp_path)], env)
    assert same_picture.verdict == compare.OK and same_picture.got == "rms 0"
    draw(tmp_path / "figures/t/a.pdf", -1.0)
    (other_picture,) = compare.compare_figures(made, ref_dir, [build_row(tmp_path)], env)
    assert other_picture.verdict == compare.DRIFT and float(other_picture.got.split()[1]) > 2.0


def test_figures_of_trained_models_have_their_own_rms_tolerance(
    tmp_path: Path, elsewhere: tuple[Path, dict, dict]
) -> None:
    ref_dir, made, env = elsewhere
    draw(tmp_path / "figures/t/a.pdf", 0.9)
    loose = {**made, "rms_tolerance": 0.0, "rms_tolerance_trained": 100.0}
    verdicts = {
        source: [(r.verdict, r.tolerance) for r in compare.compare_figures(loose, ref_dir, [row], env)]
        for source in ("t", "vae", "localization")
        for row in [build_row(tmp_path, source=source)]
    }
    assert verdicts == {
        "t": [(compare.DRIFT, "rms <= 0")],
        "vae": [(compare.OK, "rms <= 100")],
        "localization": [(compare.OK, "rms <= 100")],
    }


def test_rms_counts_a_pixel_one_unit_darker_as_one_unit() -> None:
    """8-bit rasters are widened before subtracting: 0 - 1 must not wrap round to 255."""
    light = np.full((10, 10, 3), 200, dtype=np.uint8)
    darker = light.copy()
    darker[0, 0] = 199
    assert rms(light, darker) == rms(darker, light) == pytest.approx(np.sqrt(3 / 300))


def test_a_missing_and_a_new_figure_are_named(
    tmp_path: Path, figure_reference: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    ref_dir, made = figure_reference
    monkeypatch.chdir(tmp_path)
    draw(tmp_path / "figures/t/b.pdf", 2.0)
    rows = compare.compare_figures(made, ref_dir, [build_row(tmp_path, "b")], made["made_with"])
    assert {(r.compared, r.verdict) for r in rows} == {
        ("figures/t/a.pdf", compare.MISSING),
        ("figures/t/b.pdf", compare.NEW),
    }


def test_the_files_on_disk_are_compared_not_the_hashes_the_manifest_wrote(
    tmp_path: Path, figure_reference: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A figure deleted or edited after the manifest was written fails the check, named: the check
    hashes the file itself (the manifest's hash of it is what it was when the manifest was made)."""
    ref_dir, made = figure_reference
    monkeypatch.chdir(tmp_path)
    row = build_row(tmp_path)  # the manifest's row, its hash the reference's
    draw(tmp_path / "figures/t/a.pdf", 1.0, title="edited by hand after the manifest")
    (edited,) = compare.compare_figures(made, ref_dir, [row], made["made_with"])
    assert (edited.compared, edited.verdict) == ("figures/t/a.pdf", compare.DRIFT)
    assert edited.got == sha256(tmp_path / "figures/t/a.pdf")[:12] != row.sha256[:12]
    (tmp_path / "figures/t/a.pdf").unlink()
    (deleted,) = compare.compare_figures(made, ref_dir, [row], made["made_with"])
    assert (deleted.compared, deleted.verdict, deleted.why) == (
        "figures/t/a.pdf",
        compare.MISSING,
        compare.NOT_ON_DISK,
    )


def test_the_table_has_a_row_per_source_and_a_verdict_line() -> None:
    rows = [
        compare.Row("s", "k", "1", "1", "exact", compare.OK),
        compare.Row("s", "figures/s/a.pdf", "ab", "cd", "same bytes", compare.DRIFT),
    ]
    (summary,) = compare.summary(rows)
    assert summary.compared == "1 number, 1 figure" and summary.verdict == "1 DRIFT"
    text = compare.format_table(rows)
    assert text.splitlines()[0].split() == list(compare.COLUMNS) and "figures/s/a.pdf" in text
    assert compare.verdict_line(rows) == "1 number and 1 figure compared: 1 ok, 1 drifted, 0 missing, 0 new"


def test_rewriting_the_tolerances_keeps_every_value_and_hash(
    tmp_path: Path, figure_reference: tuple[Path, dict]
) -> None:
    ref_dir, made = figure_reference
    stale = {"abs": 1.0, "rel": 0.0, "why": "stale"}
    numbers = {
        "udl/6_5": {"final_phi_gd_large_step": {"value": [0.7, 0.2], **stale}},
        "t": {"x": {"value": 1.5, **stale}},
    }
    save_json(ref_dir / reference.METRICS, numbers)
    save_json(ref_dir / reference.FIGURES, {k: v for k, v in made.items() if k != "rms_tolerance_trained"})
    thumbnail = reference.thumbnail_path(ref_dir, "figures/t/a.pdf").read_bytes()

    assert reference.rewrite_tolerances(ref_dir, reference.rms_tolerances(3.0, 7.0)) == 2
    rewritten = load_json(ref_dir / reference.METRICS)
    assert rewritten == reference.metric_entries(
        {"udl/6_5": {"final_phi_gd_large_step": [0.7, 0.2]}, "t": {"x": 1.5}}
    )
    assert rewritten["udl/6_5"]["final_phi_gd_large_step"]["why"] != "stale"
    figures = load_json(ref_dir / reference.FIGURES)
    assert figures == {**made, "rms_tolerance": 3.0, "rms_tolerance_trained": 7.0}
    assert reference.thumbnail_path(ref_dir, "figures/t/a.pdf").read_bytes() == thumbnail


# --- the workflow: snakemake reference, snakemake check -----------------------------------------------


@pytest.fixture(scope="module")
def referenced(smoke_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of the smoke build with a reference of its own, written by `snakemake reference`
    (made once for all workers: tests read it or clone it)."""

    def make(work: Path) -> None:
        clone(smoke_build, work)
        res = snakemake(work, "reference")
        assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]

    return made_once(tmp_path_factory, "referenced", make)


def check_rows(work: Path) -> list[list[str]]:
    return [line.split("\t") for line in (work / "results/check.tsv").read_text().splitlines()[1:]]


@pytest.mark.workflow
def test_the_reference_holds_every_number_and_figure(referenced: Path) -> None:
    metrics = load_json(referenced / "results/metrics.json")
    ref = load_json(referenced / "reference/metrics.json")
    assert {s: set(k) for s, k in ref.items()} == {s: set(k) for s, k in metrics.items()}
    assert all(e["why"] for keys in ref.values() for e in keys.values())
    figures = load_json(referenced / "reference/figures.json")
    rows = manifest.read(referenced / "figures/all")
    assert set(figures["figures"]) == {r.figure for r in rows}
    assert set(figures["made_with"]) == {"numpy", "scipy", "matplotlib", "torch", "cpu"}
    sizes = [reference.thumbnail_path(referenced / "reference", r.figure).stat().st_size for r in rows]
    assert max(sizes) < 60_000 and np.mean(sizes) < 12_000  # a few KB each


@pytest.mark.workflow
def test_snakemake_reference_tolerances_restores_a_stale_tolerance(referenced: Path, tmp_path: Path) -> None:
    work = clone(referenced, tmp_path / "work")
    current = {
        name: (work / "reference" / name).read_bytes() for name in (reference.METRICS, reference.FIGURES)
    }
    stale = load_json(work / "reference" / reference.METRICS)
    stale["udl/17_1"][next(iter(stale["udl/17_1"]))].update(abs=1.0, why="stale")
    save_json(work / "reference" / reference.METRICS, stale)
    res = snakemake(work, "reference_tolerances")
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert "values kept" in (work / "logs/reference_tolerances.log").read_text()
    assert {name: (work / "reference" / name).read_bytes() for name in current} == current


@pytest.mark.workflow
def test_a_moved_build_stays_up_to_date(smoke_build: Path, tmp_path: Path) -> None:
    """Inputs are paths relative to the working directory: a built tree copied elsewhere (a CI
    cache restored into another folder, a moved checkout) has nothing to do."""
    assert planned_jobs(clone(smoke_build, tmp_path / "moved" / "elsewhere")) == {}


def rerun_and_check(referenced: Path, work: Path, *forced: str) -> None:
    """`snakemake check` on a clone of ``referenced`` with the ``forced`` options, on one core (the
    smoke build ran with --cores 2): the check passes, and manifest and metrics are the same bytes."""
    clone(referenced, work)
    before = {name: (work / name).read_bytes() for name in ("figures/all", "results/metrics.json")}
    res = snakemake(work, "check", *forced, cores=1)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert "0 drifted, 0 missing, 0 new" in res.stdout
    assert {row[-1] for row in check_rows(work)} == {compare.OK}
    assert (
        "0 drifted, 0 missing, 0 new\nThe page: results/check/index.html"
        in (work / "results/check.txt").read_text()
    )
    assert "Nothing moved." in (work / "results/check/index.html").read_text()
    assert {name: (work / name).read_bytes() for name in before} == before


@pytest.mark.workflow
def test_check_passes_after_jobs_are_rerun(referenced: Path, tmp_path: Path) -> None:
    """A notebook's numbers, a Monte Carlo notebook's integrals and their plot rerun, and with them
    the metrics and the manifest: rewritten files with the same bytes pass."""
    rerun_and_check(referenced, tmp_path / "work", "--forcerun", "udl_7_1", "udl_17_1_integrals")


@pytest.mark.workflow
@pytest.mark.rebuild
def test_check_passes_on_an_unchanged_rebuild(referenced: Path, tmp_path: Path) -> None:
    """Every job rerun from scratch: each gives the same bytes again, whatever the cores (in CI,
    cluster/slurm_smoke.sh compares its SLURM build with this run's smoke build instead)."""
    rerun_and_check(referenced, tmp_path / "work", "--forceall")


DRIFT = "drift.json"  # beside the drifted tree: the check's console, its exit status and what moved
DOC = (Path(__file__).resolve().parents[1] / "docs/check.md").read_text()
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@pytest.fixture(scope="module")
def drifted(referenced: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, set, int]:
    """`snakemake check` after a changed constant: the tree, the console (stdout and stderr in a
    terminal's order), what moved (from the builds before and after) and the exit status. Made once
    for all workers."""

    def make(folder: Path) -> None:
        work = clone(referenced, folder / "work")
        old_figures = {r.figure: r.sha256 for r in manifest.read(work / "figures/all")}
        old_metrics = load_json(work / "results/metrics.json")
        extra = folder / "extra.yaml"
        extra.write_text('udl:\n  "17_1":\n    sigma_sq: 0.05\n')  # docs/check.md's example
        res = snakemake(work, "check", extra_config=extra, merged=True)
        new_figures = {r.figure: r.sha256 for r in manifest.read(work / "figures/all")}
        new_metrics = load_json(work / "results/metrics.json")
        moved = {("udl/17_1", path) for path in old_figures if new_figures[path] != old_figures[path]}
        moved |= {
            (source, key)
            for source, numbers in old_metrics.items()
            for key, value in numbers.items()
            if json.dumps(new_metrics[source][key]) != json.dumps(value)
        }
        drift = {"console": res.stdout, "status": res.returncode, "moved": sorted(moved)}
        (folder / DRIFT).write_text(json.dumps(drift))

    folder = made_once(tmp_path_factory, "drifted", make)
    drift = load_json(folder / DRIFT)
    return folder / "work", drift["console"], {tuple(m) for m in drift["moved"]}, drift["status"]


@pytest.mark.workflow
def test_check_names_exactly_what_a_changed_constant_moved(drifted: tuple[Path, str, set, int]) -> None:
    work, console, moved, status = drifted
    assert status == 1
    assert moved and {source for source, _ in moved} == {"udl/17_1"}
    drifted_rows = {(row[0], row[1]) for row in check_rows(work) if row[-1] != compare.OK}
    assert drifted_rows == moved
    for _, item in moved:
        assert item in console  # the printed table names each one
    assert "If the change is intended" in console
    # what docs/check.md says this change names: one of 17.1's two numbers and four of its figures
    example = r"0\.05}}'` \(the README's example\) it names (\w+) of 17\.1's two numbers, .*? and (\w+) of"
    said = re.search(example, " ".join(DOC.split()))
    assert said, "docs/check.md's example"
    figures = sum(item.startswith("figures/") for _, item in moved)
    assert (WORDS[said[1]], WORDS[said[2]]) == (len(moved) - figures, figures)


@pytest.mark.workflow
def test_the_check_ends_with_its_own_summary(drifted: tuple[Path, str, set, int]) -> None:
    """Its verdict, the page and what to do are the last lines, not Snakemake's error report."""
    work, console, _, _ = drifted
    closing = (work / "results/check/summary.txt").read_text().splitlines()
    assert console.strip().splitlines()[-len(closing) :] == closing
    assert closing[0].endswith("new") and "drifted" in closing[0]
    assert closing[1] == "What moved, shown: results/check/index.html"
    assert closing[2].startswith("If the change is intended")
    for noise in ("RuleException", "CalledProcessError", "Error in rule", "Traceback"):
        assert noise not in console


def _page_items(work: Path) -> tuple[str, list[str]]:
    page = (work / "results/check/index.html").read_text()
    return page, re.findall(r'<img src="([^"]+)"', page)


@pytest.mark.workflow
def test_the_check_page_shows_every_moved_figure_and_number(drifted: tuple[Path, str, set, int]) -> None:
    work, _, moved, _ = drifted
    page, images = _page_items(work)
    figures = [item for _, item in moved if item.startswith("figures/")]
    numbers = [item for _, item in moved if not item.startswith("figures/")]
    assert figures and numbers
    assert len(images) == 3 * len(figures)  # reference, new, difference
    for figure in figures:
        stem = figure.removeprefix("figures/").replace("/", "__")
        assert [f"{stem}-{kind}.png" for kind in ("reference", "new", "difference")] == [
            i for i in images if i.startswith(stem + "-")
        ]
        assert f"<h3>{figure}</h3>" in page
    assert all((work / "results/check" / name).is_file() for name in images)
    assert sorted(p.name for p in (work / "results/check").glob("*.png")) == sorted(images)
    assert page.count("% of the pixels changed") == len(figures) and "RMS " in page
    rows = {(r[0], r[1]): r for r in check_rows(work)}
    for number in numbers:
        expected, got, tol = rows["udl/17_1", number][2:5]
        assert (
            f"<td>{number}</td><td>{html.escape(expected)}</td><td>{html.escape(got)}</td><td>{html.escape(tol)}</td>"
            in page
        )
    reference_entries = load_json(work / "reference/metrics.json")["udl/17_1"]
    for number in numbers:
        assert html.escape(reference_entries[number]["why"]) in page


@pytest.mark.workflow
def test_the_check_page_opens_in_a_browser(drifted: tuple[Path, str, set, int], browser: object) -> None:
    from selenium.webdriver.common.by import By

    work, _, moved, _ = drifted
    browser.get((work / "results/check/index.html").as_uri())
    images = browser.find_elements(By.TAG_NAME, "img")
    assert len(images) == 3 * sum(item.startswith("figures/") for _, item in moved)
    for image in images:
        assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 0
    text = browser.find_element(By.TAG_NAME, "body").text
    assert all(item in text for _, item in moved)
    assert browser.find_element(By.ID, "verdict").text.endswith("new")
