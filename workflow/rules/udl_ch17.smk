# UDL chapter 17: latent variable models, reparameterization and importance sampling. Each rule finds
# its notebook's record (results folder, config section, figures) by its own name.

LATENT = record_of_rule("udl_17_1_integrals")
REPARAM = record_of_rule("udl_17_2_montecarlo")
IMPORTANCE = record_of_rule("udl_17_3_montecarlo")
SEGMENTS = ["expectation", "reparam", "score"]  # of the reparameterization notebook's Monte Carlo
ESTIMATORS = ["f1", "f2", "f2_importance"]  # of the importance-sampling notebook's


wildcard_constraints:
    segment="|".join(SEGMENTS),
    estimator="|".join(ESTIMATORS),


rule udl_17_1_integrals:
    input:
        script=script("udl/udl_17_1_integrals.py"),
        code=library("udl/udl_17_1_integrals.py"),
    output:
        data=f"results/{LATENT.source}/integrals.npz",
        metrics=f"results/{LATENT.source}/metrics_integrals.json",
    log:
        f"logs/{LATENT.source}/integrals.log",
    benchmark:
        f"benchmarks/{LATENT.source}/integrals.tsv"
    params:
        section=section(*LATENT.config),
        seed=config["seed"],
    message:
        "17.1: the densities and the posterior, integrated over z"
    shell:
        "python -u {input.script} --params {params.section:q} --seed {params.seed}"
        " --out {output.data} --metrics {output.metrics} > {log} 2>&1"


rule udl_17_2_montecarlo:
    input:
        script=script("udl/udl_17_2_montecarlo.py"),
        code=library("udl/udl_17_2_montecarlo.py"),
    output:
        data=f"results/{REPARAM.source}/{{segment}}.npz",
        metrics=f"results/{REPARAM.source}/metrics_{{segment}}.json",
    log:
        f"logs/{REPARAM.source}/{{segment}}.log",
    benchmark:
        f"benchmarks/{REPARAM.source}/{{segment}}.tsv"
    threads: 2  # one thread draws the legacy stream while the other evaluates
    params:
        section=section(*REPARAM.config),
    message:
        "17.2: Monte Carlo runs, {wildcards.segment}"
    shell:
        "python -u {input.script} --segment {wildcards.segment} --params {params.section:q}"
        " --out {output.data} --metrics {output.metrics} > {log} 2>&1"


rule udl_17_3_montecarlo:
    input:
        script=script("udl/udl_17_3_montecarlo.py"),
        code=library("udl/udl_17_3_montecarlo.py"),
    output:
        data=f"results/{IMPORTANCE.source}/{{estimator}}.npz",
        metrics=f"results/{IMPORTANCE.source}/metrics_{{estimator}}.json",
    log:
        f"logs/{IMPORTANCE.source}/{{estimator}}.log",
    benchmark:
        f"benchmarks/{IMPORTANCE.source}/{{estimator}}.tsv"
    threads: 2
    params:
        section=section(*IMPORTANCE.config),
    message:
        "17.3: Monte Carlo estimates, {wildcards.estimator}"
    shell:
        "python -u {input.script} --estimator {wildcards.estimator} --params {params.section:q}"
        " --out {output.data} --metrics {output.metrics} > {log} 2>&1"


rule plot_udl_17_1:
    input:
        script=script("udl/plot_udl_17_1.py"),
        code=library("udl/plot_udl_17_1.py"),
        integrals=rules.udl_17_1_integrals.output.data,
    output:
        reported(LATENT.figures),
    log:
        f"logs/{LATENT.source}/plot.log",
    benchmark:
        f"benchmarks/{LATENT.source}/plot.tsv"
    group:
        CHEAP
    params:
        figure_options(LATENT.figures),
    message:
        "17.1: its figures"
    shell:
        "python -u {input.script} --integrals {input.integrals} {params}" " > {log} 2>&1"


rule plot_udl_17_2:
    input:
        **{segment: expand(rules.udl_17_2_montecarlo.output.data, segment=segment)[0] for segment in SEGMENTS},
        script=script("udl/plot_udl_17_2.py"),
        code=library("udl/plot_udl_17_2.py"),
    output:
        reported(REPARAM.figures),
    log:
        f"logs/{REPARAM.source}/plot.log",
    benchmark:
        f"benchmarks/{REPARAM.source}/plot.tsv"
    group:
        CHEAP
    params:
        figure_options(REPARAM.figures),
    message:
        "17.2: its figures"
    shell:
        "python -u {input.script} --expectation {input.expectation} --reparam {input.reparam}"
        " --score {input.score} {params} > {log} 2>&1"


rule plot_udl_17_3:
    input:
        **{name: expand(rules.udl_17_3_montecarlo.output.data, estimator=name)[0] for name in ESTIMATORS},
        script=script("udl/plot_udl_17_3.py"),
        code=library("udl/plot_udl_17_3.py"),
    output:
        reported(IMPORTANCE.figures),
    log:
        f"logs/{IMPORTANCE.source}/plot.log",
    benchmark:
        f"benchmarks/{IMPORTANCE.source}/plot.tsv"
    group:
        CHEAP
    params:
        figure_options(IMPORTANCE.figures),
    message:
        "17.3: its figures"
    shell:
        "python -u {input.script} --f1 {input.f1} --f2 {input.f2} --f2-importance {input.f2_importance}"
        " {params} > {log} 2>&1"


#: what chapter 17's jobs add to results/metrics.json
UDL17_METRICS = [
    rules.udl_17_1_integrals.output.metrics,
    *expand(rules.udl_17_2_montecarlo.output.metrics, segment=SEGMENTS),
    *expand(rules.udl_17_3_montecarlo.output.metrics, estimator=ESTIMATORS),
]
