"""Lab 5: the four figures from the readings' configuration, the training history and the evaluation."""

from __future__ import annotations

import click
import matplotlib.style
import numpy as np

from figrepro.cli import fail_cleanly, figure_options, params_option
from figrepro.io import load_npz
from figrepro.localization.figures import DRAWERS, LAB_STYLE
from figrepro.plotting import FigureWriter


@click.command(help=__doc__)
@params_option(__file__, "localization")
@click.option("--history", type=click.Path(dir_okay=False), required=True)
@click.option("--evaluation", type=click.Path(dir_okay=False), required=True)
@figure_options(DRAWERS)
@fail_cleanly
def main(params: dict, history: str, evaluation: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    inputs = {
        "sensors": np.asarray(params["sensors"], float),
        "target": np.asarray(params["target"], float),
        "history": load_npz(history),
        "evaluation": load_npz(evaluation),
    }
    with matplotlib.style.context(LAB_STYLE):
        for name in write.names:
            write(name, DRAWERS[name](**inputs))
    write.check_complete()


if __name__ == "__main__":
    main()
