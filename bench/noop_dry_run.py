"""The no-op dry run against Snakemake's own start: ``snakemake -n figures/all`` on a finished build
and ``snakemake --version``, in turns, and the ratio of their medians (issue 22: at most 1.6).

Run it in the build's folder after ``snakemake --cores 4 figures/all``; it refuses a build with
anything to do (that would be no no-op).
Usage: python bench/noop_dry_run.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

NOOP = [sys.executable, "-m", "snakemake", "-n", "figures/all"]
VERSION = [sys.executable, "-m", "snakemake", "--version"]


def seconds(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    res = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, res.stdout + res.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="runs of each (the medians are compared)")
    args = parser.parse_args()
    _, out = seconds(NOOP)
    if "Nothing to be done" not in out:
        print("the build has jobs to run: build it first (snakemake --cores 4 figures/all)", file=sys.stderr)
        return 1
    noop, version = [], []
    for _ in range(args.runs):
        noop.append(seconds(NOOP)[0])
        version.append(seconds(VERSION)[0])
    n, v = statistics.median(noop), statistics.median(version)
    print(f"snakemake -n figures/all   median {n:.2f} s  (min {min(noop):.2f}, max {max(noop):.2f})")
    print(f"snakemake --version        median {v:.2f} s  (min {min(version):.2f}, max {max(version):.2f})")
    print(f"ratio of medians {n / v:.2f} (budget: at most 1.6)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
