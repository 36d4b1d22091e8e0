"""Running the Snakemake workflow from tests: copies of the checkout, builds, dry runs, edits.

The smoke build itself is a session fixture (``smoke_build`` in conftest.py), made once and read by
every test that needs a built tree; a test that changes a build works on a ``clone`` of it. Trees
that cost a build (the smoke build, its reference, the drifted check) are made once per run and
shared by pytest-xdist's workers (``made_once``).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SMOKE = ROOT / "tests" / "smoke_config.yaml"
COPIED = ("Snakefile", "config.yaml", "profiles", "workflow", "scripts", "src", "data")


UMASK = 0o022  # of every run: a course's web server reads what the build writes


def snakemake(
    workdir: Path,
    *args: str,
    extra_config: Path | None = None,
    cores: int = 2,
    timeout: float = 900,
    env: dict[str, str] | None = None,
    merged: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run snakemake in ``workdir`` with the smoke config (then ``extra_config``) merged over
    config.yaml, under umask 022 (with more environment variables ``env``; with ``merged``, stderr
    in stdout, in the order a terminal shows them)."""
    env = dict(
        os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", **(env or {})
    )
    configs = [str(SMOKE)] + ([str(extra_config)] if extra_config else [])
    return subprocess.run(
        [sys.executable, "-m", "snakemake", *args, "--cores", str(cores), "--configfile", *configs],
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merged else subprocess.PIPE,
        text=True,
        timeout=timeout,
        preexec_fn=lambda: os.umask(UMASK),
    )


def planned_jobs(workdir: Path, extra_config: Path | None = None, *args: str) -> dict[str, int]:
    """Rule -> job count of a dry run of figures/all (with more command-line ``args``)."""
    res = snakemake(workdir, "figures/all", "-n", *args, extra_config=extra_config)
    assert res.returncode == 0, res.stdout + res.stderr
    out = res.stdout + res.stderr
    if "Nothing to be done" in out:
        return {}
    table = out.split("Job stats:")[1].split("Reasons:")[0]
    rows = (re.match(r"^(\w+)\s+(\d+)$", line.strip()) for line in table.splitlines())
    return {m[1]: int(m[2]) for m in rows if m and m[1] != "total"}


RECORDER = ROOT / "tests" / "module_recorder"  # its sitecustomize records each job's figrepro modules
MODULES_LOG = "modules.jsonl"  # where, in the smoke build
BUILD_LOG = "build.log"  # the smoke build's console output, in the build


def recording_modules(work: Path) -> dict[str, str]:
    """The environment of a build whose jobs record the figrepro modules they ran (in MODULES_LOG)."""
    path = os.pathsep.join(filter(None, [str(RECORDER), os.environ.get("PYTHONPATH")]))
    return {"PYTHONPATH": path, "FIGREPRO_MODULES_LOG": str(work / MODULES_LOG)}


def copy_workflow(work: Path) -> Path:
    """The checkout's workflow, scripts and library, unbuilt, in ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, work / name)
    return work


def clone(built: Path, work: Path) -> Path:
    """A copy of a built tree (timestamps and Snakemake's records kept), for a test that changes it."""
    shutil.copytree(built, work, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "locks"))
    return work


@contextmanager
def edited(path: Path) -> Iterator[None]:
    """Change a file's content for the block (Snakemake checksums small inputs: a touch is no edit)."""
    original = path.read_text()
    path.write_text(original + "\n# edited by a test\n")
    try:
        yield
    finally:
        path.write_text(original)


def manifest(work: Path) -> list[list[str]]:
    return [line.split("\t") for line in (work / "figures/all").read_text().splitlines()]


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name`` as ``make(folder)`` leaves it (``folder`` does not exist yet), made once
    per test run.

    Under pytest-xdist the first worker to ask makes it in the run's shared temporary folder while
    the others wait on a lock, then all read the same folder (a test that changes it works on a
    ``clone``). If ``make`` fails, every worker asking fails with its message; in one process
    (``-n 0``) the folder is made in the session's temporary folder."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = factory.mktemp(name) / name
        make(folder)
        return folder
    folder = factory.getbasetemp().parent / name
    done, failed = folder.with_name(f"{name}.done"), folder.with_name(f"{name}.failed")
    with open(folder.with_name(f"{name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists() and not failed.exists():
            try:
                make(folder)
            except BaseException as exc:
                failed.write_text(f"{type(exc).__name__}: {exc}")
                raise
            done.touch()
    if failed.exists():
        pytest.fail(f"{name}, made by another worker, failed: {failed.read_text()}", pytrace=False)
    return folder
