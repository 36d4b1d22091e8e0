"""Whether the device ``vae.train.device`` names is there, asked before any job (torch is imported
only when a GPU is named: a dry run of the default config does not pay for it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NO_GPU = "vae.train.device: cuda was asked for but torch sees no GPU here (auto takes one when there is)"


def device_problems(train: Mapping[str, Any]) -> list[str]:
    """The line naming ``vae.train.device`` if it asks for a GPU that torch does not see, else none:
    refused before Snakemake removes the trained model to train it again."""
    if train["device"] != "cuda":
        return []
    import torch

    return [] if torch.cuda.is_available() else [NO_GPU]
