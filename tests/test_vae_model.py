"""The VAE itself: training (deterministic, stops on NaN), and a briefly trained model checked
against numerical integration over its latent space."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from click.testing import Result
from script_runner import run

from figrepro.grid2d import Grid, grid_kl, log_integrate, zoom_window
from figrepro.io import save_npz
from figrepro.torch_runtime import deterministic_torch
from figrepro.vae import decodings
from figrepro.vae.densities import bernoulli_log_density, gaussian_log_density, standard_normal_log_density
from figrepro.vae.elbo import elbo_per_image
from figrepro.vae.evidence_settings import Settings
from figrepro.vae.latent_grid import LogJoint, grid_log_joint
from figrepro.vae.log_evidence import Evidence, Integrator
from figrepro.vae.mnist import BUNDLED, TOP_HALF, binarize, load_bundled, split_pool
from figrepro.vae.model import VAE, load_model, save_model
from figrepro.vae.streams import stream_seed
from figrepro.vae.training import Checkpoints, train

ROOT = Path(__file__).resolve().parents[1]


def gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


@pytest.fixture(scope="module")
def digits() -> dict[str, np.ndarray]:
    train, test = split_pool(load_bundled(ROOT / BUNDLED), 1000, 200, np.random.default_rng(1))
    return {
        "x_train": binarize(train.images, 127),
        "y_train": train.labels,
        "x_test": binarize(test.images, 127),
        "y_test": test.labels,
    }


def fit(
    digits: dict[str, np.ndarray],
    epochs: int,
    seed: int = 0,
    hidden: int = 100,
    checkpoints: Checkpoints | None = None,
    stop_after: int | None = None,
) -> tuple[VAE, list]:
    """Train a VAE from its seeded start; ``stop_after`` an epoch, die as a killed job would."""
    deterministic_torch(2)
    torch.manual_seed(seed)
    model = VAE(hidden=hidden)
    x_train, x_test = (torch.from_numpy(digits[k].astype(np.float32)) for k in ("x_train", "x_test"))

    def on_epoch(e) -> None:
        if e.epoch == stop_after:
            raise KeyboardInterrupt

    history = train(
        model,
        x_train,
        x_test,
        epochs=epochs,
        batch_size=100,
        lr=1e-3,
        generator=gen(seed + 1),
        eval_generator=gen(seed + 2),
        on_epoch=on_epoch,
        checkpoints=checkpoints,
    )
    return model.eval().requires_grad_(False), history


@pytest.fixture(scope="module")
def trained(digits: dict[str, np.ndarray]) -> VAE:
    model, history = fit(digits, epochs=15)
    assert history[-1].train_elbo > history[0].train_elbo + 20  # it learns
    return model


@pytest.mark.slow
def test_training_is_deterministic(digits: dict[str, np.ndarray]) -> None:
    a, history_a = fit(digits, epochs=2, seed=3, hidden=20)
    b, history_b = fit(digits, epochs=2, seed=3, hidden=20)
    for (name, pa), pb in zip(a.state_dict().items(), b.state_dict().values(), strict=True):
        assert torch.equal(pa, pb), name
    assert [e.test_elbo for e in history_a] == [e.test_elbo for e in history_b]


def fit_with_checkpoints(
    digits: dict[str, np.ndarray], checkpoints: Checkpoints, epochs: int, stop_after: int | None = None
) -> tuple[VAE, list]:
    return fit(digits, epochs, hidden=20, checkpoints=checkpoints, stop_after=stop_after)


@pytest.mark.slow
def test_a_killed_training_resumes_from_its_checkpoint_bit_for_bit(
    digits: dict[str, np.ndarray], tmp_path: Path
) -> None:
    lines: list[str] = []
    path = tmp_path / "train.pt"
    whole, whole_history = fit_with_checkpoints(digits, Checkpoints(path, "a", 2, lines.append), epochs=6)
    path.unlink()  # saved after epochs 2 and 4
    with pytest.raises(KeyboardInterrupt):
        fit_with_checkpoints(digits, Checkpoints(path, "a", 2, lines.append), epochs=6, stop_after=5)
    assert lines == [] and path.is_file()
    resumed, history = fit_with_checkpoints(digits, Checkpoints(path, "a", 2, lines.append), epochs=6)
    assert lines == [f"resuming from checkpoint {path} after epoch 4"]
    for (name, a), b in zip(whole.state_dict().items(), resumed.state_dict().values(), strict=True):
        assert torch.equal(a, b), name
    assert [e.epoch for e in history] == list(range(1, 7))
    elbos = [(e.train_elbo, e.test_elbo) for e in history]
    assert elbos == [(e.train_elbo, e.test_elbo) for e in whole_history]


@pytest.mark.slow
def test_a_checkpoint_of_other_settings_or_a_torn_one_is_ignored(
    digits: dict[str, np.ndarray], tmp_path: Path
) -> None:
    path = tmp_path / "train.pt"
    lines: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        fit_with_checkpoints(digits, Checkpoints(path, "other", 1, lines.append), epochs=3, stop_after=2)
    fresh, _ = fit_with_checkpoints(digits, Checkpoints(path, "mine", 1, lines.append), epochs=3)
    assert lines == [f"ignoring checkpoint {path}: it was made with other settings or data"]
    path.write_bytes(b"not a checkpoint")
    again, _ = fit_with_checkpoints(digits, Checkpoints(path, "mine", 1, lines.append), epochs=3)
    assert lines[-1].startswith(f"ignoring checkpoint {path}: unreadable")
    for a, b in zip(fresh.state_dict().values(), again.state_dict().values(), strict=True):
        assert torch.equal(a, b)


def test_training_stops_on_a_nan(digits: dict[str, np.ndarray]) -> None:
    x = torch.from_numpy(digits["x_train"].astype(np.float32))
    x[5, 3] = float("nan")
    with pytest.raises(FloatingPointError, match="epoch 1"):
        train(
            VAE(hidden=10),
            x,
            x[:10],
            epochs=1,
            batch_size=len(x),
            lr=1e-3,
            generator=gen(0),
            eval_generator=gen(1),
        )


@pytest.fixture(scope="module")
def untrained() -> VAE:
    """A small VAE at a seeded random start (the global generator left as it was)."""
    with torch.random.fork_rng():
        torch.manual_seed(3)
        return VAE(hidden=64).eval().requires_grad_(False)


def test_decoding_all_pixels_is_the_decoder_bit_for_bit(untrained: VAE) -> None:
    """No subset: the logits and log joint are those computed before subsets existed, bit for bit."""
    z = torch.randn(5, 3, 2, generator=gen(0))
    x = (torch.rand(5, 3, 784, generator=gen(1)) < 0.3).float()
    first, _, last = untrained.decoder
    by_hand = torch.nn.functional.linear(torch.tanh(first(z)), last.weight, last.bias)
    assert torch.equal(untrained.decode(z), untrained.decoder(z))
    assert torch.equal(untrained.decode(z), by_hand)
    before = bernoulli_log_density(x, untrained.decoder(z)[..., :]) + standard_normal_log_density(z)
    assert torch.equal(untrained.log_joint(x, z), before)
    assert torch.equal(untrained.log_joint(x, z, slice(None)), before)


@pytest.mark.parametrize(
    "pixels",
    [TOP_HALF, slice(5, 700, 3), torch.tensor([783, 0, 17, 17, 400])],
    ids=["top half", "strided", "index tensor"],
)
def test_decoding_a_subset_is_the_full_decodings_part(untrained: VAE, pixels: slice | torch.Tensor) -> None:
    """Only the pixels asked for, decoded: the full decoding's part to float32 rounding, as are the
    log joint and its gradient in z (what the SVI on a top half follows)."""
    z = torch.randn(7, 4, 2, generator=gen(2)).requires_grad_()
    full = untrained.decode(z)[..., pixels]
    part = untrained.decode(z, pixels)
    assert part.shape == full.shape
    torch.testing.assert_close(part, full, rtol=1e-6, atol=1e-6)
    x = (torch.rand(full.shape[-1], generator=gen(3)) < 0.3).float()
    before = bernoulli_log_density(x, full) + standard_normal_log_density(z)
    after = untrained.log_joint(x, z, pixels)
    torch.testing.assert_close(after, before, rtol=1e-6, atol=1e-5)
    (grad_before,) = torch.autograd.grad(before.sum(), z)
    (grad_after,) = torch.autograd.grad(after.sum(), z)
    torch.testing.assert_close(grad_after, grad_before, rtol=1e-5, atol=1e-5)


@pytest.mark.slow
def test_save_and_load_keep_the_model(trained: VAE, tmp_path: Path) -> None:
    save_model(trained, tmp_path / "m.pt")
    again = load_model(tmp_path / "m.pt")
    z = torch.randn(5, 2, generator=gen(0))
    torch.testing.assert_close(again.decode(z), trained.decode(z), rtol=0, atol=0)


@pytest.mark.slow
def test_grid_log_joint_is_the_model_log_joint(trained: VAE, digits: dict[str, np.ndarray]) -> None:
    grid = Grid.square(2.0, 0.5)
    x = digits["x_test"][:3]
    table = grid_log_joint(trained, x, grid)
    z = torch.from_numpy(grid.points()).float()
    for i in range(3):
        pointwise = trained.log_joint(torch.from_numpy(x[i]).float(), z).double().numpy()
        np.testing.assert_allclose(table[i].ravel(), pointwise, rtol=1e-5)


@pytest.mark.slow
def test_the_log_joint_at_each_images_own_points_is_the_models(
    trained: VAE, digits: dict[str, np.ndarray]
) -> None:
    x = digits["x_test"][:3]
    z = torch.randn(3, 7, 2, generator=gen(4), dtype=torch.float64)
    own = LogJoint(trained, x).paired(z).numpy()
    for i in range(3):
        direct = trained.log_joint(torch.from_numpy(x[i]).float(), z[i].float()).double().numpy()
        np.testing.assert_allclose(own[i], direct, rtol=1e-6)
        shared = LogJoint(trained, x[i : i + 1]).shared(LogJoint(trained, x).prepare(z[i].numpy()))
        np.testing.assert_allclose(shared[0], direct, rtol=1e-5)


@pytest.fixture(scope="module")
def evidence(trained: VAE, digits: dict[str, np.ndarray]) -> Evidence:
    return Integrator(Settings())(LogJoint(trained, digits["x_test"]))


def _brute_force(model: VAE, x: np.ndarray, step: float) -> float:
    """log p(x) on one fine grid over the box round every node of the coarse grid within 25
    nats of its best: no lattice, no Laplace frame, no partition."""
    coarse = Grid.square(8.0, 0.1)
    values = grid_log_joint(model, x[None], coarse)[0].ravel()
    heavy = coarse.points()[values > values.max() - 25]
    low, high = heavy.min(0) - 0.1, heavy.max(0) + 0.1
    box = Grid(*(np.arange(lo, hi, step) for lo, hi in zip(low, high, strict=True)))
    return float(log_integrate(grid_log_joint(model, x[None], box)[0], step))


@pytest.mark.slow
def test_log_px_agrees_with_a_brute_force_grid(
    trained: VAE, digits: dict[str, np.ndarray], evidence: Evidence
) -> None:
    """Each grid's step is a tenth of the posterior's smallest sd (from the integration)."""
    brute = [_brute_force(trained, x, 0.1 * evidence.sd[i].min()) for i, x in enumerate(digits["x_test"][:8])]
    np.testing.assert_allclose(evidence.log_px[:8], brute, rtol=0, atol=0.01)


@pytest.mark.slow
def test_halving_the_spacing_moves_log_px_by_under_a_hundredth(
    trained: VAE, digits: dict[str, np.ndarray], evidence: Evidence
) -> None:
    fine = Integrator(Settings().halved())(LogJoint(trained, digits["x_test"][:20]))
    assert np.abs(fine.log_px - evidence.log_px[:20]).max() < 0.01


@pytest.mark.slow
def test_the_elbo_never_exceeds_log_px(
    trained: VAE, digits: dict[str, np.ndarray], evidence: Evidence
) -> None:
    """ELBO <= log p(x) + 3 standard errors for every test image; and, image by image,
    E_q[log p(x,z) - log q(z|x)] = log p(x) - KL(q || p(z|x)), both sides computed independently."""
    x = digits["x_test"]
    elbo, var = elbo_per_image(trained, x, 200, gen(9))
    se = np.sqrt(var / 200)
    assert np.all(elbo <= evidence.log_px + 3 * se)
    with torch.no_grad():
        mu, log_var = trained.encode(torch.from_numpy(x[:10]).float())
    for i in range(10):
        window = zoom_window(
            [evidence.mean[i], mu[i].double().numpy()],
            [evidence.sd[i], np.exp(0.5 * log_var[i].double().numpy())],
            8.0,
            241,
        )
        log_post = grid_log_joint(trained, x[i : i + 1], window)[0] - evidence.log_px[i]
        z = torch.from_numpy(window.points())
        log_q = gaussian_log_density(z, mu[i].double(), log_var[i].double()).numpy().reshape(window.shape)
        kl = grid_kl(log_q, log_post, window.spacing)
        assert elbo[i] == pytest.approx(evidence.log_px[i] - kl, abs=4 * se[i] + 0.02)


@pytest.mark.slow
def test_decodings_shapes_and_ranges(trained: VAE, digits: dict[str, np.ndarray]) -> None:
    s = decodings.prior_samples(trained, 4, gen(1))
    assert s["probs"].shape == s["x"].shape == (4, 784)
    assert set(np.unique(s["x"])) <= {0.0, 1.0} and s["probs"].min() >= 0 and s["probs"].max() <= 1
    axis = decodings.lattice_axis(20, 0.05)
    assert axis[0] == pytest.approx(-1.6448536) and axis[-1] == pytest.approx(1.6448536)
    assert decodings.lattice(trained, axis[:3]).shape == (3, 3, 784)
    pairs = decodings.pick_pairs(digits["y_test"], 3, np.random.default_rng(0))
    labels = digits["y_test"][pairs]
    assert np.all(labels[:, 0] != labels[:, 1]) and len(np.unique(labels)) == 6
    paths = decodings.interpolations(trained, digits["x_test"][pairs], 5)
    assert paths["probs"].shape == (3, 5, 784)
    ends = decodings.encoder_means(trained, digits["x_test"][pairs[:, 0]])
    np.testing.assert_allclose(paths["z"][:, 0], ends, rtol=1e-6)
    done = decodings.completions(trained, digits["x_test"][0, :392], np.zeros(2), np.ones(2), 3, gen(2))
    np.testing.assert_array_equal(done[:, :392], np.broadcast_to(digits["x_test"][0, :392], (3, 392)))


def test_stream_seeds_differ_by_stage() -> None:
    seeds = {stream_seed(2026, s) for s in ("data", "init", "train", "evaluate")}
    assert len(seeds) == 4 and stream_seed(2026, "train") == stream_seed(2026, "train")


def train_script(tmp_path: Path, data: Path, params: dict) -> Result:
    outputs = ("--out-model", str(tmp_path / "m.pt"), "--out-history", str(tmp_path / "h.json"))
    return run("vae_train", "--params", json.dumps(params), "--seed", "1", "--data", str(data), *outputs)


def test_train_script_writes_model_and_history(tmp_path: Path, digits: dict[str, np.ndarray]) -> None:
    data = tmp_path / "data.npz"
    save_npz(data, **{k: v[:200] for k, v in digits.items()})
    params = {"model": {"hidden": 20}, "train": {"epochs": 2, "device": "cpu"}}
    res = train_script(tmp_path, data, params)
    assert res.exit_code == 0, res.output
    history = json.loads((tmp_path / "h.json").read_text())
    assert [e["epoch"] for e in history["epochs"]] == [1, 2]
    assert "epoch    2/2: train ELBO" in res.output  # one line per epoch (no terminal: no bar)
    assert load_model(tmp_path / "m.pt").hidden == 20


def test_train_script_stops_on_nan_without_a_model(tmp_path: Path, digits: dict[str, np.ndarray]) -> None:
    data = tmp_path / "data.npz"
    x = digits["x_train"][:200].astype(np.float32)
    x[0, 0] = np.nan
    save_npz(data, x_train=x, y_train=digits["y_train"][:200], x_test=x[:50], y_test=digits["y_test"][:50])
    res = train_script(tmp_path, data, {"train": {"epochs": 2}})
    assert res.exit_code == 1
    assert "training diverged" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "m.pt").exists() and not (tmp_path / "h.json").exists()


def test_train_script_names_a_missing_data_file(tmp_path: Path) -> None:
    res = run(
        "vae_train",
        "--seed",
        "1",
        "--data",
        str(tmp_path / "nope.npz"),
        "--out-model",
        str(tmp_path / "m.pt"),
        "--out-history",
        str(tmp_path / "h.json"),
    )
    assert res.exit_code == 1 and "nope.npz" in res.output
