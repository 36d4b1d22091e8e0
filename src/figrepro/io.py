"""Atomic file output: a result is either complete at its path or absent."""

from __future__ import annotations

import errno
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


class RefusedWrite(OSError):
    """An output cannot be written (a read-only folder, a full disk); the message names it."""


#: what the system says when a file may not or cannot be written
_REFUSALS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT})


def _umask() -> int:
    """The process's umask (reading it means setting it: it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds.

    A refusal to write (permissions, a read-only or full disk) becomes ``RefusedWrite`` naming
    ``path``, which the scripts report in one line."""
    target = Path(path)
    tmp_path: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        tmp_path = Path(tmp)
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes it 0600; a plain open() honours the umask
        os.close(fd)
        yield tmp_path
        os.replace(tmp_path, target)
    except OSError as exc:
        if exc.errno not in _REFUSALS or isinstance(exc, RefusedWrite):
            raise
        refused = RefusedWrite(f"{target}: cannot be written ({exc.strerror or exc})")
        refused.errno = exc.errno
        raise refused from exc
    finally:
        if tmp_path is not None:
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


def damaged(path: str | os.PathLike[str], what: str, exc: Exception) -> BadInputFile:
    """The one-line error for an intermediate that cannot be read (truncated by a crash, say),
    with the command that makes it again (and reruns what depends on it)."""
    return BadInputFile(
        f"{path}: damaged or not {what} ({type(exc).__name__}); "
        f"rebuild it with: snakemake --cores 4 --forcerun {path}"
    )


def _existing(path: str | os.PathLike[str]) -> Path:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"missing input file: {p}")
    return p


def load_npz(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """Read every array of an ``.npz`` file, naming the file if it is missing or damaged."""
    p = _existing(path)
    try:
        with np.load(p, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except Exception as exc:  # zipfile, zlib and NumPy each raise their own for a torn file
        raise damaged(p, "an .npz file", exc) from None


def load_npy(path: str | os.PathLike[str]) -> np.ndarray:
    """Read one array of an ``.npy`` file, naming the file if it is missing or damaged."""
    p = _existing(path)
    try:
        return np.load(p, allow_pickle=False)
    except Exception as exc:
        raise damaged(p, "an .npy file", exc) from None


def load_json(path: str | os.PathLike[str]) -> Any:
    """Read a JSON file, naming the file if it is missing or damaged."""
    p = _existing(path)
    try:
        return json.loads(p.read_text())
    except (ValueError, UnicodeDecodeError) as exc:
        raise damaged(p, "a JSON file", exc) from None
