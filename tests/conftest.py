from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from workflow_runner import copy_workflow, snakemake

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def udl() -> dict:
    """The shipped config's ``udl`` section: the notebooks' own constants."""
    return yaml.safe_load((ROOT / "config.yaml").read_text())["udl"]


@pytest.fixture(scope="session")
def smoke_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the workflow built once with the smoke config, shared by every test that reads a
    build. Tests may dry-run it and edit files for a block; a test that runs jobs uses a clone."""
    work = copy_workflow(tmp_path_factory.mktemp("smoke_build"))
    res = snakemake(work, "figures/all", cores=4)  # rebuilt with --cores 1 in test_reproduction_check
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return work
