"""Assignment 3, training: fit the VAE by Adam on the minibatch Monte Carlo ELBO.

Writes the model (``model.pt``) and the per-epoch history (JSON) only when training
finishes; a non-finite ELBO stops it with a message and no model file. On a terminal a
progress bar shows the current ELBO; the log gets one line per epoch. Every
``vae.train.checkpoint_every`` epochs the whole state goes to ``--checkpoint``, so that a
killed run resumes where it was.
"""

from __future__ import annotations

import hashlib
import json
import sys

import click
import numpy as np
import torch
from tqdm import tqdm

from figrepro.cli import Log, console_option, fail_cleanly, params_option
from figrepro.io import load_npz, save_json, sha256
from figrepro.torch_runtime import deterministic_torch
from figrepro.vae.model import VAE, save_model
from figrepro.vae.runtime import pick_device, torch_stream
from figrepro.vae.streams import stream_seed
from figrepro.vae.training import Checkpoints, Epoch, train


@click.command(help=__doc__)
@params_option(__file__, "vae")
@click.option("--seed", type=int, required=True, help="base seed (the assignment sets none)")
@click.option("--data", type=click.Path(dir_okay=False), required=True, help="data .npz")
@click.option("--out-model", type=click.Path(dir_okay=False), required=True)
@click.option("--out-history", type=click.Path(dir_okay=False), required=True)
@click.option("--checkpoint", type=click.Path(dir_okay=False), help="where to keep the training's state")
@console_option
@fail_cleanly
def main(
    params: dict,
    seed: int,
    data: str,
    out_model: str,
    out_history: str,
    checkpoint: str | None,
    console_fd: int | None,
) -> None:
    settings = params["train"]
    log = Log("vae train", console_fd)
    device = pick_device(settings["device"])
    deterministic_torch(settings["threads"], cuda=device.type == "cuda")
    arrays = load_npz(data)
    dynamic = settings["binarize"] == "dynamic"
    x_train = arrays["grey_train"] / np.float32(255) if dynamic else arrays["x_train"]
    x_train, x_test = (torch.from_numpy(a.astype(np.float32)).to(device) for a in (x_train, arrays["x_test"]))
    torch.manual_seed(stream_seed(seed, "init"))
    model = VAE(hidden=params["model"]["hidden"]).to(device)
    log.console(f"{len(x_train)} train / {len(x_test)} test images on {device}; {settings}")
    checkpoints = None
    if checkpoint:
        # what the run's result depends on: the settings (not how often they are saved), the seed, the data
        made_of = {"model": params["model"], "train": {**settings, "checkpoint_every": None}, "seed": seed}
        made_of |= {"data": sha256(data), "torch": torch.__version__, "device": str(device)}
        fingerprint = hashlib.sha256(json.dumps(made_of, sort_keys=True).encode()).hexdigest()
        checkpoints = Checkpoints(checkpoint, fingerprint, settings["checkpoint_every"], log)

    epochs = settings["epochs"]
    steps = epochs * -(-len(x_train) // settings["batch_size"])
    bar = tqdm(total=steps, unit="step", disable=not sys.stderr.isatty(), dynamic_ncols=True)

    def on_step(elbo: float) -> None:
        bar.update()
        bar.set_postfix_str(f"ELBO {elbo:8.2f}", refresh=False)

    def on_epoch(e: Epoch) -> None:
        eta = e.seconds / e.epoch * (epochs - e.epoch)
        line = f"epoch {e.epoch:4d}/{epochs}: train ELBO {e.train_elbo:9.3f}, test ELBO {e.test_elbo:9.3f}"
        message = f"{line} ({e.seconds:6.1f}s, ETA {eta:5.1f}s)"
        if bar.disable:
            log.progress(message)
        else:
            bar.write(message, file=sys.stderr)

    with bar:
        history = train(
            model,
            x_train,
            x_test,
            epochs=epochs,
            batch_size=settings["batch_size"],
            lr=settings["lr"],
            final_lr=settings["final_lr"],
            resample=dynamic,
            generator=torch_stream(seed, "train"),
            eval_generator=torch_stream(seed, "history"),
            on_step=on_step,
            on_epoch=on_epoch,
            checkpoints=checkpoints,
        )
    save_model(model, out_model)
    save_json(out_history, {"epochs": [e.as_dict() for e in history], "settings": settings})
    if checkpoints:
        checkpoints.remove()
    log.console(f"done: final train ELBO {history[-1].train_elbo:.3f}, test ELBO {history[-1].test_elbo:.3f}")


if __name__ == "__main__":
    main()
