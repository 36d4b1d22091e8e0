"""Code inputs found from imports (figrepro.codedeps): every import statement is found, wherever it
sits, and what is kept between runs is used only for a file whose size and time have not moved."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from figrepro import codedeps


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    src = tmp_path / "src" / "figrepro"
    src.mkdir(parents=True)
    for name in ("__init__", "a", "b", "c", "d"):
        (src / f"{name}.py").write_text("")
    (src / "a.py").write_text(
        '"""from figrepro import d  (a docstring is no import)"""\n'
        "import figrepro.b\n"
        "def f():\n"
        "    if True:\n"
        "        try:\n"
        "            from figrepro import c\n"
        "        finally:\n"
        "            pass\n"
    )
    script = tmp_path / "script.py"
    script.write_text("from figrepro.a import f\n")
    return tmp_path


def files(tree: Path) -> list[str]:
    found = codedeps.library_files(str(tree / "script.py"), str(tree / "src"))
    return sorted(Path(f).name for f in found)


def fresh_caches() -> None:
    for fn in (codedeps._imported_modules, codedeps.library_files, codedeps._module_file):
        fn.cache_clear()


def test_imports_inside_functions_and_blocks_count_and_docstrings_do_not(tree: Path) -> None:
    fresh_caches()
    assert files(tree) == ["__init__.py", "a.py", "b.py", "c.py"]


def test_kept_imports_serve_unchanged_files_and_an_edit_is_parsed_again(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codedeps, "_store", None)
    monkeypatch.setattr(codedeps, "_known", {})
    store = tree / ".snakemake" / "figrepro" / "imports.json"
    codedeps.remember(store)
    fresh_caches()
    files(tree)
    codedeps.keep()
    kept = json.loads(store.read_text())
    a = str(tree / "src" / "figrepro" / "a.py")
    assert sorted(kept[a][2]) == ["figrepro", "figrepro.b", "figrepro.c"]

    # a kept entry whose size and time match is taken as it is (here: told a.py imports d)
    kept[a][2] = ["figrepro.d"]
    store.write_text(json.dumps(kept))
    monkeypatch.setattr(codedeps, "_known", {})
    codedeps.remember(store)
    fresh_caches()
    assert files(tree) == ["__init__.py", "a.py", "d.py"]

    # an edit moves the time (and here the size): parsed again
    path = Path(a)
    path.write_text(path.read_text() + "import figrepro.d\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1))
    fresh_caches()
    assert files(tree) == ["__init__.py", "a.py", "b.py", "c.py", "d.py"]


def test_an_unreadable_or_unwritable_store_only_costs_a_parse(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codedeps, "_store", None)
    monkeypatch.setattr(codedeps, "_known", {})
    store = tree / "imports.json"
    store.write_text("{ torn")
    codedeps.remember(store)
    fresh_caches()
    assert files(tree) == ["__init__.py", "a.py", "b.py", "c.py"]
    store.unlink()
    store.mkdir()  # a folder where the file should be: keep() cannot write it, and says nothing
    codedeps.keep()
