"""p(x|z) for z on a square lattice at the prior's quantiles (Kingma & Welling, figure 4b)."""

from __future__ import annotations

from matplotlib.figure import Figure

from figrepro.plotting import new_figure
from figrepro.vae.plots import show_digits


def draw(decodings: dict) -> Figure:
    lattice, axis = decodings["lattice"], decodings["lattice_axis"]
    fig, ax = new_figure((9, 9))
    show_digits(ax, lattice, pad=0)
    ax.set_title(f"p(x|z) on a {len(axis)}x{len(axis)} lattice, $z_i$ from {axis[0]:.2f} to {axis[-1]:.2f}")
    ax.set_xlabel("$z_1$ increases to the right, $z_2$ upwards")
    return fig
