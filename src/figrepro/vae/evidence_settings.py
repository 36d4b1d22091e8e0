"""The settings of the log p(x) integration (``figrepro.vae.log_evidence``), apart from it so that
the workflow can read their config keys without importing torch."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

#: the keys of config section ``vae.evaluate`` that set the integration
CONFIG_KEYS = ("coarse_limit", "coarse_spacing", "span", "spacing", "tail_fraction")


@dataclass(frozen=True)
class Settings:
    coarse_limit: float = 8.0  # the coarse grid spans [-limit, limit]^2 ...
    coarse_spacing: float = 0.2  # ... with this spacing
    span: float = 6.0  # a disc's radius, in standard deviations of its mode
    spacing: float = 1.0  # its lattice's spacing, in the same units
    tail_fraction: float = 1e-3  # most of its mass a disc's rim may hold before the disc grows
    widenings: int = 2  # times a disc may grow by half
    max_modes: int = 8  # modes per image at most (the highest)
    chunk_points: int = 2048  # points decoded at once: their logits (6 MB) stay in the cache

    @classmethod
    def from_config(cls, evaluate: Mapping[str, Any]) -> Settings:
        """The integration settings of config section ``vae.evaluate``."""
        return cls(**{key: evaluate[key] for key in CONFIG_KEYS})

    def halved(self) -> Settings:
        """Half the spacing of the lattices and of the coarse grid: the same integral, twice as fine."""
        return replace(self, spacing=self.spacing / 2, coarse_spacing=self.coarse_spacing / 2)
