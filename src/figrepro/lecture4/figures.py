"""The lecture's figures, drawn as it draws them (matplotlib defaults, its panels and titles).

Each drawer takes the arrays of one computation job (``constraints``, ``kl`` or ``coin``);
``DRAWERS`` maps the lecture's file names to their drawers.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import new_figure, subplots

Arrays = dict[str, np.ndarray]

#: titles of the three change-of-variables examples: the map panel, p_X, p_Y
_EXAMPLE_TITLES = {
    "log": (r"$H^{-1}(y) = \exp(y)$", "X ~ Gamma(1,1), X = exp(Y)", "Y = log(X)"),
    "sigmoid": (
        r"$H^{-1}(y) = \exp(y) / (1+\exp(y))$",
        r"$X \sim Beta(2,3), X = \exp(Y) / (1+\exp(Y))$",
        "Y = log(-X/(X-1))",
    ),
    "linear": (
        r"$H^{-1}(y) = a + (b - a)\,y$",
        "X ~ Uniform(1,4), X = a + (b - a) Y",
        "Y = (X - a) / (b - a)",
    ),
}


def constrained_derivative(d: Arrays) -> Figure:
    fig, axs = subplots(1, 2, figsize=(8, 4))
    axs[0].plot(d["derivative_x"], d["derivative_density"], label="density function")
    axs[0].set_title("density function")
    axs[1].plot(d["derivative_x"], d["derivative_derivative"], label="density function derivative")
    axs[1].set_title("density function derivative")
    return fig


def _example(name: str) -> Callable[[Arrays], Figure]:
    def draw(d: Arrays) -> Figure:
        fig, axs = subplots(1, 3, figsize=(12, 4))
        map_title, x_title, y_title = _EXAMPLE_TITLES[name]
        axs[0].plot(d[f"{name}_map_y"], d[f"{name}_map_x"])
        axs[0].set_xlabel("Y")
        axs[0].set_ylabel("X")
        axs[0].set_title(map_title)
        axs[1].plot(d[f"{name}_x"], d[f"{name}_px"])
        axs[1].set_title(x_title)
        axs[2].plot(d[f"{name}_y"], d[f"{name}_py"])
        axs[2].set_title(y_title)
        return fig

    return draw


def transform_check(d: Arrays) -> Figure:
    fig, ax = new_figure()
    ax.plot(d["check_y"], d["check_by_transform"], label="transform + log|det J|")
    ax.plot(d["check_y"], d["check_by_hand"], linestyle="--", label=r"by hand: $p_X(e^y)\,e^y$")
    ax.set_title("Y = log(X), X ~ Gamma(1,1): the density two ways")
    ax.legend()
    return fig


def kl_mixture_compute(d: Arrays) -> Figure:
    fig, ax = new_figure()
    ax.plot(d["x"], d["p"])
    ax.plot(d["x"], d["standard_normal"])
    return fig


def _fitted(name: str) -> Callable[[Arrays], Figure]:
    def draw(d: Arrays) -> Figure:
        fig, ax = new_figure()
        ax.plot(d["x"], d["p"], label="P")
        ax.plot(d["x"], d[f"{name}_q"], label="Q")
        ax.legend()
        return fig

    return draw


def _coin(name: str) -> Callable[[Arrays], Figure]:
    def draw(d: Arrays) -> Figure:
        fig, axs = subplots(1, 2, figsize=(8, 4))
        for ax, space, title in ((axs[0], "logit", "Unconstrained"), (axs[1], "theta", "Constrained")):
            ax.plot(d[space], d[f"posterior_{space}"], label="P(X|Y)")
            ax.plot(d[space], d[f"{name}_q_{space}"], label="Q")
            ax.set_title(title)
            ax.legend()
        return fig

    return draw


DRAWERS: dict[str, Callable[[Arrays], Figure]] = {
    "constrained_derivative": constrained_derivative,
    "constraints_log": _example("log"),
    "transform_check": transform_check,
    "constraints_sigmoid": _example("sigmoid"),
    "constraints_linear": _example("linear"),
    "kl_mixture_compute": kl_mixture_compute,
    "kl_mode_seeking": _fitted("mode_seeking"),
    "kl_mass_covering": _fitted("mass_covering"),
    "vi_coin_posterior": _coin("kl"),
    "vi_coin_model_elbo": _coin("elbo"),
}
