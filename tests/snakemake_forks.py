"""A process that has imported Snakemake and forks a child for each of the tests' runs of it.

`python -m snakemake ...` spends about a second and a half importing Snakemake and its plugins
before it reads the Snakefile; the tests run it about eighty times. Started once per test process
(``workflow_runner.snakemake`` talks to it), this server pays that once and forks a child per run.
The child is what `python -m snakemake ARGS` would be in the run's working directory, environment
and umask, with stdin from /dev/null and stdout and stderr into files: it runs Snakemake's command
line (``snakemake.cli.main``) and leaves the interpreter as that command does (its exit status,
atexit hooks, buffered output). Nothing of the workflow is imported here: each child reads the
Snakefile and the library afresh, so an edit between two runs shows in the second.

Protocol, one JSON object per line: a request {"argv", "cwd", "env", "umask", "stdout", "stderr"}
(``stderr`` null: into the stdout file, in the order a terminal shows them) on stdin; on stdout
{"pid": ...} once the child runs, then {"status": ...} when it has ended (its exit status, or minus
the signal that ended it).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, NoReturn


def preload() -> None:
    """Snakemake's command line, its plugins and what it imports only once it runs."""
    import importlib.util

    import smart_open  # noqa: F401  (Snakemake's source cache imports it on the first Snakefile read)
    import snakemake.cli

    snakemake.cli.get_argument_parser()  # imports the plugins of every kind
    if importlib.util.find_spec("pandas") is not None:
        # installed (with the SLURM executor, as in .ci/run): Snakemake then imports it in every run
        # that compares a job's params with its record, 0.3 to 0.4 s of each
        import pandas  # noqa: F401


def run(request: dict[str, Any]) -> NoReturn:
    """In the forked child: become the requested `python -m snakemake` and run it."""
    os.chdir(request["cwd"])
    os.umask(request["umask"])
    os.environ.clear()
    os.environ.update(request["env"])
    stdin = os.open(os.devnull, os.O_RDONLY)
    out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = (
        os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600) if request["stderr"] else out
    )
    for source, target in ((stdin, 0), (out, 1), (err, 2)):
        os.dup2(source, target)
    sys.argv = ["snakemake", *request["argv"]]
    from snakemake.cli import main

    main(request["argv"])  # ends in SystemExit, which leaves the interpreter
    raise SystemExit(0)


def reply(message: dict[str, int]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve() -> None:
    preload()
    reply({"ready": os.getpid()})
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            run(request)
        reply({"pid": pid})
        _, status = os.waitpid(pid, 0)
        reply({"status": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    serve()
