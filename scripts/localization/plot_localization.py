"""Lab 5: the four figures from the readings' configuration, the training history and the evaluation."""

from __future__ import annotations

from pathlib import Path

import click
import matplotlib.pyplot as plt
import numpy as np

from figrepro.catalog import LOCALIZATION_FIGURES
from figrepro.cli import fail_cleanly, figure_options, params_option
from figrepro.io import load_npz
from figrepro.localization.figures import DRAWERS, LAB_STYLE
from figrepro.plotting import save, use_style


@click.command()
@params_option(__file__, "localization")
@click.option("--history", type=click.Path(dir_okay=False), required=True)
@click.option("--evaluation", type=click.Path(dir_okay=False), required=True)
@figure_options
@fail_cleanly
def main(params: dict, history: str, evaluation: str, out_dir: str, fmt: str, dpi: int) -> None:
    use_style()
    inputs = {
        "sensors": np.asarray(params["sensors"], float),
        "target": np.asarray(params["target"], float),
        "history": load_npz(history),
        "evaluation": load_npz(evaluation),
    }
    with plt.style.context(LAB_STYLE):
        for fig in LOCALIZATION_FIGURES:
            save(DRAWERS[fig.slug](**inputs), Path(out_dir) / f"{fig.slug}.{fmt}", dpi)


if __name__ == "__main__":
    main()
