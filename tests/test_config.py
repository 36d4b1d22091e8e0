"""The config: the schema (types and ranges), config.yaml (every value, once), and clear refusals."""

from __future__ import annotations

import copy
import re
import sys
import types
from pathlib import Path

import click
import pytest
import yaml

import figrepro.records
from figrepro.cli import ConfigSection
from figrepro.config import (
    VALIDATED_BY_WORKFLOW,
    ConfigError,
    key_path,
    load_schema,
    merged,
    shipped_config,
    typed_overrides,
)
from figrepro.records import validate_config, validate_config_once


@pytest.fixture(scope="module")
def schema(root: Path) -> dict:
    return load_schema(root / "workflow/schemas/config.schema.yaml")


def _no_values(node: object, where: str = "") -> list[str]:
    """Where the schema would hold a value of its own (a default, an example)."""
    if isinstance(node, dict):
        found = [f"{where}.{key}" for key in ("default", "examples") if key in node]
        return found + [hit for key, sub in node.items() for hit in _no_values(sub, f"{where}.{key}")]
    if isinstance(node, list):
        return [hit for i, sub in enumerate(node) for hit in _no_values(sub, f"{where}[{i}]")]
    return []


def test_each_value_lives_in_config_yaml_alone(root: Path, schema: dict) -> None:
    shipped = yaml.safe_load((root / "config.yaml").read_text())
    assert validate_config(copy.deepcopy(shipped), schema) == shipped
    assert shipped["udl"]["17_1"]["sigma_sq"] == 0.04
    assert _no_values(schema) == []  # the schema says types and ranges, never a value
    with pytest.raises(ConfigError, match=re.escape("seed: missing (config.yaml gives every key its value)")):
        validate_config({}, schema)
    del shipped["udl"]["17_1"]["sigma_sq"]
    with pytest.raises(ConfigError, match=re.escape('udl."17_1".sigma_sq: missing')):
        validate_config(shipped, schema)


