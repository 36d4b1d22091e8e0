"""The true posterior given only the top half of a digit."""

from __future__ import annotations

from matplotlib.figure import Figure

from figrepro.plotting import subplots
from figrepro.vae.plots import density_panel, show_digits, top_half_only


def draw(posteriors: dict) -> Figure:
    p = posteriors
    fig, (image, ax) = subplots(1, 2, figsize=(11, 5.5), gridspec_kw={"width_ratios": [1, 3]})
    show_digits(image, top_half_only(p["top_image"])[None, None], "$x_{top}$")
    density_panel(ax, p["top_z1"], p["top_z2"], p["top_log_posterior"])
    ax.set_title("True posterior $p(z|x_{top})$ (grid)")
    return fig
