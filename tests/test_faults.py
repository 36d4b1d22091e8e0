"""Faults: a build killed while the VAE trains (SIGTERM; SIGKILL and `snakemake --unlock`), a
truncated intermediate, and a figure whose write fails. Each ends in one clear message or a rerun
that finishes where an uninterrupted build ends (the killed builds build the model, the one output
of the training, and the rerun's model is the uninterrupted one's, weight for weight)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
import torch
from workflow_runner import ROOT, SMOKE, clone, planned_jobs, snakemake

from figrepro.io import RefusedWrite
from figrepro.plotting import save
from figrepro.vae.model import load_model

CHECKPOINT = "results/vae/checkpoints/train.pt"
MODEL = "results/vae/model.pt"


def start_build(work: Path) -> subprocess.Popen[str]:
    """`snakemake results/vae/model.pt` with the smoke config, in a session of its own (so that the
    whole build, jobs included, can be killed as a crash would)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    command = [sys.executable, "-m", "snakemake", MODEL, "--cores", "2", "--configfile", str(SMOKE)]
    return subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def wait_for_a_checkpoint(work: Path, build: subprocess.Popen[str], timeout: float = 300) -> None:
    """Until the VAE's training has saved a checkpoint and is training on."""
    deadline = time.monotonic() + timeout
    while not (work / CHECKPOINT).is_file():
        assert build.poll() is None, "the build ended before the VAE trained"
        assert time.monotonic() < deadline, "no checkpoint appeared"
        time.sleep(0.01)


def retrain(smoke_build: Path, work: Path) -> subprocess.Popen[str]:
    """A build of the VAE's model on a copy of the smoke build whose model is gone (its data made,
    as a first build's is when the VAE starts training)."""
    clone(smoke_build, work)
    (work / MODEL).unlink()
    return start_build(work)


def same_model(work: Path, reference: Path) -> None:
    """The model trained in ``work`` has every weight of ``reference``'s, bit for bit (what every
    figure and number after it reads: two builds of every job, pytest --rebuild or .ci/run's SLURM
    smoke run, show they follow the same bytes from the same model)."""
    trained, uninterrupted = load_model(work / MODEL), load_model(reference / MODEL)
    assert trained.state_dict().keys() == uninterrupted.state_dict().keys()
    for name, weight in uninterrupted.state_dict().items():
        assert torch.equal(trained.state_dict()[name], weight), name


def same_results(work: Path, reference: Path) -> None:
    for name in ("figures/all", "results/metrics.json"):
        assert (work / name).read_bytes() == (reference / name).read_bytes(), name


