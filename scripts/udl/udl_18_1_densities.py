"""Notebook 18.1: the diffusion kernel q(z_t|x) and the marginals q(z_t) on a grid, t = 0..T."""

from __future__ import annotations

import click

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.config import arange
from figrepro.io import save_json, save_npz
from figrepro.udl.diffusion import forward as diffusion
from figrepro.udl.diffusion.mixture import TRUE_MIXTURE


@click.command()
@params_option(__file__, "udl", "18_1")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="results .npz")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True, help="metrics .json")
@fail_cleanly
def main(params: dict, out: str, metrics: str) -> None:
    log = Log("18_1 densities")
    grid = arange(params["x_grid"])
    T, x = params["T"], params["kernel_x"]
    alpha = diffusion.alphas(params["beta"], T)
    pdf = TRUE_MIXTURE.pdf(grid)
    mean, std = diffusion.kernel(x, alpha)
    save_npz(
        out,
        grid=grid,
        pdf=pdf,
        kernel_mean=mean,
        kernel_std=std,
        kernel=diffusion.kernel_densities(x, grid, alpha),
        marginals=diffusion.marginals(grid, pdf, alpha),
    )
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
    log(f"q(z_{T}|x={x:g}) = Norm({mean[T]:.6f}, {std[T]:.6f}^2)")


if __name__ == "__main__":
    main()
