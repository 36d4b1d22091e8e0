"""Chapter 18: mixture, kernel, marginals, lookup tables and samplers."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, stats

from figrepro.random_streams import legacy_generator
from figrepro.sample_stats import summary, wasserstein1_to_cdf
from figrepro.udl.diffusion import forward as diffusion
from figrepro.udl.diffusion import sampling, training
from figrepro.udl.diffusion.lookup import BinGrid, TableAccumulator, lookup
from figrepro.udl.diffusion.mixture import TRUE_MIXTURE

BETA, T = 0.01511, 100
GRID = BinGrid(3.0, 0.01)


def test_mixture_moments_and_normalisation() -> None:
    assert TRUE_MIXTURE.mean == pytest.approx(0.1115, abs=5e-5)
    assert TRUE_MIXTURE.std == pytest.approx(1.0825, abs=5e-5)
    mass, _ = integrate.quad(TRUE_MIXTURE.pdf, -10, 10, points=[-1.875, -0.216], limit=200)
    assert mass == pytest.approx(1.0, abs=1e-9)
    cdf_at_0, _ = integrate.quad(TRUE_MIXTURE.pdf, -10, 0, points=[-1.875, -0.216], limit=200)
    assert TRUE_MIXTURE.cdf(0.0) == pytest.approx(cdf_at_0, abs=1e-9)


def test_alpha_table_of_the_catalogue() -> None:
    a = diffusion.alphas(BETA, T)
    stated = {1: 0.9849, 5: 0.9267, 10: 0.8588, 20: 0.7375, 40: 0.5439, 60: 0.4011, 80: 0.2958, 100: 0.2182}
    for t, v in stated.items():
        assert a[t] == pytest.approx(v, abs=5e-5)
    mean, std = diffusion.kernel(-2.0, a[100])
    assert float(mean) == pytest.approx(-2 * np.sqrt(0.2182), abs=1e-4)
    assert float(std) == pytest.approx(np.sqrt(1 - 0.2182), abs=1e-4)


def test_forward_stream_matches_the_notebook_calls() -> None:
    """Seed 6, choice then normal, then one normal draw per step, as notebook 18.1 does."""
    np.random.seed(6)
    k = np.random.choice(4, 50, p=TRUE_MIXTURE.w)
    x = np.asarray(TRUE_MIXTURE.mu)[k] + np.asarray(TRUE_MIXTURE.sigma)[k] * np.random.normal(size=50)
    z = x.copy()
    for _ in range(3):
        z = np.sqrt(1 - BETA) * z + np.sqrt(BETA) * np.random.normal(size=50)
    rs = legacy_generator(6)
    ours = diffusion.forward(rs, TRUE_MIXTURE.sample(rs, 50), BETA, 3)
    assert np.array_equal(ours[-1], z)


def test_forward_marginal_variance_follows_the_kernel() -> None:
    z = diffusion.forward(np.random.default_rng(1), np.full(50_000, -2.0), BETA, T)
    mean, std = diffusion.kernel(-2.0, diffusion.alphas(BETA, T))
    assert z[T].mean() == pytest.approx(mean[T], abs=0.02)
    assert z[T].std() == pytest.approx(std[T], abs=0.02)


def test_reverse_conditional_is_the_bayes_posterior() -> None:
    """q(z_{t-1}|z_t,x) ∝ q(z_t|z_{t-1}) q(z_{t-1}|x), checked on a grid."""
    a = diffusion.alphas(BETA, T)
    t, x, zt = 30, 0.7, -0.4
    grid = np.linspace(-4, 4, 200_001)
    dens = stats.norm.pdf(zt, np.sqrt(1 - BETA) * grid, np.sqrt(BETA)) * stats.norm.pdf(
        grid, np.sqrt(a[t - 1]) * x, np.sqrt(1 - a[t - 1])
    )
    dens /= np.trapezoid(dens, grid)
    mean = np.trapezoid(grid * dens, grid)
    std = np.sqrt(np.trapezoid((grid - mean) ** 2 * dens, grid))
    m, s = diffusion.reverse_conditional(x, zt, a[t], a[t - 1], BETA)
    assert float(m) == pytest.approx(mean, abs=1e-8)
    assert float(s) == pytest.approx(std, abs=1e-8)


@pytest.mark.slow
def test_marginals_integrate_to_one_and_start_at_the_data() -> None:
    grid = np.arange(-3, 3, 0.01)
    a = diffusion.alphas(BETA, T)
    pdf = TRUE_MIXTURE.pdf(grid)
    m = diffusion.marginals(grid, pdf, a)
    np.testing.assert_array_equal(m[0], pdf)
    assert m[60].sum() * 0.01 == pytest.approx(0.99, abs=0.01)
    k = diffusion.kernel_densities(-2.0, grid, a)
    assert not k[0].any()  # a point mass at t=0, drawn as an empty row
    mean, std = diffusion.kernel(-2.0, a[20])
    inside = stats.norm.cdf(3, mean, std) - stats.norm.cdf(-3, mean, std)  # some mass is below -3
    assert k[20].sum() * 0.01 == pytest.approx(float(inside), abs=1e-3)


def test_lookup_tables_match_binned_statistic() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(0, 1.5, (2, 5000))
    y = rng.normal(0, 1, (2, 5000))
    acc = TableAccumulator(2, GRID)
    acc.add(np.array([0, 1]), z, y)
    tables = acc.tables()
    edges = -3 + 0.01 * np.arange(601)
    for k in range(2):
        zc, yc = np.clip(z[k], -3, 3), np.clip(y[k], -3, 3)
        s, *_ = stats.binned_statistic(zc, yc, "sum", bins=edges)
        c, *_ = stats.binned_statistic(zc, yc, "count", bins=edges)
        np.testing.assert_allclose(tables[k], s / (c + 1), atol=1e-12)
    assert lookup(tables, GRID, 1, np.array([-10.0, 10.0])).tolist() == [tables[1, 0], tables[1, -1]]


@pytest.mark.slow
def test_w1_agrees_with_scipy() -> None:
    rng = np.random.default_rng(2)
    s = TRUE_MIXTURE.sample(rng, 5000) + 0.3
    reference = TRUE_MIXTURE.sample(rng, 2_000_000)
    assert wasserstein1_to_cdf(s, TRUE_MIXTURE.cdf, -8, 8) == pytest.approx(
        stats.wasserstein_distance(s, reference), abs=3e-3
    )
    shifted = wasserstein1_to_cdf(TRUE_MIXTURE.sample(rng, 200_000) + 0.3, TRUE_MIXTURE.cdf, -8, 8)
    assert shifted == pytest.approx(0.3, abs=0.01)  # W1 of a shift is the shift


@pytest.fixture(scope="module")
def trained() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(11)
    x = TRUE_MIXTURE.sample(rng, 100_000)
    return {
        "mean": training.fit_mean_tables(rng, x, BETA, T, GRID),
        "noise": training.fit_noise_tables(rng, x, BETA, T, GRID),
    }


def runs(trained: dict[str, np.ndarray]) -> dict[str, sampling.SampleRun]:
    rng = np.random.default_rng(12)
    a = diffusion.alphas(BETA, T)
    n = 100_000
    return {
        "mean": sampling.sample_mean_model(rng, trained["mean"], GRID, 0.12288, n),
        "noise": sampling.sample_noise_model(rng, trained["noise"], GRID, a, BETA, 0.12288, n),
        "ddim": sampling.sample_ddim(rng, trained["noise"], GRID, a, 0.001, n, sampling.ddim_schedule(T, T)),
        "accelerated": sampling.sample_ddim(
            rng, trained["noise"], GRID, a, 0.11, n, sampling.ddim_schedule(T, 20)
        ),
    }


@pytest.mark.slow
@pytest.mark.parametrize("name", ["mean", "noise", "ddim", "accelerated"])
def test_samplers_reproduce_the_mixture(trained: dict[str, np.ndarray], name: str) -> None:
    run = runs(trained)[name]
    s = run.samples
    stats_ = summary("s", s, TRUE_MIXTURE.cdf)
    assert stats_["s_mean"] == pytest.approx(TRUE_MIXTURE.mean, abs=0.08)
    assert stats_["s_std"] == pytest.approx(TRUE_MIXTURE.std, abs=0.06)
    assert stats_["s_wasserstein1"] < 0.1
    assert stats_["s_mean_mc_se"] == pytest.approx(stats_["s_std"] / np.sqrt(s.size))
    assert stats_["s_std_mc_se"] == pytest.approx(stats_["s_std"] / np.sqrt(2 * s.size))
    # the narrow mode at -1.875 (weight 0.15, sd 0.075) survives
    near = np.mean(np.abs(s + 1.875) < 0.15)
    assert 0.10 < near < 0.18
    hist, edges = np.histogram(s, bins=np.arange(-3, 3.05, 0.05), density=True)
    assert edges[np.argmax(hist[:40])] == pytest.approx(-1.9, abs=0.06)
    centres = edges[:-1] + 0.025
    assert hist[np.abs(centres + 1.3) < 0.1].max() < 0.1  # the gap right of the narrow mode
    assert hist[(centres > -0.5) & (centres < 0.0)].max() > 0.6  # the tall mode at -0.216
    assert hist[(centres > 1.2) & (centres < 1.8)].mean() > 0.15  # the mode at 1.5
    assert run.paths.shape == (len(run.timesteps), 5)
    assert run.timesteps[0] == 0 and run.timesteps[-1] == T
    np.testing.assert_array_equal(run.paths[0], s[:5])


def test_ddim_schedule() -> None:
    assert sampling.ddim_schedule(100, 20)[:3] == [100, 95, 90]
    assert sampling.ddim_schedule(100, 20)[-1] == 0
    with pytest.raises(ValueError):
        sampling.ddim_schedule(100, 30)


def test_bootstrap_standard_error_of_w1_matches_repeated_draws() -> None:
    """The W1 distance's bootstrap SE (the reproduction check's tolerance) against the spread of
    W1 over independent sample sets of the same size."""
    from scipy import stats

    from figrepro.sample_stats import bootstrap_se, wasserstein1_to_cdf

    def w1(s: np.ndarray) -> float:
        return wasserstein1_to_cdf(s, stats.norm.cdf, -8.0, 8.0, dx=1e-3)

    rng = np.random.default_rng(11)
    repeated = np.std([w1(rng.standard_normal(2000)) for _ in range(100)], ddof=1)
    assert bootstrap_se(w1, rng.standard_normal(2000), resamples=100) == pytest.approx(repeated, rel=0.5)
