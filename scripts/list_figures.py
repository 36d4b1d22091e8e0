"""List every figure the build makes: by source (with the target that builds it alone), each
figure's file and its title as the config in force states it. Builds nothing."""

from __future__ import annotations

import json

import click

from figrepro.cli import fail_cleanly
from figrepro.records import RECORDS, figure_title


@click.command(help=__doc__)
@click.option("--format", "fmt", type=click.Choice(["pdf", "png", "svg"]), default="pdf")
@click.option("--config", "config_json", required=True, help="the whole config, as JSON")
@fail_cleanly
def main(fmt: str, config_json: str) -> None:
    config = json.loads(config_json)
    count = 0
    for record in RECORDS.values():
        click.echo(f"{record.source}: {record.category}, {record.name} (target: {record.target})")
        for fig in record.figures:
            click.echo(f"  {fig.path(fmt)}  {figure_title(fig, config)}")
        if not record.figures:
            click.echo("  (numbers only: results/metrics.json)")
        count += len(record.figures)
    click.echo(f"{count} figures from {len(RECORDS)} sources")


if __name__ == "__main__":
    main()
