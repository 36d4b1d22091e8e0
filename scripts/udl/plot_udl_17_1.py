"""Notebook 17.1's five figures from the grids and samples of its integrals job (``--integrals``)."""

from __future__ import annotations

import click
import numpy as np
from matplotlib.figure import Figure
from mpl_toolkits.mplot3d.art3d import Line3DCollection

from figrepro.cli import fail_cleanly, figure_options
from figrepro.io import load_npz
from figrepro.plotting import FigureWriter, heatmap, new_figure

#: the figures it draws (--figure NAME=PATH)
FIGURES = ("latent_curve", "likelihood", "data_density", "density_samples", "posterior")


@click.command(help=__doc__)
@click.option("--integrals", type=click.Path(dir_okay=False), required=True)
@figure_options(FIGURES)
@fail_cleanly
def main(integrals: str, figures: dict[str, str], dpi: int) -> None:
    r = load_npz(integrals)
    write = FigureWriter(figures, dpi)

    fig = Figure(figsize=(18.5, 10.5))
    ax = fig.add_subplot(projection="3d")
    points = np.column_stack([r["z"], r["f1"], r["f2"]])
    segments = np.stack([points[:-1], points[1:]], axis=1)
    colours = np.zeros((len(segments), 4))
    colours[:, 0] = 1.0
    colours[:, 3] = r["prior"][:-1]  # opacity = Pr(z), as the notebook draws it
    ax.add_collection3d(Line3DCollection(segments, colors=colours))
    ax.set_xlabel("$z$")
    ax.set_ylabel("$x_1$")
    ax.set_zlabel("$x_2$")
    ax.set_xlim(-3, 3)
    ax.set_ylim(0, 2)
    ax.set_zlim(-1, 1)
    ax.set_box_aspect((3, 1, 1))
    write("latent_curve", fig)

    x1, x2 = np.meshgrid(r["x1"], r["x2"])
    write(
        "likelihood",
        heatmap(x1, x2, r["likelihood"], "Conditional distribution $Pr(x_1,x_2|z)$"),
    )
    write("data_density", heatmap(x1, x2, r["density"], "Data density $Pr(x_1,x_2)$"))
    write(
        "density_samples",
        heatmap(x1, x2, r["density"], "Data density $Pr(x_1,x_2)$", samples=r["samples"]),
    )

    fig, ax = new_figure()
    ax.plot(r["z"], r["posterior"], "r-")
    ax.set_xlabel("Latent variable $z$")
    ax.set_ylabel("Posterior probability $Pr(z|x_{1},x_{2})$")
    ax.set_xlim(-3, 3)
    ax.set_ylim(0, 1.5 * r["posterior"].max())
    write("posterior", fig)
    write.check_complete()


if __name__ == "__main__":
    main()
