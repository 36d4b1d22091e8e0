# figrepro: config.yaml -> rules (workflow/rules/*.smk) -> click scripts (scripts/) -> src/figrepro
# Build everything:     snakemake --cores 4 figures/all
# One figure:           snakemake --cores 4 figures/vae/samples.pdf
import gc
import os
import sys

sys.path.insert(0, os.path.join(workflow.basedir, "src"))

from snakemake.utils import update_config

from figrepro.config import VALIDATED_BY_WORKFLOW, ConfigError, load_schema, read_yaml, typed_overrides
from figrepro.records import validate_config_once
from figrepro.vae.mnist import idx_problems
from figrepro.workflow_outputs import INVALID_CONFIG, checking_targets_first, unwritable

# What `configfile: "config.yaml"` does (the file, then --configfile and --config over it), read by
# libyaml: the directive's pure-Python parser costs 0.15 s of every run, a dry run's tenth
CONFIG_FILE = os.path.join(workflow.basedir, "config.yaml")
workflow.configfiles.append(CONFIG_FILE)
if not workflow.config_settings.replace_workflow_config:
    update_config(config, read_yaml(CONFIG_FILE))
update_config(config, workflow.config_settings.overwrite_config)
SCHEMA_FILE = os.path.join(workflow.basedir, "workflow/schemas/config.schema.yaml")
if workflow.config_settings.config:
    # --config 'figures={"dpi": 300}' arrives as strings below the top level: type them by the schema
    overrides = dict(workflow.config_settings.config)
    update_config(config, typed_overrides(overrides, load_schema(SCHEMA_FILE)))
try:  # skipped when this config, schema and checking code passed last time (.snakemake/figrepro)
    validate_config_once(config, SCHEMA_FILE, ".snakemake/figrepro/validated-config")
except ConfigError as err:
    sys.exit(f"{INVALID_CONFIG}{err}")
# the values that name files or folders: checked whatever the target, before any job
PATH_PROBLEMS = "\n".join(idx_problems(config["vae"]["data"]))
if PATH_PROBLEMS:
    sys.exit(f"{INVALID_CONFIG}{PATH_PROBLEMS}")
# the jobs (which inherit this) read their sections of the config validated here as they are
os.environ[VALIDATED_BY_WORKFLOW] = "1"


report: "workflow/report/workflow.rst"


rule all:
    input:
        "figures/all",


include: "workflow/rules/common.smk"
include: "workflow/rules/udl_notebooks.smk"
include: "workflow/rules/udl_ch17.smk"
include: "workflow/rules/udl_ch18.smk"
include: "workflow/rules/vae.smk"
include: "workflow/rules/lecture4.smk"
include: "workflow/rules/localization.smk"
include: "workflow/rules/outputs.smk"
include: "workflow/rules/reproduction.smk"


# Snakemake alone remakes a deleted figure or intermediate only when something downstream runs anyway:
# before it builds its DAG, the missing outputs of what the targets are made of become targets, and
# what the targets cannot ask of this build or machine is refused (figrepro.workflow_outputs)
workflow._prepare_dag = checking_targets_first(workflow, config)


onstart:
    # Snakemake removes a job's old outputs first: a folder that refuses it (read-only, chattr +i)
    # is named in one line before any job starts, not by a traceback from Snakemake's own code
    UNWRITABLE = unwritable(path for job in workflow.dag.needrun_jobs() for path in job.output)
    if UNWRITABLE:
        sys.exit(f"Cannot run: {UNWRITABLE}")


# every rule has found its code inputs: what the files import, for the next parse
codedeps.keep()
# What the parse made (Snakemake's modules, the rules, the config) lives as long as the run: frozen,
# the cyclic garbage collector no longer walks it in each collection the DAG's build triggers, nor at
# exit (the no-op dry run: 1.27 -> 1.14 s here, where `snakemake --version` takes 0.78 s)
gc.freeze()
