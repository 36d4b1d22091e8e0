"""The records of the UDL notebooks in scope and of the gradient-flow blog, in the report's order.

Each record holds its notebook's figures (names and titles, in the notebook's order), the numbers
it prints, how the reproduction check treats its numbers, and the checks of its config section
that the schema cannot make.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from figrepro.config import arange, key_path
from figrepro.records.model import Check, Notebook, Record, figures_of

UDL_BOOK = "Understanding Deep Learning"


def udl_record(nb: str, name: str, *, figures: tuple[tuple[str, str], ...] = (), **facts: Any) -> Record:
    """Notebook ``nb``'s record: its figures numbered in their order, its section ``udl.<nb>``."""
    source = f"udl/{nb}"
    return Record(source, UDL_BOOK, name, ("udl", nb), figures_of(source, figures, numbered=True), **facts)


HIST_STEPS_18_1 = (0, 5, 10, 20, 40, 80, 100)
KERNEL_STEPS_18_1 = (20, 40, 80)
MARGINAL_STEPS_18_1 = (0, 20, 60)


def _diffusion_samples(what: str) -> tuple[tuple[str, str], ...]:
    return (
        ("samples", f"Fig. 18.7: histogram of samples from the {what}"),
        ("trajectories", f"Fig. 18.7: five reverse-process trajectories of the {what}"),
    )


