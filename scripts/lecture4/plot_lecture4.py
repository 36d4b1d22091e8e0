"""Lecture 4: draw the figures of one computation job (constraints, kl or coin) from its results,
each under the lecture's own file name."""

from __future__ import annotations

import click

from figrepro.cli import fail_cleanly, figure_options
from figrepro.io import load_npz
from figrepro.lecture4.figures import DRAWERS
from figrepro.plotting import FigureWriter


@click.command(help=__doc__)
@click.option("--input", "path", type=click.Path(dir_okay=False), required=True, help="the job's .npz")
@figure_options(DRAWERS)
@fail_cleanly
def main(path: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    arrays = load_npz(path)
    for name in write.names:
        write(name, DRAWERS[name](arrays))
    write.check_complete()


if __name__ == "__main__":
    main()
