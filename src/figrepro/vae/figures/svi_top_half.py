"""The SVI Gaussian q(z) over the contours of p(z|x_top), and the ELBO during the fit."""

from __future__ import annotations

from matplotlib.figure import Figure

from figrepro.plotting import subplots
from figrepro.vae.plots import density_panel, gaussian_contours


def draw(posteriors: dict) -> Figure:
    p = posteriors
    fig, (ax, trace) = subplots(1, 2, figsize=(12, 5.5), gridspec_kw={"width_ratios": [3, 2]})
    density_panel(ax, p["top_z1"], p["top_z2"], p["top_log_posterior"])
    handle = gaussian_contours(ax, p["top_z1"], p["top_z2"], p["top_log_svi"])
    ax.legend([handle], ["q(z), fitted by SVI"], loc="upper right")
    ax.set_title("$p(z|x_{top})$ and the SVI fit")
    trace.plot(range(1, len(p["svi_elbo"]) + 1), p["svi_elbo"], "b-", linewidth=0.5)
    tail = p["svi_elbo"][len(p["svi_elbo"]) // 10 :]
    trace.set_ylim(tail.min() - 1, tail.max() + 1)
    trace.set_xlabel("Adam step")
    trace.set_ylabel("ELBO estimate")
    trace.set_title("SVI: ELBO during the fit")
    return fig
