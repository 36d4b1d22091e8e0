"""log p(x), integrated over the latent plane, against the ELBO, every test image; and the gap."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figrepro.plotting import subplots


def draw(elbo: dict) -> Figure:
    log_px, estimate = elbo["log_px_test"], elbo["elbo_test"]
    n = len(elbo["listed_elbo"])
    fig, (left, right) = subplots(1, 2, figsize=(12, 5))
    left.plot(estimate, log_px, ".", color="0.6", markersize=3, label="test images")
    left.plot(elbo["listed_elbo"], log_px[:n], "r.", label=f"the {n} listed images")
    ends = [min(log_px.min(), estimate.min()), max(log_px.max(), estimate.max())]
    left.plot(ends, ends, "k--", linewidth=1, label="log p(x) = ELBO")
    left.set_xlabel("ELBO (nats)")
    left.set_ylabel("log p(x), integrated over z (nats)")
    left.set_title("ELBO <= log p(x)")
    left.legend(loc="upper left")
    gap = log_px - estimate
    right.hist(gap, bins=np.linspace(min(0.0, gap.min()), np.percentile(gap, 99.5), 60), color="0.5")
    right.axvline(0, color="k", linestyle="--", linewidth=1)
    right.set_xlabel("log p(x) - ELBO (nats)")
    right.set_ylabel("test images")
    right.set_title(
        f"Gap: mean {gap.mean():.2f} nats; below 0 by more than {elbo['bound_se']:g} "
        f"standard errors: {int(elbo['bound_violations'])}"
    )
    return fig
