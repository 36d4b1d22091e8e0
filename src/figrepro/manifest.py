"""``figures/all``: one TSV row per figure (its path, source, title and sha256), in the records' order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from figrepro.io import BadInputFile, atomic_path, sha256
from figrepro.records import Figure

COLUMNS = ("figure", "source", "title", "sha256")


@dataclass(frozen=True)
class Row:
    figure: str
    source: str
    title: str
    sha256: str


def rows(figures: list[Figure], fmt: str) -> list[Row]:
    """Each figure's row, hashing its file (a missing file is named)."""
    found = []
    for fig in figures:
        path = Path(fig.path(fmt))
        if not path.is_file():
            raise FileNotFoundError(f"missing figure: {path}")
        found.append(Row(str(path), fig.source, fig.title, sha256(path)))
    return found


def write(path: str | os.PathLike[str], manifest: list[Row]) -> None:
    lines = ["\t".join(COLUMNS)] + ["\t".join((r.figure, r.source, r.title, r.sha256)) for r in manifest]
    with atomic_path(path) as tmp:
        tmp.write_text("\n".join(lines) + "\n")


def read(path: str | os.PathLike[str]) -> list[Row]:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"missing manifest: {p}")
    header, *lines = p.read_text().splitlines()
    if tuple(header.split("\t")) != COLUMNS:
        raise BadInputFile(f"{p}: not a figure manifest (its header is {header!r})")
    return [Row(*line.split("\t")) for line in lines]
