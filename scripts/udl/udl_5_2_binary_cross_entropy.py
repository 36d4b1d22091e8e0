"""Notebook 5.2: the Bernoulli likelihood of a binary classifier, lambda = sig[f[x]] (eqs. 5.17-5.18),
swept over the output offset beta_1. Seven figures and the numbers the notebook prints."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.udl.losses.likelihoods import (
    Sweep,
    bernoulli_log_pmf,
    bernoulli_pmf,
    drawn,
    likelihood,
    negative_log_likelihood,
)
from figrepro.udl.losses.plots import binary_classification, likelihood_and_nll
from figrepro.udl.networks.activations import sigmoid
from figrepro.udl.networks.networks import forward, matrix_layers, output_bias_sweep
from figrepro.udl.networks.toy_data import X_TRAIN, Y_BINARY

#: the figures it draws (--figure NAME=PATH)
FIGURES = ("model", *(f"beta1_sweep_{i}" for i in range(1, 5)), "beta1_likelihood", "best_model")


@click.command(help=__doc__)
@params_option(__file__, "udl", "5_2")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    layers = matrix_layers(params["network"])
    x, data = arange(params["x"]), (X_TRAIN, Y_BINARY)
    lam_train = sigmoid(forward(X_TRAIN[None], layers)[0])
    example = params["bernoulli_example"]
    numbers = {
        "bernoulli_example_y0": float(bernoulli_pmf(0, example)),
        "bernoulli_example_y1": float(bernoulli_pmf(1, example)),
        "likelihood": float(likelihood(bernoulli_pmf(Y_BINARY, lam_train))),
        "nll": float(negative_log_likelihood(bernoulli_log_pmf(Y_BINARY, lam_train))),
    }

    offsets = arange(params["beta1_sweep"])
    lam = sigmoid(output_bias_sweep(X_TRAIN[None], layers, 0, offsets)[:, 0])
    by_offset = Sweep(
        offsets,
        likelihood(bernoulli_pmf(Y_BINARY, lam)),
        negative_log_likelihood(bernoulli_log_pmf(Y_BINARY, lam)),
    )
    best = by_offset.at_min_nll()
    models = write.series("beta1_sweep_")
    shown = np.append(drawn(offsets, len(models)), best)
    outputs = output_bias_sweep(x[None], layers, 0, shown)[:, 0]

    out = forward(x[None], layers)[0]
    write("model", binary_classification(x, out, sigmoid(out), data))
    for figure, value, out in zip(models, shown[:-1], outputs[:-1], strict=True):
        write(figure, binary_classification(x, out, sigmoid(out), data, title=f"beta_1[0]={value:3.3f}"))
    write("beta1_likelihood", likelihood_and_nll(by_offset, "beta_1[0]"))
    title = f"beta_1[0]={best:3.3f}"
    write("best_model", binary_classification(x, outputs[-1], sigmoid(outputs[-1]), data, title=title))
    write.check_complete()

    numbers |= {
        "best_beta1": best,
        "min_nll": float(by_offset.nll.min()),
        "max_likelihood_beta1": by_offset.at_max_likelihood(),
        "max_likelihood": float(by_offset.likelihood.max()),
    }
    save_json(metrics, numbers)


if __name__ == "__main__":
    main()
