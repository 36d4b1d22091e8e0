"""The true posterior p(z|x) (normalised on a grid) with the encoder's q(z|x) over it."""

from __future__ import annotations

from matplotlib.figure import Figure

from figrepro.plotting import subplots
from figrepro.vae.plots import density_panel, gaussian_contours, show_digits


def draw(posteriors: dict) -> Figure:
    p = posteriors
    fig, (image, ax) = subplots(1, 2, figsize=(11, 5.5), gridspec_kw={"width_ratios": [1, 3]})
    show_digits(image, p["image"][None, None], "x (a test image)")
    density_panel(ax, p["z1"], p["z2"], p["log_posterior"])
    handle = gaussian_contours(ax, p["z1"], p["z2"], p["log_q"])
    ax.legend([handle], ["q(z|x), the encoder"], loc="upper right")
    ax.set_title("True posterior p(z|x) (grid) and q(z|x)")
    return fig
