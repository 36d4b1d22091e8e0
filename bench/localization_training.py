"""Lab 5: how close q(z|X) gets to the best diagonal Gaussian under the default (tuned) training
and under the lab's literal settings, over several training seeds, and how long each takes.

Usage: python bench/localization_training.py [--seeds 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from figrepro.config import shipped_config
from figrepro.localization import network
from figrepro.localization import posterior as post
from figrepro.localization.model import SensorModel
from figrepro.localization.streams import numpy_stream
from figrepro.torch_runtime import deterministic_torch, stream_seed, torch_generator

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5, help="training seeds per setting")
    parser.add_argument("--data-seed", type=int, default=2026, help="the top-level seed of the readings")
    args = parser.parse_args()
    deterministic_torch(1)
    cfg = shipped_config(ROOT)["localization"]
    model = SensorModel.from_config(cfg)
    x = model.sample_readings(numpy_stream(args.data_seed, "readings"), np.asarray(cfg["target"]))
    exact = post.exact_posterior(model, x, cfg["grid"]["limit"], cfg["grid"]["spacing"])
    best = post.best_gaussian(model, x, exact)
    print(f"best diagonal Gaussian: KL(q || p) = {best.kl:.4f}")
    for settings in ("tuned", "lab"):
        schedule = network.Schedule.from_config({**cfg["train"], "settings": settings})
        gaps, seconds = [], []
        for s in range(args.seeds):
            net = network.new_network(x.size, cfg["hidden"], stream_seed(args.data_seed, 5, 100 + s))
            elbo = network.ELBO(model, x)
            start = time.perf_counter()
            network.train(net, elbo, schedule, torch_generator(args.data_seed, 5, 200 + s))
            seconds.append(time.perf_counter() - start)
            mean, std = network.q_moments(net, elbo)
            gaps.append(post.kl_gaussian_to_posterior(model, x, exact.log_evidence, mean, std) - best.kl)
        print(
            f"{settings:5s} {schedule}: KL gap to the best Gaussian "
            f"{' '.join(f'{g:.4f}' for g in gaps)} (max {max(gaps):.4f}); {np.mean(seconds):.1f} s per run"
        )


if __name__ == "__main__":
    main()
