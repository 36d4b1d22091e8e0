# UDL notebooks whose numbers and figures cost well under a second: one job each computes the
# notebook's numbers (results/udl/<id>/metrics.json) and draws its figures, since a second job
# would cost more in Python start-up than the work it does. Chapters 1, 3, 4, 5 and 7.

CHEAP_NOTEBOOKS = {  # id -> (script, writes metrics, takes the top-level seed)
    "1_1": ("udl/udl_1_1_background_mathematics.py", True, False),
    "3_1": ("udl/udl_3_1_shallow_networks.py", True, False),
    "3_4": ("udl/udl_3_4_activation_functions.py", False, False),
    "4_1": ("udl/udl_4_1_composing_networks.py", True, False),
    "4_3": ("udl/udl_4_3_deep_networks.py", True, True),
    "5_1": ("udl/udl_5_1_least_squares_loss.py", True, False),
    "5_2": ("udl/udl_5_2_binary_cross_entropy.py", True, False),
    "5_3": ("udl/udl_5_3_multiclass_cross_entropy.py", True, False),
    "7_1": ("udl/udl_7_1_backpropagation.py", True, False),
}
CHEAP_METRICS = [f"results/udl/{nb}/metrics.json" for nb, (_, m, _) in CHEAP_NOTEBOOKS.items() if m]


def cheap_notebook_options(nb):
    """The script's options for what it writes (and its seed)."""
    _, metrics, seeded = CHEAP_NOTEBOOKS[nb]
    options = [f"--metrics results/udl/{nb}/metrics.json"] if metrics else []
    if UDL_FIGURES.get(nb):
        options.append(f"--out-dir figures/udl/{nb} {plot_options()}")
    if seeded:
        options.append(f"--seed {config['seed']}")
    return " ".join(options)


for _nb, (_script, _metrics, _seeded) in CHEAP_NOTEBOOKS.items():

    rule:
        name:
            f"udl_{_nb}"
        input:
            script=script(_script),
            code=library(_script),
        output:
            [*udl_figures(_nb), *([f"results/udl/{_nb}/metrics.json"] if _metrics else [])],
        params:
            section=section("udl", _nb),
            options=cheap_notebook_options(_nb),
        log:
            f"logs/udl/{_nb}/notebook.log",
        benchmark:
            f"benchmarks/udl/{_nb}/notebook.tsv"
        threads: 1
        resources:
            mem_mb=512,
        shell:
            "{PY} {input.script} --params {params.section:q} {params.options} > {log} 2>&1"
