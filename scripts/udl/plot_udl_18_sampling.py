"""Notebooks 18.2-18.4: the true density, then a histogram and five paths per sampler run.

A run's figures are ``<run>_samples`` and ``<run>_trajectories`` (``samples`` and ``trajectories``
for a notebook's only run); they read the inputs ``<run>_samples`` (.npy) and ``<run>_paths`` (.npz).
"""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, input_options
from figrepro.io import load_npy, load_npz
from figrepro.plotting import FigureWriter, histogram, trajectories, true_pdf
from figrepro.udl.diffusion.mixture import TRUE_MIXTURE

HIST_YLIM = {"accelerated_samples": (0, 0.9)}  # the notebooks' ranges; 0.8 elsewhere


def _input(inputs: dict[str, str], name: str) -> str:
    if name not in inputs:
        raise click.UsageError(f"no --input {name}=PATH (given: {', '.join(inputs) or 'none'})")
    return inputs[name]


#: the figures it draws (--figure NAME=PATH)
FIGURES = (  # 18.2's and 18.3's one run, 18.4's two
    "true_pdf",
    *(f"{run}{kind}" for run in ("", "ddim_", "accelerated_") for kind in ("samples", "trajectories")),
)


@click.command(help=__doc__)
@input_options
@figure_options(FIGURES)
@fail_cleanly
def main(inputs: dict[str, str], figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    x = np.arange(-3, 3, 0.01)
    bins = np.arange(-3, 3.05, 0.05)
    for name in write.names:
        if name == "true_pdf":
            write(name, true_pdf(x, TRUE_MIXTURE.pdf(x), size=(8, 2.5)))
        elif name.endswith("samples"):
            samples = load_npy(_input(inputs, name))
            write(name, histogram(samples, bins, HIST_YLIM.get(name, (0, 0.8))))
        else:  # trajectories
            kept = load_npz(_input(inputs, name.removesuffix("trajectories") + "paths"))
            marker = ".-" if kept["t"].size < 101 else "-"
            write(name, trajectories(kept["paths"], kept["t"], marker))
    write.check_complete()


if __name__ == "__main__":
    main()