def test_smoke_config_is_valid(root: Path, schema: dict) -> None:
    smoke = yaml.safe_load((root / "tests/smoke_config.yaml").read_text())
    validate_config(merged(shipped_config(root), smoke), schema)  # merged over config.yaml, as Snakemake does


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"udl": {"17_1": {"sigma_sq": -1}}},
            'udl."17_1".sigma_sq: -1 is less than or equal to the minimum of 0',
        ),
        ({"udl": {"17_1": {"sigma_sq": 0}}}, 'udl."17_1".sigma_sq'),
        ({"udl": {"17_1": {"sigma_sq": "big"}}}, "udl.\"17_1\".sigma_sq: 'big' is not of type 'number'"),
        ({"udl": {"17_1": {"sigma": 1}}}, 'udl."17_1".sigma: unknown key'),
        ({"udl": {"19_9": {}}}, 'udl."19_9": unknown key'),
        ({"colour": "red"}, "colour: unknown key"),
        ({"udl": {"17_2": {"n_score": 0}}}, 'udl."17_2".n_score'),
        ({"udl": {"17_2": {"chunk": 1001}}}, 'udl."17_2".chunk'),
        ({"udl": {"17_3": {"sample_sizes": [1, -2]}}}, 'udl."17_3".sample_sizes[1]'),
        ({"udl": {"18_1": {"beta": 1.5}}}, 'udl."18_1".beta'),
        ({"udl": {"17_2": {"phi_grid": {"start": 1, "stop": 0, "step": 0.1}}}}, 'udl."17_2".phi_grid: grid'),
        ({"udl": {"18_4": {"accelerated_steps": 30}}}, 'udl."18_4".accelerated_steps: 30 must divide'),
        ({"udl": {"18_2": {"table_bin_width": 0.007}}}, 'udl."18_2".table_bin_width'),
        ({"figures": {"format": "jpg"}}, "figures.format"),
        ({"localization": {"target": [0.5, 1.0]}}, "localization.target: [0.5, 1.0] is on a sensor"),
        ({"localization": {"sensors": [[0, 0], [0, 0]]}}, "localization.sensors: two sensors"),
        ({"localization": {"train": {"lab": {"lr": 0}}}}, "localization.train.lab.lr"),
        (
            {"localization": {"grid": {"limit": 4.0, "spacing": 0.3}}},
            "localization.grid.spacing: must divide",
        ),
        ({"lecture4": {"coin": {"check_at": [-1.0, 0.0]}}}, "lecture4.coin.check_at"),
        ({"lecture4": {"coin": {"sigma": [0.0, 1.0]}}}, "lecture4.coin.sigma: a standard deviation range"),
        (
            {"lecture4": {"search": {"mixture_mu": [8.0, -4.0]}}},
            "lecture4.search.mixture_mu: [8.0, -4.0] must be",
        ),
        ({"lecture4": {"search": {"grid_points": 1}}}, "lecture4.search.grid_points"),
        ({"lecture4": {"coin": {"flips": []}}}, "lecture4.coin.flips"),
        ({"udl": {"5_1": {"sigma": 0}}}, 'udl."5_1".sigma: 0 is less than or equal to the minimum of 0'),
        ({"udl": {"3_1": {"fit": {"theta": [[1, 2], [3, 4]], "phi": [1, 2, 3, 4]}}}}, 'udl."3_1".fit.theta'),
        (
            {"udl": {"4_1": {"net1": {"theta": [[0, 1]] * 3, "phi": [1, 2]}}}},
            'udl."4_1".net1.phi: [1, 2] is too short',
        ),
        ({"udl": {"4_3": {"deep": {"sizes": [4]}}}}, 'udl."4_3".deep.sizes'),
        ({"udl": {"5_1": {"sigma_sweep_beta1": "worst"}}}, 'udl."5_1".sigma_sweep_beta1'),
        (
            {
                "udl": {
                    "5_3": {
                        "network": {"beta_0": [1.0], "omega_0": [1.0], "beta_1": [0.0], "omega_1": [[1.0]]}
                    }
                }
            },
            'udl."5_3".network.beta_1: this notebook\'s network has 3 output(s), got 1',
        ),
        (
            {
                "udl": {
                    "5_2": {
                        "network": {
                            "beta_0": [1.0, 2.0],
                            "omega_0": [1.0],
                            "beta_1": [0.0],
                            "omega_1": [[1.0]],
                        }
                    }
                }
            },
            'udl."5_2".network.omega_0: 1 weights for 2 hidden units',
        ),
        (
            {"udl": {"5_1": {"beta1_sweep": {"start": 0.0, "stop": 0.03, "step": 0.01}}}},
            'udl."5_1".beta1_sweep: 5 models are drawn along it',
        ),
        (
            {"udl": {"5_3": {"categorical_example": [0.5, 0.6]}}},
            'udl."5_3".categorical_example: probabilities',
        ),
        (
            {"udl": {"1_1": {"equations": {"beta": [1.0], "omega": [[1.0, 2.0]], "x": [1.0]}}}},
            'udl."1_1".equations.omega: must be one row per beta',
        ),
        ({"udl": {"6_2": {"n_steps": 12}}}, 'udl."6_2".n_steps: one figure per step makes 10 steps; got 12'),
        ({"udl": {"6_3": {"sgd": {"draw_every": 4}}}}, 'udl."6_3".sgd: n_steps / draw_every draws 11 models'),
        (
            {"udl": {"6_1": {"bracket": [0.0, 0.5, 0.4, 1.0]}}},
            'udl."6_1".bracket: [0.0, 0.5, 0.4, 1.0] must be',
        ),
        ({"udl": {"6_4": {"beta": 1.0}}}, 'udl."6_4".beta'),
        ({"udl": {"9_4": {"prior_variance": 0}}}, 'udl."9_4".prior_variance'),
        ({"udl": {"21_1": {"thresholds": "fair"}}}, 'udl."21_1".thresholds'),
        ({"udl": {"21_1": {"curves": {"blue": {"defaulted": [1, 2]}}}}}, 'udl."21_1".curves'),
        ({"udl": {"gradient_flow": {"y": [1.0, 2.0]}}}, "udl.gradient_flow.y: 2 values for 3 points"),
        ({"udl": {"gradient_flow": {"predictive_times": [1.0]}}}, "udl.gradient_flow.predictive_times"),
    ],
)
def test_bad_values_are_refused_naming_the_key(root: Path, schema: dict, config: dict, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        validate_config(merged(shipped_config(root), config), schema)
    assert message in str(err.value)


def test_key_path_quotes_non_identifiers() -> None:
    assert key_path(["udl", "17_1", "sigma_sq"]) == 'udl."17_1".sigma_sq'
    assert key_path(["udl", "17_3", "sample_sizes", 2]) == 'udl."17_3".sample_sizes[2]'


def _overridden(root: Path, schema: dict, *entries: str) -> dict:
    """config.yaml with Snakemake's reading of ``--config ENTRY ...``, typed and validated."""
    from snakemake.cli import parse_config
    from snakemake.utils import update_config

    config = yaml.safe_load((root / "config.yaml").read_text())
    update_config(config, typed_overrides(parse_config(list(entries)), schema))
    return validate_config(config, schema)


@pytest.mark.slow
def test_nested_overrides_take_the_schemas_types(root: Path, schema: dict) -> None:
    config = _overridden(
        root,
        schema,
        'udl={"17_1": {"sigma_sq": 0.05, "n_samples": 300, "posterior_x": [0.5, -1]}}',
        'udl={"18_2": {"noise_at_last_step": true}}',
        'vae={"train": {"lr": 1e-3}, "evaluate": {"coarse_spacing": 0.25}}',
        'figures={"format": "png", "dpi": 300}',
        'udl={"17_1": {"z_grid": {"start": -2, "stop": 2, "step": 0.02}}}',
        "seed=7",
    )
    nb = config["udl"]["17_1"]
    assert nb["sigma_sq"] == 0.05 and isinstance(nb["sigma_sq"], float)
    assert nb["n_samples"] == 300 and isinstance(nb["n_samples"], int)
    assert nb["posterior_x"] == [0.5, -1]
    assert nb["z_grid"] == {"start": -2, "stop": 2, "step": 0.02}
    assert nb["likelihood_z"] == 1.8  # the rest of the section stays
    assert config["udl"]["18_2"]["noise_at_last_step"] is True
    assert config["vae"]["train"]["lr"] == 1e-3  # "1e-3", which YAML 1.1 leaves a string
    assert config["vae"]["evaluate"]["coarse_spacing"] == 0.25
    assert config["figures"] == {"format": "png", "dpi": 300}
    assert config["seed"] == 7


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('udl={"17_1": {"sigma_sq": "abc"}}', "udl.\"17_1\".sigma_sq: 'abc' is not of type 'number'"),
        ('udl={"17_1": {"n_samples": 2.5}}', "udl.\"17_1\".n_samples: 2.5 is not of type 'integer'"),
        ('udl={"17_1": {"posterior_x": [1, x]}}', "udl.\"17_1\".posterior_x[1]: 'x' is not of type 'number'"),
        ('figures={"format": 3}', "figures.format"),
        ('udl={"17_1": {"z_grid": {"stepp": 0.1}}}', 'udl."17_1".z_grid.stepp: unknown key'),
    ],
)
def test_a_wrong_nested_override_is_refused_naming_the_key(
    root: Path, schema: dict, entry: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        _overridden(root, schema, entry)


def test_a_job_of_the_workflow_reads_its_section_as_given_and_a_script_by_hand_validates_it(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Snakefile has validated the whole config and sets FIGREPRO_CONFIG_VALIDATED for its jobs:
    they take their --params as they come (no schema, no config.yaml read). Without it, the section
    is validated and what it leaves out comes from config.yaml."""
    section = ConfigSection(root / "workflow/schemas/config.schema.yaml", "udl", "17_1")
    monkeypatch.delenv(VALIDATED_BY_WORKFLOW, raising=False)
    by_hand = section.convert('{"sigma_sq": 0.05}', None, None)
    assert (
        by_hand["sigma_sq"] == 0.05
        and by_hand["n_samples"] == shipped_config(root)["udl"]["17_1"]["n_samples"]
    )
    with pytest.raises(click.BadParameter, match=r'udl\."17_1"\.sigma_sq'):
        section.convert('{"sigma_sq": "big"}', None, None)
    monkeypatch.setenv(VALIDATED_BY_WORKFLOW, "1")
    assert section.convert('{"sigma_sq": 0.05}', None, None) == {"sigma_sq": 0.05}


def test_a_config_that_passed_is_not_checked_again_until_it_or_the_code_moves(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Snakefile's check is skipped where the same config, schema and checking code passed last
    time (the store under .snakemake/figrepro); a changed value or schema, or a refused value, is
    checked."""
    store = tmp_path / "validated-config"
    schema = tmp_path / "config.schema.yaml"
    schema.write_bytes((root / "workflow/schemas/config.schema.yaml").read_bytes())
    config = shipped_config(root)
    validate_config_once(config, schema, store)
    checked = []
    monkeypatch.setattr(figrepro.records, "validate_config", lambda c, s: checked.append(c))
    validate_config_once(config, schema, store)
    assert checked == []
    changed = merged(config, {"seed": 7})
    validate_config_once(changed, schema, store)
    assert checked == [changed]
    monkeypatch.undo()
    bad = merged(config, {"udl": {"17_1": {"sigma_sq": -1}}})
    digest = store.read_text()
    with pytest.raises(ConfigError, match=r'udl."17_1".sigma_sq'):
        validate_config_once(bad, schema, store)
    assert store.read_text() == digest  # a refused config is not remembered
    with pytest.raises(ConfigError):
        validate_config_once(bad, schema, store)
    # the checking code is part of the digest: a figrepro module loaded, edited, is checked again
    probe = tmp_path / "probe.py"
    probe.write_text("LIMIT = 1\n")
    monkeypatch.setitem(sys.modules, "figrepro._probe", types.SimpleNamespace(__file__=str(probe)))
    validate_config_once(config, schema, store)
    monkeypatch.setattr(figrepro.records, "validate_config", lambda c, s: checked.append(c))
    validate_config_once(config, schema, store)
    assert checked == [changed]
    probe.write_text("LIMIT = 2\n")
    validate_config_once(config, schema, store)
    assert checked == [changed, config]
    schema.write_text(schema.read_text() + "\n# edited\n")
    validate_config_once(config, schema, store)
    assert checked == [changed, config, config]
