"""Assignment 3: draw one VAE figure with its module ``figrepro.vae.figures.<slug>``.

Each ``--input NAME=PATH`` (an .npz or .json result) reaches the module's ``draw`` as the
keyword argument NAME.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from figrepro.catalog import VAE_FIGURES
from figrepro.cli import fail_cleanly, figure_options
from figrepro.io import load_json, load_npz
from figrepro.plotting import save, use_style


def _load(path: str) -> dict:
    return load_json(path) if Path(path).suffix == ".json" else load_npz(path)


def _named_inputs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    named = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name.isidentifier() or not path:
            raise click.BadParameter(f"{value!r} is not NAME=PATH", ctx, param)
        named[name] = path
    return named


@click.command()
@click.option("--figure", "slug", type=click.Choice([f.slug for f in VAE_FIGURES]), required=True)
@click.option("--input", "inputs", multiple=True, metavar="NAME=PATH", callback=_named_inputs)
@figure_options
@fail_cleanly
def main(slug: str, inputs: dict[str, str], out_dir: str, fmt: str, dpi: int) -> None:
    use_style()
    module = importlib.import_module(f"figrepro.vae.figures.{slug}")
    fig = module.draw(**{name: _load(path) for name, path in inputs.items()})
    save(fig, Path(out_dir) / f"{slug}.{fmt}", dpi)


if __name__ == "__main__":
    main()
