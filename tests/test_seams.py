"""What a user meets at the seams of a finished build: what they delete comes back, what cannot be
compared or run here is refused in one line before any job, a folder that cannot be written is named,
the console shows the long jobs' progress and little else, and a source can be listed and built by
its own target."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import torch
from workflow_runner import BUILD_LOG, clone, copy_workflow, manifest, snakemake

from figrepro.localization.network import load_network
from figrepro.records import RECORDS, all_figures, figure_title

pytestmark = pytest.mark.workflow


def jobs_planned(work: Path, *args: str) -> set[str]:
    """The rules of the jobs a dry run plans (``args``: the targets and options)."""
    res = snakemake(work, "-n", *args)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    out = res.stdout + res.stderr
    if "Nothing to be done" in out:
        return set()
    table = out.split("Job stats:")[1].split("Reasons:")[0]
    rows = (re.match(r"^(\w+)\s+(\d+)$", line.strip()) for line in table.splitlines())
    return {m[1] for m in rows if m and m[1] != "total"}


# --- what is deleted comes back ------------------------------------------------------------------------


def test_whatever_is_deleted_from_a_finished_build_the_build_makes_again(
    smoke_build: Path, tmp_path: Path
) -> None:
    """A figure, an intermediate and a trained model deleted: the README's build command makes each
    again, with what reads it, to the same bytes (Snakemake alone said "Nothing to be done")."""
    work = clone(smoke_build, tmp_path / "work")
    figure, integrals, lab_model = (
        "figures/udl/18_2/02_samples.pdf",
        "results/udl/17_1/integrals.npz",
        "results/localization/model.pt",
    )
    before = {path: (work / path).read_bytes() for path in (figure, integrals, "figures/all")}
    for path in (figure, integrals, lab_model, "results/vae/model.pt"):
        (work / path).unlink()
    # the VAE's model (a minute to train at full size): planned again, with every job that reads it
    planned = jobs_planned(work, "figures/all")
    assert {"vae_train", "vae_posteriors", "plot_vae_samples", "localization_train"} <= planned
    assert {"udl_17_1_integrals", "plot_udl_17_1", "plot_udl_18_2", "manifest"} <= planned
    assert "udl_1_1" not in planned and "udl_18_sample_reverse" not in planned
    shutil.copy2(smoke_build / "results/vae/model.pt", work / "results/vae/model.pt")  # as it was
    res = snakemake(work, "figures/all")
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert {path: (work / path).read_bytes() for path in before} == before
    remade, built = load_network(work / lab_model), load_network(smoke_build / lab_model)
    for name, weight in built.state_dict().items():  # (torch.save's archive names the temporary file)
        assert torch.equal(remade.state_dict()[name], weight), name
    assert jobs_planned(work, "figures/all") == set()


def test_a_missing_file_upstream_of_one_figure_is_made_for_it_and_nothing_else(
    smoke_build: Path, tmp_path: Path
) -> None:
    """The missing outputs that become targets are those of what the requested target is made of."""
    work = clone(smoke_build, tmp_path / "work")
    (work / "results/udl/17_1/integrals.npz").unlink()
    assert jobs_planned(work, "figures/udl/1_1/01_linear_1d.pdf") == set()
    assert jobs_planned(work, "figures/udl/17_1/05_posterior.pdf") == {"udl_17_1_integrals", "plot_udl_17_1"}


# --- refused before any job ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["check", "reference"])
def test_the_check_and_the_reference_refuse_a_png_build_in_one_line(smoke_build: Path, target: str) -> None:
    before = (smoke_build / "figures/all").read_bytes()
    pngs = sorted((smoke_build / "figures").rglob("*.png"))  # the lecture's own
    res = snakemake(smoke_build, target, "--config", 'figures={"format": "png"}')
    assert res.returncode == 1
    assert res.stderr.strip().splitlines()[-1] == (
        f"snakemake {target}: reference/ holds PDF figures and figures.format is png; "
        "run it on a pdf build (figures.format: pdf, the default)"
    )
    assert "Traceback" not in res.stderr and "Job stats" not in res.stdout + res.stderr
    assert (smoke_build / "figures/all").read_bytes() == before
    assert sorted((smoke_build / "figures").rglob("*.png")) == pngs


def test_a_gpu_asked_of_a_machine_without_one_is_refused_before_the_model_is_removed(
    smoke_build: Path, tmp_path: Path
) -> None:
    if torch.cuda.is_available():
        pytest.skip("torch sees a GPU here: vae.train.device cuda is no error")
    work = clone(smoke_build, tmp_path / "work")
    model = (work / "results/vae/model.pt").stat()
    res = snakemake(work, "figures/all", "--config", 'vae={"train": {"device": "cuda"}}')
    assert res.returncode == 1
    assert res.stderr.strip().splitlines()[-2:] == [
        "Invalid configuration (config.yaml, --configfile or --config):",
        "vae.train.device: cuda was asked for but torch sees no GPU here (auto takes one when there is)",
    ]
    after = (work / "results/vae/model.pt").stat()
    assert (after.st_ino, after.st_mtime_ns) == (model.st_ino, model.st_mtime_ns)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` refusing new and removed entries for the block: immutable (chattr +i) as root, whom
    permissions do not stop; without write permission otherwise."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("chattr is not installed: root ignores permissions, so no folder is read-only")
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"this file system has no immutable folders: {made.stderr.strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)


@pytest.mark.parametrize("figures_exist", [True, False], ids=["figures there", "figures not made yet"])
def test_a_read_only_folder_is_named_in_one_line_before_any_job(
    smoke_build: Path, tmp_path: Path, figures_exist: bool
) -> None:
    work = clone(smoke_build, tmp_path / "work")
    folder = work / "figures/udl/17_1"
    if not figures_exist:
        for path in folder.iterdir():
            path.unlink()
    before = (work / "results/udl/17_1/integrals.npz").read_bytes()
    with read_only(folder):
        res = snakemake(work, "figures/all", "--config", 'udl={"17_1": {"sigma_sq": 0.05}}', merged=True)
    assert res.returncode == 1
    last = res.stdout.strip().splitlines()[-1]
    head = r"Cannot run: figures/udl/17_1/: cannot be written, so figures/udl/17_1/\S+ cannot be made: "
    why = r"the folder is (immutable \(chattr -i lifts it\)|not writable \(its permissions\))"
    assert re.fullmatch(head + why, last), last
    assert "Traceback" not in res.stdout and "Error in rule" not in res.stdout
    assert (work / "results/udl/17_1/integrals.npz").read_bytes() == before  # no job ran


# --- the console --------------------------------------------------------------------------------------


def test_the_console_shows_the_long_jobs_progress_and_little_else(smoke_build: Path) -> None:
    """The smoke build's console: each job's end, the trainings' first and last lines (their few
    seconds here leave no room for a progress line between: tests/test_titles_and_outputs.py tests
    those), no job's inputs."""
    console = (smoke_build / BUILD_LOG).read_text()
    assert len(console.encode()) < 40_000, len(console.encode())
    assert "input:" not in console and "scripts/write_manifest.py" not in console
    assert re.search(r"^\[vae train +[\d.]+s\] \d+ train / \d+ test images", console, re.M)
    assert re.search(r"^\[vae train +[\d.]+s\] done: final train ELBO", console, re.M)
    assert re.search(r"^\[localization train +[\d.]+s\] settings tuned", console, re.M)
    assert re.search(r"^\[localization train +[\d.]+s\] done: final ELBO", console, re.M)
    assert "Finished jobid" in console