@pytest.mark.workflow
def test_sigterm_mid_training_then_the_same_command_finishes(smoke_build: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    build = retrain(smoke_build, work)
    wait_for_a_checkpoint(work, build)
    # to snakemake and its jobs, as a shutdown or a closed terminal sends it (snakemake alone would
    # let the running jobs finish: its graceful exit)
    os.killpg(build.pid, signal.SIGTERM)
    output, _ = build.communicate(timeout=120)
    assert build.returncode != 0, output[-2000:]
    assert not (work / MODEL).exists()
    plan = snakemake(work, MODEL, "-n")
    assert "vae_train" in plan.stdout + plan.stderr  # nothing of the killed job is taken as done
    res = snakemake(work, MODEL)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    train_log = (work / "logs/vae/train.log").read_text()
    assert f"resuming from checkpoint {CHECKPOINT} after epoch" in train_log
    assert not (work / CHECKPOINT).exists()  # a finished training leaves none behind
    same_model(work, smoke_build)


@pytest.mark.workflow
def test_sigkill_mid_training_then_unlock_as_printed_and_rerun(smoke_build: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    build = retrain(smoke_build, work)
    wait_for_a_checkpoint(work, build)
    os.killpg(build.pid, signal.SIGKILL)  # snakemake and its jobs, with no chance to clean up
    build.communicate(timeout=60)
    res = snakemake(work, MODEL)
    out = res.stdout + res.stderr
    assert res.returncode != 0 and "--unlock" in out and "locked" in out, out[-3000:]
    unlock = subprocess.run(
        [sys.executable, "-m", "snakemake", "--unlock"], cwd=work, capture_output=True, text=True, timeout=120
    )
    assert unlock.returncode == 0, unlock.stdout + unlock.stderr
    res = snakemake(work, MODEL)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert "resuming from checkpoint" in (work / "logs/vae/train.log").read_text()
    same_model(work, smoke_build)


def truncate_keeping_time(path: Path) -> None:
    stat = path.stat()
    path.write_bytes(path.read_bytes()[: stat.st_size // 2])
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.workflow
@pytest.mark.parametrize(
    ("damaged", "reader", "log", "writer"),
    [
        ("results/vae/model.pt", "vae_decode", "logs/vae/decode.log", "vae_train"),
        ("results/udl/17_1/integrals.npz", "plot_udl_17_1", "logs/udl/17_1/plot.log", None),
    ],
)
def test_a_truncated_intermediate_is_named_with_the_command_that_rebuilds_it(
    smoke_build: Path, tmp_path: Path, damaged: str, reader: str, log: str, writer: str | None
) -> None:
    """The reader's one line names the file and the command that rebuilds it. The command is run for
    17.1's integrals; for the VAE's model it is planned (its job and every reader of the model, the
    damaged reader among them): a rerun of the training is what the kill tests above run."""
    work = clone(smoke_build, tmp_path / "work")
    truncate_keeping_time(work / damaged)
    assert planned_jobs(work) == {}  # its timestamp kept: Snakemake cannot tell
    res = snakemake(work, "figures/all", "--forcerun", reader)
    assert res.returncode != 0
    lines = (work / log).read_text().strip().splitlines()
    rebuild = f"snakemake --cores 4 --forcerun {damaged}"
    assert len(lines) == 1 and damaged in lines[0] and rebuild in lines[0], lines
    assert lines[0] in res.stdout + res.stderr  # on the console, not only in the log
    assert "Traceback" not in res.stdout + res.stderr
    if writer:
        plan = planned_jobs(work, None, "--forcerun", damaged)
        assert plan[writer] == plan[reader] == 1, plan
        return
    res = snakemake(work, "--forcerun", damaged)  # the suggested command, with the smoke config
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert planned_jobs(work) == {}


def test_a_failed_figure_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up half-way through a figure: no file at its path, no temporary file left."""
    fig, ax = plt.subplots()
    ax.plot([0, 1])

    def full_disk(fname, **kwargs) -> None:
        Path(fname).write_bytes(b"%PDF-1.4 half a figure")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fig, "savefig", full_disk)
    with pytest.raises(OSError, match="No space left"):
        save(fig, tmp_path / "figures" / "a.pdf", dpi=50)
    assert list((tmp_path / "figures").iterdir()) == []


def test_a_refused_rename_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The figure is drawn but moving it into place is refused (permissions, as for a folder made
    read-only; root would pass a real one): no file at its path, the temporary one removed."""
    fig, ax = plt.subplots()
    ax.plot([0, 1])

    def refuse(src, dst) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(RefusedWrite, match=r"a\.pdf: cannot be written"):
        save(fig, tmp_path / "figures" / "a.pdf", dpi=50)
    assert list((tmp_path / "figures").iterdir()) == []


def test_the_cluster_smoke_run_says_in_one_line_what_to_install(tmp_path: Path) -> None:
    """Where the SLURM executor plugin is absent (here: hidden by a package that fails to import),
    cluster/slurm_smoke.sh says what to install, not Snakemake's 80-line usage text."""
    hidden = tmp_path / "snakemake_executor_plugin_slurm"
    hidden.mkdir()
    (hidden / "__init__.py").write_text('raise ImportError("not installed")\n')
    env = dict(
        os.environ,
        PYTHONPATH=str(tmp_path),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    )
    res = subprocess.run(
        ["bash", str(ROOT / "cluster/slurm_smoke.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert res.returncode == 2
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install -r" in lines[0] and "requirements-cluster.txt" in lines[0], lines
