from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def udl() -> dict:
    """The shipped config's ``udl`` section: the notebooks' own constants."""
    return yaml.safe_load((ROOT / "config.yaml").read_text())["udl"]
