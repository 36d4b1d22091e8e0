"""Running the Snakemake workflow from tests: copies of the checkout, builds, dry runs, edits.

Each run is `python -m snakemake` forked from a process that has imported Snakemake already
(tests/snakemake_forks.py): the tests' eighty runs skip eighty times Snakemake's own imports.

The smoke build itself is a session fixture (``smoke_build`` in conftest.py), made once and read by
every test that needs a built tree; a test that changes a build works on a ``clone`` of it. Trees
that cost a build (the smoke build, its reference, the drifted check) are made once per run and
shared by pytest-xdist's workers (``made_once``).
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
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
    in stdout, in the order a terminal shows them). It runs as `python -m snakemake` would, forked
    from a process that has imported Snakemake already (:class:`SnakemakeForks`)."""
    env = dict(
        os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", **(env or {})
    )
    configs = [str(SMOKE)] + ([str(extra_config)] if extra_config else [])
    argv = [*args, "--cores", str(cores), "--configfile", *configs]
    return SnakemakeForks.shared().run(argv, workdir, env, merged, timeout)


class SnakemakeForks:
    """The client of tests/snakemake_forks.py: one server per test process, started on first use."""

    _shared: SnakemakeForks | None = None

    def __init__(self) -> None:
        self.server = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("snakemake_forks.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.scratch = Path(tempfile.mkdtemp(prefix="snakemake-forks-"))
        self.pending = b""  # what the server wrote past the last line read
        assert "ready" in self._read(timeout=120)

    @classmethod
    def shared(cls) -> SnakemakeForks:
        if cls._shared is None or cls._shared.server.poll() is not None:
            cls._shared = cls()
            atexit.register(cls._shared.close)
        return cls._shared

    def _read(self, timeout: float) -> dict[str, int]:
        """The server's next line, waiting at most ``timeout`` seconds for it."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            ready, _, _ = select.select([self.server.stdout], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self.server.stdout.fileno(), 4096) if ready else None
            if chunk is None:
                raise TimeoutError(f"no answer from tests/snakemake_forks.py within {timeout} s")
            if not chunk:
                raise RuntimeError(f"tests/snakemake_forks.py ended (status {self.server.wait()})")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line)

    def run(
        self, argv: list[str], cwd: Path, env: dict[str, str], merged: bool, timeout: float
    ) -> subprocess.CompletedProcess[str]:
        out, err = self.scratch / "stdout", self.scratch / "stderr"
        request = {
            "argv": argv,
            "cwd": str(cwd),
            "env": env,
            "umask": UMASK,
            "stdout": str(out),
            "stderr": None if merged else str(err),
        }
        self.server.stdin.write(json.dumps(request).encode() + b"\n")
        self.server.stdin.flush()
        pid = self._read(timeout=60)["pid"]
        try:
            status = self._read(timeout)["status"]
        except TimeoutError:
            os.kill(pid, signal.SIGKILL)
            self._read(timeout=60)
            raise subprocess.TimeoutExpired(["snakemake", *argv], timeout) from None
        stdout = out.read_text()
        stderr = "" if merged else err.read_text()
        return subprocess.CompletedProcess(["snakemake", *argv], status, stdout, stderr)

    def close(self) -> None:
        self.server.stdin.close()
        self.server.wait(timeout=60)
        shutil.rmtree(self.scratch, ignore_errors=True)


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
