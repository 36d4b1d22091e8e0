"""Lecture 4: draw the figures of one computation job (constraints, kl or coin) under the
lecture's own file names."""

from __future__ import annotations

from pathlib import Path

import click

from figrepro.catalog import LECTURE4_FIGURES, LECTURE4_JOB
from figrepro.cli import fail_cleanly
from figrepro.io import load_npz
from figrepro.lecture4.figures import DRAWERS
from figrepro.plotting import save, use_style

JOBS = sorted(set(LECTURE4_JOB.values()))


@click.command()
@click.option("--job", type=click.Choice(JOBS), required=True, help="whose figures to draw")
@click.option("--input", "path", type=click.Path(dir_okay=False), required=True, help="the job's .npz")
@click.option("--out-dir", type=click.Path(file_okay=False), required=True)
@click.option("--dpi", type=click.IntRange(30, 1200), default=150, show_default=True)
@fail_cleanly
def main(job: str, path: str, out_dir: str, dpi: int) -> None:
    use_style()
    arrays = load_npz(path)
    for fig in LECTURE4_FIGURES:
        if LECTURE4_JOB[fig.slug] == job:
            save(DRAWERS[fig.slug](arrays), Path(out_dir) / f"{fig.slug}.{fig.ext}", dpi)


if __name__ == "__main__":
    main()
