"""ELBO per epoch, training and test sets."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import new_figure


def draw(history: dict) -> Figure:
    """Both curves over all epochs; y range: the data's, first epoch included, with a 5% margin."""
    epochs = history["epochs"]
    epoch = np.array([e["epoch"] for e in epochs])
    fig, ax = new_figure((7, 4.5))
    ax.plot(epoch, [e["train_elbo"] for e in epochs], "b-", label="train (mean of the epoch's minibatches)")
    ax.plot(epoch, [e["test_elbo"] for e in epochs], "r-", label="test (after the epoch)")
    ax.set_xlabel("epoch")
    ax.set_ylabel("ELBO per image (nats)")
    ax.set_xlim(0, epoch[-1])
    ax.set_title("Training curve")
    ax.legend(loc="lower right")
    return fig
