# Lab 5: neural variational inference for sensor localization.
# readings -> training of the two networks -> evaluation against the grid posterior -> figures.

LOCALIZATION_MODEL_KEYS = ["sensors", "attenuation", "noise_variance", "readings_per_sensor"]
LOCALIZATION_READINGS = "results/localization/readings.npy"
LOCALIZATION_NET = "results/localization/model.pt"


rule localization_readings:
    input:
        script=script("localization/localization_readings.py"),
        code=library("localization/localization_readings.py"),
    output:
        LOCALIZATION_READINGS,
    log:
        "logs/localization/readings.log",
    benchmark:
        "benchmarks/localization/readings.tsv"
    resources:
        mem_mb=256,
    params:
        section=section("localization", keys=[*LOCALIZATION_MODEL_KEYS, "target"]),
        seed=config["seed"],
    message:
        "Lab 5: the sensors' readings"
    shell:
        "python -u {input.script} --params {params.section:q} --seed {params.seed} --out {output} > {log} 2>&1"


rule localization_train:
    input:
        script=script("localization/localization_train.py"),
        code=library("localization/localization_train.py"),
        readings=LOCALIZATION_READINGS,
    output:
        model=LOCALIZATION_NET,
        history="results/localization/history.npz",
    log:
        "logs/localization/train.log",
    benchmark:
        "benchmarks/localization/train.tsv"
    priority: 5
    resources:
        mem_mb=512,
    params:
        section=section("localization", keys=[*LOCALIZATION_MODEL_KEYS, "hidden", "train"]),
        seed=config["seed"],
    message:
        "Lab 5: training q(z|X) (its progress below)"
    shell:
        "python -u {input.script} --params {params.section:q} --seed {params.seed}"
        " --readings {input.readings} --out-model {output.model} --out-history {output.history}"
        " --console-fd 3 3>&2 > {log} 2>&1"


rule localization_evaluate:
    input:
        script=script("localization/localization_evaluate.py"),
        code=library("localization/localization_evaluate.py"),
        readings=LOCALIZATION_READINGS,
        model=LOCALIZATION_NET,
    output:
        data="results/localization/evaluation.npz",
        metrics="results/localization/metrics_posterior.json",
    log:
        "logs/localization/evaluate.log",
    benchmark:
        "benchmarks/localization/evaluate.tsv"
    group:
        CHEAP
    params:
        section=section("localization", keys=[*LOCALIZATION_MODEL_KEYS, "grid", "posterior_samples"]),
        seed=config["seed"],
    message:
        "Lab 5: q(z|X) against the exact posterior"
    shell:
        "python -u {input.script} --params {params.section:q} --seed {params.seed} --readings {input.readings}"
        " --model {input.model} --out {output.data} --metrics {output.metrics} > {log} 2>&1"


rule plot_localization:
    input:
        script=script("localization/plot_localization.py"),
        code=library("localization/plot_localization.py"),
        history=rules.localization_train.output.history,
        evaluation=rules.localization_evaluate.output.data,
    output:
        reported(RECORDS["localization"].figures),
    log:
        "logs/localization/plot.log",
    benchmark:
        "benchmarks/localization/plot.tsv"
    group:
        CHEAP
    resources:
        mem_mb=512,
    params:
        section=section("localization", keys=["sensors", "target"]),
        figures=figure_options(RECORDS["localization"].figures),
    message:
        "Lab 5: its figures"
    shell:
        "python -u {input.script} --params {params.section:q} --history {input.history}"
        " --evaluation {input.evaluation} {params.figures} > {log} 2>&1"
