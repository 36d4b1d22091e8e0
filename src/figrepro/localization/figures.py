"""The lab's figures: the scenario, the training curves, q's samples, and p(z|X) beside q.

The lab draws with seaborn's default theme; matplotlib's copy of it (``seaborn-v0_8-darkgrid``)
gives the same look without the dependency. Sensors are blue triangles, the target a red dot,
q's mean a green triangle, as in the lab.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figrepro.colormap import book_cmap
from figrepro.plotting import subplots

LAB_STYLE = "seaborn-v0_8-darkgrid"
Arrays = dict[str, np.ndarray]


def _sensors_and_target(ax: Axes, sensors: np.ndarray, target: np.ndarray, size: float = 15) -> None:
    ax.plot(sensors[:, 0], sensors[:, 1], "b>", label="Sensors", ms=size)
    ax.plot(target[0], target[1], "ro", label="Target", ms=size)


def scenario(sensors: np.ndarray, target: np.ndarray, **_: Arrays) -> Figure:
    """The sensors and the target in the plane."""
    fig, ax = subplots(figsize=(6.4, 4.8))
    _sensors_and_target(ax, sensors, target)
    ax.set_xlabel("$z_1$")
    ax.set_ylabel("$z_2$")
    ax.set_title("Sensors and the target")
    ax.legend()
    return fig


def _running_mean(values: np.ndarray, width: int) -> np.ndarray:
    width = max(1, min(width, len(values)))
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    return (cumulative[width:] - cumulative[:-width]) / width


def training_curves(history: Arrays, **_: Arrays) -> Figure:
    """ELBO, log-likelihood and KL per step, each with its running mean. Every step is inside the
    axes, the first ones far off included; an inset zooms on the last nine tenths, where the noise
    of the estimates and the settling of the mean show."""
    fig, axs = subplots(1, 3, figsize=(15, 4.2))
    step = history["step"]
    width = max(1, len(step) // 100)
    settled = len(step) // 10
    for ax, key, title in zip(
        axs,
        ("elbo", "log_lik", "kl"),
        ("ELBO", "log-likelihood  E_q[log p(X|z)]", "KL(q(z|X) || p(z))"),
        strict=True,
    ):
        zoom = ax.inset_axes((0.38, 0.1, 0.58, 0.5))
        for axes in (ax, zoom):
            axes.plot(step, history[key], color="C0", alpha=0.25, lw=0.6, label="per-step estimate")
            axes.plot(
                step[width - 1 :],
                _running_mean(history[key], width),
                color="C1",
                lw=1.5,
                label=f"mean of {width} steps",
            )
        tail = history[key][settled:]
        low, high = np.percentile(tail, [0.5, 100])
        pad = 0.1 * (high - low) + 1e-9
        zoom.set_xlim(step[settled], step[-1])
        zoom.set_ylim(low - pad, high + pad)
        zoom.tick_params(labelsize=7)
        zoom.set_title(f"steps {step[settled]} to {step[-1]}", fontsize=8)
        ax.set_xlabel("step")
        ax.set_title(title)  # y range: matplotlib's, every step with a 5% margin
    axs[0].legend(loc="upper center", bbox_to_anchor=(0.6, 0.9))
    return fig


def posterior(sensors: np.ndarray, target: np.ndarray, evaluation: Arrays, **_: Arrays) -> Figure:
    """The scenario with q's mean and the samples of q the evaluation drew (their count in the title)."""
    fig, ax = subplots(figsize=(8, 8))
    _sensors_and_target(ax, sensors, target)
    mean = evaluation["q_mean"]
    ax.plot(mean[0], mean[1], "g>", label="Post Mean")
    samples = evaluation["samples"]
    ax.scatter(samples[:, 0], samples[:, 1], label="Post Samples")
    ax.set_xlabel("$z_1$")
    ax.set_ylabel("$z_2$")
    ax.set_title(f"q(z|X): its mean and {len(samples)} samples")
    ax.legend()
    return fig


def exact_vs_q(target: np.ndarray, evaluation: Arrays, **_: Arrays) -> Figure:
    """Both densities on the same window and colour scale (the book's colour map)."""
    fig, axs = subplots(1, 2, figsize=(11, 5), sharex=True, sharey=True)
    z1, z2 = evaluation["z1"], evaluation["z2"]
    densities = np.exp(evaluation["log_posterior"]), np.exp(evaluation["log_q"])
    top = max(d.max() for d in densities)
    titles = (
        "exact posterior p(z|X) (grid)",
        f"q(z|X): KL(q || p) = {float(evaluation['kl_q_to_exact']):.3f} nats",
    )
    for ax, density, title in zip(axs, densities, titles, strict=True):
        mesh = ax.pcolormesh(z1, z2, density, cmap=book_cmap(), vmin=0, vmax=top, shading="nearest")
        mesh.set_rasterized(True)
        ax.plot(target[0], target[1], "ro", ms=8, label="Target")
        ax.plot(*evaluation["q_mean"], "g>", ms=8, label="q mean")
        ax.set_title(title)
        ax.set_xlabel("$z_1$")
        ax.set_aspect("equal")
        ax.grid(False)
    axs[0].set_ylabel("$z_2$")
    axs[1].legend(loc="upper right", frameon=True, facecolor="white", framealpha=0.9)
    fig.colorbar(mesh, ax=axs, shrink=0.8, label="density")
    return fig


DRAWERS: dict[str, Callable[..., Figure]] = {
    "scenario": scenario,
    "training_curves": training_curves,
    "posterior": posterior,
    "exact_vs_q": exact_vs_q,
}
