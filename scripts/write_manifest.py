"""Write ``figures/all`` (one TSV row per figure: figure, source, title, sha256) and each figure's
caption for ``snakemake --report`` (``results/report/<source>/<slug>.rst``); then remove the figure
files under ``figures/`` that it does not list (another format's, a renamed figure's)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from figrepro import manifest
from figrepro.captions import write_captions
from figrepro.cli import fail_cleanly
from figrepro.io import load_json
from figrepro.records import all_figures


@click.command(help=__doc__)
@click.option("--format", "fmt", type=click.Choice(["pdf", "png", "svg"]), default="pdf")
@click.option("--metrics", type=click.Path(dir_okay=False), required=True, help="results/metrics.json")
@click.option("--config", "config_json", required=True, help="the whole config, as JSON")
@click.option("--caption-template", type=click.Path(dir_okay=False), required=True)
@click.option("--out", type=click.Path(dir_okay=False), required=True)
@fail_cleanly
def main(fmt: str, metrics: str, config_json: str, caption_template: str, out: str) -> None:
    figures, config = all_figures(), json.loads(config_json)
    write_captions(caption_template, figures, fmt, config, load_json(metrics))
    rows = manifest.rows(figures, fmt, config)
    manifest.write(out, rows)
    for path in manifest.remove_unlisted(Path(out).parent, rows):
        print(f"removed {path}: not a figure of this build", file=sys.stderr)


if __name__ == "__main__":
    main()
