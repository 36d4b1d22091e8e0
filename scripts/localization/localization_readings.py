"""Lab 5: draw the L x N sensor readings X for the target at localization.target."""

from __future__ import annotations

import click
import numpy as np

from figrepro.cli import Log, fail_cleanly, params_option
from figrepro.io import save_npy
from figrepro.localization.model import SensorModel
from figrepro.localization.streams import numpy_stream


@click.command(help=__doc__)
@params_option(__file__, "localization")
@click.option("--seed", type=int, required=True, help="base seed (the lab sets none)")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="readings (.npy, L x N)")
@fail_cleanly
def main(params: dict, seed: int, out: str) -> None:
    model = SensorModel.from_config(params)
    readings = model.sample_readings(numpy_stream(seed, "readings"), np.asarray(params["target"], float))
    Log("localization_readings")(f"readings (sensor by row):\n{np.array2string(readings, precision=3)}")
    save_npy(out, readings)


if __name__ == "__main__":
    main()
