"""Validation of ``config.yaml`` against its JSON schema (types and ranges; the values live in config.yaml).

Errors name the offending key in the config's own spelling, e.g. ``udl."<id>".sigma`` (a key that is
not a plain name is quoted). jsonschema and yaml are imported when a check needs them: a job the
workflow has validated (:data:`VALIDATED_BY_WORKFLOW`) reads its ``--params`` as plain JSON
(:class:`figrepro.cli.ConfigSection`).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import jsonschema


class ConfigError(ValueError):
    """The configuration is invalid; the message lists every problem, one per line."""


def key_path(parts: Sequence[Any]) -> str:
    """``["udl", "<id>", "sigma", 0]`` -> ``udl."<id>".sigma[0]``."""
    out = []
    for p in parts:
        if isinstance(p, int):
            out.append(f"[{p}]")
        else:
            s = str(p)
            token = s if s.isidentifier() else f'"{s}"'
            out.append(("." if out else "") + token)
    return "".join(out) or "(top level)"


MISSING = "missing (config.yaml gives every key its value)"


@functools.cache
def _validator_class() -> type[jsonschema.protocols.Validator]:
    """JSON Schema 2020-12 where a key the schema knows and the config leaves out is an error, as an
    unknown key is (the schema holds types and ranges, ``config.yaml`` every value)."""
    import jsonschema

    cls = jsonschema.Draft202012Validator
    validate_properties = cls.VALIDATORS["properties"]

    def every_key(validator, properties, instance, schema):  # type: ignore[no-untyped-def]
        if isinstance(instance, dict):
            for name in properties:
                if name not in instance:
                    yield jsonschema.ValidationError(MISSING, path=[name])
        yield from validate_properties(validator, properties, instance, schema)

    return jsonschema.validators.extend(cls, {"properties": every_key})


CONFIG_FILE = "config.yaml"  # beside workflow/, at the top of the repository


#: set by the Snakefile once it has validated the whole config: its jobs, which inherit it, take their
#: ``--params`` as given; a script run by hand validates them (and fills in config.yaml's values)
VALIDATED_BY_WORKFLOW = "FIGREPRO_CONFIG_VALIDATED"


def at_key(config: Mapping[str, Any], key: Sequence[Any]) -> Any:
    """The value (or section) of ``config`` at ``key``, a path of its parts: ``("udl", "17_1")``."""
    node: Any = config
    for part in key:
        node = node[part]
    return node


def read_yaml(path: str | Path) -> Any:
    """A YAML file, read by libyaml where PyYAML has it (the schema: 0.1 s in Python, 0.01 in C)."""
    import yaml

    return yaml.load(Path(path).read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_schema(path: str | Path) -> dict[str, Any]:
    return read_yaml(path)


def merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``, section by section (as Snakemake merges ``--configfile``)."""
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def shipped_config(root: str | Path) -> dict[str, Any]:
    """The repository's ``config.yaml``, validated: every constant at the sources' values."""
    root = Path(root)
    schema = load_schema(root / "workflow" / "schemas" / "config.schema.yaml")
    return validate(read_yaml(root / CONFIG_FILE), schema)


def _describe(error: jsonschema.ValidationError) -> str:
    where = key_path(list(error.absolute_path))
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - allowed)
        prefix = list(error.absolute_path)
        return "\n".join(
            f"{key_path([*prefix, k])}: unknown key (allowed here: {', '.join(sorted(allowed))})"
            for k in unknown
        )
    return f"{where}: {error.message}"


def arange(spec: Mapping[str, float]) -> np.ndarray:
    """A grid given in the config as ``{start, stop, step}`` (``np.arange``'s meaning, as the sources')."""
    return np.arange(spec["start"], spec["stop"], spec["step"])


