"""How right the VAE's log p(x) is, image by image (issue 19: within 0.05 nats of a converged
integral for every test image), and what it costs.

Integrates every test image of a built model three times: with the config's settings (what the
evaluation job does), with every spacing halved, and with a reference far finer and wider than
both (discs 9 standard deviations wide at a third of the spacing, a coarse grid 4 times finer,
tails grown to 1e-6 of the mass). Prints the worst differences, the number of modes found, the
points decoded per image and the seconds each took.
Usage: python bench/vae_log_evidence.py [--results results/vae] [--images N]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from figrepro.torch_runtime import deterministic_torch  # noqa: E402
from figrepro.vae import log_evidence  # noqa: E402
from figrepro.vae.evidence_settings import Settings  # noqa: E402
from figrepro.vae.latent_grid import LogJoint  # noqa: E402
from figrepro.vae.model import load_model  # noqa: E402


def reference_settings(settings: Settings) -> Settings:
    """Wider discs, finer lattices and coarse grid, longer tails: the converged integral."""
    return replace(
        settings,
        span=1.5 * settings.span,
        spacing=settings.spacing * 0.3,
        coarse_spacing=settings.coarse_spacing / 4,
        tail_fraction=1e-6,
        widenings=4,
    )


def counted(run: log_evidence.Integrator, density: LogJoint) -> tuple[log_evidence.Evidence, int, float]:
    """The evidence, the points decoded and the seconds taken."""
    points = 0
    evaluate = log_evidence.evaluate

    def counting(d, z, chunk):  # type: ignore[no-untyped-def]
        nonlocal points
        points += z.shape[0] * z.shape[1]
        return evaluate(d, z, chunk)

    log_evidence.evaluate = counting
    try:
        start = time.perf_counter()
        evidence = run(density)
        return evidence, points, time.perf_counter() - start
    finally:
        log_evidence.evaluate = evaluate


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--results", type=Path, default=ROOT / "results/vae")
    parser.add_argument("--config", type=Path, default=ROOT / "config.yaml")
    parser.add_argument("--images", type=int, help="the first N test images only")
    args = parser.parse_args()
    deterministic_torch(1)
    settings = Settings.from_config(yaml.safe_load(args.config.read_text())["vae"]["evaluate"])
    model = load_model(args.results / "model.pt")
    with np.load(args.results / "data.npz") as data:
        x_test = data["x_test"][: args.images]
    density = LogJoint(model, x_test)
    runs = {
        "config": settings,
        "halved": settings.halved(),
        "reference": reference_settings(settings),
    }
    found = {}
    for name, chosen in runs.items():
        evidence, points, seconds = counted(log_evidence.Integrator(chosen), density)
        found[name] = evidence
        print(f"{name:9s} {seconds:7.1f} s  {points / len(x_test):8.0f} lattice points per image  {chosen}")
    reference = found["reference"].log_px
    for name in ("config", "halved"):
        error = np.abs(found[name].log_px - reference)
        worst = int(np.argmax(error))
        print(
            f"{name}: max |log p(x) - reference| {error.max():.5f} (image {worst}); mean {error.mean():.2e}"
        )
    move = np.abs(found["halved"].log_px - found["config"].log_px)
    print(f"halving every spacing moves log p(x) by at most {move.max():.5f}")
    modes = np.bincount(found["config"].modes)
    print(f"images by number of modes found: {dict(enumerate(modes.tolist()))} of {len(x_test)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
