# UDL chapter 18: the diffusion encoder (18_1) and three families of lookup-table decoders.
# 18_4 samples with the noise tables trained once for 18_3.


wildcard_constraints:
    table_nb="18_2|18_3",
    sampler="ddim|accelerated",


TABLE_TARGET = {"18_2": "mean", "18_3": "noise"}
SAMPLER_KEYS = {  # the 18_4 keys each sampler reads, so a constant of one reruns only that one
    "ddim": ["ddim_sigma", "n_samples"],
    "accelerated": ["accelerated_sigma", "accelerated_steps", "n_samples"],
}


rule udl_18_1_forward:
    input:
        script=script("udl/udl_18_1_forward.py"),
        code=library("udl/udl_18_1_forward.py"),
    output:
        "results/udl/18_1/forward.npz",
    log:
        "logs/udl/18_1/forward.log",
    benchmark:
        "benchmarks/udl/18_1/forward.tsv"
    params:
        section=section("udl", "18_1"),
    shell:
        "python -u {input.script} --params {params.section:q} --out {output} > {log} 2>&1"


rule udl_18_1_densities:
    input:
        script=script("udl/udl_18_1_densities.py"),
        code=library("udl/udl_18_1_densities.py"),
    output:
        data="results/udl/18_1/densities.npz",
        metrics="results/udl/18_1/metrics_densities.json",
    log:
        "logs/udl/18_1/densities.log",
    benchmark:
        "benchmarks/udl/18_1/densities.tsv"
    params:
        section=section("udl", "18_1"),
    shell:
        "python -u {input.script} --params {params.section:q} --out {output.data}"
        " --metrics {output.metrics} > {log} 2>&1"


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
    shell:
        "python -u {input.script} --target {params.target} --params {params.section:q}"
        " --seed {params.seed} --out {output} > {log} 2>&1"


rule udl_18_sample_reverse:
    """18_2 (mean tables, eq. 18.16) and 18_3 (noise tables, Alg. 18.2)."""
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
    shell:
        "python -u {input.script} --sampler {params.sampler} --params {params.section:q}"
        " --seed {params.seed} --tables {input.tables} --out-samples {output.samples}"
        " --out-paths {output.paths} --metrics {output.metrics} > {log} 2>&1"


rule udl_18_4_sample:
    """DDIM over every step, and the accelerated sampler, on the 18_3 noise tables."""
    input:
        script=script("udl/udl_18_sample.py"),
        code=library("udl/udl_18_sample.py"),
        tables="results/udl/18_3/tables.npz",
    output:
        samples="results/udl/18_4/samples_{sampler}.npy",
        paths="results/udl/18_4/paths_{sampler}.npz",
        metrics="results/udl/18_4/metrics_{sampler}.json",
    log:
        "logs/udl/18_4/sample_{sampler}.log",
    benchmark:
        "benchmarks/udl/18_4/sample_{sampler}.tsv"
    params:
        section=lambda wc: section("udl", "18_4", keys=SAMPLER_KEYS[wc.sampler]),
        seed=config["seed"],
    shell:
        "python -u {input.script} --sampler {wildcards.sampler} --params {params.section:q}"
        " --seed {params.seed} --tables {input.tables} --out-samples {output.samples}"
        " --out-paths {output.paths} --metrics {output.metrics} > {log} 2>&1"


rule plot_udl_18_1:
    input:
        script=script("udl/plot_udl_18_1.py"),
        code=library("udl/plot_udl_18_1.py"),
        forward="results/udl/18_1/forward.npz",
        densities="results/udl/18_1/densities.npz",
    output:
        udl_figures("18_1"),
    log:
        "logs/udl/18_1/plot.log",
    benchmark:
        "benchmarks/udl/18_1/plot.tsv"
    group:
        CHEAP
    params:
        figure_options(notebook_figures("18_1")),
    shell:
        "python -u {input.script} --forward {input.forward} --densities {input.densities}"
        " {params} > {log} 2>&1"


SAMPLING_INPUTS = {  # notebook -> what its plot job reads, by the names its figures read them under
    "18_2": {"samples": "results/udl/18_2/samples.npy", "paths": "results/udl/18_2/paths.npz"},
    "18_3": {"samples": "results/udl/18_3/samples.npy", "paths": "results/udl/18_3/paths.npz"},
    "18_4": {
        f"{sampler}_{kind}": f"results/udl/18_4/{kind}_{sampler}.{ext}"
        for sampler in ("ddim", "accelerated")
        for kind, ext in (("samples", "npy"), ("paths", "npz"))
    },
}


for _nb in ("18_2", "18_3", "18_4"):

    rule:
        name:
            f"plot_udl_{_nb}"
        input:
            script=script("udl/plot_udl_18_sampling.py"),
            code=library("udl/plot_udl_18_sampling.py"),
            runs=list(SAMPLING_INPUTS[_nb].values()),
        output:
            udl_figures(_nb),
        log:
            f"logs/udl/{_nb}/plot.log",
        benchmark:
            f"benchmarks/udl/{_nb}/plot.tsv"
        group:
            CHEAP
        params:
            inputs=" ".join(f"--input {name}={path}" for name, path in SAMPLING_INPUTS[_nb].items()),
            figures=figure_options(notebook_figures(_nb)),
        shell:
            "python -u {input.script} {params.inputs} {params.figures} > {log} 2>&1"
