"""The figures' part of the "seams" issue: training curves keep every point inside their axes, the
lab's scenario and posterior have titles (the sample count from the data), and the VAE's x-tilde is
written as mathtext, not as "x~"."""

from __future__ import annotations

from pathlib import Path

import matplotlib.style
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from figrepro.localization import figures as lab
from figrepro.plotting import save, use_style
from figrepro.vae.figures import reconstructions, training_curve


@pytest.fixture(autouse=True)
def project_style() -> None:
    use_style()


def _assert_lines_inside(ax: Axes) -> None:
    """Every finite y of every line of ``ax`` lies within its y limits."""
    low, high = sorted(ax.get_ylim())
    assert ax.lines
    for line in ax.lines:
        y = np.asarray(line.get_ydata(), float)
        y = y[~np.isnan(y)]
        assert y.min() >= low and y.max() <= high, (line.get_label(), y.min(), y.max(), (low, high))


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text)]


def _lab_history(steps: int = 400) -> dict[str, np.ndarray]:
    """A lab-like history: far-off first steps, then small noise around the converged values."""
    rng = np.random.default_rng(0)
    step = np.arange(steps)
    log_lik = -38.4 - 160 * np.exp(-step / 5.0) + 0.2 * rng.standard_normal(steps)
    kl = 5.5 - 5.0 * np.exp(-step / 8.0) + 0.05 * rng.standard_normal(steps)
    return {"step": step, "log_lik": log_lik, "kl": kl, "elbo": log_lik - kl}


def _lab_evaluation(samples: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(1)
    return {"q_mean": np.array([-1.0, 1.8]), "samples": rng.normal([-1.0, 1.8], 0.2, (samples, 2))}


SENSORS = np.array([[0.5, 1.0], [3.5, 1.0], [2.0, 3.0]])
TARGET = np.array([-1.0, 2.0])


def test_the_vae_training_curve_shows_every_epoch() -> None:
    elbo = -140 - 60 * np.exp(-np.arange(30) / 4.0)
    elbo[0] = -400  # a first epoch far below the rest
    history = {
        "epochs": [
            {"epoch": k + 1, "train_elbo": float(e), "test_elbo": float(e - 3)} for k, e in enumerate(elbo)
        ]
    }
    _assert_lines_inside(training_curve.draw(history).axes[0])


def test_the_lab_training_curves_show_every_step_and_the_running_mean() -> None:
    with matplotlib.style.context(lab.LAB_STYLE):
        fig = lab.training_curves(_lab_history())
    assert len(fig.axes) == 3
    for ax in fig.axes:
        assert len(ax.lines) == 2  # per-step estimates and their running mean
        _assert_lines_inside(ax)
        (zoom,) = ax.child_axes  # the last nine tenths, where the noise shows, on a range of their own
        low, high = sorted(zoom.get_ylim())
        settled = np.asarray(zoom.lines[0].get_ydata(), float)[40:]
        assert zoom.get_xlim() == (40, 399) and np.mean((low <= settled) & (settled <= high)) >= 0.99
        assert high - low < 0.5 * np.ptp(ax.get_ylim())


def test_the_lab_scenario_has_a_title() -> None:
    with matplotlib.style.context(lab.LAB_STYLE):
        ax = lab.scenario(SENSORS, TARGET).axes[0]
    assert ax.get_title() == "Sensors and the target"


@pytest.mark.parametrize("samples", [7, 50])
def test_the_lab_posterior_title_states_the_sample_count_of_the_data(samples: int) -> None:
    with matplotlib.style.context(lab.LAB_STYLE):
        ax = lab.posterior(SENSORS, TARGET, _lab_evaluation(samples)).axes[0]
    assert f" {samples} samples" in ax.get_title()


def test_reconstructions_write_x_tilde_in_mathtext() -> None:
    rng = np.random.default_rng(2)
    images = {key: rng.random((2, 784)) for key in ("recon_x", "recon_probs", "recon_sample")}
    texts = _texts(reconstructions.draw(images))
    assert r"$p(\tilde{x}|z)$" in texts and r"$\tilde{x}$" in texts
    assert not [t for t in texts if "x~" in t]


@pytest.mark.parametrize("name", ["scenario", "posterior", "training_curves"])
def test_the_changed_lab_figures_are_byte_stable(name: str, tmp_path: Path) -> None:
    inputs = {
        "sensors": SENSORS,
        "target": TARGET,
        "history": _lab_history(),
        "evaluation": _lab_evaluation(7),
    }
    for copy in ("a.pdf", "b.pdf"):
        with matplotlib.style.context(lab.LAB_STYLE):
            save(lab.DRAWERS[name](**inputs), tmp_path / copy, dpi=50)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
