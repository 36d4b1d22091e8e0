"""Every figure the pipeline draws: its source, the name its script draws it under, its place in
the source's order (which numbers a notebook's files) and its title.

The workflow reads this table and hands each script its figures' paths by name
(``--figure NAME=PATH``); the scripts never import it, so editing a title rewrites the manifest
and the captions and reruns no compute job.
"""

from __future__ import annotations

from dataclasses import dataclass

from figrepro.config import DESCENT_FIGURES, SWEEP_MODELS

HIST_STEPS_18_1 = (0, 5, 10, 20, 40, 80, 100)
KERNEL_STEPS_18_1 = (20, 40, 80)
MARGINAL_STEPS_18_1 = (0, 20, 60)


@dataclass(frozen=True)
class Figure:
    source: str  # "udl/17_1", "lecture4", ...
    name: str  # what its script draws it as: "latent_curve"
    title: str
    ext: str | None = None  # a fixed file type (the lecture's own file names), else figures.format
    number: int | None = None  # its place in a UDL notebook, which starts its file's name

    @property
    def slug(self) -> str:
        """The file's name without its type: ``01_latent_curve`` in a notebook, else the name."""
        return self.name if self.number is None else f"{self.number:02d}_{self.name}"

    def path(self, fmt: str) -> str:
        folder = self.source  # udl/<id> or the source name
        return f"figures/{folder}/{self.slug}.{self.ext or fmt}"


def _udl(nb: str, *entries: tuple[str, str]) -> list[Figure]:
    return [Figure(f"udl/{nb}", name, title, number=i) for i, (name, title) in enumerate(entries, 1)]


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


def _sweep(nb: str, parameter: str, what: str) -> tuple[tuple[str, str], ...]:
    n = SWEEP_MODELS[nb, parameter]
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
MULTICLASS = "Three-class classifier: the network's outputs and their softmax with the labels"

