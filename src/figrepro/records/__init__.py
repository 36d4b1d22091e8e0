"""One record per source or notebook (:class:`Record`), and what the pipeline derives from them.

The records are the only place that says which notebooks exist, what they draw (each figure's name,
title and place), what they print, how the check treats their numbers and which jobs run them.
The workflow (rules, ``--figure NAME=PATH``), the captions, the manifest, the reproduction
check's tolerances, the printed-number tests and the budget script read them. No computing or
drawing job imports them, so editing a title rewrites the manifest and captions and redraws nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from figrepro.config import ConfigError, at_key, load_schema, validate
from figrepro.io import atomic_path
from figrepro.records import lecture4, localization, udl, vae
from figrepro.records.model import Figure, Key, Notebook, Record
from figrepro.vae.figures import draw_inputs

__all__ = ["RECORDS", "Figure", "Key", "Notebook", "Record"]

#: every source and notebook, by source ("udl/<id>", "vae", ...), in the report's order
RECORDS: dict[str, Record] = {
    record.source: record for record in (*udl.RECORDS, vae.VAE, lecture4.LECTURE4, localization.LOCALIZATION)
}


def all_figures() -> list[Figure]:
    """Every figure, in the manifest's order."""
    return [fig for record in RECORDS.values() for fig in record.figures]


def one_job_notebooks() -> list[Record]:
    """The notebooks computed and drawn by one job each (chapters 1-9, 16, 18.1, 21, the blog)."""
    return [record for record in RECORDS.values() if record.job is not None]


def record_of_rule(rule: str) -> Record:
    """The record whose jobs include rule ``rule`` (a rule file finds its notebook's folder, config
    section and figures here, so that it names no notebook itself)."""
    (record,) = (r for r in RECORDS.values() if rule in r.rules or (r.job and r.job.rule == rule))
    return record


def validate_config(config: dict[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`figrepro.config.validate`, then every record's own checks of the whole config."""
    validate(config, schema)
    problems = [line for record in RECORDS.values() for check in record.checks for line in check(config)]
    if problems:
        raise ConfigError("\n".join(problems))
    return config


def validate_config_once(
    config: dict[str, Any], schema_file: str | os.PathLike[str], store: str | os.PathLike[str]
) -> None:
    """:func:`validate_config` against the schema in ``schema_file``, skipped when ``store`` holds the
    digest of this config, that file and the code that checks them, written when they last passed (a
    dry run's parse then reads no schema and imports no jsonschema). A store that cannot be read or
    written only costs the check."""
    digest = _validation_digest(config, Path(schema_file))
    path = Path(store)
    try:
        if path.read_text() == digest:
            return
    except OSError:
        pass
    validate_config(config, load_schema(schema_file))
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(digest)
    except OSError:
        pass


def _validation_digest(config: Mapping[str, Any], schema_file: Path) -> str:
    """sha256 of the config (as JSON), the schema file and the source of every figrepro module loaded
    (the checks' code and what it calls)."""
    digest = hashlib.sha256(json.dumps(config, sort_keys=True, default=repr).encode())
    digest.update(b"\0" + schema_file.read_bytes())
    modules = sorted(name for name in sys.modules if name == "figrepro" or name.startswith("figrepro."))
    for name in modules:
        source = getattr(sys.modules[name], "__file__", None)
        if source:
            digest.update(name.encode() + b"\0" + Path(source).read_bytes())
    return digest.hexdigest()


# --- the report's words ---------------------------------------------------------------------------

FIGURE_SPACE = "\u2007"  # a space as wide as a digit


def report_subcategory(source: str) -> str:
    """The source's name in the report's menu, which sorts names as text: a one-digit chapter gets a
    figure space in front (" 3.1", "16.3"), so that the notebooks stand in the book's order, their
    numbers aligned."""
    name = RECORDS[source].name
    return FIGURE_SPACE + name if re.match(r"\d\.", name) else name


def figure_title(fig: Figure, config: Mapping[str, Any]) -> str:
    """``fig``'s title with the values of ``config`` in force (a title states values, not keys)."""
    return fig.title_in(at_key(config, RECORDS[fig.source].config))


def config_keys(fig: Figure) -> tuple[Key, ...]:
    """The config sections that shape ``fig`` (its own source's, the seed where it takes it, the format)."""
    record = RECORDS[fig.source]
    if fig.source == "vae":
        results = ("history", *draw_inputs(fig.name))  # history's keys shape every result
        keys = list(dict.fromkeys(key for result in results for key in vae.RESULT_KEYS[result]))
    elif fig.source == "lecture4":
        job = lecture4.JOB[fig.name]
        return (*(("lecture4", key) for key in lecture4.JOB_KEYS[job]), ("figures", "dpi"))
    else:
        keys = [*record.reads, record.config]
        if record.takes_seed:
            keys.append(("seed",))
    return (*keys, ("figures",))


_BOOK_FIGURE = re.compile(r"\b[Ff]igs?\. \d+\.\d+[a-z]?(?:-[a-z])?(?:, \d+\.\d+[a-z]?(?:-[a-z])?)*")


def book_figure(fig: Figure) -> str | None:
    """The book figure the title names ("Fig. 3.3a-i", "Figs. 5.4, 5.5b"), if any."""
    found = _BOOK_FIGURE.search(fig.title)
    return found.group(0) if found else None


# --- what the sources print -----------------------------------------------------------------------


def as_printed(value: float, decimals: int) -> str:
    """``value`` as the notebook's ``%.<decimals>f`` shows it (no negative zero)."""
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def stated_decimals(source: str, key: str) -> int | None:
    """How many decimals ``source`` prints ``key`` to, or None where it states no such number."""
    printed = RECORDS[source].printed if source in RECORDS else {}
    return printed[key][1] if key in printed else None
