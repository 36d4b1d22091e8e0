"""Notebook 5.3: the categorical likelihood of a three-class classifier, lambda = softmax[f[x]]
(eq. 5.22), swept over the first output's offset. Seven figures and the numbers the notebook prints."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter
from figrepro.udl.losses.likelihoods import Sweep, categorical_pmf, drawn, likelihood, negative_log_likelihood
from figrepro.udl.losses.plots import likelihood_and_nll, multiclass_classification
from figrepro.udl.networks.activations import softmax
from figrepro.udl.networks.networks import forward, matrix_layers, output_bias_sweep
from figrepro.udl.networks.toy_data import X_TRAIN, Y_CLASSES

CLASS_AXIS = -2  # outputs are (..., classes, data)


#: the figures it draws (--figure NAME=PATH)
FIGURES = ("model", *(f"beta1_sweep_{i}" for i in range(1, 5)), "beta1_likelihood", "best_model")


@click.command(help=__doc__)
@params_option(__file__, "udl", "5_3")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    layers = matrix_layers(params["network"])
    x, data = arange(params["x"]), (X_TRAIN, Y_CLASSES)
    lam_train = softmax(forward(X_TRAIN[None], layers), axis=CLASS_AXIS)
    example = np.asarray(params["categorical_example"], dtype=float)[:, None]
    numbers = {
        "categorical_example": [float(categorical_pmf([k], example)[0]) for k in range(len(example))],
        "likelihood": float(likelihood(categorical_pmf(Y_CLASSES, lam_train))),
        "nll": float(negative_log_likelihood(np.log(categorical_pmf(Y_CLASSES, lam_train)))),
    }

    offsets = arange(params["beta1_sweep"])
    lam = softmax(output_bias_sweep(X_TRAIN[None], layers, 0, offsets), axis=CLASS_AXIS)
    probabilities = categorical_pmf(Y_CLASSES, lam)
    by_offset = Sweep(offsets, likelihood(probabilities), negative_log_likelihood(np.log(probabilities)))
    best = by_offset.at_min_nll()
    models = write.series("beta1_sweep_")
    shown = np.append(drawn(offsets, len(models)), best)
    outputs = output_bias_sweep(x[None], layers, 0, shown)

    def model(out: np.ndarray, title: str | None = None) -> object:
        return multiclass_classification(x, out, softmax(out, axis=CLASS_AXIS), data, title)

    write("model", model(forward(x[None], layers)))
    for figure, value, out in zip(models, shown[:-1], outputs[:-1], strict=True):
        write(figure, model(out, title=f"beta1[0,0]={value:3.3f}"))
    write("beta1_likelihood", likelihood_and_nll(by_offset, "beta_1[0, 0]"))
    write("best_model", model(outputs[-1], title=f"beta1[0,0]={best:3.3f}"))
    write.check_complete()

    numbers |= {
        "best_beta1_0": best,
        "min_nll": float(by_offset.nll.min()),
        "max_likelihood_beta1_0": by_offset.at_max_likelihood(),
        "max_likelihood": float(by_offset.likelihood.max()),
    }
    save_json(metrics, numbers)


if __name__ == "__main__":
    main()