def _grid_errors(cfg: Mapping[str, Any], prefix: list[Any]) -> Iterator[str]:
    for key, value in cfg.items():
        if isinstance(value, Mapping):
            if {"start", "stop", "step"} <= set(value):
                n = len(arange(value))
                if n < 2:
                    where = key_path([*prefix, key])
                    yield f"{where}: grid has {n} point(s); need start < stop and at least 2 points"
            else:
                yield from _grid_errors(value, [*prefix, key])


def _cross_field_errors(cfg: Mapping[str, Any]) -> Iterator[str]:
    """What the schema cannot see of the sources' sections (the notebooks' own checks are in their
    records: :func:`figrepro.records.validate_config`)."""
    yield from _grid_errors(cfg, [])
    if "vae" in cfg:
        yield from _vae_errors(cfg["vae"])
    if "lecture4" in cfg:
        yield from _lecture4_errors(cfg["lecture4"])
    if "localization" in cfg:
        yield from _localization_errors(cfg["localization"])


def _span_errors(section: Mapping[str, Any], prefix: list[str], keys: Sequence[str]) -> Iterator[str]:
    for key in keys:
        if key in section and not section[key][0] < section[key][1]:
            yield f"{key_path([*prefix, key])}: {section[key]} must be [low, high] with low < high"


def _lecture4_errors(lec: Mapping[str, Any]) -> Iterator[str]:
    sections = {name: lec.get(name, {}) for name in ("mixture_kl", "search", "coin")}
    spans = {
        "mixture_kl": ["trapz_span"],
        "search": ["mixture_mu", "mixture_sigma", "mass_covering_span"],
        "coin": ["mu", "sigma", "evidence_span"],
    }
    for name, keys in spans.items():
        yield from _span_errors(sections[name], ["lecture4", name], keys)
    for name, key in (("search", "mixture_sigma"), ("coin", "sigma")):
        sigma = sections[name].get(key)
        if sigma is not None and sigma[0] <= 0:
            where = key_path(["lecture4", name, key])
            yield f"{where}: a standard deviation range must start above 0 (got {sigma})"
    check = sections["coin"].get("check_at")
    if check is not None and check[1] <= 0:
        yield f"lecture4.coin.check_at: sigma (the second value) must be above 0 (got {check[1]})"


def _localization_errors(loc: Mapping[str, Any]) -> Iterator[str]:
    grid = loc.get("grid", {})
    limit, spacing = grid.get("limit", 4.0), grid.get("spacing", 0.01)
    cells = 2 * limit / spacing
    if abs(cells - round(cells)) > 1e-6 or round(cells) < 2:
        yield f"localization.grid.spacing: must divide 2 * limit = {2 * limit} into whole cells ({cells:.6g})"
    sensors = [tuple(s) for s in loc.get("sensors", [])]
    if len(set(sensors)) < len(sensors):
        yield "localization.sensors: two sensors at the same place"
    target = tuple(loc.get("target", ()))
    if target in set(sensors):
        yield f"localization.target: {list(target)} is on a sensor, where the signal strength is infinite"


BUNDLED_DIGITS = 10_000  # images in data/mnist/digits.npz


def _vae_errors(vae: Mapping[str, Any]) -> Iterator[str]:
    data = vae.get("data", {})
    n_train, n_test = data.get("n_train", 8000), data.get("n_test", 2000)
    if data.get("source") == "idx" and not data.get("idx_dir"):
        yield "vae.data.idx_dir: must name the folder of the MNIST IDX files when vae.data.source is idx"
    if data.get("source", "bundled") == "bundled" and n_train + n_test > BUNDLED_DIGITS:
        yield (
            f"vae.data.n_train: n_train + n_test = {n_train + n_test} exceeds the "
            f"{BUNDLED_DIGITS} digits of the bundled source"
        )
    n_images = vae.get("evaluate", {}).get("n_images", 20)
    if n_images > n_test:
        yield f"vae.evaluate.n_images: {n_images} exceeds vae.data.n_test = {n_test}"
    for key in ("image", "top_half_image"):
        index = vae.get("posterior", {}).get(key, 0)
        if index >= n_test:
            yield f"vae.posterior.{key}: test image {index} does not exist (vae.data.n_test = {n_test})"
    ev = vae.get("evaluate", {})
    limit, spacing = ev.get("coarse_limit", 8.0), ev.get("coarse_spacing", 0.2)
    ratio = limit / spacing
    if abs(ratio - round(ratio)) > 1e-6 or round(ratio) < 2:
        yield f"vae.evaluate.coarse_spacing: must divide coarse_limit = {limit} into steps ({ratio:.6g})"


