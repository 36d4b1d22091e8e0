"""Run a click script of ``scripts/`` in-process with click's CliRunner."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[1]


def script_path(name: str) -> Path:
    """``scripts/<source>/<name>.py`` (or ``scripts/<name>.py``): script names are unique."""
    (path,) = ROOT.glob(f"scripts/**/{name}.py")
    return path


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, script_path(name))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run(name: str, *args: str) -> Result:
    return CliRunner().invoke(load(name).main, list(args))
