"""Which library files a script runs: the ``figrepro`` modules it imports, transitively.

Snakemake's code trigger does not look inside a script, so every rule lists its script
and these files as inputs; editing one reruns exactly the jobs that execute it.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = "figrepro"


@cache
def _imported_modules(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return frozenset(m for m in found if m == PACKAGE or m.startswith(PACKAGE + "."))


@cache
def _module_file(src: Path, module: str) -> Path | None:
    base = src.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None  # a name imported from a module, not a module itself


@cache
def library_files(script: str, src: str) -> tuple[str, ...]:
    """Sorted paths of the package files ``script`` imports (with their packages' ``__init__``)."""
    src_path = Path(src)
    seen: set[Path] = set()
    todo = [Path(script)]
    while todo:
        for module in _imported_modules(todo.pop()):
            parts = module.split(".")
            for depth in range(1, len(parts) + 1):  # importing a.b.c runs a and a.b first
                file = _module_file(src_path, ".".join(parts[:depth]))
                if file is not None and file not in seen:
                    seen.add(file)
                    todo.append(file)
    return tuple(sorted(str(p) for p in seen))


@cache
def module_files(module: str, src: str) -> tuple[str, ...]:
    """Sorted paths of what importing the library file ``module`` runs: it, the ``__init__`` of
    every package it sits in, and the package files it imports."""
    path, src_path = Path(module), Path(src)
    packages = [parent / "__init__.py" for parent in path.parents if src_path in parent.parents]
    found = {path, *(p for p in packages if p.is_file()), *map(Path, library_files(module, src))}
    return tuple(sorted(str(p) for p in found))
