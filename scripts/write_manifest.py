"""Write ``figures/all``: one TSV row (figure, source, title, sha256) per figure file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import click

from figrepro.catalog import all_figures
from figrepro.cli import fail_cleanly
from figrepro.io import atomic_path


def sha256(path: Path) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"missing figure: {path}")
    return hashlib.sha256(path.read_bytes()).hexdigest()


@click.command()
@click.option("--format", "fmt", type=click.Choice(["pdf", "png", "svg"]), default="pdf")
@click.option("--out", type=click.Path(dir_okay=False), required=True)
@fail_cleanly
def main(fmt: str, out: str) -> None:
    rows = ["figure\tsource\ttitle\tsha256"]
    for fig in all_figures():
        path = Path(fig.path(fmt))
        rows.append(f"{path}\t{fig.source}\t{fig.title}\t{sha256(path)}")
    with atomic_path(out) as tmp:
        tmp.write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