# --- finding one's way --------------------------------------------------------------------------------


def test_every_figure_is_listed_with_its_title_without_building(tmp_path: Path) -> None:
    work = copy_workflow(tmp_path / "work")
    res = snakemake(work, "list_figures", "--config", 'udl={"17_1": {"likelihood_z": 1.0}}', cores=1)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    config_17_1 = {"udl": {"17_1": {"likelihood_z": 1.0, "posterior_x": [0.9, -0.9]}}}
    for record in RECORDS.values():
        assert f"{record.source}: {record.category}, {record.name} (target: {record.target})" in res.stdout
    for fig in all_figures():
        title = figure_title(fig, config_17_1) if fig.source == "udl/17_1" else None
        line = re.search(rf"^  {re.escape(fig.path('pdf'))}  (.+)$", res.stdout, re.M)
        assert line, fig.path("pdf")
        if title:
            assert line[1] == title
    assert "likelihood Pr(x1,x2|z=1)" in res.stdout
    assert f"{len(all_figures())} figures from {len(RECORDS)} sources" in res.stdout
    assert not (work / "figures").exists() and not (work / "results").exists()


def test_each_source_is_built_alone_by_its_target(tmp_path: Path) -> None:
    work = copy_workflow(tmp_path / "work")
    assert jobs_planned(work, "udl_17_1") == {"udl_17_1_integrals", "plot_udl_17_1", "udl_17_1"}
    assert jobs_planned(work, "udl_6_3") == {"udl_6_3"}
    assert jobs_planned(work, "localization") == {
        "localization_readings",
        "localization_train",
        "localization_evaluate",
        "plot_localization",
        "localization",
    }
    for record in RECORDS.values():
        if record.job is not None:
            assert record.job.rule == record.target


def test_the_manifest_lists_the_titles_of_the_config_in_force(smoke_build: Path) -> None:
    rows = {row[0]: row[2] for row in manifest(smoke_build)[1:]}
    assert rows["figures/udl/17_1/02_likelihood.pdf"] == "Fig. 17.3b: likelihood Pr(x1,x2|z=1.8)"
    assert rows["figures/localization/posterior.pdf"].endswith("the mean of q(z|X) and 50 samples of q")


def test_snakemake_lint_says_only_what_is_kept_on_purpose(tmp_path: Path) -> None:
    """docs/development.md: every rule runs in the one pip environment, so the conda/container advice
    is kept; nothing else (variables from outside a rule, hard-coded paths, rules beside functions)."""
    res = snakemake(copy_workflow(tmp_path / "work"), "--lint", cores=1)
    lints = set(re.findall(r"^    \* (.+?):?$", res.stdout + res.stderr, re.M))
    assert lints == {"Specify a conda environment or container for each rule."}, lints


def test_the_docs_say_what_the_reference_was_made_with(root: Path) -> None:
    made_with = json.loads((root / "reference/figures.json").read_text())["made_with"]
    torch_isa, numpy_isa = re.fullmatch(r"torch (\S+), numpy (\S+)", made_with["cpu"]).groups()
    check = " ".join((root / "docs/check.md").read_text().split())
    assert f"torch takes {torch_isa} code paths and NumPy {numpy_isa}" in check