UDL_FIGURES: dict[str, list[Figure]] = {
    "gradient_flow": _udl(
        "gradient_flow",
        ("data", "The three data points"),
        ("outputs", "Gradient flow: f at the three data points against time"),
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
    "1_1": _udl(
        "1_1",
        ("linear_1d", "A linear function of one input, y = beta + omega x"),
        ("linear_2d", "A linear function of two inputs, y = beta + omega_1 x_1 + omega_2 x_2"),
        ("exp", "The exponential function exp[x] (App. B.1.3)"),
        ("log", "The logarithm log[x] (App. B.1.3)"),
    ),
    "3_1": _udl(
        "3_1",
        ("relu", "The rectified linear unit ReLU[z]"),
        *_build_up("", "the shallow network with ReLU activations"),
        *_build_up("experiment_", 'parameters udl."3_1".experiment'),
        *_build_up("fit_", 'parameters udl."3_1".fit, with the 20 training points'),
    ),
    "3_4": _udl(
        "3_4",
        *_build_up("relu_", "ReLU activations"),
        ("sigmoid", "The steep logistic sigmoid 1 / (1 + exp(-10 z))"),
        *_build_up("sigmoid_", "sigmoid activations"),
        ("heaviside", "The Heaviside step function"),
        *_build_up("heaviside_", "Heaviside activations"),
        *_build_up("linear_", "linear activations: a straight line"),
    ),
    "4_1": _udl(
        "4_1",
        *_composed("networks", "the first network (red) and the second (blue)"),
        *_composed("changed_net2", 'the second network with phi_1 times udl."4_1".net2_phi1_factor'),
        *_composed("changed_net1", 'the first network with phi_1 times udl."4_1".net1_phi1_factor'),
        *_composed("net1_twice", "the first network and a copy of it"),
        ("three_layer_networks", "Fig. 4.1: the first network fed into itself (red) and the second (blue)"),
        (
            "three_layer_composition",
            "Fig. 4.1: the second network of the first fed into itself: three layers",
        ),
    ),
    "4_3": _udl(
        "4_3",
        ("net1", "The first network of notebook 4.1, unit by unit"),
        ("net1_matrix", "Fig. 4.6: the same network in matrix form (eq. 4.15)"),
        ("composed", "The second network fed the first one's output, unit by unit"),
        ("composed_matrix", "Fig. 4.6: the same composition as one network with two hidden layers"),
    ),
    "5_1": _udl(
        "5_1",
        ("model", f"Figs. 5.4, 5.5b: {REGRESSION}"),
        ("normal_pdf", "The normal density Norm_y[0, 1] (eq. 5.7)"),
        *_sweep("5_1", "beta1", REGRESSION),
        (
            "beta1_likelihood",
            "Likelihood and NLL (twin axes) and the sum of squares against the offset beta_1",
        ),
        ("best_beta1", f"{REGRESSION}, least squares beta_1"),
        *_sweep("5_1", "sigma", REGRESSION),
        ("sigma_likelihood", "Likelihood and NLL (twin axes) and the sum of squares, flat, against sigma"),
        ("best_model", f"{REGRESSION}, maximum-likelihood sigma"),
    ),
    "5_2": _udl(
        "5_2",
        ("model", BINARY),
        *_sweep("5_2", "beta1", BINARY),
        ("beta1_likelihood", "Bernoulli likelihood and NLL (twin axes) against the offset beta_1"),
        ("best_model", f"{BINARY}, maximum-likelihood beta_1"),
    ),
    "5_3": _udl(
        "5_3",
        ("model", MULTICLASS),
        *_sweep("5_3", "beta1", MULTICLASS),
        ("beta1_likelihood", "Categorical likelihood and NLL (twin axes) against the offset beta_1[0]"),
        ("best_model", f"{MULTICLASS}, maximum-likelihood beta_1[0]"),
    ),
    "6_1": _udl(
        "6_1",
        ("loss", "Fig. 6.10: the loss L[phi] to minimise by line search"),
        *(
            (f"iteration_{i}", f"Fig. 6.10: line search, the bracket [a, d] and a, b, c, d at iteration {i}")
            for i in range(1, 11)
        ),
    ),
    "6_2": _udl(
        "6_2",
        ("initial_model", "The 12 training points and the line at the initial parameters"),
        ("loss_surface", "Fig. 6.1: least squares loss over intercept and slope (slope axis inverted)"),
        ("start", "Fig. 6.1: gradient descent with line search, the line at the start"),
        *(
            (f"iteration_{i}", f"Fig. 6.1: gradient descent with line search, iteration {i}")
            for i in range(1, 11)
        ),
        ("path", "Fig. 6.1: the path of gradient descent on the loss surface"),
    ),
    "6_3": _udl(
        "6_3",
        ("initial_model", "The Gabor model at the initial parameters and its 30 training points"),
        ("loss_surface", "Fig. 6.5: least squares loss of the Gabor model over offset and frequency"),
        *_descent("line_search", "gradient descent with line search", DESCENT_FIGURES["6_3"], "Fig. 6.5: "),
        *_descent("fixed_step", "gradient descent with a fixed step", DESCENT_FIGURES["6_3"], "Fig. 6.5: "),
        *_descent("sgd", "stochastic gradient descent", DESCENT_FIGURES["6_3"], "Fig. 6.5: "),
    ),
    "6_4": _udl(
        "6_4",
        ("initial_model", "The Gabor model at the initial parameters and its 30 training points"),
        ("loss_surface", "Least squares loss of the Gabor model over offset and frequency"),
        *_descent_end("sgd", "stochastic gradient descent"),
        *_descent_end("momentum", "SGD with momentum (eq. 6.11)"),
        *_descent_end("nesterov", "SGD with Nesterov momentum"),
    ),
    "6_5": _udl(
        "6_5",
        ("gd_small_step", "Fig. 6.9: gradient descent with a small step on an elongated bowl"),
        ("gd_large_step", "Fig. 6.9: gradient descent with a large step, oscillating across the bowl"),
        ("normalized", "Fig. 6.9: normalised gradients (eqs. 6.13-6.14)"),
        ("adam", "Fig. 6.9: Adam (eqs. 6.15-6.17)"),
    ),
    "9_2": _udl(
        "9_2",
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
    "9_4": _udl(
        "9_4",
        ("data", "Fig. 9.11: the true function +/-2 sigma and the 15 noisy points"),
        ("posterior_mean", "Fig. 9.11: the model at the posterior mean of its parameters"),
        ("sample_1", "Fig. 9.11: the model at a sample of the posterior"),
        ("sample_2", "Fig. 9.11: the model at a second sample of the posterior"),
        ("predictive", "Fig. 9.11: the predictive mean +/-2 sd"),
    ),
    "16_3": _udl(
        "16_3",
        ("f", "Like fig. 16.9: a contraction mapping f[z] and the identity"),
        ("f_fixed_point", "Like fig. 16.9: f[z] and its fixed point, found by iteration"),
        ("f2", "A second contraction, decreasing"),
        ("f2_fixed_point", "The second contraction and its fixed point, found by iteration"),
        ("f3", "A map that is not a contraction (slope above 1)"),
        ("f3_iterates", "The third map and where iteration ends: it finds no fixed point"),
        ("inverse", "Like fig. 16.9: z + f[z], y - f[z] and the z that maps to y, by iteration"),
    ),
    "21_1": _udl(
        "21_1",
        ("frequencies", "Credit scores of those who defaulted and who repaid, blue and yellow populations"),
        ("roc_threshold_0", "Fig. 21.2: ROC curves of both populations, one threshold 0 for both"),
        ("roc_parity", 'Fig. 21.2: thresholds for demographic parity (udl."21_1".thresholds)'),
        ("roc_opportunity", 'Fig. 21.2: thresholds for equal opportunity (udl."21_1".thresholds)'),
    ),
    "17_1": _udl(
        "17_1",
        ("latent_curve", "Fig. 17.2: the curve (z, f[z]) in 3-D, opacity Pr(z)"),
        ("likelihood", "Fig. 17.3b: likelihood Pr(x1,x2|z=1.8)"),
        ("data_density", "Fig. 17.3: data density Pr(x1,x2), integrated over z"),
        ("density_samples", "Data density Pr(x1,x2) with ancestral samples"),
        ("posterior", "Posterior Pr(z|x1=0.9,x2=-0.9)"),
    ),
    "17_2": _udl(
        "17_2",
        ("expectation", "E[f[x]] under Norm(phi^3, exp(phi)^2) against phi"),
        ("reparam_gradient", "dE/dphi by the reparameterization trick against phi"),
        ("score_gradient", "dE/dphi by the score function (REINFORCE) against phi"),
    ),
    "17_3": _udl(
        "17_3",
        ("f1_and_prior", "f1[y] = exp(-(y-1)^4) and Pr(y) = Norm(0,1)"),
        ("f1_estimates", "First function: mean and 2 sd of the estimate against sample count"),
        ("f2_and_prior", "f2[y] = 20.446 exp(-(y-3)^4) and Pr(y)"),
        ("f1_estimates_common_scale", "First function: estimates on the common y range"),
        ("f2_estimates", "Second function: estimates on the common y range"),
        ("f1_estimates_again", "First function, beside importance sampling"),
        ("f2_estimates_again", "Second function, beside importance sampling"),
        ("f2_importance", "Second function with importance sampling from q(y) = Norm(3,1)"),
    ),
    "18_1": _udl(
        "18_1",
        ("true_pdf", "Data density: a mixture of four Gaussians"),
        ("forward_trajectories", "Fig. 18.2: five forward-diffusion trajectories"),
        *((f"histogram_t{t:03d}", f"Fig. 18.2: histogram of z_t at t={t}") for t in HIST_STEPS_18_1),
        ("kernel", "Fig. 18.3: diffusion kernel q(z_t|x=-2) for t=0..100, +/-2 sd, 5 paths"),
        *((f"kernel_t{t:03d}", f"Fig. 18.3: diffusion kernel q(z_{t}|x=-2)") for t in KERNEL_STEPS_18_1),
        ("marginals", "Fig. 18.4: diffusion marginals q(z_t) for t=0..100"),
        *((f"marginal_t{t:03d}", f"Fig. 18.4: marginal q(z_{t})") for t in MARGINAL_STEPS_18_1),
    ),
    "18_2": _udl(
        "18_2",
        ("true_pdf", "Data density: a mixture of four Gaussians"),
        *_diffusion_samples("mean-predicting lookup model (eqs. 18.15-18.16)"),
    ),
    "18_3": _udl(
        "18_3",
        ("true_pdf", "Data density: a mixture of four Gaussians"),
        *_diffusion_samples("noise-predicting lookup model (Alg. 18.2)"),
    ),
    "18_4": _udl(
        "18_4",
        ("true_pdf", "Data density: a mixture of four Gaussians"),
        ("ddim_samples", "Fig. 18.10: histogram of DDIM samples (sigma=0.001)"),
        ("ddim_trajectories", "Fig. 18.10: five DDIM trajectories"),
        ("accelerated_samples", "Fig. 18.10: histogram of samples from the 20-step sampler"),
        ("accelerated_trajectories", "Fig. 18.10: five trajectories of the 20-step sampler"),
    ),
}


VAE_FIGURES: list[Figure] = [
    Figure("vae", slug, title)
    for slug, title in (
        ("training_curve", "ELBO per epoch on the training and test sets"),
        ("elbo_train_test", "Per-image ELBO of the training and test sets, with the set means"),
        ("log_px_vs_elbo", "log p(x) by integration over the latent grid against the ELBO, test images"),
        ("samples", "Samples of the generative model: p(x|z) and a binary x ~ p(x|z), z ~ p(z)"),
        ("reconstructions", "Reconstructions: input x, p(x~|z) with z ~ q(z|x), a sample x~"),
        ("latent_embedding", "Means of q(z|x) for the training digits, coloured by class"),
        ("lattice", "p(x|z) on a lattice of z at prior quantiles (Kingma & Welling fig. 4b)"),
        ("interpolations", "p(x|z) along straight lines between the encoder means of digit pairs"),
        ("posterior", "True posterior p(z|x) on a grid with q(z|x) contours, one test image"),
        ("posterior_top_half", "True posterior p(z|x_top) given the top half of a digit"),
        ("svi_top_half", "Gaussian q(z) fitted to p(z|x_top) by SVI, over the true posterior"),
        ("completions", "The top half above the bottom half of p(x|z), z ~ the SVI fit"),
        ("gradient_estimators", "Reparameterization and score-function estimates of dELBO/dmu_1"),
    )
]


#: the lecture's figures under the file names it saves them as (plus its unsaved transform check),
#: by the computation job whose results they draw
_LECTURE4: dict[str, tuple[tuple[str, str, str], ...]] = {
    "constraints": (
        ("constrained_derivative", "pdf", "Beta(2,2) density on [-1,2] and its derivative by autograd"),
        ("constraints_log", "png", "X ~ Gamma(1,1) and Y = log X: the map, p_X and p_Y"),
        ("transform_check", "png", "p_Y of Y = log X two ways: transform + log|det J|, and by hand"),
        ("constraints_sigmoid", "png", "X ~ Beta(2,3) and Y = logit X: the map, p_X and p_Y"),
        ("constraints_linear", "png", "X ~ Uniform(1,4) and Y = (X-a)/(b-a): the map, p_X and p_Y"),
    ),
    "kl": (
        ("kl_mixture_compute", "png", "P = 0.4 N(-1,0.75^2) + 0.6 N(4,0.5^2) and N(0,1)"),
        ("kl_mode_seeking", "png", "P and the Gaussian Q minimising KL(Q||P)"),
        ("kl_mass_covering", "png", "P and the Gaussian Q minimising KL(P||Q)"),
    ),
    "coin": (
        ("vi_coin_posterior", "png", "Coin model: exact posterior and Q fitted by KL(Q||P), logit and theta"),
        ("vi_coin_model_elbo", "png", "Coin model: exact posterior and Q fitted by maximising the ELBO"),
    ),
}
LECTURE4_FIGURES: list[Figure] = [
    Figure("lecture4", slug, title, ext) for figures in _LECTURE4.values() for slug, ext, title in figures
]
LECTURE4_JOB: dict[str, str] = {slug: job for job, figures in _LECTURE4.items() for slug, _, _ in figures}

LOCALIZATION_FIGURES: list[Figure] = [
    Figure("localization", slug, title)
    for slug, title in (
        ("scenario", "Sensors and the target"),
        ("training_curves", "ELBO, log-likelihood and KL(q||p(z)) during training"),
        ("posterior", "Sensors, target, the mean of q(z|X) and 50 samples of q"),
        ("exact_vs_q", "The exact posterior p(z|X) on a grid beside q(z|X)"),
    )
]


def all_figures() -> list[Figure]:
    udl = [fig for figs in UDL_FIGURES.values() for fig in figs]
    return udl + VAE_FIGURES + LECTURE4_FIGURES + LOCALIZATION_FIGURES
