"""``figures/all``: one TSV row per figure (its path, source, title and sha256), in the records' order."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figrepro.io import BadInputFile, atomic_path, sha256
from figrepro.records import Figure, figure_title

COLUMNS = ("figure", "source", "title", "sha256")
#: what a drawing job leaves under figures/: a figure in one of the formats, or a write cut short
FIGURE_FILES = (".pdf", ".png", ".svg", ".part")


@dataclass(frozen=True)
class Row:
    figure: str
    source: str
    title: str
    sha256: str


def rows(figures: list[Figure], fmt: str, config: Mapping[str, Any]) -> list[Row]:
    """Each figure's row, its title stating the values of ``config``, hashing its file (a missing
    file is named)."""
    found = []
    for fig in figures:
        path = Path(fig.path(fmt))
        if not path.is_file():
            raise FileNotFoundError(f"missing figure: {path}")
        found.append(Row(str(path), fig.source, figure_title(fig, config), sha256(path)))
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


def remove_unlisted(folder: str | os.PathLike[str], manifest: list[Row]) -> list[str]:
    """Remove the figure files under ``folder`` that ``manifest`` does not list (those of another
    ``figures.format``, of a figure no record names any more, a write cut short), so that the folder
    holds what the manifest lists; returns their paths. Other files are left alone."""
    listed = {os.path.normpath(row.figure) for row in manifest}
    removed = []
    for path in sorted(Path(folder).rglob("*")):
        if path.suffix in FIGURE_FILES and path.is_file() and os.path.normpath(path) not in listed:
            path.unlink()
            removed.append(str(path))
    return removed
