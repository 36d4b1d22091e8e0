# UDL notebooks whose numbers cost a second or less: one job each computes the notebook's numbers
# (results/udl/<id>/metrics.json) and draws its figures, since a second job would cost more in
# Python start-up than the work it does. Chapters 1-9, 16, 21 and the gradient-flow blog.

CHEAP_NOTEBOOKS = {  # id -> (script, writes metrics, takes the top-level seed)
    "1_1": ("udl/udl_1_1_background_mathematics.py", True, False),
    "3_1": ("udl/udl_3_1_shallow_networks.py", True, False),
    "3_4": ("udl/udl_3_4_activation_functions.py", False, False),
    "4_1": ("udl/udl_4_1_composing_networks.py", True, False),
    "4_3": ("udl/udl_4_3_deep_networks.py", True, True),
    "5_1": ("udl/udl_5_1_least_squares_loss.py", True, False),
    "5_2": ("udl/udl_5_2_binary_cross_entropy.py", True, False),
    "5_3": ("udl/udl_5_3_multiclass_cross_entropy.py", True, False),
    "6_1": ("udl/udl_6_1_line_search.py", True, False),
    "6_2": ("udl/udl_6_2_gradient_descent.py", True, False),
    "6_3": ("udl/udl_6_3_stochastic_gradient_descent.py", True, False),
    "6_4": ("udl/udl_6_4_momentum.py", True, False),
    "6_5": ("udl/udl_6_5_adam.py", True, False),
    "7_1": ("udl/udl_7_1_backpropagation.py", True, False),
    "9_2": ("udl/udl_9_2_implicit_regularization.py", True, False),
    "9_4": ("udl/udl_9_4_bayesian_approach.py", True, False),
    "16_3": ("udl/udl_16_3_contraction_mappings.py", True, False),
    "21_1": ("udl/udl_21_1_bias_mitigation.py", True, False),
    "gradient_flow": ("udl/udl_gradient_flow.py", True, False),
}
CHEAP_METRICS = [f"results/udl/{nb}/metrics.json" for nb, (_, m, _) in CHEAP_NOTEBOOKS.items() if m]


def cheap_notebook_options(nb):
    """The script's options for what it writes (and its seed)."""
    _, metrics, seeded = CHEAP_NOTEBOOKS[nb]
    options = [f"--metrics results/udl/{nb}/metrics.json"] if metrics else []
    if UDL_FIGURES.get(nb):
        options.append(figure_options(UDL_FIGURES[nb]))
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
        log:
            f"logs/udl/{_nb}/notebook.log",
        benchmark:
            f"benchmarks/udl/{_nb}/notebook.tsv"
        group:
            CHEAP
        resources:
            mem_mb=512,
        params:
            section=section("udl", _nb),
            options=cheap_notebook_options(_nb),
        shell:
            "python -u {input.script} --params {params.section:q} {params.options} > {log} 2>&1"
