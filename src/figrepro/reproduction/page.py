"""The check's page, ``results/check/index.html``: what moved, shown.

For every figure that drifted (or is only in the reference, or only in the build): the reference's
thumbnail, the new figure rasterised at the thumbnail's resolution, and their difference, as PNG
files beside the page, with the RMS and the share of pixels that changed. For every number that
moved: its expected and new value, the tolerance and why it is that tolerance.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from figrepro.io import atomic_path
from figrepro.reproduction.compare import OK, Row
from figrepro.reproduction.fingerprint import load_png, raster, rms, save_png
from figrepro.reproduction.reference import thumbnail_path

PAGE = "index.html"
SCALE = 2  # the thumbnails are drawn this many times their size, pixel for pixel (three to a row)


@dataclass(frozen=True)
class Picture:
    """One drifted figure on the page: the PNG files beside it ('' where there is none)."""

    row: Row
    reference: str
    new: str
    difference: str
    rms: float | None
    changed: float | None  # share of pixels that differ at all
    size: tuple[int, int] | None  # (width, height) of the largest picture, in pixels

    def measures(self) -> str:
        if self.rms is None or self.changed is None:
            return ""
        return f"RMS {self.rms:.3g} (0-255); {100 * self.changed:.2f}% of the pixels changed"


def _padded(image: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """``image`` on a white canvas of ``shape`` (height, width), top left."""
    canvas = np.full((*shape, 3), 255, np.uint8)
    canvas[: image.shape[0], : image.shape[1]] = image
    return canvas


def difference_image(expected: np.ndarray, got: np.ndarray) -> tuple[np.ndarray, float, float]:
    """White where the two agree, red where they differ (the darker, the more); with their RMS
    and the share of pixels that differ, both over the larger of the two sizes."""
    shape = (max(expected.shape[0], got.shape[0]), max(expected.shape[1], got.shape[1]))
    a, b = _padded(expected, shape), _padded(got, shape)
    delta = np.abs(a.astype(np.int16) - b.astype(np.int16)).max(axis=2)
    changed = delta > 0
    fade = np.where(changed, np.clip(255 - 64 - 3 * delta, 0, 191), 255).astype(np.uint8)
    image = np.stack([np.where(changed, 220, 255).astype(np.uint8), fade, fade], axis=2)
    return image, rms(a, b), float(changed.mean())


def _stem(figure: str) -> str:
    return str(Path(figure).relative_to("figures")).replace(os.sep, "__")


def picture(row: Row, reference_dir: str | os.PathLike[str], dpi: float, out_dir: Path) -> Picture:
    """Write the figure's reference, new and difference PNGs into ``out_dir``."""
    stem = _stem(row.compared)
    thumbnail = thumbnail_path(reference_dir, row.compared)
    expected = load_png(thumbnail) if thumbnail.is_file() else None
    try:
        got = raster(row.compared, dpi) if Path(row.compared).is_file() else None
    except ValueError:  # a format that cannot be rasterised (svg): its bytes were compared
        got = None
    names = {}
    for kind, image in (("reference", expected), ("new", got)):
        if image is not None:
            names[kind] = f"{stem}-{kind}.png"
            save_png(image, out_dir / names[kind])
    shown = [image for image in (expected, got) if image is not None]
    size = (max(i.shape[1] for i in shown), max(i.shape[0] for i in shown)) if shown else None
    if expected is None or got is None:
        return Picture(row, names.get("reference", ""), names.get("new", ""), "", None, None, size)
    diff, distance, changed = difference_image(expected, got)
    names["difference"] = f"{stem}-difference.png"
    save_png(diff, out_dir / names["difference"])
    return Picture(row, names["reference"], names["new"], names["difference"], distance, changed, size)


_STYLE = """
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin-bottom: 2em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
figure { display: inline-block; margin: 0 1em 1em 0; }
figure img { image-rendering: pixelated; border: 1px solid #ccc; }
section.figure { margin-bottom: 2em; }
"""


def _img(name: str, caption: str, size: tuple[int, int] | None) -> str:
    if not name:
        return f"<figure><figcaption>{caption}: none</figcaption></figure>"
    width = f' width="{size[0] * SCALE}"' if size else ""
    image = f'<img src="{html.escape(name)}" alt="{caption}"{width}>'
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"


def _figure_section(pic: Picture) -> str:
    row = pic.row
    head = f"<h3>{html.escape(row.compared)}</h3>"
    facts = f"<p>{html.escape(row.verdict)}: expected {html.escape(row.expected)}, got {html.escape(row.got)}"
    facts += (
        f" ({html.escape(row.tolerance)}). {html.escape(pic.measures())}</p>" if row.tolerance else "</p>"
    )
    images = "".join(
        _img(name, caption, pic.size)
        for name, caption in ((pic.reference, "reference"), (pic.new, "new"), (pic.difference, "difference"))
    )
    return f'<section class="figure">{head}{facts}{images}</section>'


def _number_table(rows: Sequence[Row]) -> str:
    cells = ("source", "number", "expected", "new", "tolerance", "verdict", "why this tolerance")
    head = "".join(f"<th>{c}</th>" for c in cells)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(v)}</td>"
            for v in (r.source, r.compared, r.expected, r.got, r.tolerance, r.verdict, r.why)
        )
        + "</tr>"
        for r in rows
    )
    return f'<table id="numbers"><tr>{head}</tr>{body}</table>'


def write(
    path: str | os.PathLike[str],
    rows: Sequence[Row],
    reference_dir: str | os.PathLike[str],
    dpi: float,
    verdict: str,
) -> Path:
    """The page at ``path`` and its pictures beside it (earlier pictures there are removed)."""
    page = Path(path)
    out_dir = page.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.png"):
        old.unlink()
    moved = [r for r in rows if r.verdict != OK]
    figures = [picture(r, reference_dir, dpi, out_dir) for r in moved if r.compared.startswith("figures/")]
    numbers = [r for r in moved if not r.compared.startswith("figures/")]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>figrepro: reproduction check</title>',
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Reproduction check</h1>",
        f'<p id="verdict">{html.escape(verdict)}</p>',
    ]
    if not moved:
        parts.append("<p>Nothing moved.</p>")
    if numbers:
        parts += [f"<h2>Numbers that moved ({len(numbers)})</h2>", _number_table(numbers)]
    if figures:
        parts.append(f"<h2>Figures that moved ({len(figures)})</h2>")
        parts += [_figure_section(pic) for pic in figures]
    parts.append("</body></html>")
    with atomic_path(page) as tmp:
        tmp.write_text("\n".join(parts) + "\n")
    return page
