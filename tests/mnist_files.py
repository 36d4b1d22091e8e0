"""Standard MNIST IDX files, written from the bundled digits, for tests of the IDX path."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from figrepro.vae import mnist


def write_idx(path: Path, array: np.ndarray) -> None:
    """An IDX file as LeCun's MNIST files are written: magic 0x0000 08 <ndim>, sizes, bytes."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def write_mnist_files(folder: Path, pool: mnist.Digits, n_train: int = 3000) -> Path:
    """The four standard-named files: 'train' from the first ``n_train`` digits, 'test' from the rest."""
    folder.mkdir(parents=True, exist_ok=True)
    for split, part in (("train", slice(0, n_train)), ("test", slice(n_train, None))):
        images_name, labels_name = mnist.IDX_FILES[split]
        write_idx(folder / images_name, pool.images[part].reshape(-1, 28, 28))
        write_idx(folder / labels_name, pool.labels[part])
    return folder
