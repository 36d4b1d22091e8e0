"""Assignment 3: draw one VAE figure with its module ``figrepro.vae.figures.<name>``.

Each ``--input NAME=PATH`` (an .npz or .json result) reaches the module's ``draw`` as the
keyword argument NAME.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import click

from figrepro.cli import fail_cleanly, figure_options, input_options
from figrepro.io import load_json, load_npz
from figrepro.plotting import FigureWriter
from figrepro.vae.figures import FIGURES, draw_inputs


def _load(path: str) -> dict:
    return load_json(path) if Path(path).suffix == ".json" else load_npz(path)


@click.command(help=__doc__)
@input_options
@figure_options(FIGURES)
@fail_cleanly
def main(inputs: dict[str, str], figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    for name in write.names:
        missing = [key for key in draw_inputs(name) if key not in inputs]
        if missing:
            raise click.UsageError(f"--figure {name} reads {', '.join(f'--input {k}=PATH' for k in missing)}")
        module = importlib.import_module(f"figrepro.vae.figures.{name}")
        write(name, module.draw(**{key: _load(inputs[key]) for key in draw_inputs(name)}))
    write.check_complete()


if __name__ == "__main__":
    main()
