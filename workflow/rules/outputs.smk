# What every source feeds: results/metrics.json, the manifest figures/all and the report's captions.
from figrepro.records import all_figures

METRICS = [
    *CHEAP_METRICS,
    *UDL17_METRICS,
    *UDL18_METRICS,
    *expand("results/vae/metrics_{job}.json", job=["elbo", "decodings", "posteriors", "gradients"]),
    *expand("results/lecture4/metrics_{job}.json", job=["autodiff", "kl", "coin"]),
    "results/localization/metrics_posterior.json",
]


localrules:  # gathering and listing: a second each, on the submitting machine even on a cluster
    metrics,
    manifest,
    list_figures,


rule metrics:
    input:
        script=script("collect_metrics.py"),
        code=library("collect_metrics.py"),
        parts=METRICS,
    output:
        "results/metrics.json",
    log:
        "logs/metrics.log",
    benchmark:
        "benchmarks/metrics.tsv"
    resources:
        mem_mb=256,
    message:
        "results/metrics.json: every source's numbers"
    shell:
        "python -u {input.script} {input.parts} --out {output} > {log} 2>&1"


rule manifest:
    input:
        script=script("write_manifest.py"),
        code=library("write_manifest.py"),
        figures=[fig.path(FMT) for fig in all_figures()],
        metrics="results/metrics.json",
        template=repo("workflow/report/figure.rst"),
    output:
        manifest="figures/all",
        captions=directory(CAPTIONS),
    log:
        "logs/manifest.log",
    benchmark:
        "benchmarks/manifest.tsv"
    resources:
        mem_mb=256,
    params:
        fmt=FMT,
        config=section(),
    message:
        "figures/all: the manifest, and the report's captions"
    shell:
        "python -u {input.script} --format {params.fmt} --metrics {input.metrics} --config {params.config:q}"
        " --caption-template {input.template} --out {output.manifest} > {log} 2>&1"


# One target per source: `snakemake --cores 4 udl_17_1` builds notebook 17.1 alone (what is out of
# date of it), `--forceall udl_17_1` every job of it again. A one-job notebook's rule is its target
# already; the other sources get a rule that gathers their figures and numbers.
for _record in RECORDS.values():
    if _record.job is None:

        rule:
            name:
                _record.target
            input:
                [fig.path(FMT) for fig in _record.figures],
                [part for part in METRICS if part.startswith(f"results/{_record.source}/")],
            message:
                f"{_record.name}: done"


rule list_figures:
    """Every figure with its source and title (the values of this config), and each source's target,
    without building anything: snakemake --cores 1 list_figures."""
    input:
        script=script("list_figures.py"),
    log:
        "logs/list_figures.log",
    params:
        fmt=FMT,
        config=section(),
    message:
        "every figure, listed"
    shell:
        "python -u {input.script} --format {params.fmt} --config {params.config:q} 2>&1 | tee {log}"
