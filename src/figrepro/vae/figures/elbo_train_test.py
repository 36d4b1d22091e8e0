"""Per-image ELBO of the training and test sets; the set means are the reported numbers."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import new_figure


def draw(elbo: dict) -> Figure:
    fig, ax = new_figure((7, 4.5))
    both = np.concatenate([elbo["elbo_train"], elbo["elbo_test"]])
    bins = np.linspace(np.percentile(both, 0.5), both.max(), 60)
    for name, colour in (("train", "b"), ("test", "r")):
        values = elbo[f"elbo_{name}"]
        ax.hist(values, bins=bins, histtype="step", color=colour, label=f"{name}: mean {values.mean():.2f}")
        ax.axvline(values.mean(), color=colour, linestyle="--")
    ax.set_xlabel("ELBO of an image (nats)")
    ax.set_ylabel("images")
    ax.set_title("ELBO on the training and test sets")
    ax.legend(loc="upper left")
    return fig
