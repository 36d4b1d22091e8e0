"""Notebook 9.4: the Bayesian approach to fitting a model linear in its parameters (fig. 9.11): the
posterior over the parameters, two samples of it, and the predictive distribution. Five figures;
the posterior mean and the predictive mean and sd at a few inputs."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.io import save_json
from figrepro.plotting import FigureWriter, new_figure
from figrepro.random_streams import legacy_generator
from figrepro.udl.regularization import bayesian_regression as br

DATA_COLOUR, MODEL_COLOUR = "#d18362", "#7fe7de"


def plot(
    x: np.ndarray,
    data: tuple[np.ndarray, np.ndarray],
    model: np.ndarray | None = None,
    noise_sd: float | None = None,
    model_sd: np.ndarray | None = None,
) -> object:
    """The true function (black) with a band of +/-2 noise sd, the data, a model with a band of +/-2 sd."""
    fig, ax = new_figure()
    truth = br.true_function(x)
    ax.plot(x, truth, "k-")
    if noise_sd is not None:
        ax.fill_between(x, truth - 2 * noise_sd, truth + 2 * noise_sd, color="lightgray")
    ax.plot(*data, "o", color=DATA_COLOUR)
    if model is not None:
        ax.plot(x, model, "-", color=MODEL_COLOUR)
    if model is not None and model_sd is not None:  # drawn over the model's line, as the notebook does
        ax.fill_between(x, model - 2 * model_sd, model + 2 * model_sd, color="lightgray")
    ax.set_xlim(0, 1)
    ax.set_xlabel("Input, $x$")
    ax.set_ylabel("Output, $y$")
    return fig


#: the figures it draws (--figure NAME=PATH)
FIGURES = ("data", "posterior_mean", "sample_1", "sample_2", "predictive")


@click.command(help=__doc__)
@params_option(__file__, "udl", "9_4")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    rs = legacy_generator(params["seed"])
    sigma = params["sigma"]
    data = br.generate_data(rs, params["n_data"], sigma)
    post = br.posterior(*data, params["n_hidden"], sigma**2, params["prior_variance"])
    samples = rs.multivariate_normal(
        post.mean, post.covariance, size=2
    )  # the stream continues after the data
    x = np.linspace(0.0, 1.0, params["x_points"])
    mean, var = post.predict(x)

    write("data", plot(x, data, noise_sd=sigma))
    write("posterior_mean", plot(x, data, post.model(x, post.mean)))
    write("sample_1", plot(x, data, post.model(x, samples[0])))
    write("sample_2", plot(x, data, post.model(x, samples[1])))
    write("predictive", plot(x, data, mean, model_sd=np.sqrt(var)))
    write.check_complete()
    at_mean, at_var = post.predict(np.array(params["predict_at"], dtype=float))
    save_json(
        metrics,
        {
            "posterior_mean": [float(v) for v in post.mean],
            "predictive_mean": [float(v) for v in at_mean],
            "predictive_std": [float(v) for v in np.sqrt(at_var)],
        },
    )


if __name__ == "__main__":
    main()
