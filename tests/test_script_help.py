"""The scripts' ``--help`` and ``--figure`` names: each script says what it does and which figures it
draws, those names are the records' own, and a name it does not draw is refused before any work."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from script_runner import ROOT, load

from figrepro.cli import NamedPath
from figrepro.records import RECORDS

SCRIPTS = sorted(str(path.relative_to(ROOT / "scripts")) for path in ROOT.glob("scripts/**/*.py"))

#: the scripts drawing the sources that are no one job (workflow/rules/*.smk: their plot rules)
PLOT_SCRIPTS = {
    "udl/17_1": "udl/plot_udl_17_1.py",
    "udl/17_2": "udl/plot_udl_17_2.py",
    "udl/17_3": "udl/plot_udl_17_3.py",
    "udl/18_2": "udl/plot_udl_18_sampling.py",
    "udl/18_3": "udl/plot_udl_18_sampling.py",
    "udl/18_4": "udl/plot_udl_18_sampling.py",
    "vae": "vae/plot_vae.py",
    "lecture4": "lecture4/plot_lecture4.py",
    "localization": "localization/plot_localization.py",
}


def records_figures() -> dict[str, set[str]]:
    """Each drawing script (under scripts/) and the names of the figures the records have it draw."""
    drawn: dict[str, set[str]] = {}
    for source, record in RECORDS.items():
        if record.figures:
            script = record.job.script if record.job else PLOT_SCRIPTS[source]
            drawn.setdefault(script, set()).update(fig.name for fig in record.figures)
    return drawn


DRAWING_SCRIPTS = sorted(records_figures())


@cache
def command(script: str) -> click.Command:
    """The script's click command (each script loaded once)."""
    return load(Path(script).stem).main


def declared(script: str) -> tuple[str, ...] | None:
    """The names ``--figure`` takes, as the script declares them; None for a script drawing nothing."""
    for param in command(script).params:
        if param.name == "figures":
            assert isinstance(param.type, NamedPath) and param.type.names is not None
            return param.type.names
    return None


def flat(text: str) -> str:
    """``text`` without its white space (click rewraps the help, and breaks lines at hyphens)."""
    return "".join(text.split())


def test_the_plot_scripts_are_the_workflows() -> None:
    rules = "".join(path.read_text() for path in ROOT.glob("workflow/rules/*.smk"))
    assert [s for s in sorted(set(PLOT_SCRIPTS.values())) if f'script("{s}")' not in rules] == []


def test_each_script_declares_exactly_the_figures_the_records_give_it() -> None:
    names = {script: declared(script) for script in SCRIPTS}
    assert {s: len(n) for s, n in names.items() if n is not None and len(set(n)) != len(n)} == {}
    assert {s: set(n) for s, n in names.items() if n is not None} == records_figures()


@pytest.mark.parametrize("script", SCRIPTS)
def test_help_says_what_the_script_does_and_draws(script: str) -> None:
    doc = ast.get_docstring(ast.parse((ROOT / "scripts" / script).read_text()))
    assert doc, f"{script} has no module docstring"
    res = CliRunner().invoke(command(script), ["--help"])
    assert res.exit_code == 0, res.output
    shown = flat(res.output)
    assert flat(doc.splitlines()[0]) in shown
    names = declared(script)
    if names is not None:
        assert flat(f"NAME: {', '.join(names)}") in shown


@pytest.mark.parametrize("script", DRAWING_SCRIPTS)
def test_a_name_the_script_does_not_draw_is_one_usage_error_before_any_work(
    script: str, tmp_path: Path
) -> None:
    names = declared(script)
    assert names
    args = ["--figure", f"{names[0]}={tmp_path / 'a.pdf'}", "--figure", f"nope={tmp_path / 'b.pdf'}"]
    res = CliRunner().invoke(command(script), args)
    assert res.exit_code == 2, res.output
    assert [line for line in res.output.splitlines() if "Error" in line] == [
        f"Error: Invalid value for '--figure': 'nope' is not one of {', '.join(names)}"
    ]
    assert list(tmp_path.iterdir()) == []
