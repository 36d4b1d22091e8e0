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
    shell:
        "python -u {input.script} --format {params.fmt} --metrics {input.metrics} --config {params.config:q}"
        " --caption-template {input.template} --out {output.manifest} > {log} 2>&1"
