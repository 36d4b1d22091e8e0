"""The log p(x) integrator (figrepro.vae.log_evidence) on densities whose integral is known: narrow
Gaussians anywhere in the plane, two modes, a curved (banana) density, exponential tails; and the
refusal of a coarse grid that cuts a posterior off."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from figrepro.config import ConfigError
from figrepro.vae.evidence_settings import Settings
from figrepro.vae.log_evidence import Integrator, lattice


class Known:
    """Items with known integrals: exp(log_scale) times a normalised density, one of
    - a mixture of two Gaussians (weights w, 1 - w; diagonal sds),
    - the same sheared, z2 -> z2 - bend (z1 - mu1)^2 (Jacobian 1: still normalised),
    - a smooth exponential-tailed density exp(-sqrt(1 + |z - mu|^2 / s^2)) e / (4 pi s^2).
    """

    def __init__(self, mu, sd, w, log_scale, bend, heavy) -> None:  # type: ignore[no-untyped-def]
        as_t = lambda a: torch.as_tensor(np.asarray(a, dtype=np.float64))  # noqa: E731
        self.mu, self.sd, self.w, self.c, self.bend = map(as_t, (mu, sd, w, log_scale, bend))
        self.heavy = torch.as_tensor(np.asarray(heavy, dtype=bool))

    def __len__(self) -> int:
        return len(self.c)

    def subset(self, index):  # type: ignore[no-untyped-def]
        i = index if isinstance(index, slice) else torch.as_tensor(np.asarray(index))
        return Known(self.mu[i], self.sd[i], self.w[i], self.c[i], self.bend[i], self.heavy[i])

    def prepare(self, z: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(z)

    def shared(self, z: torch.Tensor) -> np.ndarray:
        return self.paired(z[None].expand(len(self), -1, -1)).numpy()

    def paired(self, z: torch.Tensor) -> torch.Tensor:
        z = z.double()
        mu1 = self.mu[:, 0]
        z2 = z[..., 1] - self.bend[:, None] * (z[..., 0] - mu1[:, None, 0]) ** 2
        zz = torch.stack([z[..., 0], z2], -1)
        d = (zz[:, :, None, :] - self.mu[:, None]) / self.sd[:, None]
        log_n = -0.5 * (d**2).sum(-1) - torch.log(self.sd).sum(-1)[:, None] - np.log(2 * np.pi)
        weights = torch.stack([self.w, 1 - self.w], 1).clamp(min=1e-300)
        mixture = torch.logsumexp(log_n + torch.log(weights)[:, None], -1)
        s = self.sd[:, 0, 0][:, None]
        r2 = ((z - mu1[:, None]) ** 2).sum(-1)
        tails = -torch.sqrt(1 + r2 / s**2) + 1 - torch.log(4 * np.pi * s**2)
        return torch.where(self.heavy[:, None], tails, mixture) + self.c[:, None]


def known(n: int = 40, seed: int = 0) -> Known:
    rng = np.random.default_rng(seed)
    kind = np.arange(n) % 4  # 0 one Gaussian, 1 two modes, 2 a banana, 3 exponential tails
    mu = rng.uniform(-6, 6, (n, 2, 2))
    sd = rng.uniform(0.03, 0.3, (n, 2, 2))
    w = np.where(kind == 1, rng.uniform(0.2, 0.8, n), 1.0)
    bend = np.where(kind == 2, 1.0, 0.0)
    return Known(mu, sd, w, rng.uniform(-300, -50, n), bend, kind == 3)


@pytest.fixture(scope="module")
def items() -> Known:
    return known()


def test_the_integral_of_densities_with_a_known_normaliser(items: Known) -> None:
    evidence = Integrator(Settings())(items)
    np.testing.assert_allclose(evidence.log_px, items.c.numpy(), rtol=0, atol=2e-3)
    assert np.all(evidence.modes[1::4] == 2)  # both modes of every mixture found
    assert np.all(evidence.modes[0::4] == 1)


def test_halving_the_spacing_converges(items: Known) -> None:
    fine = Integrator(Settings().halved())(items)
    np.testing.assert_allclose(fine.log_px, items.c.numpy(), rtol=0, atol=5e-4)


def test_moments_of_a_gaussian_are_its_own(items: Known) -> None:
    one = items.subset(np.arange(0, len(items), 4))
    evidence = Integrator(Settings())(one)
    np.testing.assert_allclose(evidence.mean, one.mu[:, 0].numpy(), atol=1e-6)
    np.testing.assert_allclose(evidence.sd, one.sd[:, 0].numpy(), rtol=1e-4)
    laplace_sd = np.sqrt(np.diagonal(evidence.laplace_cov, axis1=1, axis2=2))
    np.testing.assert_allclose(laplace_sd, one.sd[:, 0].numpy(), rtol=1e-3)  # Newton found the curvature


def test_a_posterior_beyond_the_coarse_grid_is_refused() -> None:
    far = Known(
        np.full((1, 2, 2), 9.5), np.full((1, 2, 2), 0.1), np.ones(1), np.zeros(1), np.zeros(1), np.zeros(1)
    )
    with pytest.raises(ConfigError, match=r"vae\.evaluate\.coarse_limit"):
        Integrator(Settings())(far)


def test_the_lattice_is_a_disc_with_its_rim() -> None:
    u, rim = lattice(6.0, 1.0)
    radius = np.linalg.norm(u, axis=1)
    assert radius.max() <= 6.0 and len(u) == 113  # the lattice points of a disc of radius 6
    assert np.all(radius[rim] > 5.0) and np.all(radius[~rim] <= 5.0)
