"""Lab 5: the sensor model, the grid posterior and its KL, the ELBO, training, and bad inputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from scipy import stats
from script_runner import run

from figrepro.config import ConfigError, shipped_config
from figrepro.grid2d import grid_kl
from figrepro.io import save_npy
from figrepro.localization import network
from figrepro.localization import posterior as post
from figrepro.localization.model import SensorModel
from figrepro.localization.streams import numpy_stream, tags
from figrepro.torch_runtime import deterministic_torch, stream_seed, torch_generator

SEED = 2026


@pytest.fixture(scope="module")
def cfg(root: Path) -> dict:
    return shipped_config(root)["localization"]


@pytest.fixture(scope="module")
def model(cfg: dict) -> SensorModel:
    return SensorModel.from_config(cfg)


@pytest.fixture(scope="module")
def readings(cfg: dict, model: SensorModel) -> np.ndarray:
    return model.sample_readings(numpy_stream(SEED, "readings"), np.asarray(cfg["target"]))


@pytest.fixture(scope="module")
def exact(model: SensorModel, readings: np.ndarray) -> post.GridPosterior:
    return post.exact_posterior(model, readings, 4.0, 0.01)


@pytest.fixture(scope="module")
def best(model: SensorModel, readings: np.ndarray, exact: post.GridPosterior) -> post.BestGaussian:
    return post.best_gaussian(model, readings, exact)


def test_readings_are_seeded_float32_sensor_by_reading(model: SensorModel, readings: np.ndarray) -> None:
    assert readings.shape == (3, 5) and readings.dtype == np.float32
    again = model.sample_readings(numpy_stream(SEED, "readings"), np.array([-1.0, 2.0]))
    assert np.array_equal(readings, again)


def test_readings_have_the_models_distribution(model: SensorModel) -> None:
    """Independent noise per reading, mean -A log ||s - z||^2 and variance sigma^2 at every sensor."""
    target = np.array([-1.0, 2.0])
    draws = np.stack([model.sample_readings(np.random.default_rng([7, i]), target) for i in range(4000)])
    means = model.signal_means(target)
    assert np.abs(draws.mean(axis=(0, 2)) - means).max() < 4 * np.sqrt(5 / 20000)
    assert draws.var(axis=(0, 2)) == pytest.approx([5.0] * 3, rel=0.05)
    flat = draws.reshape(len(draws), -1) - np.repeat(means, 5)
    assert np.abs(np.corrcoef(flat.T)[np.triu_indices(15, 1)]).max() < 0.06  # no shared noise


def test_log_likelihood_is_a_sum_of_normal_log_densities(model: SensorModel, readings: np.ndarray) -> None:
    z = np.random.default_rng(1).normal(size=(6, 2))
    expected = [stats.norm.logpdf(readings, model.signal_means(p)[:, None], np.sqrt(5.0)).sum() for p in z]
    np.testing.assert_allclose(model.log_likelihood(readings, z), expected, rtol=1e-12)
    assert model.log_likelihood(readings, model.sensors[0]) == -np.inf  # on a sensor: impossible


@pytest.mark.slow
def test_grid_posterior_is_converged(
    model: SensorModel, readings: np.ndarray, exact: post.GridPosterior
) -> None:
    finer = post.exact_posterior(model, readings, 4.0, 0.005)
    assert exact.log_evidence == pytest.approx(finer.log_evidence, abs=1e-6)
    for coarse, fine in zip(exact.moments, finer.moments, strict=True):
        np.testing.assert_allclose(coarse, fine, atol=1e-5)
    assert exact.edge_mass() < 1e-9


def test_a_grid_that_cuts_the_posterior_off_is_refused(model: SensorModel, readings: np.ndarray) -> None:
    with pytest.raises(ConfigError, match=r"localization\.grid\.limit"):
        post.exact_posterior(model, readings, 1.5, 0.01)


@pytest.mark.slow
def test_window_kl_matches_the_whole_grid(
    model: SensorModel, readings: np.ndarray, exact: post.GridPosterior
) -> None:
    mean, std = exact.moments
    g1, g2 = np.meshgrid(exact.grid.z1, exact.grid.z2)
    log_q = post.gaussian_log_density(np.stack([g1, g2], axis=-1), mean, std)
    on_grid = grid_kl(log_q, exact.log_density, exact.grid.spacing)
    assert post.kl_gaussian_to_posterior(model, readings, exact.log_evidence, mean, std) == pytest.approx(
        on_grid, abs=1e-6
    )


@pytest.mark.slow
def test_best_gaussian_is_a_minimum(
    model: SensorModel, readings: np.ndarray, exact: post.GridPosterior, best: post.BestGaussian
) -> None:
    kl = post.kl_gaussian_to_posterior
    assert 0 < best.kl < kl(model, readings, exact.log_evidence, *exact.moments)
    for shift in ([0.01, 0], [0, 0.01]):
        assert best.kl < kl(model, readings, exact.log_evidence, best.mean + shift, best.std)
        assert best.kl < kl(model, readings, exact.log_evidence, best.mean, best.std * (1 + np.array(shift)))


def test_torch_elbo_matches_the_model(model: SensorModel, readings: np.ndarray) -> None:
    elbo = network.ELBO(model, readings)
    z = np.random.default_rng(2).normal(size=(5, 2))
    torch_ll = elbo.log_likelihood(torch.tensor(z, dtype=torch.float32)).double().numpy()
    np.testing.assert_allclose(torch_ll, model.log_likelihood(readings, z), rtol=1e-5)


def test_closed_form_kl_matches_monte_carlo(model: SensorModel, readings: np.ndarray) -> None:
    net = network.new_network(readings.size, 8, seed=3)
    _, kl = network.ELBO(model, readings).terms(net, 1, torch.Generator().manual_seed(0))
    mean, std = (t.astype(np.float64) for t in network.q_moments(net, network.ELBO(model, readings)))
    z = mean + std * np.random.default_rng(4).normal(size=(400_000, 2))
    log_q = post.gaussian_log_density(z, mean, std)
    log_p = -0.5 * np.sum(z**2, axis=1) - np.log(2 * np.pi)
    assert kl.item() == pytest.approx(np.mean(log_q - log_p), abs=5e-3)


def test_schedules(cfg: dict) -> None:
    lab = network.Schedule.from_config({**cfg["train"], "settings": "lab"})
    assert lab == network.Schedule(10_000, 0.01, 0.01, 1)
    assert lab.lr_factor(0) == lab.lr_factor(9_999) == 1.0
    tuned = network.Schedule.from_config(cfg["train"])
    assert tuned.lr_factor(0) == 1.0 and tuned.lr_factor(tuned.steps - 1) == pytest.approx(1e-3)


def train_default(cfg: dict, model: SensorModel, readings: np.ndarray) -> network.PosteriorMoments:
    deterministic_torch(1)
    net = network.new_network(readings.size, cfg["hidden"], stream_seed(*tags(SEED, "init")))
    schedule = network.Schedule.from_config(cfg["train"])
    network.train(net, network.ELBO(model, readings), schedule, torch_generator(*tags(SEED, "train")))
    return net


@pytest.mark.slow
def test_default_training_reaches_the_best_gaussian(
    cfg: dict, model: SensorModel, readings: np.ndarray, exact: post.GridPosterior, best: post.BestGaussian
) -> None:
    net = train_default(cfg, model, readings)
    mean, std = network.q_moments(net, network.ELBO(model, readings))
    kl = post.kl_gaussian_to_posterior(model, readings, exact.log_evidence, mean, std)
    assert kl - best.kl < 0.05
    assert np.linalg.norm(mean - exact.moments[0]) < 0.05


@pytest.mark.slow
def test_training_repeats_bit_for_bit(cfg: dict, model: SensorModel, readings: np.ndarray) -> None:
    short = {**cfg, "train": {**cfg["train"], "tuned": {**cfg["train"]["tuned"], "steps": 200}}}
    first, second = (train_default(short, model, readings) for _ in range(2))
    for a, b in zip(first.state_dict().values(), second.state_dict().values(), strict=True):
        assert torch.equal(a, b)


@pytest.mark.slow
def test_a_diverging_run_stops_naming_the_step(model: SensorModel, readings: np.ndarray) -> None:
    net = network.new_network(readings.size, 50, seed=0)
    with pytest.raises(FloatingPointError, match=r"at step \d+"):
        network.train(
            net, network.ELBO(model, readings), network.Schedule(50, 1e30, 1e30, 4), torch.Generator()
        )


def test_scripts_refuse_bad_readings_and_leave_no_output(tmp_path: Path) -> None:
    outputs = ["--out-model", str(tmp_path / "model.pt"), "--out-history", str(tmp_path / "history.npz")]
    missing = run("localization_train", *["--seed", "1", "--readings", str(tmp_path / "nope.npy"), *outputs])
    assert missing.exit_code == 1 and "missing input file" in missing.output and "nope.npy" in missing.output
    wrong = tmp_path / "wrong.npy"
    save_npy(wrong, np.zeros((2, 5), np.float32))
    res = run("localization_train", *["--seed", "1", "--readings", str(wrong), *outputs])
    assert res.exit_code == 1 and "wrong.npy" in res.output and "(3, 5)" in res.output
    assert not list(tmp_path.glob("model*")) and not list(tmp_path.glob("history*"))


def test_a_diverging_training_script_writes_nothing(tmp_path: Path, readings: np.ndarray) -> None:
    path = tmp_path / "readings.npy"
    save_npy(path, readings)
    params = '{"train": {"tuned": {"steps": 50, "lr": 1e30, "final_lr": 1e30}}}'
    out = ["--out-model", str(tmp_path / "model.pt"), "--out-history", str(tmp_path / "history.npz")]
    res = run("localization_train", *["--params", params, "--seed", "1", "--readings", str(path), *out])
    assert res.exit_code == 1 and "localization training" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "model.pt").exists() and not (tmp_path / "history.npz").exists()
