"""Notebooks 18.2-18.4: the true density, then a histogram and five paths per sampler run.

Each ``--run NAME=SAMPLES.npy,PATHS.npz`` adds the figures ``<NAME>_samples`` and
``<NAME>_trajectories`` (or ``samples``/``trajectories`` when NAME is ``-``).
"""

from __future__ import annotations

import click
import numpy as np

from figrepro.catalog import slugs
from figrepro.cli import fail_cleanly, figure_options
from figrepro.io import load_npy, load_npz
from figrepro.plotting import FigureWriter, histogram, trajectories, true_pdf
from figrepro.udl.mixture import TRUE_MIXTURE

HIST_YLIM = {"accelerated": (0, 0.9)}  # the notebooks' ranges; 0.8 elsewhere


@click.command()
@click.option("--notebook", type=click.Choice(["18_2", "18_3", "18_4"]), required=True)
@click.option("--run", "runs", multiple=True, required=True, help="NAME=SAMPLES.npy,PATHS.npz")
@figure_options
@fail_cleanly
def main(notebook: str, runs: tuple[str, ...], out_dir: str, fmt: str, dpi: int) -> None:
    names = slugs(notebook)
    write = FigureWriter(out_dir, names, fmt, dpi)
    x = np.arange(-3, 3, 0.01)
    write(names[0], true_pdf(x, TRUE_MIXTURE.pdf(x), size=(8, 2.5)))
    bins = np.arange(-3, 3.05, 0.05)
    position = 1
    for spec in runs:
        name, _, files = spec.partition("=")
        samples_path, _, paths_path = files.partition(",")
        if not samples_path or not paths_path:
            raise click.BadParameter(f"{spec!r} is not NAME=SAMPLES.npy,PATHS.npz", param_hint="--run")
        samples = load_npy(samples_path)
        kept = load_npz(paths_path)
        marker = ".-" if kept["t"].size < 101 else "-"
        write(names[position], histogram(samples, bins, HIST_YLIM.get(name, (0, 0.8))))
        write(names[position + 1], trajectories(kept["paths"], kept["t"], marker))
        position += 2
    write.check_complete()


if __name__ == "__main__":
    main()
