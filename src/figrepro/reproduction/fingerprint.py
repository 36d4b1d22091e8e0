"""What a figure's bytes depend on besides our code, and a small raster of it to compare by eye or by RMS.

Where the environment matches the reference's, a figure must come out byte for byte; where it
does not (other versions, or a CPU on which NumPy and torch take other vector code paths, whose
last bits differ), the check compares low-resolution rasters instead, as pytest-mpl does.
"""

from __future__ import annotations

import os
from importlib.metadata import version
from pathlib import Path

import numpy as np

#: the packages whose versions decide a figure's bytes
PACKAGES = ("numpy", "scipy", "matplotlib", "torch")


def _cpu_paths() -> str:
    """The vector instruction sets torch and NumPy dispatch to on this CPU."""
    try:
        import torch

        torch_isa = torch.backends.cpu.get_cpu_capability()
    except (ImportError, AttributeError):
        torch_isa = "unknown"
    try:
        from numpy._core import _multiarray_umath as umath

        supported = [t for t in umath.__cpu_dispatch__ if umath.__cpu_features__.get(t)]
        numpy_isa = supported[-1] if supported else "baseline"
    except (ImportError, AttributeError):
        numpy_isa = "unknown"
    return f"torch {torch_isa}, numpy {numpy_isa}"


def environment() -> dict[str, str]:
    """The versions of :data:`PACKAGES` and the CPU code paths, as recorded beside a reference."""
    return {**{name: version(name) for name in PACKAGES}, "cpu": _cpu_paths()}


def raster(path: str | os.PathLike[str], dpi: float) -> np.ndarray:
    """``path`` (PDF or PNG) as an RGB array at ``dpi``: pdfium renders a PDF's first page, a PNG is
    resampled from the resolution it was saved at."""
    from PIL import Image

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(p)
        try:
            image = pdf[0].render(scale=dpi / 72).to_pil()
        finally:
            pdf.close()
    elif suffix == ".png":
        with Image.open(p) as source:
            saved_dpi = float(source.info.get("dpi", (72.0, 72.0))[0])
            size = (
                max(1, round(source.width * dpi / saved_dpi)),
                max(1, round(source.height * dpi / saved_dpi)),
            )
            image = source.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    else:
        raise ValueError(f"cannot rasterise {p} (only PDF and PNG figures)")
    return np.asarray(image.convert("RGB"))


def save_png(array: np.ndarray, path: str | os.PathLike[str]) -> None:
    """Write a raster as an optimised PNG (no metadata, so the bytes depend on the pixels alone)."""
    from PIL import Image

    from figrepro.io import atomic_path

    with atomic_path(path) as tmp:
        Image.fromarray(array).save(tmp, format="png", optimize=True)


def load_png(path: str | os.PathLike[str]) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def rms(expected: np.ndarray, got: np.ndarray) -> float:
    """Root mean square difference of two rasters in 0-255 units, as pytest-mpl measures it.

    The rasters are 8-bit; like matplotlib's ``compare_images`` they are widened before
    ``calculate_rms`` subtracts them, which would otherwise wrap a pixel one unit darker round to 255.
    """
    from matplotlib.testing.compare import calculate_rms

    return float(calculate_rms(expected.astype(np.int16), got.astype(np.int16)))
