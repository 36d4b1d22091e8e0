"""Report captions: each figure's words from its record, filled into ``workflow/report/figure.rst``.

The manifest job writes one caption per figure (``results/report/<source>/<slug>.rst``), since
Snakemake renders a caption per rule, not per file; ``report(...)`` in the rules points at them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from string import Template
from typing import Any

from figrepro.config import at_key
from figrepro.io import atomic_path
from figrepro.records import RECORDS, Figure, Key, book_figure, config_keys, figure_title

#: characters RST would read as markup in running text
_RST_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_|[]<>:"})
MAX_LIST = 6


#: the manifest job's one folder of captions: one output, so one metadata record for Snakemake to read
#: on every run instead of one per figure (each holding the job's 238 inputs and the whole config)
CAPTIONS = "results/report"


def caption_path(fig: Figure) -> str:
    return f"{CAPTIONS}/{fig.source}/{fig.slug}.rst"


def _text(value: str) -> str:
    return value.translate(_RST_SPECIAL)


def _value(value: Any) -> str:
    """A config value or a number, short enough for a caption."""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list) and len(value) > MAX_LIST:
        return f"[{', '.join(_value(v) for v in value[:MAX_LIST])}, ... ({len(value)} values)]"
    if isinstance(value, list):
        return f"[{', '.join(_value(v) for v in value)}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def _key_name(key: Key) -> str:
    """``udl."<id>"``: a part that is not a plain name is quoted, as YAML needs it."""
    return ".".join(part if part.isidentifier() else f'"{part}"' for part in key)


def _bullets(items: list[tuple[str, str]]) -> str:
    return "\n".join(f"- ``{name}`` = ``{value}``" for name, value in items) or "- (none)"


def caption(
    template: str, fig: Figure, path: str, config: Mapping[str, Any], numbers: Mapping[str, Any]
) -> str:
    """``fig``'s caption: RST, wrapped so that Snakemake's Jinja pass leaves it as it is."""
    keys = []
    for key in config_keys(fig):
        value = at_key(config, key)
        if isinstance(value, dict):  # a section: one line per entry
            keys += [(_key_name((*key, str(name))), _value(v)) for name, v in value.items()]
        else:
            keys.append((_key_name(key), _value(value)))
    record = RECORDS[fig.source]
    text = Template(template).substitute(
        title=f"**{_text(figure_title(fig, config))}**",
        book_figure=_text(book_figure(fig) or "none (not a figure of the book)"),
        source_name=_text(f"{record.category}, {record.name}"),
        source=fig.source,
        path=path,
        config_keys=_bullets(keys),
        numbers=_bullets([(name, _value(v)) for name, v in sorted(numbers.items())]),
    )
    return "{% raw %}\n" + text.rstrip() + "\n{% endraw %}\n"


def write_captions(
    template_path: str | os.PathLike[str],
    figures: list[Figure],
    fmt: str,
    config: Mapping[str, Any],
    metrics: Mapping[str, Mapping[str, Any]],
) -> None:
    template = Path(template_path).read_text()
    for fig in figures:
        with atomic_path(caption_path(fig)) as tmp:
            tmp.write_text(caption(template, fig, fig.path(fmt), config, metrics.get(fig.source, {})))
