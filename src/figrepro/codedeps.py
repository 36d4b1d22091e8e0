"""Which library files a script runs: the ``figrepro`` modules it imports, transitively.

Snakemake's code trigger does not look inside a script, so every rule lists its script
and these files as inputs; editing one reruns exactly the jobs that execute it.

What each file imports can be kept between runs (:func:`remember`, :func:`keep`): a workflow's
parse then stats its files and parses only those whose size or modification time moved, a quarter
of a second of every dry run.
"""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from figrepro.io import atomic_path

PACKAGE = "figrepro"

#: file -> (modification time in ns, size, the figrepro modules it imports), as last parsed
_known: dict[str, tuple[int, int, list[str]]] = {}
_store: Path | None = None


def remember(store: str | os.PathLike[str]) -> None:
    """Take what :func:`keep` wrote to ``store`` last time (nothing, if it is missing or unreadable)."""
    global _store
    _store = Path(store)
    try:
        kept = json.loads(_store.read_text())
    except (OSError, ValueError):
        return
    if isinstance(kept, dict):
        _known.update({name: tuple(entry) for name, entry in kept.items()})  # type: ignore[misc]


def keep() -> None:
    """Write what is known to the store :func:`remember` named, if it moved (best effort: a store
    that cannot be written only costs the next run its parse)."""
    if _store is None:
        return
    text = json.dumps(_known, sort_keys=True)
    try:
        if _store.is_file() and _store.read_text() == text:
            return
        with atomic_path(_store) as tmp:
            tmp.write_text(text)
    except OSError:
        pass


def _import_statements(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of a block and of every block inside it (functions, classes, ``if``,
    ``try``, ...): only statements, not the expressions that make most of a tree, are visited."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
            continue
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, field, None)
            if inner:
                yield from _import_statements(inner)


@cache
def _imported_modules(path: Path) -> frozenset[str]:
    stat = path.stat()
    entry = _known.get(str(path))
    if entry is not None and entry[:2] == (stat.st_mtime_ns, stat.st_size):
        return frozenset(entry[2])
    modules = _parsed_imports(path)
    _known[str(path)] = (stat.st_mtime_ns, stat.st_size, sorted(modules))
    return modules


def _parsed_imports(path: Path) -> frozenset[str]:
    text = path.read_text()
    if PACKAGE not in text:
        return frozenset()
    found: set[str] = set()
    for node in _import_statements(ast.parse(text, filename=str(path)).body):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif node.module and node.level == 0:
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
