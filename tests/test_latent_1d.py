"""Notebook 17.1: grid integrals against brute-force scipy evaluations."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from figrepro.udl.latent import latent_1d as lvm

Z = np.arange(-3.0, 3.0, 0.01)
X1 = np.arange(-0.5, 2.5, 0.01)
X2 = np.arange(-1.5, 1.5, 0.01)
S2 = 0.04


def test_mapping_uses_cos_for_x2() -> None:
    m1, m2 = lvm.f(np.array([0.0]))
    assert m1[0] == pytest.approx(0.5 * np.exp(np.sin(2.0)))
    assert m2[0] == pytest.approx(np.cos(2.0))


def test_likelihood_matches_scipy() -> None:
    m = lvm.f(np.float64(1.8))
    mvn = stats.multivariate_normal([float(m[0]), float(m[1])], [[S2, 0], [0, S2]])
    x1, x2 = np.meshgrid(X1[::10], X2[::10])
    expected = mvn.pdf(np.dstack((x1, x2)))
    np.testing.assert_allclose(lvm.likelihood(X1[::10], X2[::10], 1.8, S2), expected, rtol=1e-12)


def test_density_matches_a_sum_of_scipy_likelihoods() -> None:
    x1, x2 = X1[::15], X2[::15]
    mesh = np.dstack(np.meshgrid(x1, x2))
    expected = np.zeros(mesh.shape[:2])
    for z in Z[::1]:
        m = lvm.f(np.float64(z))
        mvn = stats.multivariate_normal([float(m[0]), float(m[1])], [[S2, 0], [0, S2]])
        expected += mvn.pdf(mesh) * stats.norm.pdf(z) * 0.01
    np.testing.assert_allclose(lvm.data_density(x1, x2, Z, S2), expected, rtol=1e-10)


def test_density_is_nearly_all_inside_the_plotted_square() -> None:
    mass = lvm.data_density(X1, X2, Z, S2).sum() * 0.01 * 0.01
    assert 0.99 < mass < 1.0


def test_posterior_is_normalised_and_peaks_near_the_explaining_z() -> None:
    post = lvm.posterior(0.9, -0.9, Z, S2)
    assert post.sum() == pytest.approx(1.0)
    z_map = Z[np.argmax(post)]
    m1, m2 = lvm.f(np.float64(z_map))
    assert np.hypot(m1 - 0.9, m2 + 0.9) < 0.3
    assert z_map == pytest.approx(0.17, abs=0.011)


def test_samples_follow_the_model() -> None:
    x = lvm.sample(np.random.default_rng(0), 200_000, S2)
    assert x.shape == (200_000, 2)
    # the x2 marginal mean: E[cos(2 + 2.85 z)] = cos(2) exp(-2.85^2 / 2)
    assert x[:, 1].mean() == pytest.approx(np.cos(2.0) * np.exp(-(2.85**2) / 2), abs=0.01)
