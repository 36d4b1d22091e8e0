"""Shared pieces of the click scripts: the ``--params`` option, logging and clean failures."""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from figrepro.config import ConfigError, ConfigSection
from figrepro.io import BadInputFile, RefusedWrite

F = TypeVar("F", bound=Callable[..., Any])

#: errors a script reports as one line (a missing or malformed file, a config value that does not fit
#: the data, a diverging sampler, an output it may not write), not a traceback
EXPECTED_ERRORS = (FileNotFoundError, BadInputFile, ConfigError, FloatingPointError, KeyError, RefusedWrite)


SCHEMA = Path("workflow", "schemas", "config.schema.yaml")


def schema_path(script_file: str) -> Path:
    """The config schema of the repository the script lives in (scripts sit in ``scripts/<source>/``)."""
    for folder in Path(script_file).resolve().parents:
        if (folder / SCHEMA).is_file():
            return folder / SCHEMA
    raise FileNotFoundError(f"no {SCHEMA} above {script_file}")


def params_option(script_file: str, *section: str) -> Callable[[F], F]:
    """``--params JSON``: this script's config section, validated against the schema."""
    return click.option(
        "--params",
        type=ConfigSection(schema_path(script_file), *section),
        default="{}",
        show_default=True,
        help=f"config section {'.'.join(section)} as JSON; keys left out take config.yaml's values",
    )


def fail_cleanly(fn: F) -> F:
    """Turn the expected failures into a one-line click error (exit status 1)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except EXPECTED_ERRORS as exc:
            msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            raise click.ClickException(str(msg)) from None

    return wrapper  # type: ignore[return-value]


class Log:
    """Timestamped progress lines on stderr (the rule's log), flushed at once."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        elapsed = time.perf_counter() - self.start
        print(f"[{self.name} {elapsed:7.2f}s] {message}", file=sys.stderr, flush=True)


def parse_section(script_file: str, raw: str, *section: str) -> dict:
    """Validate ``raw`` JSON as config section ``section`` (for scripts serving several sections)."""
    return ConfigSection(schema_path(script_file), *section).convert(raw, None, None)


metrics_option = click.option(
    "--metrics", type=click.Path(dir_okay=False), required=True, help="numbers (.json)"
)


def result_options(fn: F) -> F:
    """``--out`` (the job's arrays, .npz) and ``--metrics`` (its numbers, .json)."""
    return click.option("--out", type=click.Path(dir_okay=False), required=True, help="arrays (.npz)")(
        metrics_option(fn)
    )


def named_paths(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """Click callback: ``NAME=PATH`` values as a dict, NAME an identifier and each NAME once."""
    named: dict[str, str] = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name.isidentifier() or not path:
            raise click.BadParameter(f"{value!r} is not NAME=PATH", ctx, param)
        if name in named:
            raise click.BadParameter(f"{name!r} given twice", ctx, param)
        named[name] = path
    return named


def figure_options(fn: F) -> F:
    """``--figure NAME=PATH`` (each figure the script draws, by the name it draws it under; the file
    type from the path's suffix) and ``--dpi``."""
    fn = click.option("--dpi", type=click.IntRange(30, 1200), default=150, show_default=True)(fn)
    return click.option(
        "--figure",
        "figures",
        multiple=True,
        required=True,
        metavar="NAME=PATH",
        callback=named_paths,
        help="a figure to draw and where to save it (.pdf, .png or .svg); once per figure",
    )(fn)


def input_options(fn: F) -> F:
    """``--input NAME=PATH``: the results a plot script reads, by name."""
    return click.option(
        "--input", "inputs", multiple=True, metavar="NAME=PATH", callback=named_paths, help="a result to read"
    )(fn)
