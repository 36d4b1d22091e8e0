"""Shared pieces of the click scripts: the ``--params`` option, logging and clean failures."""

from __future__ import annotations

import copy
import functools
import gc
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from figrepro.config import (
    CONFIG_FILE,
    VALIDATED_BY_WORKFLOW,
    ConfigError,
    key_path,
    load_schema,
    merged,
    read_yaml,
    section_schema,
    validate,
)
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


class ConfigSection(click.ParamType):
    """A click option holding one config section as JSON, validated by the schema; the keys it leaves
    out take their values from ``config.yaml``. In a job of the workflow (:data:`VALIDATED_BY_WORKFLOW`
    set), the section is the validated config's own and is read as it is."""

    name = "json"

    def __init__(self, schema_path: str | Path, *path: str) -> None:
        self.schema_path = Path(schema_path)
        self.path = path

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dict):
            data = copy.deepcopy(value)
        else:
            try:
                data = json.loads(value)
            except json.JSONDecodeError as exc:
                self.fail(f"not valid JSON ({exc})", param, ctx)
        if os.environ.get(VALIDATED_BY_WORKFLOW) == "1":
            return data
        shipped: Any = read_yaml(self.schema_path.parents[2] / CONFIG_FILE)
        for key in self.path:
            shipped = shipped.get(key, {}) if isinstance(shipped, Mapping) else {}
        if isinstance(data, Mapping) and isinstance(shipped, Mapping):
            data = merged(shipped, data)
        sub = section_schema(load_schema(self.schema_path), self.path)
        try:
            validate(data, sub)
        except ConfigError as exc:
            prefix = key_path(list(self.path))
            lines = [
                f"{prefix}.{line}" if not line.startswith("(") else f"{prefix}: {line}"
                for line in str(exc).splitlines()
            ]
            self.fail("\n".join(lines), param, ctx)
        return data


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
    """Turn the expected failures into a one-line click error (exit status 1).

    Run as its process's command (``python scripts/...``, not in-process from a test), the command
    first freezes what the imports made (numpy's, matplotlib's and torch's modules and tables): it
    lives as long as the process, and frozen, the cyclic garbage collector no longer walks it in each
    collection the work triggers nor at exit (the cheap notebooks' jobs: about a twentieth of their
    wall time; nothing they write changes)."""
    as_process = fn.__module__ == "__main__"

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if as_process:
            gc.freeze()
        try:
            return fn(*args, **kwargs)
        except EXPECTED_ERRORS as exc:
            msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            raise click.ClickException(str(msg)) from None

    return wrapper  # type: ignore[return-value]


#: how often at most a long job's progress shows on the build's console, in seconds
CONSOLE_EVERY = 5.0


class Log:
    """Timestamped lines on stderr (the rule's log), flushed at once.

    A long job's rule also hands its script the build's console, as a file descriptor opened before
    the log takes stderr (``3>&2 > {log} 2>&1``, and ``--console-fd 3``): :meth:`progress` lines then
    show there too, one every :data:`CONSOLE_EVERY` seconds at most, and :meth:`console` lines always.
    """

    def __init__(self, name: str, console_fd: int | None = None) -> None:
        self.name = name
        self.start = time.perf_counter()
        self.shown = float("-inf")  # when a progress line last reached the console
        self.console_file = _open_fd(console_fd)

    def _line(self, message: str) -> str:
        return f"[{self.name} {time.perf_counter() - self.start:7.2f}s] {message}"

    def __call__(self, message: str) -> None:
        print(self._line(message), file=sys.stderr, flush=True)

    def console(self, message: str) -> None:
        """A line for the log and, where there is one, the console."""
        line = self._line(message)
        print(line, file=sys.stderr, flush=True)
        if self.console_file is not None:
            print(line, file=self.console_file, flush=True)
            self.shown = time.perf_counter()

    def progress(self, message: str) -> None:
        """A line for the log, and for the console unless one reached it in the last few seconds."""
        if self.console_file is not None and time.perf_counter() - self.shown >= CONSOLE_EVERY:
            self.console(message)
        else:
            self(message)


def _open_fd(fd: int | None) -> TextIO | None:
    """A text stream on descriptor ``fd``, left open when the stream goes; None if it is not open."""
    if fd is None:
        return None
    try:
        os.fstat(fd)
    except OSError:
        return None
    return open(fd, "w", closefd=False)


console_option = click.option(
    "--console-fd",
    type=click.IntRange(0),
    help="file descriptor of the build's console, for progress lines (the workflow opens 3)",
)


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


class NamedPath(click.ParamType):
    """``NAME=PATH`` as ``(NAME, PATH)``, NAME an identifier and, where ``names`` are listed (the
    figures a script draws), one of them."""

    name = "NAME=PATH"

    def __init__(self, names: Iterable[str] | None = None) -> None:
        self.names = None if names is None else tuple(names)

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, str]:
        if isinstance(value, tuple):
            return value
        name, sep, path = value.partition("=")
        if not sep or not name.isidentifier() or not path:
            self.fail(f"{value!r} is not NAME=PATH", param, ctx)
        if self.names is not None and name not in self.names:
            self.fail(f"{name!r} is not one of {', '.join(self.names)}", param, ctx)
        return name, path


def named_paths(
    ctx: click.Context, param: click.Parameter, values: tuple[tuple[str, str], ...]
) -> dict[str, str]:
    """Click callback: the :class:`NamedPath` values as a dict, each NAME once."""
    named: dict[str, str] = {}
    for name, path in values:
        if name in named:
            raise click.BadParameter(f"{name!r} given twice", ctx, param)
        named[name] = path
    return named


def figure_options(names: Iterable[str]) -> Callable[[F], F]:
    """``--figure NAME=PATH`` (each figure the script draws, by the name it draws it under, one of
    ``names``; the file type from the path's suffix) and ``--dpi``. A name not in ``names`` is
    refused as the command line is read, before any work."""
    names = tuple(names)

    def decorate(fn: F) -> F:
        fn = click.option("--dpi", type=click.IntRange(30, 1200), default=150, show_default=True)(fn)
        return click.option(
            "--figure",
            "figures",
            type=NamedPath(names),
            multiple=True,
            required=True,
            metavar="NAME=PATH",
            callback=named_paths,
            help="a figure to draw and where to save it (.pdf, .png or .svg); once per figure."
            f" NAME: {', '.join(names)}",
        )(fn)

    return decorate


def input_options(fn: F) -> F:
    """``--input NAME=PATH``: the results a plot script reads, by name."""
    return click.option(
        "--input",
        "inputs",
        type=NamedPath(),
        multiple=True,
        metavar="NAME=PATH",
        callback=named_paths,
        help="a result to read",
    )(fn)
