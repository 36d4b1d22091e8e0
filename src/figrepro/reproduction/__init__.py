"""The reproduction check: a build compared with the committed ``reference/``, number by number
(each with a tolerance that says why) and figure by figure (bytes, or rasters where the
environment differs)."""

from __future__ import annotations

from collections.abc import Iterable

#: the figure format reference/ is made from and compared with (the lecture's own PNGs aside)
FORMAT = "pdf"
#: the workflow's targets that read or write reference/
TARGETS = ("check", "reference")


def format_problem(targets: Iterable[str], fmt: str) -> str | None:
    """Why the check or the reference cannot run on a build whose figures are ``fmt``, or None
    (read by the workflow before any job, so kept here, light to import).

    The reference holds the PDF figures' hashes and thumbnails rasterised by pdfium; the same picture
    saved as a PNG by matplotlib's own rasteriser comes out a pixel off the thumbnail's size (202 of
    the 237) or a median RMS of 30 of 255 from it (the rest), fifteen times the tolerance that tells a
    changed picture: only a PDF build can be compared with it or write it."""
    asked = [target for target in TARGETS if target in targets]
    if not asked or fmt == FORMAT:
        return None
    what = " and ".join(f"snakemake {target}" for target in asked)
    return (
        f"{what}: reference/ holds {FORMAT.upper()} figures and figures.format is {fmt}; run it on a "
        f"{FORMAT} build (figures.format: {FORMAT}, the default)"
    )
