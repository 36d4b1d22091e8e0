"""Notebook 17.2's three curves from the Monte Carlo segments in ``results/udl/17_2/``."""

from __future__ import annotations

import click

from figrepro.catalog import slugs
from figrepro.cli import fail_cleanly, figure_options
from figrepro.io import load_npz
from figrepro.plotting import FigureWriter, new_figure

YLABEL = {
    "expectation": r"$\mathbb{E}_{Pr(x|\phi)}[f[x]]$",
    "reparam": r"$\partial/\partial\phi\mathbb{E}_{Pr(x|\phi)}[f[x]]$",
    "score": r"$\partial/\partial\phi\mathbb{E}_{Pr(x|\phi)}[f[x]]$",
}


@click.command()
@click.option("--expectation", type=click.Path(dir_okay=False), required=True)
@click.option("--reparam", type=click.Path(dir_okay=False), required=True)
@click.option("--score", type=click.Path(dir_okay=False), required=True)
@figure_options
@fail_cleanly
def main(expectation: str, reparam: str, score: str, out_dir: str, fmt: str, dpi: int) -> None:
    write = FigureWriter(out_dir, slugs("17_2"), fmt, dpi)
    for slug, (name, path) in zip(
        slugs("17_2"),
        [("expectation", expectation), ("reparam", reparam), ("score", score)],
        strict=True,
    ):
        r = load_npz(path)
        fig, ax = new_figure()
        ax.plot(r["phi"], r["estimate"], "r-")
        ax.set_xlabel(r"Parameter $\phi$")
        ax.set_ylabel(YLABEL[name])
        write(slug, fig)
    write.check_complete()


if __name__ == "__main__":
    main()
