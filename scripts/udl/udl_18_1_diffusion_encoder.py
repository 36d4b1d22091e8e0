"""Notebook 18.1: forward diffusion of the four-Gaussian data (fig. 18.2), the diffusion kernel
q(z_t|x) (fig. 18.3) and the marginals q(z_t) (fig. 18.4) on a grid, t = 0..T.

One legacy stream seeded as the notebook: the mixture samples, T diffusion steps of all of them,
then T steps of the five kernel paths. The time steps drawn come from the figures' names:
``histogram_t020`` is the histogram of z_20.
"""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import PATH_COLOURS, FigureWriter, density_line, histogram, trajectories, true_pdf
from figrepro.random_streams import legacy_generator
from figrepro.udl.diffusion import forward as diffusion
from figrepro.udl.diffusion.mixture import TRUE_MIXTURE
from figrepro.udl.diffusion.plots import time_image

#: the figures it draws (--figure NAME=PATH)
FIGURES = (
    "true_pdf",
    "forward_trajectories",
    *(f"histogram_t{t:03d}" for t in (0, 5, 10, 20, 40, 80, 100)),
    "kernel",
    *(f"kernel_t{t:03d}" for t in (20, 40, 80)),
    "marginals",
    *(f"marginal_t{t:03d}" for t in (0, 20, 60)),
)


@click.command(help=__doc__)
@params_option(__file__, "udl", "18_1")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    rs = legacy_generator(params["seed"])
    T, beta, x = params["T"], params["beta"], params["kernel_x"]
    z = diffusion.forward(rs, TRUE_MIXTURE.sample(rs, params["n_samples"]), beta, T)
    kernel_paths = diffusion.forward(rs, np.full(len(PATH_COLOURS), float(x)), beta, T)

    grid = arange(params["x_grid"])
    alpha = diffusion.alphas(beta, T)
    pdf = TRUE_MIXTURE.pdf(grid)
    mean, std = diffusion.kernel(x, alpha)
    kernel = diffusion.kernel_densities(x, grid, alpha)
    marginals = diffusion.marginals(grid, pdf, alpha)
    tag = f"t{T}_x{x:g}"
    save_json(
        metrics,
        {
            f"kernel_mean_{tag}": float(mean[T]),
            f"kernel_std_{tag}": float(std[T]),
            "mixture_mean": TRUE_MIXTURE.mean,
            "mixture_std": TRUE_MIXTURE.std,
        },
    )

    def steps(prefix: str) -> list[tuple[str, int]]:
        return [(name, int(name.removeprefix(prefix))) for name in write.series(prefix)]

    write("true_pdf", true_pdf(grid, pdf))
    write("forward_trajectories", trajectories(z[:, :5], np.arange(T + 1)))
    bins = np.arange(-3, 3, 0.1)
    for name, t in steps("histogram_t"):
        title = "Original data" if t == 0 else f"Time step {t}"
        write(name, histogram(z[t], bins, (0, 1.0), title))

    def column(v: np.ndarray) -> np.ndarray:
        """Grid value v sits at image column (v - grid[0]) / step."""
        return (v - grid[0]) / (grid[1] - grid[0])

    overlays = [(column(mean - 2 * std), "y--"), (column(mean + 2 * std), "y--")]
    overlays += [(column(kernel_paths[:, i]), c + "-") for i, c in enumerate(PATH_COLOURS)]
    write("kernel", time_image(kernel, "$Pr(z_{t}|x)$", overlays))
    for name, t in steps("kernel_t"):
        write(name, density_line(grid, kernel[t], title=f"$q(z_{{{t}}}|x)$"))
    write("marginals", time_image(marginals, "$Pr(z_{t})$", []))
    for name, t in steps("marginal_t"):
        write(name, density_line(grid, marginals[t], title=f"$q(z_{{{t}}})$"))
    write.check_complete()


if __name__ == "__main__":
    main()
