"""Figures of chapter 5: a model against its training data (regression, binary and multiclass
classification) and the likelihood and NLL of a parameter sweep on twin axes."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figrepro.plotting import new_figure, subplots
from figrepro.udl.losses.likelihoods import Sweep

CLASS_COLOURS = ("r", "g", "b")  # classes 0, 1, 2
LIKELIHOOD_COLOUR, NLL_COLOUR = "tab:red", "tab:blue"


def regression(
    x: np.ndarray,
    mu: np.ndarray,
    sigma: float,
    data: tuple[np.ndarray, np.ndarray],
    title: str | None = None,
) -> Figure:
    """Figs. 5.4, 5.5b: the predicted mean, a grey band of +/-2 sigma, and the training data."""
    fig, ax = new_figure()
    ax.plot(x, mu)
    ax.fill_between(x, mu - 2 * sigma, mu + 2 * sigma, color="lightgray")
    ax.set_xlabel(r"Input, $x$")
    ax.set_ylabel(r"Output, $y$")
    ax.set_xlim(0, 1)
    ax.set_ylim(-1, 1)
    ax.set_aspect(0.5)
    if title is not None:
        ax.set_title(title)
    ax.plot(*data, "ko")
    return fig


def _likelihood_and_nll(ax: Axes, sweep: Sweep, xlabel: str) -> None:
    """Likelihood (red, left axis) and NLL (blue, right axis), a dotted line at the maximum likelihood."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel("likelihood", color=LIKELIHOOD_COLOUR)
    ax.plot(sweep.values, sweep.likelihood, color=LIKELIHOOD_COLOUR)
    ax.tick_params(axis="y", labelcolor=LIKELIHOOD_COLOUR)
    twin = ax.twinx()
    twin.plot(sweep.values, sweep.nll, color=NLL_COLOUR)
    twin.set_ylabel("negative log likelihood", color=NLL_COLOUR)
    twin.tick_params(axis="y", labelcolor=NLL_COLOUR)
    twin.axvline(x=sweep.at_max_likelihood(), linestyle="dotted")


def likelihood_and_sum_of_squares(sweep: Sweep, xlabel: str) -> Figure:
    """Notebook 5.1: likelihood and NLL on twin axes (left), the sum of squares (right)."""
    fig, axes = subplots(1, 2)
    fig.set_size_inches(10.5, 5.5)
    fig.tight_layout(pad=10.0)
    _likelihood_and_nll(axes[0], sweep, xlabel)
    axes[1].plot(sweep.values, sweep.sum_of_squares)
    axes[1].set_xlabel(xlabel)
    axes[1].set_ylabel("sum of squares")
    return fig


def likelihood_and_nll(sweep: Sweep, xlabel: str) -> Figure:
    """Notebooks 5.2 and 5.3: likelihood and NLL on twin axes."""
    fig, ax = new_figure()
    fig.tight_layout(pad=5.0)
    _likelihood_and_nll(ax, sweep, xlabel)
    return fig


def _classification(
    x: np.ndarray,
    outputs: np.ndarray,
    probabilities: np.ndarray,
    colours: tuple[str, ...],
    labels: tuple[str, str],
    probability_ylim: tuple[float, float],
    title: str | None,
) -> tuple[Figure, np.ndarray]:
    """Two panels, 7 x 3.5 in: the network's outputs (left) and the probabilities they give (right)."""
    fig, axes = subplots(1, 2)
    fig.set_size_inches(7.0, 3.5)
    fig.tight_layout(pad=3.0)
    for k, colour in enumerate(colours):
        axes[0].plot(x, outputs[k], colour)
        axes[1].plot(x, probabilities[k], colour)
    for ax, ylabel, ylim in zip(axes, labels, ((-4, 4), probability_ylim), strict=True):
        ax.set_xlabel("Input, $x$")
        ax.set_ylabel(ylabel)
        ax.set_xlim(0, 1)
        ax.set_ylim(*ylim)
        if title is not None:
            ax.set_title(title)
    return fig, axes


def binary_classification(
    x: np.ndarray,
    output: np.ndarray,
    probability: np.ndarray,
    data: tuple[np.ndarray, np.ndarray],
    title: str | None = None,
) -> Figure:
    """Notebook 5.2: the model output and lambda = sig[output] = Pr(y=1|x), with the labels as black dots."""
    labels = ("Model output", r"$\lambda$ or Pr(y=1|x)")
    fig, axes = _classification(x, output[None], probability[None], ("-",), labels, (-0.05, 1.05), title)
    axes[1].plot(*data, "ko")
    return fig


def multiclass_classification(
    x: np.ndarray,
    outputs: np.ndarray,
    probabilities: np.ndarray,
    data: tuple[np.ndarray, np.ndarray],
    title: str | None = None,
) -> Figure:
    """Notebook 5.3: three outputs and their softmax, the labels as dots of the class's colour below 0."""
    labels = ("Model outputs", r"$\lambda$ or Pr(y=k|x)")
    colours = tuple(f"{c}-" for c in CLASS_COLOURS)
    fig, axes = _classification(x, outputs, probabilities, colours, labels, (-0.1, 1.05), title)
    x_data, classes = data
    for k, colour in enumerate(CLASS_COLOURS):
        chosen = x_data[classes == k]
        axes[1].plot(chosen, np.full(chosen.shape, -0.05), f"{colour}.")
    return fig
