# Lecture 4: variational inference. Three computation jobs, each followed by the plot job of its figures.
from figrepro.records import lecture4

LECTURE4_METRICS = {"constraints": "autodiff", "kl": "kl", "coin": "coin"}

LECTURE4_JOB_FIGURES = {
    job: [fig for fig in RECORDS["lecture4"].figures if lecture4.JOB[fig.name] == job]
    for job in lecture4.JOB_KEYS
}


for _job, _keys in lecture4.JOB_KEYS.items():

    rule:
        name:
            f"lecture4_{_job}"
        input:
            script=script(f"lecture4/lecture4_{_job}.py"),
            code=library(f"lecture4/lecture4_{_job}.py"),
        output:
            data=f"results/lecture4/{_job}.npz",
            metrics=f"results/lecture4/metrics_{LECTURE4_METRICS[_job]}.json",
        log:
            f"logs/lecture4/{_job}.log",
        benchmark:
            f"benchmarks/lecture4/{_job}.tsv"
        group:
            CHEAP
        params:
            section=section("lecture4", keys=list(_keys)),
        message:
            f"Lecture 4: {_job}"
        shell:
            "python -u {input.script} --params {params.section:q} --out {output.data} --metrics {output.metrics} > {log} 2>&1"

    rule:
        name:
            f"plot_lecture4_{_job}"
        input:
            script=script("lecture4/plot_lecture4.py"),
            code=library("lecture4/plot_lecture4.py"),
            data=f"results/lecture4/{_job}.npz",
        output:
            reported(LECTURE4_JOB_FIGURES[_job]),
        log:
            f"logs/lecture4/plot_{_job}.log",
        benchmark:
            f"benchmarks/lecture4/plot_{_job}.tsv"
        group:
            CHEAP
        resources:
            mem_mb=512,
        params:
            figures=figure_options(LECTURE4_JOB_FIGURES[_job]),
        message:
            f"Lecture 4: the figures of {_job}"
        shell:
            "python -u {input.script} --input {input.data} {params.figures} > {log} 2>&1"
