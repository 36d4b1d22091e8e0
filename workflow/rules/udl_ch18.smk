# UDL chapter 18's diffusion decoders: lookup tables trained for the mean-predicting and the
# reparameterized model, and their samplers; the families notebook samples with the noise tables
# trained once for the reparameterized model. The families' rules find their record (results folder,
# config section, figures) by their names. (The encoder, 18.1, is one cheap job: udl_notebooks.smk.)

FAMILIES = record_of_rule("udl_18_4_sample")
SAMPLERS = ["ddim", "accelerated"]  # the families notebook's


wildcard_constraints:
    table_nb="18_2|18_3",
    sampler="|".join(SAMPLERS),


TABLE_TARGET = {"18_2": "mean", "18_3": "noise"}
SAMPLER_KEYS = {  # the families' keys each sampler reads, so a constant of one reruns only that one
    "ddim": ["ddim_sigma", "n_samples"],
    "accelerated": ["accelerated_sigma", "accelerated_steps", "n_samples"],
}


rule udl_18_train_tables:
    input:
        script=script("udl/udl_18_train.py"),
        code=library("udl/udl_18_train.py"),
    output:
        "results/udl/{table_nb}/tables.npz",
    log:
        "logs/udl/{table_nb}/train.log",
    benchmark:
        "benchmarks/udl/{table_nb}/train.tsv"
    params:
        section=lambda wc: section("udl", wc.table_nb),
        target=lambda wc: TABLE_TARGET[wc.table_nb],
        seed=config["seed"],
    message:
        "notebook {wildcards.table_nb}: the lookup tables"
    shell:
        "python -u {input.script} --target {params.target} --params {params.section:q}"
        " --seed {params.seed} --out {output} > {log} 2>&1"


rule udl_18_sample_reverse:
    """The 1-D diffusion model (mean tables, eq. 18.16) and the reparameterized one (noise tables,
    Alg. 18.2)."""
    input:
        script=script("udl/udl_18_sample.py"),
        code=library("udl/udl_18_sample.py"),
        tables="results/udl/{table_nb}/tables.npz",
    output:
        samples="results/udl/{table_nb}/samples.npy",
        paths="results/udl/{table_nb}/paths.npz",
        metrics="results/udl/{table_nb}/metrics_samples.json",
    log:
        "logs/udl/{table_nb}/sample.log",
    benchmark:
        "benchmarks/udl/{table_nb}/sample.tsv"
    params:
        section=lambda wc: section("udl", wc.table_nb),
        sampler=lambda wc: TABLE_TARGET[wc.table_nb],
        seed=config["seed"],
    message:
        "notebook {wildcards.table_nb}: samples of the reverse process"
    shell:
        "python -u {input.script} --sampler {params.sampler} --params {params.section:q}"
        " --seed {params.seed} --tables {input.tables} --out-samples {output.samples}"
        " --out-paths {output.paths} --metrics {output.metrics} > {log} 2>&1"


rule udl_18_4_sample:
    """DDIM over every step, and the accelerated sampler, on the reparameterized model's noise tables."""
    input:
        script=script("udl/udl_18_sample.py"),
        code=library("udl/udl_18_sample.py"),
        tables=expand(rules.udl_18_train_tables.output, table_nb="18_3")[0],
    output:
        samples=f"results/{FAMILIES.source}/samples_{{sampler}}.npy",
        paths=f"results/{FAMILIES.source}/paths_{{sampler}}.npz",
        metrics=f"results/{FAMILIES.source}/metrics_{{sampler}}.json",
    log:
        f"logs/{FAMILIES.source}/sample_{{sampler}}.log",
    benchmark:
        f"benchmarks/{FAMILIES.source}/sample_{{sampler}}.tsv"
    params:
        section=lambda wc: section(*FAMILIES.config, keys=SAMPLER_KEYS[wc.sampler]),
        seed=config["seed"],
    message:
        "18.4: samples of the {wildcards.sampler} sampler"
    shell:
        "python -u {input.script} --sampler {wildcards.sampler} --params {params.section:q}"
        " --seed {params.seed} --tables {input.tables} --out-samples {output.samples}"
        " --out-paths {output.paths} --metrics {output.metrics} > {log} 2>&1"


#: what each sampling notebook's plot job reads, by the names its figures read them under: ``samples``
#: and ``paths`` of its one run, or ``<sampler>_samples`` ... of each sampler's
SAMPLING_INPUTS = {
    "udl/18_4": {
        f"{sampler}_{kind}": expand(getattr(rules.udl_18_4_sample.output, kind), sampler=sampler)[0]
        for sampler in SAMPLERS
        for kind in ("samples", "paths")
    },
    **{
        f"udl/{nb}": {
            kind: expand(getattr(rules.udl_18_sample_reverse.output, kind), table_nb=nb)[0]
            for kind in ("samples", "paths")
        }
        for nb in TABLE_TARGET
    },
}


for _rule in ("plot_udl_18_2", "plot_udl_18_3", "plot_udl_18_4"):
    _record = record_of_rule(_rule)

    rule:
        name:
            _rule
        input:
            script=script("udl/plot_udl_18_sampling.py"),
            code=library("udl/plot_udl_18_sampling.py"),
            runs=list(SAMPLING_INPUTS[_record.source].values()),
        output:
            reported(_record.figures),
        log:
            f"logs/{_record.source}/plot.log",
        benchmark:
            f"benchmarks/{_record.source}/plot.tsv"
        group:
            CHEAP
        params:
            inputs=" ".join(
                f"--input {name}={path}" for name, path in SAMPLING_INPUTS[_record.source].items()
            ),
            figures=figure_options(_record.figures),
        message:
            f"{_record.name}: its figures"
        shell:
            "python -u {input.script} {params.inputs} {params.figures} > {log} 2>&1"


#: what chapter 18's jobs add to results/metrics.json
UDL18_METRICS = [
    *expand(rules.udl_18_sample_reverse.output.metrics, table_nb=list(TABLE_TARGET)),
    *expand(rules.udl_18_4_sample.output.metrics, sampler=SAMPLERS),
]
