"""Assignment 3, data: binarized MNIST digits split into stratified train and test sets.

Writes ``x_train``, ``y_train``, ``x_test``, ``y_test`` (pixels 0/1 as uint8) and the training
digits' greys ``grey_train`` (0-255, for dynamic binarization) into one .npz, the only file the
later VAE steps read.
"""

from __future__ import annotations

from pathlib import Path

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.config import ConfigError
from figrepro.io import save_npz
from figrepro.vae import mnist
from figrepro.vae.streams import numpy_stream


def _check_size(key: str, wanted: int, available: int, where: str) -> None:
    if wanted > available:
        raise ConfigError(f"vae.data.{key}: {wanted} images asked for, {where} has {available}")


@click.command(help=__doc__)
@params_option(__file__, "vae", "data")
@click.option("--seed", type=int, required=True, help="base seed (the assignment sets none)")
@click.option(
    "--digits",
    type=click.Path(dir_okay=False),
    default=str(Path(__file__).resolve().parents[2] / mnist.BUNDLED),
    help="the bundled digits (source bundled); default: the checkout's data/mnist/digits.npz",
)
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="data .npz")
@fail_cleanly
def main(params: dict, seed: int, digits: str, out: str) -> None:
    log = Log("vae data")
    rng = numpy_stream(seed, "data")
    if params["source"] == "idx":
        if not params["idx_dir"]:
            raise ConfigError("vae.data.idx_dir: must name the folder of the MNIST IDX files")
        pools = mnist.load_idx(params["idx_dir"], "train"), mnist.load_idx(params["idx_dir"], "test")
        for key, pool, split in zip(("n_train", "n_test"), pools, ("train", "test"), strict=True):
            _check_size(key, params[key], len(pool), f"the IDX {split} set in {params['idx_dir']}")
        train = pools[0].subset(mnist.stratified_choice(pools[0].labels, params["n_train"], rng))
        test = pools[1].subset(mnist.stratified_choice(pools[1].labels, params["n_test"], rng))
    else:
        pool = mnist.load_bundled(digits)
        _check_size("n_train", params["n_train"] + params["n_test"], len(pool), f"{digits} (train + test)")
        train, test = mnist.split_pool(pool, params["n_train"], params["n_test"], rng)
    log(f"{params['source']}: {len(train)} train and {len(test)} test images")
    for name, part in (("train", train), ("test", test)):
        log(f"{name} images per class: {np.bincount(part.labels, minlength=10).tolist()}")
    save_npz(
        out,
        x_train=mnist.binarize(train.images, params["threshold"]),
        grey_train=train.images,
        y_train=train.labels,
        x_test=mnist.binarize(test.images, params["threshold"]),
        y_test=test.labels,
    )


if __name__ == "__main__":
    main()
