"""Atomic file output: a result is either complete at its path or absent."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np


class BadInputFile(ValueError):
    """An input file exists but its content is not what it should be (the message names it)."""


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def save_npz(path: str | os.PathLike[str], **arrays: Any) -> None:
    """Write arrays to an ``.npz`` file atomically (uncompressed, so byte-stable)."""
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        np.savez(fh, **arrays)


def save_npy(path: str | os.PathLike[str], array: np.ndarray) -> None:
    """Write one array to an ``.npy`` file atomically."""
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        np.save(fh, array)


def save_json(path: str | os.PathLike[str], obj: Any) -> None:
    """Write JSON atomically, keys sorted, so equal content gives equal bytes."""
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, allow_nan=False) + "\n")


def sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_npz(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """Read every array of an ``.npz`` file, naming the file if it is missing."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"missing input file: {p}")
    with np.load(p) as data:
        return {k: data[k] for k in data.files}


def load_json(path: str | os.PathLike[str]) -> Any:
    """Read a JSON file, naming the file if it is missing."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"missing input file: {p}")
    return json.loads(p.read_text())
