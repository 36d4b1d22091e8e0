"""Notebook 6.1: line search by bracketing (fig. 6.10) on a 1-D loss with two dips. Eleven figures;
the solution, its loss and the bracket of each iteration."""

from __future__ import annotations

import click

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import ConfigError, arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter, curve
from figrepro.udl.optimisation.line_search import line_search
from figrepro.udl.optimisation.toy_losses import two_dips

#: the figures it draws (--figure NAME=PATH)
FIGURES = ("loss", *(f"iteration_{i}" for i in range(1, 11)))


@click.command(help=__doc__)
@params_option(__file__, "udl", "6_1")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    iterations = write.series("iteration_")
    search = line_search(
        lambda phi: float(two_dips(phi)), params["bracket"], params["thresh"], len(iterations)
    )
    if len(search.brackets) < len(iterations):
        raise ConfigError(
            f'udl."6_1".thresh: the search stops after {len(search.brackets)} iterations; '
            f"the notebook draws {len(iterations)}"
        )
    phi = arange(params["phi"])
    labels = {"xlim": (0, 1), "ylim": (0, 1), "xlabel": r"$\phi$", "ylabel": r"$L[\phi]$"}
    write("loss", curve(phi, two_dips(phi), **labels))
    for figure, points in zip(iterations, search.brackets, strict=True):
        fig = curve(phi, two_dips(phi), **labels)
        ax = fig.axes[0]
        ax.axvspan(points[0], points[3], facecolor="k", alpha=0.2)
        for p in points:
            ax.plot([p, p], [0, 1], "b-")
        write(figure, fig)
    write.check_complete()
    save_json(
        metrics,
        {
            "solution": search.solution,
            "loss": float(two_dips(search.solution)),
            "brackets": [list(b) for b in search.brackets],
        },
    )


if __name__ == "__main__":
    main()
