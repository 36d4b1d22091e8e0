# The UDL notebooks whose numbers cost a second or less (chapters 1-9, 16, 18.1, 21 and the gradient-flow
# blog): one job each computes the notebook's numbers (results/udl/<id>/metrics.json) and draws its
# figures, since a second job would cost more in Python start-up than the work it does. Each job is
# its record's `job` (figrepro/records/udl.py): the rule's name, the script, whether it writes metrics.
from figrepro.records import one_job_notebooks

ONE_JOB_NOTEBOOKS = one_job_notebooks()
CHEAP_METRICS = [record.metrics_file for record in ONE_JOB_NOTEBOOKS if record.metrics_file]


def notebook_message(record):
    """What the console says of the job: the notebook and what it writes."""
    made = [
        *(["numbers"] if record.metrics_file else []),
        *([f"{len(record.figures)} figures"] if record.figures else []),
    ]
    return f"{record.name}: {' and '.join(made)}"


def notebook_options(record):
    """The script's options for what it writes (and its seed)."""
    options = [f"--metrics {record.metrics_file}"] if record.metrics_file else []
    if record.figures:
        options.append(figure_options(record.figures))
    if record.takes_seed:
        options.append(f"--seed {config['seed']}")
    return " ".join(options)


for _record in ONE_JOB_NOTEBOOKS:

    rule:
        name:
            _record.job.rule
        input:
            script=script(_record.job.script),
            code=library(_record.job.script),
        output:
            [*reported(_record.figures), *([_record.metrics_file] if _record.metrics_file else [])],
        log:
            f"logs/{_record.source}/notebook.log",
        benchmark:
            f"benchmarks/{_record.source}/notebook.tsv"
        group:
            NOTEBOOKS
        resources:
            mem_mb=512,
        params:
            section=section(*_record.config),
            options=notebook_options(_record),
        message:
            notebook_message(_record)
        shell:
            "python -u {input.script} --params {params.section:q} {params.options} > {log} 2>&1"
