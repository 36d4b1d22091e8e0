"""Notebook 17.2's three curves from its three Monte Carlo segments (expectation, reparam, score)."""

from __future__ import annotations

import click

from figrepro.cli import fail_cleanly, figure_options
from figrepro.io import load_npz
from figrepro.plotting import FigureWriter, new_figure

YLABEL = {
    "expectation": r"$\mathbb{E}_{Pr(x|\phi)}[f[x]]$",
    "reparam": r"$\partial/\partial\phi\mathbb{E}_{Pr(x|\phi)}[f[x]]$",
    "score": r"$\partial/\partial\phi\mathbb{E}_{Pr(x|\phi)}[f[x]]$",
}


#: the figures it draws (--figure NAME=PATH)
FIGURES = ("expectation", "reparam_gradient", "score_gradient")


@click.command(help=__doc__)
@click.option("--expectation", type=click.Path(dir_okay=False), required=True)
@click.option("--reparam", type=click.Path(dir_okay=False), required=True)
@click.option("--score", type=click.Path(dir_okay=False), required=True)
@figure_options(FIGURES)
@fail_cleanly
def main(expectation: str, reparam: str, score: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    for name, (estimate, path) in {
        "expectation": ("expectation", expectation),
        "reparam_gradient": ("reparam", reparam),
        "score_gradient": ("score", score),
    }.items():
        r = load_npz(path)
        fig, ax = new_figure()
        ax.plot(r["phi"], r["estimate"], "r-")
        ax.set_xlabel(r"Parameter $\phi$")
        ax.set_ylabel(YLABEL[estimate])
        write(name, fig)
    write.check_complete()


if __name__ == "__main__":
    main()
