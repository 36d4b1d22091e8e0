"""Notebook 17.3's eight figures from its three seeded segments (f1, f2, f2 by importance sampling)."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options
from figrepro.distributions import normal_pdf
from figrepro.io import load_npz
from figrepro.plotting import FigureWriter, estimate_band, new_figure
from figrepro.udl.latent.importance import f1, f2

COMMON_YLIM = (-5, 6)


def function_and_prior(fn) -> object:
    y = np.arange(-10, 10, 0.01)
    fig, ax = new_figure()
    ax.plot(y, fn(y), "r-", label="f$[y]$")
    ax.plot(y, normal_pdf(y), "b-", label="$Pr(y)$")
    ax.set_xlabel("$y$")
    ax.legend()
    return fig


#: the figures it draws (--figure NAME=PATH)
FIGURES = (
    "f1_and_prior",
    "f1_estimates",
    "f2_and_prior",
    "f1_estimates_common_scale",
    "f2_estimates",
    "f1_estimates_again",
    "f2_estimates_again",
    "f2_importance",
)


@click.command(help=__doc__)
@click.option("--f1", "f1_path", type=click.Path(dir_okay=False), required=True)
@click.option("--f2", "f2_path", type=click.Path(dir_okay=False), required=True)
@click.option("--f2-importance", "is_path", type=click.Path(dir_okay=False), required=True)
@figure_options(FIGURES)
@fail_cleanly
def main(f1_path: str, f2_path: str, is_path: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    one, two, imp = load_npz(f1_path), load_npz(f2_path), load_npz(is_path)

    def band(r: dict, title: str = "", ylim=None, true_from: float = 0) -> object:
        # the dashed "true value" is the segment's own 10^8-sample reference estimate
        return estimate_band(r["n"], r["mean"], r["var"], float(r["reference"]), title, ylim, true_from)

    write("f1_and_prior", function_and_prior(f1))
    write("f1_estimates", band(one))
    write("f2_and_prior", function_and_prior(f2))
    write("f1_estimates_common_scale", band(one, "First function", COMMON_YLIM, 1))
    write("f2_estimates", band(two, "Second function", COMMON_YLIM))
    write("f1_estimates_again", band(one, "First function", COMMON_YLIM, 1))
    write("f2_estimates_again", band(two, "Second function", COMMON_YLIM))
    write("f2_importance", band(imp, "Second function with importance sampling", COMMON_YLIM))
    write.check_complete()


if __name__ == "__main__":
    main()
