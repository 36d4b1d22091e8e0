"""Choose the VAE's training settings on a held-out part of the training set, never the test set.

Splits the bundled digits as the data job does (``vae.data``: stratified train and test), then
holds ``--validation`` training digits out (stratified too) and trains on the rest with the given
settings, the test set untouched. After every epoch it prints the validation ELBO (the mean
over the held-out digits of ``--val-samples`` draws each); at the end, the best epoch and how
far each epoch's ELBO is from it. ``vae.train.epochs`` and the step sizes in config.yaml were
chosen with it (docs/sources.md, "The VAE", and docs/vae.md).
Usage: python bench/vae_settings.py [--epochs 100] [--lr 1e-3] [--final-lr 1e-4] [--out run.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from figrepro.torch_runtime import deterministic_torch  # noqa: E402
from figrepro.vae import mnist  # noqa: E402
from figrepro.vae.elbo import elbo_per_image  # noqa: E402
from figrepro.vae.model import VAE  # noqa: E402
from figrepro.vae.runtime import torch_stream  # noqa: E402
from figrepro.vae.streams import numpy_stream, stream_seed  # noqa: E402
from figrepro.vae.training import train  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=2026, help="the pipeline's seed: the same split")
    parser.add_argument("--fold", type=int, default=0, help="another held-out draw and training seed")
    parser.add_argument("--n-train", type=int, default=8000)
    parser.add_argument("--n-test", type=int, default=2000)
    parser.add_argument("--validation", type=int, default=1000, help="training digits held out")
    parser.add_argument("--threshold", type=int, default=127)
    parser.add_argument("--hidden", type=int, default=500)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--final-lr", type=float, default=None)
    parser.add_argument("--val-samples", type=int, default=5)
    parser.add_argument("--dynamic", action="store_true", help="dynamic binarization of the training digits")
    parser.add_argument("--out", type=Path, help="write the validation curve here (JSON)")
    args = parser.parse_args()

    deterministic_torch(1)
    pool = mnist.load_bundled(ROOT / "data/mnist/digits.npz")
    train_set, _ = mnist.split_pool(pool, args.n_train, args.n_test, numpy_stream(args.seed, "data"))
    fold_rng = np.random.default_rng(args.seed if args.fold == 0 else [args.seed, args.fold])
    held = mnist.stratified_choice(train_set.labels, args.validation, fold_rng)
    run_seed = args.seed + args.fold  # fold 0 trains from the pipeline's own seeds
    fitted = np.setdiff1d(np.arange(len(train_set)), held)
    x_fit, x_val = (
        torch.from_numpy(mnist.binarize(train_set.images[i], args.threshold).astype(np.float32))
        for i in (fitted, held)
    )
    if args.dynamic:
        x_fit = torch.from_numpy(train_set.images[fitted].astype(np.float32) / 255)
    torch.manual_seed(stream_seed(run_seed, "init"))
    model = VAE(hidden=args.hidden)
    curve: list[dict[str, float]] = []
    val_generator = torch_stream(args.seed, "evaluate")

    def on_epoch(e) -> None:  # type: ignore[no-untyped-def]
        model.eval()
        mean, _ = elbo_per_image(model, x_val.numpy(), args.val_samples, val_generator)
        model.train()
        curve.append(
            {"epoch": e.epoch, "train": e.train_elbo, "validation": float(mean.mean()), "s": e.seconds}
        )
        print(
            f"epoch {e.epoch:4d}: train {e.train_elbo:9.3f}, validation {mean.mean():9.3f}, {e.seconds:.0f} s"
        )

    start = time.perf_counter()
    train(
        model,
        x_fit,
        x_val[:1],  # the history's own test ELBO is not wanted here: one digit keeps it cheap
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=args.lr,
        final_lr=args.final_lr,
        resample=args.dynamic,
        generator=torch_stream(run_seed, "train"),
        eval_generator=torch_stream(run_seed, "history"),
        on_epoch=on_epoch,
    )
    best = max(curve, key=lambda row: row["validation"])
    print(
        f"{len(x_fit)} digits fitted, {len(x_val)} held out; {time.perf_counter() - start:.0f} s; "
        f"best validation ELBO {best['validation']:.3f} at epoch {best['epoch']} of {args.epochs}; "
        f"last {curve[-1]['validation']:.3f}"
    )
    if args.out:
        args.out.write_text(
            json.dumps({"settings": vars(args) | {"out": str(args.out)}, "curve": curve}, indent=1)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
