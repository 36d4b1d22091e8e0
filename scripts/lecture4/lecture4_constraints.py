"""Lecture 4, constrained to unconstrained: the densities of the three change-of-variables
examples, Beta(2,2)'s derivative by autograd, the transform check and d/dx (x^2 + log x)."""

from __future__ import annotations

import click

from figrepro.cli import fail_cleanly, params_option, result_options
from figrepro.io import save_json, save_npz
from figrepro.lecture4 import constraints


@click.command(help=__doc__)
@params_option(__file__, "lecture4")
@result_options
@fail_cleanly
def main(params: dict, out: str, metrics: str) -> None:
    points = params["curve_points"]
    arrays = {f"derivative_{k}": v for k, v in constraints.density_and_derivative(points).items()}
    arrays |= {f"check_{k}": v for k, v in constraints.transform_check(points).items()}
    for name, example in constraints.EXAMPLES.items():
        arrays |= {f"{name}_{k}": v for k, v in constraints.curves(example, points).items()}
    by_autograd, by_hand = constraints.autodiff_example(2.0)
    save_npz(out, **arrays)
    save_json(metrics, {"autodiff_grad": by_autograd, "autodiff_grad_by_hand": by_hand})


if __name__ == "__main__":
    main()
