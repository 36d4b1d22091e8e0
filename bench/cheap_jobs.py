"""The cheap notebooks' jobs (one per notebook of chapters 1 to 9, 16, 21 and the gradient-flow blog)
forced alone, at several commits in the same run: each job's wall time from its benchmark file,
summed per commit.

Each commit is checked out into a scratch folder (``git worktree``) whose jobs import that commit's
library (PYTHONPATH); the commits take turns, ``--rounds`` times, so a load that comes and goes
falls on all of them. Budget (issue 22): at HEAD, at most half of b28eefa's sum.
Usage: python bench/cheap_jobs.py [--cores 2] [--rounds 3] [COMMIT ...]   (default: b28eefa HEAD)
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from figrepro.records import one_job_notebooks

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "b28eefa"  # the commit issue 22 measured
#: the notebooks of the budget (their records' one-job notebooks but 18.1, which had three jobs at
#: b28eefa); their rules are named udl_<id> at every commit since b28eefa
NOTEBOOKS = tuple(r.config[-1] for r in one_job_notebooks() if not r.name.startswith("18."))
RULES = [f"udl_{nb}" for nb in NOTEBOOKS]


def checkout(commit: str, parent: Path) -> Path:
    """A worktree of ``commit`` in ``parent`` (detached; removed by :func:`remove`)."""
    folder = parent / commit
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(folder), commit], check=True
    )
    return folder


def remove(folder: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=True)


def forced_run(tree: Path, cores: int) -> dict[str, float]:
    """Force the budget's jobs alone in ``tree``; each job's wall time in seconds."""
    # the jobs' ``python`` is this interpreter (its environment's bin first on PATH), as with it activated
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), PATH=path)
    command = [sys.executable, "-m", "snakemake", *RULES, "--forceall", "--cores", str(cores), "--quiet"]
    subprocess.run(command, cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)
    walls = {}
    for nb, rule in zip(NOTEBOOKS, RULES, strict=True):
        with (tree / "benchmarks" / "udl" / nb / "notebook.tsv").open() as fh:
            walls[rule] = float(next(csv.DictReader(fh, delimiter="\t"))["s"])
    return walls


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="runs per commit (the median sum is shown)")
    parser.add_argument("commits", nargs="*", default=[BASELINE, "HEAD"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="figrepro-cheap-") as scratch:
        trees = {commit: checkout(commit, Path(scratch)) for commit in args.commits}
        try:
            runs: dict[str, list[dict[str, float]]] = {commit: [] for commit in args.commits}
            for _ in range(args.rounds):
                for commit, tree in trees.items():
                    runs[commit].append(forced_run(tree, args.cores))
        finally:
            for tree in trees.values():
                remove(tree)
    sums = {commit: statistics.median(sum(r.values()) for r in done) for commit, done in runs.items()}
    print(f"{'job':22s}" + "".join(f"{commit:>12s}" for commit in args.commits))
    for rule in RULES:
        medians = [statistics.median(r[rule] for r in runs[commit]) for commit in args.commits]
        print(f"{rule:22s}" + "".join(f"{m:12.2f}" for m in medians))
    print(f"{'sum (median of rounds)':22s}" + "".join(f"{sums[c]:12.2f}" for c in args.commits))
    first, last = args.commits[0], args.commits[-1]
    print(f"{last} / {first}: {sums[last] / sums[first]:.2f} (budget: at most 0.50)")


if __name__ == "__main__":
    main()
