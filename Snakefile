# figrepro: config.yaml -> rules (workflow/rules/*.smk) -> click scripts (scripts/) -> src/figrepro
# Build everything:     snakemake --cores 4 figures/all
# One figure:           snakemake --cores 4 figures/udl/18_2/02_samples.pdf
import os
import sys

sys.path.insert(0, os.path.join(workflow.basedir, "src"))

from figrepro.config import ConfigError, load_schema, validate  # noqa: E402

configfile: os.path.join(workflow.basedir, "config.yaml")

try:
    validate(config, load_schema(os.path.join(workflow.basedir, "workflow/schemas/config.schema.yaml")))
except ConfigError as err:
    sys.exit(f"Invalid configuration (config.yaml, --configfile or --config):\n{err}")

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
