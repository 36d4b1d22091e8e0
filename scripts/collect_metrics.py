"""Gather the per-job metrics files into ``results/metrics.json``.

Each input is ``results/<source>/metrics_<job>.json`` (a flat mapping of names to numbers);
``<source>`` (``udl/<id>``, ``vae``, ...) becomes the top-level key.
"""

from __future__ import annotations

from pathlib import Path

import click

from figrepro.cli import fail_cleanly
from figrepro.io import load_json, save_json


def source_of(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[parts.index("results") + 1 : -1])


@click.command(help=__doc__)
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False), required=True)
@click.option("--out", type=click.Path(dir_okay=False), required=True)
@fail_cleanly
def main(inputs: tuple[str, ...], out: str) -> None:
    merged: dict[str, dict[str, float]] = {}
    for name in inputs:
        path = Path(name)
        section = merged.setdefault(source_of(path), {})
        for key, value in load_json(path).items():
            if key in section:
                raise click.ClickException(f"{path}: metric {key!r} is also reported by another job")
            section[key] = value
    save_json(out, merged)


if __name__ == "__main__":
    main()
