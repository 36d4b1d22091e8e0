"""Each script's fixed cost: the wall time of ``python <script> --help``, which imports everything the
script imports and parses its options but does no work, and the heaviest imports behind it.

A job pays this before its first line of work; the cheap notebooks' jobs (a second of work or less)
pay it in full. Measure on an idle machine: the numbers move with whatever else runs.
Usage: python bench/job_startup.py [--runs 3] [--imports 5] [SCRIPT_NAME ...]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def wall(script: Path, runs: int) -> float:
    """The median wall time of ``python script --help`` over ``runs`` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(script), "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def heaviest_imports(script: Path, n: int) -> list[tuple[str, float]]:
    """The ``n`` top-level imports (as ``-X importtime`` nests them) that cost the most, in seconds."""
    command = [sys.executable, "-X", "importtime", str(script), "--help"]
    res = subprocess.run(command, check=True, capture_output=True, text=True)
    top = []
    for line in res.stderr.splitlines():
        found = IMPORT_LINE.match(line)
        if found and len(found.group(3)) == 1:  # one space of indent: imported by the script itself
            top.append((found.group(4), int(found.group(2)) / 1e6))
    return sorted(top, key=lambda item: -item[1])[:n]


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--runs", type=int, default=3, help="runs per script (the median is shown)")
    parser.add_argument("--imports", type=int, default=3, help="heaviest imports shown per script")
    parser.add_argument("names", nargs="*", help="script names (default: every script under scripts/)")
    args = parser.parse_args()
    scripts = sorted(ROOT.glob("scripts/**/*.py"))
    if args.names:
        scripts = [s for s in scripts if s.stem in args.names]
    total = 0.0
    print(f"{'script':42s} {'--help s':>8s}  heaviest imports (cumulative s)")
    for script in scripts:
        seconds = wall(script, args.runs)
        total += seconds
        heavy = ", ".join(f"{name} {cost:.2f}" for name, cost in heaviest_imports(script, args.imports))
        print(f"{script.stem:42s} {seconds:8.2f}  {heavy}")
    print(f"{'sum':42s} {total:8.2f}  ({len(scripts)} scripts; python -c pass: {python_floor():.2f} s)")


def python_floor() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
