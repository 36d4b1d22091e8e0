"""The committed reference a build is checked against: ``reference/`` holds

- ``metrics.json``: every number of ``results/metrics.json`` with its tolerance and why;
- ``figures.json``: the environment the figures were made in (:func:`fingerprint.environment`),
  the raster resolution and RMS tolerances, and every figure's sha256 and thumbnail;
- ``thumbnails/<figure path>.png``: each figure rasterised at low resolution.

It is written by ``snakemake --cores 4 reference`` from a build, never by hand. After a change to
the tolerances alone, ``snakemake --cores 4 reference_tolerances`` rewrites them and keeps every
value, hash and thumbnail, so the reference stays that of the machine that made it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from figrepro import manifest
from figrepro.io import load_json, save_json
from figrepro.reproduction.fingerprint import environment, raster, save_png
from figrepro.reproduction.tolerances import tolerance

METRICS = "metrics.json"
FIGURES = "figures.json"
THUMBNAILS = "thumbnails"


def thumbnail_path(reference: str | os.PathLike[str], figure: str) -> Path:
    """Where ``figures/<...>/<name>.<ext>``'s thumbnail lives: ``thumbnails/<...>/<name>.<ext>.png``."""
    return Path(reference) / THUMBNAILS / f"{Path(figure).relative_to('figures')}.png"


def metric_entries(metrics: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Each number with its tolerance: ``{source: {key: {"value", "abs", "rel", "why"}}}``."""
    return {
        source: {
            key: {"value": value, **tolerance(source, key, numbers).as_dict()}
            for key, value in numbers.items()
        }
        for source, numbers in metrics.items()
    }


def rms_tolerances(rms_tolerance: float, rms_tolerance_trained: float) -> dict[str, float]:
    """The RMS tolerances as ``figures.json`` records them (trained models' figures have their own)."""
    return {"rms_tolerance": rms_tolerance, "rms_tolerance_trained": rms_tolerance_trained}


def write(
    reference: str | os.PathLike[str],
    metrics_path: str | os.PathLike[str],
    manifest_path: str | os.PathLike[str],
    dpi: float,
    rms: dict[str, float],
) -> int:
    """Rewrite ``reference`` from a build; returns the number of figures. ``rms``: :func:`rms_tolerances`."""
    out = Path(reference)
    rows = manifest.read(manifest_path)
    thumbnails = out / THUMBNAILS
    if thumbnails.exists():
        shutil.rmtree(thumbnails)  # a figure that is gone leaves no thumbnail behind
    for row in rows:
        save_png(raster(row.figure, dpi), thumbnail_path(out, row.figure))
    save_json(out / METRICS, metric_entries(load_json(metrics_path)))
    save_json(
        out / FIGURES,
        {
            "made_with": environment(),
            "thumbnail_dpi": dpi,
            **rms,
            "figures": {row.figure: {"source": row.source, "sha256": row.sha256} for row in rows},
        },
    )
    return len(rows)


def rewrite_tolerances(reference: str | os.PathLike[str], rms: dict[str, float]) -> int:
    """Derive every tolerance of ``reference`` again (numbers by :func:`tolerances.tolerance`, figures
    from ``rms``), keeping its values, hashes, thumbnails and environment; returns the number of numbers."""
    out = Path(reference)
    entries = load_json(out / METRICS)
    values = {source: {key: e["value"] for key, e in keys.items()} for source, keys in entries.items()}
    save_json(out / METRICS, metric_entries(values))
    save_json(out / FIGURES, {**load_json(out / FIGURES), **rms})
    return sum(len(keys) for keys in values.values())
