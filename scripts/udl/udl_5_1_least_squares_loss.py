"""Notebook 5.1: the normal likelihood, its negative log and the sum of squares of a regression
network (figs. 5.4, 5.5b), swept over the output offset beta_1 and over sigma. Fifteen figures
and the numbers the notebook prints."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.distributions import normal_logpdf, normal_pdf
from figrepro.io import save_json
from figrepro.plotting import FigureWriter, curve
from figrepro.udl.losses.likelihoods import Sweep, drawn, likelihood, negative_log_likelihood, sum_of_squares
from figrepro.udl.losses.plots import likelihood_and_sum_of_squares, regression
from figrepro.udl.networks.networks import Layer, forward, matrix_layers, output_bias_sweep
from figrepro.udl.networks.toy_data import X_TRAIN, Y_REGRESSION_5_1

Y = Y_REGRESSION_5_1


def sweep(mu: np.ndarray, sigma: np.ndarray | float, values: np.ndarray) -> Sweep:
    """Likelihood, NLL and sum of squares of the training data for each row of means ``mu``."""
    return Sweep(
        values,
        likelihood(normal_pdf(Y, mu, sigma)),
        negative_log_likelihood(normal_logpdf(Y, mu, sigma)),
        np.broadcast_to(sum_of_squares(Y, mu), values.shape),  # flat in sigma
    )


#: the figures it draws (--figure NAME=PATH)
FIGURES = (
    "model",
    "normal_pdf",
    *(f"beta1_sweep_{i}" for i in range(1, 6)),
    "beta1_likelihood",
    "best_beta1",
    *(f"sigma_sweep_{i}" for i in range(1, 5)),
    "sigma_likelihood",
    "best_model",
)


@click.command(help=__doc__)
@params_option(__file__, "udl", "5_1")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    layers, sigma = matrix_layers(params["network"]), params["sigma"]
    x, data = arange(params["x"]), (X_TRAIN, Y)
    mu_train = forward(X_TRAIN[None], layers)[0]
    example = params["normal_example"]
    numbers = {
        "normal_pdf_example": float(normal_pdf(example["y"], example["mu"], example["sigma"])),
        "likelihood": float(likelihood(normal_pdf(Y, mu_train, sigma))),
        "nll": float(negative_log_likelihood(normal_logpdf(Y, mu_train, sigma))),
        "sum_of_squares": float(sum_of_squares(Y, mu_train)),
    }

    offsets = arange(params["beta1_sweep"])
    by_offset = sweep(output_bias_sweep(X_TRAIN[None], layers, 0, offsets)[:, 0], sigma, offsets)
    best_beta1 = by_offset.at_min_sum_of_squares()
    sigma_beta1 = best_beta1 if params["sigma_sweep_beta1"] == "best" else params["sigma_sweep_beta1"]
    at_offset = [layers[0], Layer(np.array([sigma_beta1]), layers[1].weights)]
    sigmas = arange(params["sigma_sweep"])
    by_sigma = sweep(forward(X_TRAIN[None], at_offset)[0], sigmas[:, None], sigmas)
    best_sigma = by_sigma.at_min_nll()
    offset_figures, sigma_figures = write.series("beta1_sweep_"), write.series("sigma_sweep_")
    drawn_offsets, drawn_sigmas = drawn(offsets, len(offset_figures)), drawn(sigmas, len(sigma_figures))

    write("model", regression(x, forward(x[None], layers)[0], sigma, data))
    normal = params["normal_plot"]
    y = arange(normal["y"])
    write(
        "normal_pdf",
        curve(
            y, normal_pdf(y, normal["mu"], normal["sigma"]), "-", xlim=(-5, 5), ylim=(0, 1.0),
            xlabel=r"Input, $y$", ylabel=r"Probability $Pr(y)$",
        ),
    )  # fmt: skip
    curves = output_bias_sweep(x[None], layers, 0, np.append(drawn_offsets, best_beta1))[:, 0]
    for figure, value, mu in zip(offset_figures, drawn_offsets, curves[:-1], strict=True):
        write(figure, regression(x, mu, sigma, data, title=f"beta1={value:3.3f}"))
    write("beta1_likelihood", likelihood_and_sum_of_squares(by_offset, "beta_1[0]"))
    write("best_beta1", regression(x, curves[-1], sigma, data, title=f"beta1={best_beta1:3.3f}"))
    mu_at_offset = forward(x[None], at_offset)[0]
    for figure, value in zip(sigma_figures, drawn_sigmas, strict=True):
        write(figure, regression(x, mu_at_offset, value, data, title=f"sigma={value:3.3f}"))
    write("sigma_likelihood", likelihood_and_sum_of_squares(by_sigma, "sigma"))
    title = f"beta_1={sigma_beta1:3.3f}, sigma ={best_sigma:3.3f}"
    write("best_model", regression(x, mu_at_offset, best_sigma, data, title=title))
    write.check_complete()

    numbers |= {
        "best_beta1": best_beta1,
        "best_sigma": best_sigma,
        "max_likelihood_beta1": by_offset.at_max_likelihood(),
        "min_nll_beta1": by_offset.at_min_nll(),
        "min_sum_of_squares_beta1": best_beta1,
        "beta1_sweep_max_likelihood": float(by_offset.likelihood.max()),
        "beta1_sweep_min_nll": float(by_offset.nll.min()),
        "beta1_sweep_min_sum_of_squares": float(by_offset.sum_of_squares.min()),
        "max_likelihood_sigma": by_sigma.at_max_likelihood(),
        "min_nll_sigma": best_sigma,
        "sigma_sweep_max_likelihood": float(by_sigma.likelihood.max()),
        "sigma_sweep_min_nll": float(by_sigma.nll.min()),
    }
    save_json(metrics, numbers)


if __name__ == "__main__":
    main()
