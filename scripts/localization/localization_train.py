"""Lab 5: train the two networks of q(z|X) by the reparameterized ELBO (Adam)."""

from __future__ import annotations

import click

from figrepro.cli import Log, console_option, fail_cleanly, params_option
from figrepro.io import save_npz
from figrepro.localization import network
from figrepro.localization.inputs import load_readings
from figrepro.localization.model import SensorModel
from figrepro.localization.streams import tags
from figrepro.torch_runtime import deterministic_torch, stream_seed, torch_generator


@click.command(help=__doc__)
@params_option(__file__, "localization")
@click.option("--seed", type=int, required=True, help="base seed (the lab sets none)")
@click.option("--readings", type=click.Path(dir_okay=False), required=True)
@click.option("--out-model", type=click.Path(dir_okay=False), required=True)
@click.option("--out-history", type=click.Path(dir_okay=False), required=True)
@console_option
@fail_cleanly
def main(
    params: dict, seed: int, readings: str, out_model: str, out_history: str, console_fd: int | None
) -> None:
    deterministic_torch(1)  # a 15-50-2 network: one thread is fastest, and fixes the numbers
    log, model = Log("localization train", console_fd), SensorModel.from_config(params)
    x = load_readings(readings, model)
    schedule = network.Schedule.from_config(params["train"])
    log.console(f"settings {params['train']['settings']}: {schedule}")
    net = network.new_network(x.size, params["hidden"], stream_seed(*tags(seed, "init")))
    every = params["train"]["log_every"]

    def progress(step: int, elbo: float, log_lik: float, kl: float) -> None:
        if step % every == 0 or step == schedule.steps - 1:
            log.progress(f"step {step:6d}  loglik {log_lik:11.5f}  KL {kl:9.5f}  ELBO {elbo:11.5f}")

    generator = torch_generator(*tags(seed, "train"))
    history = network.train(net, network.ELBO(model, x), schedule, generator, progress)
    network.save_network(net, out_model)
    save_npz(out_history, **history)
    log.console(f"done: final ELBO {history['elbo'][-1]:.5f}, KL {history['kl'][-1]:.5f}")


if __name__ == "__main__":
    main()
