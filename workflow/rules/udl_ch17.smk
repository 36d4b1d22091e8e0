# UDL chapter 17: latent variable models (17_1), reparameterization (17_2), importance sampling (17_3).


wildcard_constraints:
    segment="expectation|reparam|score",
    estimator="f1|f2|f2_importance",


rule udl_17_1_integrals:
    input:
        script=script("udl/udl_17_1_integrals.py"),
        code=library("udl/udl_17_1_integrals.py"),
    output:
        data="results/udl/17_1/integrals.npz",
        metrics="results/udl/17_1/metrics_integrals.json",
    log:
        "logs/udl/17_1/integrals.log",
    benchmark:
        "benchmarks/udl/17_1/integrals.tsv"
    params:
        section=section("udl", "17_1"),
        seed=config["seed"],
    shell:
        "python -u {input.script} --params {params.section:q} --seed {params.seed}"
        " --out {output.data} --metrics {output.metrics} > {log} 2>&1"


rule udl_17_2_montecarlo:
    input:
        script=script("udl/udl_17_2_montecarlo.py"),
        code=library("udl/udl_17_2_montecarlo.py"),
    output:
        data="results/udl/17_2/{segment}.npz",
        metrics="results/udl/17_2/metrics_{segment}.json",
    log:
        "logs/udl/17_2/{segment}.log",
    benchmark:
        "benchmarks/udl/17_2/{segment}.tsv"
    threads: 2  # one thread draws the legacy stream while the other evaluates
    params:
        section=section("udl", "17_2"),
    shell:
        "python -u {input.script} --segment {wildcards.segment} --params {params.section:q}"
        " --out {output.data} --metrics {output.metrics} > {log} 2>&1"


rule udl_17_3_montecarlo:
    input:
        script=script("udl/udl_17_3_montecarlo.py"),
        code=library("udl/udl_17_3_montecarlo.py"),
    output:
        data="results/udl/17_3/{estimator}.npz",
        metrics="results/udl/17_3/metrics_{estimator}.json",
    log:
        "logs/udl/17_3/{estimator}.log",
    benchmark:
        "benchmarks/udl/17_3/{estimator}.tsv"
    threads: 2
    params:
        section=section("udl", "17_3"),
    shell:
        "python -u {input.script} --estimator {wildcards.estimator} --params {params.section:q}"
        " --out {output.data} --metrics {output.metrics} > {log} 2>&1"


rule plot_udl_17_1:
    input:
        script=script("udl/plot_udl_17_1.py"),
        code=library("udl/plot_udl_17_1.py"),
        integrals="results/udl/17_1/integrals.npz",
    output:
        udl_figures("17_1"),
    log:
        "logs/udl/17_1/plot.log",
    benchmark:
        "benchmarks/udl/17_1/plot.tsv"
    group:
        CHEAP
    params:
        figure_options(notebook_figures("17_1")),
    shell:
        "python -u {input.script} --integrals {input.integrals} {params}" " > {log} 2>&1"


rule plot_udl_17_2:
    input:
        script=script("udl/plot_udl_17_2.py"),
        code=library("udl/plot_udl_17_2.py"),
        expectation="results/udl/17_2/expectation.npz",
        reparam="results/udl/17_2/reparam.npz",
        score="results/udl/17_2/score.npz",
    output:
        udl_figures("17_2"),
    log:
        "logs/udl/17_2/plot.log",
    benchmark:
        "benchmarks/udl/17_2/plot.tsv"
    group:
        CHEAP
    params:
        figure_options(notebook_figures("17_2")),
    shell:
        "python -u {input.script} --expectation {input.expectation} --reparam {input.reparam}"
        " --score {input.score} {params} > {log} 2>&1"


rule plot_udl_17_3:
    input:
        script=script("udl/plot_udl_17_3.py"),
        code=library("udl/plot_udl_17_3.py"),
        f1="results/udl/17_3/f1.npz",
        f2="results/udl/17_3/f2.npz",
        f2_importance="results/udl/17_3/f2_importance.npz",
    output:
        udl_figures("17_3"),
    log:
        "logs/udl/17_3/plot.log",
    benchmark:
        "benchmarks/udl/17_3/plot.tsv"
    group:
        CHEAP
    params:
        figure_options(notebook_figures("17_3")),
    shell:
        "python -u {input.script} --f1 {input.f1} --f2 {input.f2} --f2-importance {input.f2_importance}"
        " {params} > {log} 2>&1"
