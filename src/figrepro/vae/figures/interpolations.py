"""p(x|z) along straight lines between the encoder means of pairs of digits of different classes."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import subplots
from figrepro.vae.plots import show_digits


def draw(decodings: dict) -> Figure:
    probs, x, labels = decodings["interpolation_probs"], decodings["pair_x"], decodings["pair_labels"]
    shown = decodings["pair_decoded_labels"]
    steps = probs.shape[1]
    fig, axes = subplots(len(probs), 1, figsize=(1.0 + 0.75 * (steps + 2), 1.2 * len(probs)), squeeze=False)
    for ax, path, ends, (a, b), decoded in zip(axes[:, 0], probs, x, labels, shown, strict=True):
        row = np.concatenate([ends[:1], path, ends[1:]])[None]
        show_digits(ax, row, pad=2)
        name = f"{a} to {b}"
        if tuple(decoded) != (a, b):  # an end decodes as another class: say so
            name += f"\n(decoded: {decoded[0]} to {decoded[1]})"
        ax.set_ylabel(name, rotation=0, ha="right", va="center")
    axes[0, 0].set_title("Interpolations: data, p(x|z) from one encoder mean to the other, data")
    return fig
