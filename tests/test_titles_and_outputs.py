"""Titles state the config values in force; the manifest job leaves in figures/ only what it lists;
long jobs' progress reaches the console every few seconds at most; a folder that cannot be written
is found before any job runs."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from figrepro import cli, manifest
from figrepro.records import _BOOK_FIGURE, RECORDS, all_figures, config_keys, figure_title
from figrepro.workflow_outputs import unwritable

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = yaml.safe_load((ROOT / "config.yaml").read_text())


def _lookup(config: dict, path: tuple) -> Any:
    node = config
    for key in path:
        node = node[key]
    return node


def test_titles_state_the_values_of_the_config_in_force() -> None:
    """The issue's example: 17.1's likelihood and posterior titled with the values given."""
    config = yaml.safe_load((ROOT / "config.yaml").read_text())
    config["udl"]["17_1"].update(likelihood_z=1.0, posterior_x=[0.5, 0.5])
    titles = {fig.name: figure_title(fig, config) for fig in RECORDS["udl/17_1"].figures}
    assert titles["likelihood"] == "Fig. 17.3b: likelihood Pr(x1,x2|z=1)"
    assert titles["posterior"] == "Posterior Pr(z|x1=0.5,x2=0.5)"
    config["udl"]["21_1"]["thresholds"] = "prefilled"
    (parity,) = (fig for fig in RECORDS["udl/21_1"].figures if fig.name == "roc_parity")
    assert (
        figure_title(parity, config) == "Fig. 21.2: demographic parity, P(loan) = 0.6, thresholds prefilled"
    )


def test_no_title_names_a_config_key_and_every_title_renders() -> None:
    for fig in all_figures():
        title = figure_title(fig, SHIPPED)
        assert "{" not in title and "}" not in title, fig
        assert not re.search(r"\w+\.\"|udl\.|vae\.|lecture4\.|localization\.", title), (fig, title)
        assert "x~" not in title, title  # x-tilde, not "distributed as"


def _leaves(node: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(node, list):
        return [leaf for i, value in enumerate(node) for leaf in _leaves(value, (*path, i))]
    return [(path, node)]


def _with(config: dict, path: tuple, value: Any) -> dict:
    """``config`` with the value at ``path`` (from its top) changed."""
    changed = yaml.safe_load(yaml.safe_dump(config))
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return changed


def test_a_number_a_title_states_follows_its_config_value() -> None:
    """A number in a title that is one of its section's values (a decimal, a negative or 10 and up:
    small counts coincide; not a number of the figure's name, its place in a series) changes with
    one of the values it equals: the title states the value in force, it does not keep the default."""
    for fig in all_figures():
        title = figure_title(fig, SHIPPED)
        stated = {float(n) for n in re.findall(r"(?<![\w./+])-?\d+(?:\.\d+)?", _BOOK_FIGURE.sub("", title))}
        leaves = [  # the values of the config keys that shape it (as its caption lists them)
            (path, value)
            for key in config_keys(fig)
            for path, value in _leaves(_lookup(SHIPPED, key), key)
            if isinstance(value, int | float) and not isinstance(value, bool)
        ]
        own = {float(n) for n in re.findall(r"\d+", fig.name)}
        for number in (n for n in stated - own if n < 0 or n >= 10 or n != int(n)):
            equal = [path for path, value in leaves if float(value) == number]
            if equal:
                moved = [p for p in equal if figure_title(fig, _with(SHIPPED, p, number * 3 + 7)) != title]
                assert moved, (fig.source, fig.name, number, title)


def _figure_files(root: Path, fmt: str) -> list[manifest.Row]:
    for fig in all_figures():
        path = root / fig.path(fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(fig.name.encode())
    return manifest.rows(all_figures(), fmt, SHIPPED)


def test_the_manifest_leaves_in_figures_only_what_it_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a change of figures.format, the other format's files go; other files stay."""
    monkeypatch.chdir(tmp_path)
    _figure_files(tmp_path, "pdf")
    rows = _figure_files(tmp_path, "png")
    (tmp_path / "figures/udl/17_1/.06_gone.pdf.x1y2.part").write_bytes(b"cut short")
    (tmp_path / "figures/notes.txt").write_text("mine")
    removed = manifest.remove_unlisted("figures", rows)
    lecture = {fig.path("pdf") for fig in all_figures() if fig.ext}  # its own names and types: listed
    stale = {fig.path("pdf") for fig in all_figures()} - lecture
    assert set(removed) == stale | {"figures/udl/17_1/.06_gone.pdf.x1y2.part"}
    on_disk = {str(p) for p in Path("figures").rglob("*") if p.is_file()}
    assert on_disk == {row.figure for row in rows} | {"figures/notes.txt"}
    (row,) = [r for r in rows if r.figure == "figures/udl/17_1/02_likelihood.png"]
    assert row.title == "Fig. 17.3b: likelihood Pr(x1,x2|z=1.8)"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_reaches_the_console_every_few_seconds_at_most(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    monkeypatch.setattr(cli.time, "perf_counter", clock)
    read, write = os.pipe()
    try:
        log = cli.Log("job", write)
        log.console("start")
        for second in range(1, 13):
            clock.now = 100.0 + second
            log.progress(f"step {second}")
        log.console("done")
        os.close(write)
        write = -1
        with os.fdopen(read, closefd=True) as console:
            read = -1
            shown = console.read().splitlines()
    finally:
        for fd in (read, write):
            if fd >= 0:
                os.close(fd)
    assert [line.split("] ")[1] for line in shown] == ["start", "step 5", "step 10", "done"]
    assert shown[1] == "[job    5.00s] step 5"
    logged = capsys.readouterr().err.splitlines()
    assert [line.split("] ")[1] for line in logged] == ["start", *(f"step {s}" for s in range(1, 13)), "done"]


def test_a_console_that_is_not_open_is_no_console(capsys: pytest.CaptureFixture[str]) -> None:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.close(fd)  # a descriptor number nothing holds
    log = cli.Log("job", fd)
    log.progress("step")
    log.console("done")
    assert log.console_file is None and len(capsys.readouterr().err.splitlines()) == 2


def test_a_folder_that_cannot_be_written_is_found_where_the_output_would_be_made(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere permissions allow nothing: tests/test_seams.py uses chattr +i")
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "free").mkdir()
    locked.chmod(0o555)
    try:
        assert unwritable([str(tmp_path / "free/a.pdf")]) is None
        problem = unwritable([str(tmp_path / "free/a.pdf"), str(locked / "deeper/b.pdf")])
        assert problem == (
            f"{locked}/: cannot be written, so {locked}/deeper/b.pdf cannot be made: "
            "the folder is not writable (its permissions)"
        )
    finally:
        locked.chmod(0o755)
