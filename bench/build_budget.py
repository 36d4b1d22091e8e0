"""Build every figure into a scratch directory and report each job's wall time and peak memory.

Budgets, on 2 cores: the chapter 17-18 jobs' summed wall time <= 60 s and every job's peak
memory <= 1 GiB (issue 2); the VAE's evaluation job <= 30 s (issue 19; its training, shown here
sharing the cores with whatever Snakemake runs beside it, is timed alone by
bench/vae_training.py); the jobs of chapters 1-7 (one per notebook) <= 30 s summed, each
<= 300 MB (issue 9); those of chapters 6-21 and the gradient-flow blog <= 40 s summed, each
<= 400 MB, and the whole build <= 4 minutes (issues 10 and 19).
Usage: python bench/build_budget.py [--cores 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figrepro.records import Record, one_job_notebooks

ROOT = Path(__file__).resolve().parents[1]
UDL_WALL_BUDGET_S = 60.0
VAE_EVALUATE_BUDGET_S = 30.0
MEMORY_BUDGET_MB = 1024.0


def _chapter(record: Record) -> int | None:
    head = record.name.split(".", 1)[0]  # "6.3 Stochastic gradient descent"; the blog has none
    return int(head) if head.isdigit() else None


#: the one-job notebooks of chapters 1-5 and 7 (issue 9), and the rest (chapters 6, 9, 16, 18.1, 21, the blog)
CH01_07 = tuple(r.source for r in one_job_notebooks() if _chapter(r) in (1, 2, 3, 4, 5, 7))
CH01_07_WALL_BUDGET_S = 30.0
CH01_07_MEMORY_BUDGET_MB = 300.0
CH06_21 = tuple(r.source for r in one_job_notebooks() if r.source not in CH01_07)
CH06_21_WALL_BUDGET_S = 40.0
CH06_21_MEMORY_BUDGET_MB = 400.0
BUILD_BUDGET_S = 240.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build here instead of a temporary directory")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="figrepro-bench-"))
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "figures/all",
            "-s",
            str(ROOT / "Snakefile"),
            "--directory",
            str(work),
            "--cores",
            str(args.cores),
            "--forceall",
            "--quiet",
            "all",
        ],
        check=True,
    )
    elapsed = time.perf_counter() - start
    rows = []
    for tsv in sorted((work / "benchmarks").rglob("*.tsv")):
        with tsv.open() as fh:
            record = next(csv.DictReader(fh, delimiter="\t"))
        rows.append((str(tsv.relative_to(work / "benchmarks")), float(record["s"]), float(record["max_rss"])))
    print(f"{'job':42s} {'wall s':>8s} {'max RSS MB':>11s}")
    for name, wall, rss in rows:
        print(f"{name:42s} {wall:8.2f} {rss:11.1f}")
    udl = sum(w for name, w, _ in rows if name.startswith(("udl/17", "udl/18")))

    def group(sources: tuple[str, ...]) -> tuple[int, float, float]:
        jobs = [(w, r) for name, w, r in rows if name.startswith(tuple(f"{source}/" for source in sources))]
        return len(jobs), sum(w for w, _ in jobs), max(r for _, r in jobs)

    n_cheap, cheap_wall, cheap_peak = group(CH01_07)
    n_late, late_wall, late_peak = group(CH06_21)
    train = next(w for name, w, _ in rows if name == "vae/train.tsv")
    evaluate = next(w for name, w, _ in rows if name == "vae/evaluate.tsv")
    peak = max(r for _, _, r in rows)
    print(
        f"\nchapters 1-7: {n_cheap} jobs, {cheap_wall:.1f} s summed "
        f"(budget {CH01_07_WALL_BUDGET_S:.0f} s), "
        f"largest peak memory {cheap_peak:.0f} MB (budget {CH01_07_MEMORY_BUDGET_MB:.0f} MB)"
    )
    print(
        f"chapters 6-21 and the blog: {n_late} jobs, {late_wall:.1f} s summed "
        f"(budget {CH06_21_WALL_BUDGET_S:.0f} s), "
        f"largest peak memory {late_peak:.0f} MB (budget {CH06_21_MEMORY_BUDGET_MB:.0f} MB)"
    )
    print(
        f"summed wall time of the chapter 17-18 jobs {udl:.1f} s (budget {UDL_WALL_BUDGET_S:.0f} s); "
        f"VAE training {train:.1f} s, evaluation {evaluate:.1f} s (budget {VAE_EVALUATE_BUDGET_S:.0f} s); "
        f"all jobs {sum(w for _, w, _ in rows):.1f} s; "
        f"largest peak memory {peak:.0f} MB (budget {MEMORY_BUDGET_MB:.0f} MB); "
        f"build wall clock {elapsed:.1f} s with --cores {args.cores} (budget {BUILD_BUDGET_S:.0f} s)"
    )
    within = (
        udl <= UDL_WALL_BUDGET_S
        and evaluate <= VAE_EVALUATE_BUDGET_S
        and peak <= MEMORY_BUDGET_MB
        and cheap_wall <= CH01_07_WALL_BUDGET_S
        and cheap_peak <= CH01_07_MEMORY_BUDGET_MB
        and late_wall <= CH06_21_WALL_BUDGET_S
        and late_peak <= CH06_21_MEMORY_BUDGET_MB
        and elapsed <= BUILD_BUDGET_S
    )
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
