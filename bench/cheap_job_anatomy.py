"""Where a cheap notebook job's time goes: the interpreter and its imports, matplotlib's savefig (each
figure laid out, drawn and written as the format asks), and the rest (the numbers and building the
figures), for each job bench/cheap_jobs.py times. "imports" are numpy, click and, in a job that
draws, matplotlib's figure and PDF backend: what every such job imports (the interpreter's own start,
some 30 ms, counts in the rest).

Each job's command is taken from a dry run of the workflow in this checkout (``snakemake -n -p``), run
one at a time, and timed from outside (wall) and from inside (a wrapper that imports what every
drawing job imports, then runs the script with Figure.savefig timed). Run it in a built checkout on
an idle machine. Issue 22's budget for these jobs is half of b28eefa's summed wall: the savefig and
import columns are what byte-identical figures leave of it.
Usage: python bench/cheap_job_anatomy.py [--runs 1] [--preloaded | --one-process]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

from cheap_jobs import RULES

from figrepro.records import one_job_notebooks

ROOT = Path(__file__).resolve().parents[1]

#: runs the script given after it, timing the imports every job pays (and a drawing job's matplotlib)
#: and Figure.savefig
WRAPPER = r"""
import json, runpy, sys, time
start = time.perf_counter()
import numpy, click
spent = [0.0]
if "--figure" in sys.argv:
    import matplotlib.figure, matplotlib.backends.backend_pdf
    save = matplotlib.figure.Figure.savefig
    def timed(self, *args, **kwargs):
        t = time.perf_counter()
        try:
            return save(self, *args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t
    matplotlib.figure.Figure.savefig = timed
imported = time.perf_counter() - start
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as exc:
    if exc.code:
        raise
print("ANATOMY " + json.dumps({"imports": imported, "savefig": spent[0]}), file=sys.stderr)
"""


def commands() -> dict[str, list[str]]:
    """rule -> the shell command of its job, as a forced dry run prints it (without the log)."""
    res = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", "-p", "--forcerun", *RULES, "--", *RULES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    # each rule's message, not its name, heads its job in the console: the script names the rule
    rule_of = {f"scripts/{r.job.script}": r.job.rule for r in one_job_notebooks() if r.job.rule in RULES}
    found: dict[str, list[str]] = {}
    for line in (res.stdout + res.stderr).splitlines():
        if line.strip().startswith("Shell command: "):
            words = shlex.split(line.strip().removeprefix("Shell command: ").split(" > ")[0])
            if words[2] in rule_of:
                found[rule_of[words[2]]] = words[2:]  # after "python -u"
    return found


def anatomy(argv: list[str]) -> dict[str, float]:
    env = dict(os.environ, FIGREPRO_CONFIG_VALIDATED="1")  # as the workflow's jobs run
    start = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-c", WRAPPER, *argv], cwd=ROOT, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if res.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed:\n{res.stderr[-2000:]}")
    (line,) = [x for x in res.stderr.splitlines() if x.startswith("ANATOMY ")]
    parts = json.loads(line.removeprefix("ANATOMY "))
    return {"wall": wall, **parts, "rest": wall - parts["imports"] - parts["savefig"]}


#: run in one process: imports what the cheap jobs import, then forks one child per job given on stdin
#: (a JSON list of argv lists) and prints each child's wall time
PRELOADED = r"""
import io, json, os, runpy, sys, time
import click, numpy, scipy.stats
import matplotlib.backends.backend_pdf, matplotlib.figure
import figrepro.cli, figrepro.config, figrepro.plotting
fig = matplotlib.figure.Figure(figsize=(3, 2))
ax = fig.add_subplot()
ax.plot([0, 1], [0, 1], label="$x$")
ax.legend()
fig.savefig(io.BytesIO(), format="pdf", bbox_inches="tight")
walls = []
for argv in json.load(sys.stdin):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        sys.argv = argv
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            runpy.run_path(argv[0], run_name="__main__")
        except SystemExit as exc:
            code = exc.code
            os._exit(0 if code is None else code if isinstance(code, int) else 1)  # as the interpreter
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if status:
        sys.exit(f"{argv[0]} failed (status {status})")
    walls.append(time.perf_counter() - start)
print(json.dumps(walls))
"""


def run_jobs_in(program: str, jobs: dict[str, list[str]]) -> str:
    """What ``program`` (Python source) prints, given the jobs' argv lists as JSON on stdin."""
    env = dict(os.environ, FIGREPRO_CONFIG_VALIDATED="1")  # as the workflow's jobs run
    res = subprocess.run(
        [sys.executable, "-c", program],
        input=json.dumps(list(jobs.values())),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if res.returncode != 0:
        raise RuntimeError(res.stderr[-2000:])
    return res.stdout


def preloaded(jobs: dict[str, list[str]]) -> dict[str, float]:
    """rule -> wall time of its job forked from a process that has imported everything already."""
    return dict(zip(jobs, json.loads(run_jobs_in(PRELOADED, jobs)), strict=True))


#: runs every job given on stdin (a JSON list of argv lists) in turn in this one interpreter, which
#: imports once and keeps matplotlib's caches warm from job to job, and prints the whole wall time
ONE_PROCESS = r"""
import time
start = time.perf_counter()
import json, os, runpy, sys
import click, numpy
import matplotlib.backends.backend_pdf, matplotlib.figure
jobs = json.load(sys.stdin)
out = os.dup(1)
devnull = os.open(os.devnull, os.O_WRONLY)
os.dup2(devnull, 1)
for argv in jobs:
    sys.argv = argv
    try:
        runpy.run_path(argv[0], run_name="__main__")
    except SystemExit as exc:
        if exc.code:
            raise
os.write(out, f"{time.perf_counter() - start}\n".encode())
"""


def one_process(jobs: dict[str, list[str]]) -> float:
    """Wall time of every job run in turn in one interpreter (the interpreter's start excluded)."""
    return float(run_jobs_in(ONE_PROCESS, jobs))


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--runs", type=int, default=1, help="runs per job (the medians are shown)")
    parser.add_argument(
        "--preloaded", action="store_true", help="each job forked from a process that has imported everything"
    )
    parser.add_argument(
        "--one-process",
        action="store_true",
        help="every job in turn in one interpreter: the least any layout of these jobs can cost",
    )
    args = parser.parse_args()
    if args.one_process:
        jobs = commands()
        wall = statistics.median(one_process(jobs) for _ in range(args.runs))
        print(f"all {len(jobs)} jobs in one process: {wall:.2f} s (imports paid once, caches kept warm)")
        return
    if args.preloaded:
        runs = [preloaded(commands()) for _ in range(args.runs)]
        walls = {rule: statistics.median(r[rule] for r in runs) for rule in runs[0]}
        for rule, wall in walls.items():
            print(f"{rule:22s}{wall:10.2f}")
        print(f"{'sum':22s}{sum(walls.values()):10.2f}  (forked from a process with every import done)")
        return
    columns = ("wall", "imports", "savefig", "rest")  # rest: the work, the figrepro imports, the exit
    totals = dict.fromkeys(columns, 0.0)
    print(f"{'job':22s}" + "".join(f"{c:>10s}" for c in columns) + f"{'figures':>9s}")
    for rule, argv in commands().items():
        runs = [anatomy(argv) for _ in range(args.runs)]
        row = {c: statistics.median(r[c] for r in runs) for c in columns}
        for c in columns:
            totals[c] += row[c]
        print(f"{rule:22s}" + "".join(f"{row[c]:10.2f}" for c in columns) + f"{argv.count('--figure'):9d}")
    print(f"{'sum':22s}" + "".join(f"{totals[c]:10.2f}" for c in columns))
    fixed = totals["imports"] + totals["savefig"]
    print(f"imports and savefig: {fixed:.2f} s, {fixed / totals['wall']:.0%} of the summed wall")


if __name__ == "__main__":
    main()