def validate(config: dict[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``config`` if the schema and the cross-field checks accept it; else raise ``ConfigError``."""
    validator = _validator_class()(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: [str(p) for p in e.absolute_path])
    messages = [_describe(e) for e in errors]
    if not messages:
        messages = list(_cross_field_errors(config))
    if messages:
        raise ConfigError("\n".join(messages))
    return config


def _resolved(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:  # only local references: "#/$defs/name"
        node = {
            **schema["$defs"][node["$ref"].rsplit("/", 1)[1]],
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    return node


def _alternatives(schema: Mapping[str, Any], node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    node = _resolved(schema, node)
    branches = [b for key in ("anyOf", "oneOf", "allOf") for b in node.get(key, [])]
    return [node, *(alt for b in branches for alt in _alternatives(schema, b))]


_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null"}


def _types(schema: Mapping[str, Any], node: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for alt in _alternatives(schema, node):
        kind = alt.get("type")
        found.update([kind] if isinstance(kind, str) else kind or [])
        for value in alt.get("enum", [alt["const"]] if "const" in alt else []):
            found.add(_JSON_TYPES.get(type(value), "string"))
    return found


def _child(schema: Mapping[str, Any], node: Mapping[str, Any], key: Any) -> Mapping[str, Any]:
    """The sub-schema of ``node`` that governs its item or property ``key`` ({} if none does)."""
    for alt in _alternatives(schema, node):
        if isinstance(key, int) and isinstance(alt.get("items"), Mapping):
            return alt["items"]
        if key in alt.get("properties", {}):
            return alt["properties"][key]
        for pattern, sub in alt.get("patternProperties", {}).items():
            if re.search(pattern, str(key)):
                return sub
        if isinstance(alt.get("additionalProperties"), Mapping):
            return alt["additionalProperties"]
    return {}


def _scalar(text: str, types: set[str]) -> Any:
    """A string of ``--config`` read as the schema's type (left a string where the schema asks for
    one, or where it reads as nothing)."""
    if not types or "string" in types:
        return text
    import yaml

    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    if isinstance(value, str) and types & {"number", "integer"}:
        with contextlib.suppress(ValueError):
            value = float(text)  # "1e-3", which YAML 1.1 reads as a string
    return text if value is None and text.strip() not in ("null", "~") else value


def typed_overrides(value: Any, schema: Mapping[str, Any], node: Mapping[str, Any] | None = None) -> Any:
    """``--config`` values typed by the schema.

    Snakemake reads a nested ``--config`` value (``udl={"<id>": {"sigma": 0.05}}``) with YAML's
    base loader, so every number, boolean and list item below the top level arrives as a string.
    Each such string becomes what the schema asks for at its key; a string the schema wants stays a
    string; what does not read as the schema's type stays as given, for validation to name.
    """
    node = schema if node is None else node
    if isinstance(value, Mapping):
        return {k: typed_overrides(v, schema, _child(schema, node, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [typed_overrides(v, schema, _child(schema, node, i)) for i, v in enumerate(value)]
    if isinstance(value, str):
        return _scalar(value, _types(schema, node))
    return value


def section_schema(schema: Mapping[str, Any], path: Sequence[str]) -> dict[str, Any]:
    """The sub-schema at ``path`` (e.g. ``["udl", "<id>"]``), keeping the shared ``$defs``."""
    node: Mapping[str, Any] = schema
    for p in path:
        node = node["properties"][p]
    return {"$defs": schema.get("$defs", {}), **node}
