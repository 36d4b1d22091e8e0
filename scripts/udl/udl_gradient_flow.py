"""The Borealis AI blog on gradient flow: the closed-form continuous gradient descent of a line fitted
to three points, and how the prediction's mean and spread evolve when the initial parameters are
random. Thirteen figures; the least squares fit and the flow's loss and parameters at a few times."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter, new_figure
from figrepro.udl.optimisation import straight_line
from figrepro.udl.optimisation.gradient_flow import LinearFlow
from figrepro.udl.optimisation.plots import Trace, loss_surface

LINE_COLOURS = ("r", "g", "b", "c", "y")


def against_time(
    t: np.ndarray,
    curves: np.ndarray,
    styles: tuple[str, ...],
    labels: tuple[str, ...],
    ylabel: str,
    ylim: tuple[float, float],
) -> object:
    """Curves of the flow against time; a legend at the lower right when they are labelled."""
    fig, ax = new_figure()
    for curve, style, label in zip(curves, styles, labels, strict=True):
        ax.plot(t, curve, style, label=label or None)
    ax.set_xlim(0, t.max())
    ax.set_ylim(*ylim)
    ax.set_xlabel("t")
    ax.set_ylabel(ylabel)
    if any(labels):
        ax.legend(loc="lower right")
    return fig


def data_plot(x: np.ndarray, y: np.ndarray) -> tuple[object, object]:
    fig, ax = new_figure()
    ax.plot(x, y, "ro")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.5, 0.5)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return fig, ax


#: the figures it draws (--figure NAME=PATH)
FIGURES = (
    "data",
    "outputs",
    "residuals",
    "loss",
    "parameters",
    "loss_surface",
    "lines",
    *(f"predictive_{i}" for i in range(1, 7)),
)


@click.command(help=__doc__)
@params_option(__file__, "udl", "gradient_flow")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    x, y = np.array(params["x"], dtype=float), np.array(params["y"], dtype=float)
    flow = LinearFlow(np.vstack([x, np.ones_like(x)]), y, np.array(params["phi_start"], dtype=float))
    t = arange(params["t"])
    points = [f"f[x_{{{i}}},\\phi]" for i in range(len(x))]

    write("data", data_plot(x, y)[0])
    styles = ("r-", "g-", "b-")
    write(
        "outputs",
        against_time(t, flow.outputs(t).T, styles, tuple(f"${p}$" for p in points), "f", (-0.5, 0.5)),
    )
    residual_labels = tuple(f"${p}-y_{{{i}}}$" for i, p in enumerate(points))
    write("residuals", against_time(t, flow.residuals(t).T, styles, residual_labels, "f-y", (-0.5, 0.5)))
    write("loss", against_time(t, flow.loss(t)[None], ("k-",), ("",), "Loss", (0.0, 0.25)))
    parameter_labels = (r"$\phi_{0}$", r"$\phi_{1}$")  # the blog's labels for [slope, intercept]
    write(
        "parameters",
        against_time(t, flow.parameters(t).T, ("c-", "m-"), parameter_labels, r"$\phi$", (-1, 1)),
    )

    axis = arange(params["surface_axis"])
    intercept, slope = np.meshgrid(axis, axis)
    surface = 0.5 * straight_line.loss(intercept, slope, x, y)  # the flow's loss, 0.5 |X^T phi - y|^2
    path = flow.parameters(t)[:, ::-1]  # (intercept, slope)
    write(
        "loss_surface",
        loss_surface(
            intercept, slope, surface, lines=40, size=(8, 8), labels=("Intercept", "Slope"),
            traces=(Trace(path, "g-"),), xlim=(-1, 1), ylim=(1, -1),
        ),
    )  # fmt: skip
    times = np.array(params["fitted_line_times"], dtype=float)
    fig, ax = data_plot(x, y)
    x_line = np.arange(0, 1, 0.001)
    for (slope_t, intercept_t), time, colour in zip(flow.parameters(times), times, LINE_COLOURS, strict=True):
        ax.plot(
            x_line,
            slope_t * x_line + intercept_t,
            f"{colour}-",
            label=f"t={time:.2f}" if time < 10 else f"t={time:.1f}",
        )
    ax.legend(loc="upper left")
    write("lines", fig)

    x_predict = arange(params["predictive_x"])
    predictive_times = np.array(params["predictive_times"], dtype=float)
    mean, var = flow.predictive(predictive_times, x_predict, params["prior_variance"])
    half_width = np.sqrt(var + np.sqrt(params["band_jitter"]))
    for i, (m, w) in enumerate(zip(mean, half_width, strict=True), 1):
        fig, ax = data_plot(x, y)
        ax.plot(x_predict, m, "r-")
        ax.fill_between(x_predict, m - w, m + w, color="lightgray")
        write(f"predictive_{i}", fig)
    write.check_complete()

    slope_ml, intercept_ml = flow.maximum_likelihood()
    loss_0, loss_20 = flow.loss(np.array([0.0, 20.0]))
    phi = flow.parameters(np.array([0.1, 2.0, 20.0]))
    save_json(
        metrics,
        {
            "ml_slope": float(slope_ml),
            "ml_intercept": float(intercept_ml),
            "loss_t0": float(loss_0),
            "loss_t20": float(loss_20),
            **{
                f"phi_t{name}": [float(v) for v in row]
                for name, row in zip(("0.1", "2", "20"), phi, strict=True)
            },
        },
    )


if __name__ == "__main__":
    main()