def _build_up(prefix: str, what: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """Notebooks 3.1 and 3.4 draw a network as fig. 3.3's 3 x 3 build-up, then its output."""
    return (
        (f"{prefix}build_up", f"Fig. 3.3a-i: pre-activations, activations, weighted activations ({what})"),
        (f"{prefix}output", f"Fig. 3.3j: the network's output ({what})"),
    )


def _composed(prefix: str, what: str) -> tuple[tuple[str, str], ...]:
    """Notebook 4.1 draws two networks, then the same again and the second applied to the first."""
    return (
        (prefix, f"Fig. 4.1: {what}"),
        (f"{prefix}_again", f"Fig. 4.1: {what}, again"),
        (f"{prefix}_composition", f"Fig. 4.1: the second fed the first one's output ({what})"),
    )


def _sweep(parameter: str, what: str, n: int) -> tuple[tuple[str, str], ...]:
    """The ``n`` models chapter 5 draws along a sweep of ``parameter`` (every (points // n)-th value)."""
    return tuple(
        (f"{parameter}_sweep_{i}", f"{what}, {parameter} at swept value {i} of {n}") for i in range(1, n + 1)
    )


def _descent(prefix: str, what: str, n: int, book: str = "") -> tuple[tuple[str, str], ...]:
    """An optimiser's run as notebooks 6.2-6.4 draw it: the start, ``n`` drawn steps, the path."""
    return (
        (f"{prefix}_start", f"{book}{what}: the model at the start"),
        *(
            (f"{prefix}_step_{i}", f"{book}{what}: the model at drawn step {i} of {n}")
            for i in range(1, n + 1)
        ),
        (f"{prefix}_path", f"{book}{what}: the path on the loss surface"),
    )


def _descent_end(prefix: str, what: str) -> tuple[tuple[str, str], ...]:
    """Notebook 6.4 draws the start, the end and the path of each optimiser."""
    return (
        (f"{prefix}_start", f"Fig. 6.7: {what}, the model at the start"),
        (f"{prefix}_end", f"Fig. 6.7: {what}, the model after the last step"),
        (f"{prefix}_path", f"Fig. 6.7: {what}, the path on the loss surface"),
    )


REGRESSION = "Mean and +/-2 sigma of the regression network with the training data"
BINARY = "Binary classifier: the network's output and lambda = sig[output] with the labels"


def _section(config: Mapping[str, Any], nb: str) -> Mapping[str, Any]:
    return config.get("udl", {}).get(nb, {})


def _network_shape(nb: str, outputs: int) -> Check:
    """Chapter 5's network: its matrices fit its vectors, and it has the notebook's outputs."""

    def check(config: Mapping[str, Any]) -> Iterator[str]:
        net = _section(config, nb).get("network")
        if net is None:
            return
        where = key_path(["udl", nb, "network"])
        hidden = len(net["beta_0"])
        if len(net["omega_0"]) != hidden:
            yield f"{where}.omega_0: {len(net['omega_0'])} weights for {hidden} hidden units (beta_0)"
        if len(net["beta_1"]) != outputs:
            yield f"{where}.beta_1: this notebook's network has {outputs} output(s), got {len(net['beta_1'])}"
        if len(net["omega_1"]) != len(net["beta_1"]) or any(len(row) != hidden for row in net["omega_1"]):
            yield f"{where}.omega_1: must be {len(net['beta_1'])} rows (beta_1) of {hidden} weights (beta_0)"

    return check


def _sweep_length(nb: str, parameter: str, drawn: int) -> Check:
    """A chapter-5 sweep long enough for the ``drawn`` models its figures show."""

    def check(config: Mapping[str, Any]) -> Iterator[str]:
        grid = _section(config, nb).get(f"{parameter}_sweep")
        if grid is not None and len(arange(grid)) < drawn:
            where = key_path(["udl", nb, f"{parameter}_sweep"])
            yield f"{where}: {drawn} models are drawn along it; give it {drawn} points or more"

    return check


def _equations_shape(config: Mapping[str, Any]) -> Iterator[str]:
    eq = _section(config, "1_1").get("equations")
    if eq is not None and (
        len(eq["omega"]) != len(eq["beta"]) or any(len(r) != len(eq["x"]) for r in eq["omega"])
    ):
        yield 'udl."1_1".equations.omega: must be one row per beta of one slope per x'


def _categorical_example(config: Mapping[str, Any]) -> Iterator[str]:
    example = _section(config, "5_3").get("categorical_example")
    if example is not None and abs(sum(example) - 1) > 1e-9:
        yield f'udl."5_3".categorical_example: probabilities must sum to 1 (got {sum(example):.6g})'


DRAWN_6_2 = 10  # models drawn along notebook 6.2's descent, one per step
DRAWN_6_3 = 6  # models drawn along each of notebook 6.3's descents (every 4th or 8th step)


def _one_figure_per_step(config: Mapping[str, Any]) -> Iterator[str]:
    steps = _section(config, "6_2").get("n_steps")
    if steps is not None and steps != DRAWN_6_2:
        yield f'udl."6_2".n_steps: one figure per step makes {DRAWN_6_2} steps; got {steps}'


def _descents_drawn(config: Mapping[str, Any]) -> Iterator[str]:
    for run in ("line_search", "fixed_step", "sgd"):
        section = _section(config, "6_3").get(run)
        if section is not None:
            drawn = len(range(1, section["n_steps"] + 1, section["draw_every"]))
            if drawn != DRAWN_6_3:
                yield (
                    f'udl."6_3".{run}: n_steps / draw_every draws {drawn} models; '
                    f"the notebook draws {DRAWN_6_3}"
                )


def _bracket_order(config: Mapping[str, Any]) -> Iterator[str]:
    bracket = _section(config, "6_1").get("bracket")
    if bracket is not None and not all(u < v for u, v in itertools.pairwise(bracket)):
        yield f'udl."6_1".bracket: {bracket} must be a < b < c < d'


def _flow_points(config: Mapping[str, Any]) -> Iterator[str]:
    flow = _section(config, "gradient_flow")
    if "x" in flow and "y" in flow and len(flow["x"]) != len(flow["y"]):
        yield f"udl.gradient_flow.y: {len(flow['y'])} values for {len(flow['x'])} points x"


def _table_bins(nb: str) -> Check:
    """Chapter 18's lookup tables: bins that tile [-table_max_abs, table_max_abs] exactly."""

    def check(config: Mapping[str, Any]) -> Iterator[str]:
        sec = _section(config, nb)
        ratio = 2 * sec.get("table_max_abs", 3.0) / sec.get("table_bin_width", 0.01)
        if abs(ratio - round(ratio)) > 1e-6:
            yield (
                f'udl."{nb}".table_bin_width: must divide 2 * table_max_abs '
                f"into a whole number of bins (got {ratio:.6g})"
            )

    return check


def _accelerated_steps(config: Mapping[str, Any]) -> Iterator[str]:
    T3, steps = _section(config, "18_3").get("T"), _section(config, "18_4").get("accelerated_steps")
    if T3 is not None and steps is not None and T3 % steps:
        yield f'udl."18_4".accelerated_steps: {steps} must divide udl."18_3".T = {T3}'


#: notebook 7.1's "true values" of the forward pass, the backward pass and the parameter derivatives
TOY_MODEL_7_1 = {
    "loss": 0.139,
    "f0": 1.230, "h1": 0.942, "f1": 1.623, "h2": 5.068, "f2": 7.137, "h3": 0.657, "f3": 2.372,
    "dl_df3": 0.745, "dl_dh3": 2.234, "dl_df2": -1.683, "dl_dh2": -3.366,
    "dl_df1": -17.060, "dl_dh1": 6.824, "dl_df0": 2.281,
    "dl_dbeta3": 0.745, "dl_domega3": 0.489, "dl_dbeta2": -1.683, "dl_domega2": -8.530,
    "dl_dbeta1": -17.060, "dl_domega1": -16.079, "dl_dbeta0": 2.281, "dl_domega0": 5.246,
}  # fmt: skip


REGRESSION = "Mean and +/-2 sigma of the regression network with the training data"
BINARY = "Binary classifier: the network's output and lambda = sig[output] with the labels"
MULTICLASS = "Three-class classifier: the network's outputs and their softmax with the labels"


GRADIENT_FLOW = udl_record(
    "gradient_flow",
    "Blog: gradient flow",
    figures=(
        ("data", "The data points"),
        ("outputs", "Gradient flow: f at the data points against time"),
        ("residuals", "Gradient flow: residuals f - y against time"),
        ("loss", "Gradient flow: the loss 0.5 sum (f - y)^2 against time"),
        ("parameters", "Gradient flow: slope and intercept against time"),
        ("loss_surface", "Loss over intercept and slope (slope axis inverted) with the path of the flow"),
        ("lines", "The fitted line at five times"),
        *(
            (f"predictive_{i}", f"Predictive mean and band at time {i} of 6, prior on the initial parameters")
            for i in range(1, 7)
        ),
    ),
    job=Notebook("udl_gradient_flow", "udl/udl_gradient_flow.py"),
    checks=(_flow_points,),
)


UDL_1_1 = udl_record(
    "1_1",
    "1.1 Background mathematics",
    figures=(
        ("linear_1d", "A linear function of one input, y = beta + omega x"),
        ("linear_2d", "A linear function of two inputs, y = beta + omega_1 x_1 + omega_2 x_2"),
        ("exp", "The exponential function exp[x] (App. B.1.3)"),
        ("log", "The logarithm log[x] (App. B.1.3)"),
    ),
    job=Notebook("udl_1_1", "udl/udl_1_1_background_mathematics.py"),
    printed={"y1": (-4.5, 3), "y2": (2.9, 3), "y1_matrix_form": (-4.5, 3), "y2_matrix_form": (2.9, 3)},
    checks=(_equations_shape,),
)


UDL_3_1 = udl_record(
    "3_1",
    "3.1 Shallow networks I",
    figures=(
        ("relu", "The rectified linear unit ReLU[z]"),
        *_build_up("", "the shallow network with ReLU activations"),
        *_build_up("experiment_", "the parameters of the notebook's cell for experiments"),
        *_build_up("fit_", "the parameters to fit by hand to the 20 training points, with them"),
    ),
    job=Notebook("udl_3_1", "udl/udl_3_1_shallow_networks.py"),
    printed={"loss": (9.385, 3)},  # "True value = 9.385"
)


UDL_3_4 = udl_record(
    "3_4",
    "3.4 Activation functions",
    figures=(
        *_build_up("relu_", "ReLU activations"),
        ("sigmoid", "The steep logistic sigmoid 1 / (1 + exp(-{sigmoid_slope:g} z))"),
        *_build_up("sigmoid_", "sigmoid activations"),
        ("heaviside", "The Heaviside step function"),
        *_build_up("heaviside_", "Heaviside activations"),
        *_build_up("linear_", "linear activations: a straight line"),
    ),
    job=Notebook("udl_3_4", "udl/udl_3_4_activation_functions.py", metrics=False),
)


UDL_4_1 = udl_record(
    "4_1",
    "4.1 Composing networks",
    figures=(
        *_composed("networks", "the first network (red) and the second (blue)"),
        *_composed("changed_net2", "the second network with phi_1 times {net2_phi1_factor:g}"),
        *_composed("changed_net1", "the first network with phi_1 times {net1_phi1_factor:g}"),
        *_composed("net1_twice", "the first network and a copy of it"),
        ("three_layer_networks", "Fig. 4.1: the first network fed into itself (red) and the second (blue)"),
        (
            "three_layer_composition",
            "Fig. 4.1: the second network of the first fed into itself: three layers",
        ),
    ),
    job=Notebook("udl_4_1", "udl/udl_4_1_composing_networks.py"),
)


UDL_4_3 = udl_record(
    "4_3",
    "4.3 Deep networks",
    figures=(
        ("net1", "The first network of notebook 4.1, unit by unit"),
        ("net1_matrix", "Fig. 4.6: the same network in matrix form (eq. 4.15)"),
        ("composed", "The second network fed the first one's output, unit by unit"),
        ("composed_matrix", "Fig. 4.6: the same composition as one network with two hidden layers"),
    ),
    job=Notebook("udl_4_3", "udl/udl_4_3_deep_networks.py"),
    takes_seed=True,
)


UDL_5_1 = udl_record(
    "5_1",
    "5.1 Least squares loss",
    figures=(
        ("model", f"Figs. 5.4, 5.5b: {REGRESSION}"),
        ("normal_pdf", "The normal density Norm_y[0, 1] (eq. 5.7)"),
        *_sweep("beta1", REGRESSION, 5),
        (
            "beta1_likelihood",
            "Likelihood and NLL (twin axes) and the sum of squares against the offset beta_1",
        ),
        ("best_beta1", f"{REGRESSION}, least squares beta_1"),
        *_sweep("sigma", REGRESSION, 4),
        ("sigma_likelihood", "Likelihood and NLL (twin axes) and the sum of squares, flat, against sigma"),
        ("best_model", f"{REGRESSION}, maximum-likelihood sigma"),
    ),
    job=Notebook("udl_5_1", "udl/udl_5_1_least_squares_loss.py"),
    printed={
        "normal_pdf_example": (0.119, 3),
        "likelihood": (0.000010624, 9),
        "nll": (11.452419564, 9),
        "sum_of_squares": (2.020992572, 9),
        "best_beta1": (0.27, 3),  # the best model's title, beta1=0.270
        "best_sigma": (0.265, 3),  # sigma =0.265
    },
    checks=(_network_shape("5_1", 1), _sweep_length("5_1", "beta1", 5), _sweep_length("5_1", "sigma", 4)),
)


UDL_5_2 = udl_record(
    "5_2",
    "5.2 Binary cross-entropy loss",
    figures=(
        ("model", BINARY),
        *_sweep("beta1", BINARY, 4),
        ("beta1_likelihood", "Bernoulli likelihood and NLL (twin axes) against the offset beta_1"),
        ("best_model", f"{BINARY}, maximum-likelihood beta_1"),
    ),
    job=Notebook("udl_5_2", "udl/udl_5_2_binary_cross_entropy.py"),
    printed={
        "bernoulli_example_y0": (0.8, 3),
        "bernoulli_example_y1": (0.2, 3),
        "likelihood": (0.000070237, 9),
        "nll": (9.563639387, 9),
        "best_beta1": (1.6, 3),
    },
    checks=(_network_shape("5_2", 1), _sweep_length("5_2", "beta1", 4)),
)


UDL_5_3 = udl_record(
    "5_3",
    "5.3 Multiclass cross-entropy loss",
    figures=(
        ("model", MULTICLASS),
        *_sweep("beta1", MULTICLASS, 4),
        ("beta1_likelihood", "Categorical likelihood and NLL (twin axes) against the offset beta_1[0]"),
        ("best_model", f"{MULTICLASS}, maximum-likelihood beta_1[0]"),
    ),
    job=Notebook("udl_5_3", "udl/udl_5_3_multiclass_cross_entropy.py"),
    printed={"likelihood": (0.000000041, 9), "nll": (17.015457867, 9), "best_beta1_0": (0.6, 3)},
    checks=(_network_shape("5_3", 3), _sweep_length("5_3", "beta1", 4), _categorical_example),
)


UDL_6_1 = udl_record(
    "6_1",
    "6.1 Line search",
    figures=(
        ("loss", "Fig. 6.10: the loss L[phi] to minimise by line search"),
        *(
            (f"iteration_{i}", f"Fig. 6.10: line search, the bracket [a, d] and a, b, c, d at iteration {i}")
            for i in range(1, 11)
        ),
    ),
    job=Notebook("udl_6_1", "udl/udl_6_1_line_search.py"),
    checks=(_bracket_order,),
)


UDL_6_2 = udl_record(
    "6_2",
    "6.2 Gradient descent",
    figures=(
        ("initial_model", "The 12 training points and the line at the initial parameters"),
        ("loss_surface", "Fig. 6.1: least squares loss over intercept and slope (slope axis inverted)"),
        ("start", "Fig. 6.1: gradient descent with line search, the line at the start"),
        *(
            (f"iteration_{i}", f"Fig. 6.1: gradient descent with line search, iteration {i}")
            for i in range(1, 11)
        ),
        ("path", "Fig. 6.1: the path of gradient descent on the loss surface"),
    ),
    job=Notebook("udl_6_2", "udl/udl_6_2_gradient_descent.py"),
    printed={
        "initial_loss": (12.367, 3),  # "Correct loss = 12.367"
        "gradient": ([-21.904, -26.840], 3),  # "Your gradients: (%3.3f,%3.3f)"
        "gradient_finite_difference": ([-21.903, -26.839], 3),
    },
    title_numbers={"losses": (0, 5.020125, 6)},  # "Initial parameters, Loss = 5.020125"
    checks=(_one_figure_per_step,),
)


UDL_6_3 = udl_record(
    "6_3",
    "6.3 Stochastic gradient descent",
    figures=(
        ("initial_model", "The Gabor model at the initial parameters and its 30 training points"),
        ("loss_surface", "Fig. 6.5: least squares loss of the Gabor model over offset and frequency"),
        *_descent("line_search", "gradient descent with line search", DRAWN_6_3, "Fig. 6.5: "),
        *_descent("fixed_step", "gradient descent with a fixed step", DRAWN_6_3, "Fig. 6.5: "),
        *_descent("sgd", "stochastic gradient descent", DRAWN_6_3, "Fig. 6.5: "),
    ),
    job=Notebook("udl_6_3", "udl/udl_6_3_stochastic_gradient_descent.py"),
    seeds_generator=True,
    printed={
        "initial_loss": (16.419, 3),
        "gradient_at_start": ([3.344, 0.519], 3),
        "gradient_at_start_finite_difference": ([3.344, 0.519], 3),
    },
    checks=(_descents_drawn,),
)


UDL_6_4 = udl_record(
    "6_4",
    "6.4 Momentum",
    figures=(
        ("initial_model", "The Gabor model at the initial parameters and its 30 training points"),
        ("loss_surface", "Least squares loss of the Gabor model over offset and frequency"),
        *_descent_end("sgd", "stochastic gradient descent"),
        *_descent_end("momentum", "SGD with momentum (eq. 6.11)"),
        *_descent_end("nesterov", "SGD with Nesterov momentum"),
    ),
    job=Notebook("udl_6_4", "udl/udl_6_4_momentum.py"),
    seeds_generator=True,
    printed={"initial_loss": (12.766467, 6)},  # the first title, "Loss = %f"
)


UDL_6_5 = udl_record(
    "6_5",
    "6.5 Adam",
    figures=(
        ("gd_small_step", "Fig. 6.9: gradient descent with a small step on an elongated bowl"),
        ("gd_large_step", "Fig. 6.9: gradient descent with a large step, oscillating across the bowl"),
        ("normalized", "Fig. 6.9: normalised gradients (eqs. 6.13-6.14)"),
        ("adam", "Fig. 6.9: Adam (eqs. 6.15-6.17)"),
    ),
    job=Notebook("udl_6_5", "udl/udl_6_5_adam.py"),
    rounding={
        "final_phi_gd_large_step": (
            5e-4,
            "a step of 1 overshoots the steep direction, so the path bounces and an ulp in the loss "
            "(1e-11 in its finite-difference gradient) grows a millionfold in 40 steps: up to 4.3e-5 "
            "(AVX2 against AVX-512: 1.2e-5)",
        )
    },
)


UDL_7_1 = udl_record(
    "7_1",
    "7.1 Backpropagation in a toy model",
    job=Notebook("udl_7_1", "udl/udl_7_1_backpropagation.py"),
    printed={key: (value, 3) for key, value in TOY_MODEL_7_1.items()},
)


UDL_9_2 = udl_record(
    "9_2",
    "9.2 Implicit regularization",
    figures=(
        (
            "paths",
            "Fig. 9.3: the loss, the continuous flow (blue) and gradient descent with a finite step (red)",
        ),
        ("regularizer", "Fig. 9.3: the implicit regulariser alpha/4 |dL/dphi|^2"),
        ("regularized_loss", "Fig. 9.3: the loss plus the implicit regulariser"),
        (
            "regularized_paths",
            "Fig. 9.3: the flow on the regularised loss (blue) follows the finite steps (red)",
        ),
    ),
    job=Notebook("udl_9_2", "udl/udl_9_2_implicit_regularization.py"),
    rounding={
        "end_continuous_regularized": (
            3e-8,
            "10,000 steps down a finite difference of a finite difference, where an ulp in the loss becomes "
            "~1e-6 in the gradient (1e-16 / delta^2): up to 2.5e-9 (AVX2 against AVX-512: 3e-10)",
        )
    },
)


UDL_9_4 = udl_record(
    "9_4",
    "9.4 Bayesian approach",
    figures=(
        ("data", "Fig. 9.11: the true function +/-2 sigma and the {n_data} noisy points"),
        ("posterior_mean", "Fig. 9.11: the model at the posterior mean of its parameters"),
        ("sample_1", "Fig. 9.11: the model at a sample of the posterior"),
        ("sample_2", "Fig. 9.11: the model at a second sample of the posterior"),
        ("predictive", "Fig. 9.11: the predictive mean +/-2 sd"),
    ),
    job=Notebook("udl_9_4", "udl/udl_9_4_bayesian_approach.py"),
    seeds_generator=True,
)


UDL_16_3 = udl_record(
    "16_3",
    "16.3 Contraction mappings",
    figures=(
        ("f", "Like fig. 16.9: a contraction mapping f[z] and the identity"),
        ("f_fixed_point", "Like fig. 16.9: f[z] and its fixed point, found by iteration"),
        ("f2", "A second contraction, decreasing"),
        ("f2_fixed_point", "The second contraction and its fixed point, found by iteration"),
        ("f3", "A map that is not a contraction (slope above 1)"),
        ("f3_iterates", "The third map and where iteration ends: it finds no fixed point"),
        ("inverse", "Like fig. 16.9: z + f[z], y - f[z] and the z that maps to y, by iteration"),
    ),
    job=Notebook("udl_16_3", "udl/udl_16_3_contraction_mappings.py"),
)


UDL_21_1 = udl_record(
    "21_1",
    "21.1 Bias mitigation",
    figures=(
        ("frequencies", "Credit scores of those who defaulted and who repaid, blue and yellow populations"),
        ("roc_threshold_0", "Fig. 21.2: ROC curves of both populations, one threshold 0 for both"),
        ("roc_parity", "Fig. 21.2: demographic parity, P(loan) = {parity_target:g}, thresholds {thresholds}"),
        (
            "roc_opportunity",
            "Fig. 21.2: equal opportunity, TPR = {opportunity_target:g}, thresholds {thresholds}",
        ),
    ),
    job=Notebook("udl_21_1", "udl/udl_21_1_bias_mitigation.py"),
)


UDL_17_1 = udl_record(
    "17_1",
    "17.1 Latent variable models",
    figures=(
        ("latent_curve", "Fig. 17.2: the curve (z, f[z]) in 3-D, opacity Pr(z)"),
        ("likelihood", "Fig. 17.3b: likelihood Pr(x1,x2|z={likelihood_z:g})"),
        ("data_density", "Fig. 17.3: data density Pr(x1,x2), integrated over z"),
        ("density_samples", "Data density Pr(x1,x2) with ancestral samples"),
        ("posterior", "Posterior Pr(z|x1={posterior_x[0]:g},x2={posterior_x[1]:g})"),
    ),
    takes_seed=True,
    rules=("udl_17_1_integrals", "plot_udl_17_1"),
)


UDL_17_2 = udl_record(
    "17_2",
    "17.2 Reparameterization trick",
    figures=(
        ("expectation", "E[f[x]] under Norm(phi^3, exp(phi)^2) against phi"),
        ("reparam_gradient", "dE/dphi by the reparameterization trick against phi"),
        ("score_gradient", "dE/dphi by the score function (REINFORCE) against phi"),
    ),
    seeds_generator=True,
    rules=("udl_17_2_montecarlo", "plot_udl_17_2"),
)


UDL_17_3 = udl_record(
    "17_3",
    "17.3 Importance sampling",
    figures=(
        ("f1_and_prior", "f1[y] = exp(-(y-1)^4) and Pr(y) = Norm(0,1)"),
        ("f1_estimates", "First function: mean and 2 sd of the estimate against sample count"),
        ("f2_and_prior", "f2[y] = 20.446 exp(-(y-3)^4) and Pr(y)"),
        ("f1_estimates_common_scale", "First function: estimates on the common y range"),
        ("f2_estimates", "Second function: estimates on the common y range"),
        ("f1_estimates_again", "First function, beside importance sampling"),
        ("f2_estimates_again", "Second function, beside importance sampling"),
        ("f2_importance", "Second function with importance sampling from q(y) = Norm({proposal_mean:g},1)"),
    ),
    seeds_generator=True,
    rules=("udl_17_3_montecarlo", "plot_udl_17_3"),
)


UDL_18_1 = udl_record(
    "18_1",
    "18.1 Diffusion encoder",
    figures=(
        ("true_pdf", "Data density: a mixture of four Gaussians"),
        ("forward_trajectories", "Fig. 18.2: five forward-diffusion trajectories"),
        *((f"histogram_t{t:03d}", f"Fig. 18.2: histogram of z_t at t={t}") for t in HIST_STEPS_18_1),
        ("kernel", "Fig. 18.3: diffusion kernel q(z_t|x={kernel_x:g}) for t=0..{T}, +/-2 sd, 5 paths"),
        *(
            (f"kernel_t{t:03d}", f"Fig. 18.3: diffusion kernel q(z_{t}|x={{kernel_x:g}})")
            for t in KERNEL_STEPS_18_1
        ),
        ("marginals", "Fig. 18.4: diffusion marginals q(z_t) for t=0..{T}"),
        *((f"marginal_t{t:03d}", f"Fig. 18.4: marginal q(z_{t})") for t in MARGINAL_STEPS_18_1),
    ),
    job=Notebook("udl_18_1", "udl/udl_18_1_diffusion_encoder.py"),
    seeds_generator=True,
)


UDL_18_2 = udl_record(
    "18_2",
    "18.2 1D diffusion model",
    figures=(
        ("true_pdf", "Data density: a mixture of four Gaussians"),
        *_diffusion_samples("mean-predicting lookup model (eqs. 18.15-18.16)"),
    ),
    takes_seed=True,
    checks=(_table_bins("18_2"),),
    rules=("udl_18_train_tables", "udl_18_sample_reverse", "plot_udl_18_2"),
)


UDL_18_3 = udl_record(
    "18_3",
    "18.3 Reparameterized model",
    figures=(
        ("true_pdf", "Data density: a mixture of four Gaussians"),
        *_diffusion_samples("noise-predicting lookup model (Alg. 18.2)"),
    ),
    takes_seed=True,
    checks=(_table_bins("18_3"),),
    rules=("udl_18_train_tables", "udl_18_sample_reverse", "plot_udl_18_3"),
)


UDL_18_4 = udl_record(
    "18_4",
    "18.4 Families of diffusion models",
    figures=(
        ("true_pdf", "Data density: a mixture of four Gaussians"),
        ("ddim_samples", "Fig. 18.10: histogram of DDIM samples (sigma={ddim_sigma:g})"),
        ("ddim_trajectories", "Fig. 18.10: five DDIM trajectories"),
        ("accelerated_samples", "Fig. 18.10: histogram of samples from the {accelerated_steps}-step sampler"),
        ("accelerated_trajectories", "Fig. 18.10: five trajectories of the {accelerated_steps}-step sampler"),
    ),
    reads=(("udl", "18_3"),),  # 18.4 samples with the tables trained for 18.3
    takes_seed=True,
    checks=(_accelerated_steps,),
    rules=("udl_18_4_sample", "plot_udl_18_4"),
)


RECORDS: tuple[Record, ...] = (
    GRADIENT_FLOW,
    UDL_1_1,
    UDL_3_1,
    UDL_3_4,
    UDL_4_1,
    UDL_4_3,
    UDL_5_1,
    UDL_5_2,
    UDL_5_3,
    UDL_6_1,
    UDL_6_2,
    UDL_6_3,
    UDL_6_4,
    UDL_6_5,
    UDL_7_1,
    UDL_9_2,
    UDL_9_4,
    UDL_16_3,
    UDL_21_1,
    UDL_17_1,
    UDL_17_2,
    UDL_17_3,
    UDL_18_1,
    UDL_18_2,
    UDL_18_3,
    UDL_18_4,
)
