"""Compare a build (``results/metrics.json``, ``figures/all``) with the committed reference.

Every number and every figure gives one :class:`Row`; a number or figure that is in only one of
the two is reported by name (MISSING: in the reference, not in the build; NEW: the other way).
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from figrepro import manifest
from figrepro.io import atomic_path, sha256
from figrepro.reproduction.fingerprint import load_png, raster, rms
from figrepro.reproduction.reference import thumbnail_path
from figrepro.reproduction.tolerances import TRAINED_SOURCES, Tolerance

OK, DRIFT, MISSING, NEW = "ok", "DRIFT", "MISSING", "NEW"
COLUMNS = ("source", "compared", "expected", "got", "tolerance", "verdict")
ONLY_REFERENCE = "in the reference, not in the build"
ONLY_BUILD = "in the build, not in the reference"
NOT_ON_DISK = "listed in the manifest, but the file is not on disk"
SAME_PLACE = "made with the reference's packages and CPU: the same bytes"
ELSEWHERE = "made with other packages or another CPU than the reference: thumbnails compared"


@dataclass(frozen=True)
class Row:
    source: str
    compared: str
    expected: str
    got: str
    tolerance: str
    verdict: str
    why: str = ""  # why the tolerance is what it is (or why there is nothing to compare)

    def cells(self) -> tuple[str, ...]:
        return (self.source, self.compared, self.expected, self.got, self.tolerance, self.verdict)


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, list):
        return f"[{len(value)} values]"
    return str(value)


def _compare_number(source: str, key: str, entry: Mapping[str, Any], got: Any) -> Row:
    return replace(_compare_value(source, key, entry, got), why=entry["why"])


def _compare_value(source: str, key: str, entry: Mapping[str, Any], got: Any) -> Row:
    tol = Tolerance(entry["abs"], entry["rel"], entry["why"])
    expected = entry["value"]
    try:
        exp_arr, got_arr = np.asarray(expected, float), np.asarray(got, float)
    except (TypeError, ValueError):  # not numbers: must be equal
        verdict = OK if expected == got else DRIFT
        return Row(source, key, _show(expected), _show(got), "equal", verdict)
    if exp_arr.shape != got_arr.shape:
        return Row(source, key, f"shape {exp_arr.shape}", f"shape {got_arr.shape}", tol.describe(), DRIFT)
    exp_flat, got_flat = exp_arr.ravel(), got_arr.ravel()
    allowed = [tol.allows(float(e), float(g)) for e, g in zip(exp_flat, got_flat, strict=True)]
    if exp_arr.ndim == 0:
        return Row(
            source,
            key,
            _show(float(exp_flat[0])),
            _show(float(got_flat[0])),
            tol.describe(),
            OK if allowed[0] else DRIFT,
        )
    if not exp_flat.size:
        return Row(source, key, "[]", "[]", tol.describe(), OK)
    # for a list, show the element furthest outside its tolerance (all within: the nearest to it)
    excess = np.abs(got_flat - exp_flat) - (tol.abs + tol.rel * np.abs(exp_flat))
    nan_as = np.where(allowed, -np.inf, np.inf)  # NaN where both are NaN passes, else fails
    worst = int(np.argmax(np.where(np.isnan(excess), nan_as, excess)))
    shown = (f"[{worst}] {_show(float(v[worst]))}" for v in (exp_flat, got_flat))
    return Row(source, key, *shown, tol.describe(), OK if all(allowed) else DRIFT)


def compare_metrics(
    reference: Mapping[str, Mapping[str, Mapping[str, Any]]], metrics: Mapping[str, Mapping[str, Any]]
) -> list[Row]:
    """One row per number of the reference and per number the build has that the reference lacks."""
    rows = []
    for source in sorted(set(reference) | set(metrics)):
        expected, got = reference.get(source, {}), metrics.get(source, {})
        for key in sorted(set(expected) | set(got)):
            if key not in got:
                rows.append(Row(source, key, _show(expected[key]["value"]), "-", "", MISSING, ONLY_REFERENCE))
            elif key not in expected:
                rows.append(Row(source, key, "-", _show(got[key]), "", NEW, ONLY_BUILD))
            else:
                rows.append(_compare_number(source, key, expected[key], got[key]))
    return rows


def compare_figures(
    reference: Mapping[str, Any],
    reference_dir: str | os.PathLike[str],
    build: Iterable[manifest.Row],
    environment: Mapping[str, str],
) -> list[Row]:
    """Each figure's file as it is on disk (hashed here, not as the manifest last saw it): byte for
    byte where the environment matches the reference's, else by the RMS of rasters. A figure the
    manifest lists but the disk lacks is MISSING, named."""
    figures = reference["figures"]
    same_environment = dict(reference["made_with"]) == dict(environment)
    built = {row.figure: row for row in build}
    rows = []
    for path in [*figures, *(p for p in built if p not in figures)]:
        if path not in built:
            expected = figures[path]["sha256"][:12]
            rows.append(Row(figures[path]["source"], path, expected, "-", "", MISSING, ONLY_REFERENCE))
            continue
        row = built[path]
        if not Path(path).is_file():
            expected = figures[path]["sha256"][:12] if path in figures else "-"
            rows.append(Row(row.source, path, expected, "-", "", MISSING, NOT_ON_DISK))
            continue
        row = replace(row, sha256=sha256(path))
        if path not in figures:
            rows.append(Row(row.source, path, "-", row.sha256[:12], "", NEW, ONLY_BUILD))
            continue
        expected = figures[path]["sha256"]
        if same_environment or expected == row.sha256:
            verdict = OK if expected == row.sha256 else DRIFT
            rows.append(
                Row(row.source, path, expected[:12], row.sha256[:12], "same bytes", verdict, SAME_PLACE)
            )
            continue
        rows.append(_compare_raster(row, reference, reference_dir))
    return rows


def _compare_raster(
    row: manifest.Row, reference: Mapping[str, Any], reference_dir: str | os.PathLike[str]
) -> Row:
    trained = row.source in TRAINED_SOURCES
    limit = float(reference["rms_tolerance_trained" if trained else "rms_tolerance"])
    tol = f"rms <= {limit:g}"
    thumbnail = thumbnail_path(reference_dir, row.figure)
    if not thumbnail.is_file():
        return Row(row.source, row.figure, f"missing {thumbnail}", row.sha256[:12], tol, MISSING, ELSEWHERE)
    expected = load_png(thumbnail)
    try:
        got = raster(row.figure, float(reference["thumbnail_dpi"]))
    except ValueError as err:  # a format we cannot rasterise: bytes are all we have
        return Row(row.source, row.figure, "raster", str(err), tol, DRIFT, ELSEWHERE)
    if expected.shape != got.shape:
        size = f"{expected.shape[1]}x{expected.shape[0]} px"
        return Row(row.source, row.figure, size, f"{got.shape[1]}x{got.shape[0]} px", tol, DRIFT, ELSEWHERE)
    distance = rms(expected, got)
    verdict = OK if distance <= limit else DRIFT
    return Row(row.source, row.figure, "thumbnail", f"rms {distance:.3g}", tol, verdict, ELSEWHERE)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def summary(rows: list[Row]) -> list[Row]:
    """One row per source: what was compared and how it went."""
    by_source: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_source[row.source].append(row)
    out = []
    for source in sorted(by_source):
        items = by_source[source]
        n_figures = sum(r.compared.startswith("figures/") for r in items)
        what = f"{_count(len(items) - n_figures, 'number')}, {_count(n_figures, 'figure')}"
        counts = Counter(r.verdict for r in items if r.verdict != OK)
        verdict = ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) or OK
        out.append(Row(source, what, "", "", "", verdict))
    return out


def format_table(rows: list[Row]) -> str:
    """A fixed-width text table with a header."""
    cells = [COLUMNS, *(r.cells() for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)).rstrip() for cell in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def failed(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.verdict != OK]


def verdict_line(rows: list[Row]) -> str:
    n_figures = sum(r.compared.startswith("figures/") for r in rows)
    counts = Counter(r.verdict for r in rows)
    compared = f"{_count(len(rows) - n_figures, 'number')} and {_count(n_figures, 'figure')} compared"
    return (
        f"{compared}: {counts[OK]} ok, {counts[DRIFT]} drifted, {counts[MISSING]} missing, {counts[NEW]} new"
    )


def write_tsv(path: str | os.PathLike[str], rows: list[Row]) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text("\n".join("\t".join(c) for c in [COLUMNS, *(r.cells() for r in rows)]) + "\n")


def closing(rows_tsv: str | os.PathLike[str], summary: str | os.PathLike[str]) -> int:
    """Print the check's closing lines again and give its exit status (1 if anything moved): what
    the workflow's ``onsuccess`` hook ends ``snakemake check`` with."""
    lines = Path(rows_tsv).read_text().splitlines()[1:]
    print("\n" + Path(summary).read_text().rstrip(), flush=True)
    return int(any(line.rsplit("\t", 1)[-1] != OK for line in lines))
