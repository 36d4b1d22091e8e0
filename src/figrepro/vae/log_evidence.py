"""log p(x) = log of the integral of p(x|z) p(z) over the 2-D latent z, for every image, wherever
its posterior lies, however narrow it is, and with as many modes as it has.

A fixed grid cannot serve every image: posteriors are a few hundredths wide, lie anywhere in
[-6, 6]^2, and about one in eight has two or more modes. So each image gets lattices of its own:

1. **Find.** A coarse grid shared by all images (``coarse_limit``, ``coarse_spacing``; the decoder
   runs on it once) shows each image's modes: its nodes higher than their eight neighbours and
   within -log(``tail_fraction``) + 10 nats of the best.
2. **Refine.** Newton's method on the image's own log joint, from each such node (steps no longer
   than a coarse cell, halved until the log joint does not fall), finds a mode m; the Hessian H
   there gives Laplace's Gaussian N(m, S), S = (-H)^-1: that mode's own spread. Starts that
   converge to one mode count once.
3. **Integrate.** Round each mode, a lattice in that Gaussian's frame, z = m + C u with
   C C^T = S, u on a square lattice of ``spacing`` (in standard deviations) inside the disc
   |u| <= ``span``; its cells have area det(C) spacing^2, and a stable log-sum-exp adds them up.
   For a smooth density this sum converges geometrically as the spacing falls.

With several modes, the density is first split among them by a partition of unity: mode k takes
the share w_k(z) = g_k(z) / sum_j g_j(z), where g_k is its Laplace Gaussian, twice as wide,
weighted by its Laplace mass. The shares sum to one everywhere, so the integrals of w_k p(x, z)
add up to p(x); each is smooth (no hard border between lattices cuts through mass) and sits round
its own mode. What the coarse nodes outside a mode's disc hold of its share is added too (cells of
coarse_spacing^2), so nothing beyond the discs is lost. The posterior's tails are heavier than
Laplace's (far from a mode the Bernoulli log-likelihood falls about linearly, not
quadratically): where a disc's rim, its outermost ring, holds more than ``tail_fraction`` of its
mass, the disc grows by half (at most ``widenings`` times).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Protocol

import numpy as np
import torch
from torch import Tensor

from figrepro.config import ConfigError
from figrepro.grid2d import Grid, logsumexp
from figrepro.vae.evidence_settings import Settings

SHARE_WIDTH = 2.0  # a mode's share of the density follows its Laplace Gaussian this many times as wide
NARROWER = 0.5  # a disc is redrawn where its mass's variance in some direction is below this in its frame


class LatentDensity(Protocol):
    """An unnormalised log density of z in R^2 for each of several items (images)."""

    def __len__(self) -> int: ...

    def subset(self, index: np.ndarray | slice) -> LatentDensity: ...

    def prepare(self, z: np.ndarray) -> Any: ...  # what evaluating at shared points needs, once

    def shared(self, prepared: Any) -> np.ndarray: ...  # (items, points) at the prepared points

    def paired(self, z: Tensor) -> Tensor: ...  # (items, points) at each item's own (items, points, 2)


@dataclass(frozen=True)
class Evidence:
    """Per image: log p(x); the Laplace covariance at its highest mode; the posterior's mean and
    per-coordinate sd; how many modes it has."""

    log_px: np.ndarray  # (n,)
    laplace_cov: np.ndarray  # (n, 2, 2)
    mean: np.ndarray  # (n, 2)
    sd: np.ndarray  # (n, 2)
    modes: np.ndarray  # (n,)


def _value_grad_hessian(density: LatentDensity, z: Tensor) -> tuple[Tensor, Tensor, Tensor]:
    """The log density of each item at its own point z (n, 2), its gradient and its Hessian."""
    z = z.detach().clone().requires_grad_(True)
    with torch.enable_grad():
        f = density.paired(z[:, None, :])[:, 0]
        (g,) = torch.autograd.grad(f.sum(), z, create_graph=True)
        rows = [torch.autograd.grad(g[:, k].sum(), z, retain_graph=k == 0)[0] for k in range(2)]
    return f.detach(), g.detach().double(), torch.stack(rows, 1).detach().double()


def _concave(h: Tensor) -> Tensor:
    """Where the 2x2 Hessians are negative definite."""
    return (h[:, 0, 0] < 0) & (h[:, 0, 0] * h[:, 1, 1] - h[:, 0, 1] * h[:, 1, 0] > 0)


def find_modes(
    density: LatentDensity, start: np.ndarray, trust: float, iterations: int = 30
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each item's mode by damped Newton from ``start`` (n, 2): the modes, the log density and
    the Hessian there (n, 2, 2).

    A step is Newton's where the Hessian is negative definite, else along the gradient; never
    longer than ``trust``; halved (down to 2^-4) until the log density does not fall. An item
    stops once its step is below 1e-4 of ``trust``.
    """
    z = torch.from_numpy(np.array(start, dtype=np.float64))
    f, g, h = _value_grad_hessian(density, z)
    active = torch.arange(len(z))
    fractions = 0.5 ** torch.arange(5, dtype=torch.float64)
    for _ in range(iterations):
        part = density.subset(active.numpy())
        ha, ga = h[active], g[active]
        concave = _concave(ha)
        safe = torch.where(concave[:, None, None], ha, -torch.eye(2, dtype=ha.dtype).expand_as(ha))
        step = torch.where(concave[:, None], -torch.linalg.solve(safe, ga), ga)
        length = torch.linalg.vector_norm(step, dim=1, keepdim=True)
        step = step * torch.clamp(trust / torch.clamp(length, min=1e-300), max=1.0)
        with torch.no_grad():
            values = part.paired(z[active, None, :] + fractions[None, :, None] * step[:, None, :])
        better = values >= f[active, None]
        first = better.double().argmax(1)
        taken = torch.where(better.any(1)[:, None], fractions[first][:, None] * step, torch.zeros_like(step))
        z[active] += taken
        f[active], g[active], h[active] = _value_grad_hessian(part, z[active])
        active = active[torch.linalg.vector_norm(taken, dim=1) > 1e-4 * trust]
        if not len(active):
            break
    return z.numpy(), f.double().numpy(), h.numpy()


def laplace_frames(hessian: np.ndarray, fallback_sd: float) -> np.ndarray:
    """C with C C^T = (-H)^-1 per item (Laplace's covariance); ``fallback_sd`` times the identity
    where H is not negative definite."""
    cov = np.empty_like(hessian)
    ok = _concave(torch.from_numpy(hessian)).numpy()
    cov[ok] = np.linalg.inv(-hessian[ok])
    cov[~ok] = fallback_sd**2 * np.eye(2)
    return np.linalg.cholesky(cov)


def lattice(span: float, spacing: float) -> tuple[np.ndarray, np.ndarray]:
    """Points u (k, 2) of the square lattice of ``spacing`` inside the disc |u| <= span, and which
    of them form its rim (the outermost ring, |u| > span - spacing)."""
    half = int(np.ceil(span / spacing - 1e-9))
    axis = spacing * np.arange(-half, half + 1)
    u = np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2)
    radius = np.linalg.norm(u, axis=1)
    inside = radius <= span * (1 + 1e-12)
    return u[inside], radius[inside] > span - spacing


def evaluate(density: LatentDensity, z: np.ndarray, chunk_points: int) -> np.ndarray:
    """The log density of each item at its own points z (n, k, 2), a few items at a time."""
    per = max(1, chunk_points // max(z.shape[1], 1))
    with torch.no_grad():
        parts = [
            density.subset(slice(i, i + per)).paired(torch.from_numpy(z[i : i + per])).numpy()
            for i in range(0, len(z), per)
        ]
    return np.concatenate(parts) if parts else np.empty(z.shape[:2])


def _whiten(z: np.ndarray, mode: np.ndarray, frame: np.ndarray) -> np.ndarray:
    """u = C^-1 (z - m) for each row's points z (n, k, 2), mode (n, 2) and frame C (n, 2, 2)."""
    return np.matmul(z - mode[:, None, :], np.swapaxes(np.linalg.inv(frame), 1, 2))


@dataclass(frozen=True)
class Modes:
    """The modes of all items in one flat list: row r is a mode of item ``item[r]``."""

    item: np.ndarray  # (m,)
    mode: np.ndarray  # (m, 2)
    frame: np.ndarray  # (m, 2, 2): Laplace's C, C C^T = S
    log_mass: np.ndarray  # (m,): Laplace's estimate of the mass round the mode

    def share_logs(self, rows: np.ndarray, z: np.ndarray) -> np.ndarray:
        """log w_r(z): the share of mode ``rows[i]`` in the density at the points z[i] (i, k, 2)."""
        out = np.zeros(z.shape[:2])
        items = self.item[rows]
        multi = np.flatnonzero(np.bincount(self.item)[items] > 1)
        for i in multi:  # few: the images with more than one mode
            mine = np.flatnonzero(self.item == items[i])
            logs = self._bumps(mine, z[i])
            out[i] = logs[mine == rows[i]][0] - logsumexp(logs, axis=0)
        return out

    def _bumps(self, rows: np.ndarray, z: np.ndarray) -> np.ndarray:
        """log g_r at the points z (k, 2) for each of ``rows``: (len(rows), k)."""
        wide = SHARE_WIDTH * self.frame[rows]
        u = _whiten(np.broadcast_to(z, (len(rows), *z.shape)), self.mode[rows], wide)
        log_det = np.log(np.abs(np.linalg.det(wide)))
        return (self.log_mass[rows] - log_det)[:, None] - 0.5 * (u**2).sum(-1) - np.log(2 * np.pi)


class Integrator:
    """log p(x) of every item of a ``LatentDensity`` (see the module's docstring)."""

    def __init__(self, settings: Settings, log: Callable[[str], None] | None = None) -> None:
        self.settings, self.log = settings, log or (lambda _: None)
        self.grid = Grid.square(settings.coarse_limit, settings.coarse_spacing)
        self.nodes = self.grid.points()
        self.log_node = 2 * np.log(self.grid.spacing)  # log of a coarse cell's area

    def __call__(self, density: LatentDensity, chunk: int = 200) -> Evidence:
        prepared = density.prepare(self.nodes)
        parts = [
            self._chunk(density.subset(slice(i, i + chunk)), prepared) for i in range(0, len(density), chunk)
        ]
        result = Evidence(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Evidence)))
        several = int((result.modes > 1).sum())
        if several:
            self.log(f"log p(x): {several} of {len(result.log_px)} posteriors have more than one mode")
        return result

    def _peaks(self, coarse: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(item, node) of every coarse node above its eight neighbours and within
        -log(tail_fraction) + 10 nats of its item's best, best first within each item."""
        rows, cols = self.grid.shape
        table = coarse.reshape(len(coarse), rows, cols)
        padded = np.pad(table, ((0, 0), (1, 1), (1, 1)), constant_values=-np.inf)
        peak = np.ones(table.shape, bool)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if dr or dc:
                    peak &= table >= padded[:, 1 + dr : 1 + dr + rows, 1 + dc : 1 + dc + cols]
        high = coarse > coarse.max(1, keepdims=True) + np.log(self.settings.tail_fraction) - 10
        item, node = np.nonzero(peak.reshape(len(coarse), -1) & high)
        order = np.lexsort((-coarse[item, node], item))
        return item[order], node[order]

    def _modes(self, density: LatentDensity, coarse: np.ndarray) -> Modes:
        s = self.settings
        item, node = self._peaks(coarse)
        keep = np.arange(len(item)) - np.searchsorted(item, item) < s.max_modes  # rank within the item
        item, node = item[keep], node[keep]
        edge = np.isin(node // self.grid.shape[1], (0, self.grid.shape[0] - 1)) | np.isin(
            node % self.grid.shape[1], (0, self.grid.shape[1] - 1)
        )
        if edge.any():
            raise ConfigError(
                f"vae.evaluate.coarse_limit: a posterior peaks on the edge of the coarse grid "
                f"[-{s.coarse_limit}, {s.coarse_limit}]^2; widen it"
            )
        mode, value, hessian = find_modes(density.subset(item), self.nodes[node], trust=s.coarse_spacing)
        frame = laplace_frames(hessian, s.coarse_spacing)
        log_mass = value + np.log(np.abs(np.linalg.det(frame))) + np.log(2 * np.pi)
        distinct = np.ones(len(item), bool)
        for r in np.flatnonzero(item[1:] == item[:-1]) + 1:  # starts that climbed to a mode found before
            same = np.flatnonzero((item[:r] == item[r]) & distinct[:r])
            u = _whiten(mode[r][None, None, :], mode[same], frame[same])[:, 0]
            distinct[r] = bool(np.all(np.linalg.norm(u, axis=1) > 0.1))
        return Modes(item[distinct], mode[distinct], frame[distinct], log_mass[distinct])

    def _lattices(
        self, density: LatentDensity, modes: Modes, rows: np.ndarray, frame: np.ndarray, span: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The disc of radius ``span`` of each of ``rows`` in its lattice ``frame``: the points u of
        the lattice, which form its rim, the points z and the log of the row's share of the
        density times the cell area there."""
        s = self.settings
        u, rim = lattice(span, s.spacing)
        z = modes.mode[rows, None, :] + np.matmul(u, np.swapaxes(frame, 1, 2))
        log_w = evaluate(density.subset(modes.item[rows]), z, s.chunk_points) + modes.share_logs(rows, z)
        return u, rim, z, log_w + np.log(np.abs(np.linalg.det(frame)) * s.spacing**2)[:, None]

    def _discs(
        self, density: LatentDensity, modes: Modes
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each mode's disc: its points (m, k, 2), the log of its share of the density times the
        cell area there (m, k; -inf for padding), its lattice's frame (m, 2, 2) and its span (m,).

        A disc first follows Laplace's frame. Where the share's own spread is narrower in some
        direction (a flat-topped mode, whose curvature at the top says little of its width: the
        share's covariance in the frame has an eigenvalue below ``NARROWER``), the disc is drawn
        again in the frame of that covariance. Then discs whose rim holds too much grow."""
        s = self.settings
        rows = np.arange(len(modes.item))
        frame, span = modes.frame.copy(), np.full(len(rows), float(s.span))
        u, rim, z, log_w = self._lattices(density, modes, rows, frame, s.span)
        w = np.exp(log_w - logsumexp(log_w, axis=1)[:, None])
        spread = (
            np.einsum("mk,ki,kj->mij", w, u, u)
            - np.einsum("mk,ki->mi", w, u)[:, :, None] * np.einsum("mk,kj->mj", w, u)[:, None, :]
        )
        narrow = np.flatnonzero(np.linalg.eigvalsh(spread)[:, 0] < NARROWER)
        if len(narrow):
            frame[narrow] = frame[narrow] @ np.linalg.cholesky(spread[narrow])
            _, _, z[narrow], log_w[narrow] = self._lattices(density, modes, narrow, frame[narrow], s.span)
        pending = rows
        for _ in range(s.widenings):
            heavy = logsumexp(log_w[pending][:, _padded(rim, log_w.shape[1])], axis=1) - logsumexp(
                log_w[pending], axis=1
            ) > np.log(s.tail_fraction)
            pending = pending[heavy]
            if not len(pending):
                break
            span[pending] *= 1.5
            _, rim, wide_z, wide_w = self._lattices(
                density, modes, pending, frame[pending], float(span[pending[0]])
            )
            z, log_w = _replace_rows(z, log_w, pending, wide_z, wide_w)
        return z, log_w, frame, span

    def _chunk(self, density: LatentDensity, prepared: Any) -> Evidence:
        s = self.settings
        coarse = density.shared(prepared)
        modes = self._modes(density, coarse)
        z, log_w, frame, span = self._discs(density, modes)
        n, rows = len(coarse), np.arange(len(modes.item))
        # coarse nodes this far below an item's best hold nothing of its mass (< e^-30 in all)
        cutoff = coarse.max(1) + np.log(s.tail_fraction) - 30 - np.log(coarse.shape[1])
        log_px, mean, sd = np.empty(n), np.empty((n, 2)), np.empty((n, 2))
        for i in range(n):
            mine = rows[modes.item == i]
            near = coarse[i] > cutoff[i]
            nodes = np.broadcast_to(self.nodes[near], (len(mine), int(near.sum()), 2))
            # what each mode's share holds at the coarse nodes outside its disc
            outside = np.linalg.norm(_whiten(nodes, modes.mode[mine], frame[mine]), axis=2) > span[mine, None]
            beyond = np.where(outside, coarse[i, near] + self.log_node, -np.inf) + modes.share_logs(
                mine, nodes
            )
            weights = np.concatenate([log_w[mine].ravel(), beyond.ravel()])
            log_px[i] = logsumexp(weights)
            mean[i], sd[i] = _moments(weights, np.concatenate([z[mine].reshape(-1, 2), nodes.reshape(-1, 2)]))
        first = np.searchsorted(modes.item, np.arange(n))
        laplace = modes.frame[first]
        cov = laplace @ np.swapaxes(laplace, 1, 2)
        return Evidence(log_px, cov, mean, sd, np.bincount(modes.item, minlength=n))


def _moments(log_w: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and per-coordinate sd of the normalised weights exp(log_w) (k,) at the points z (k, 2)."""
    w = np.exp(log_w - logsumexp(log_w))
    mean = w @ z
    return mean, np.sqrt(w @ (z - mean) ** 2)


def _replace_rows(
    z: np.ndarray, log_w: np.ndarray, rows: np.ndarray, new_z: np.ndarray, new_w: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(z, log_w) with ``rows`` replaced by (new_z, new_w); rows of different lengths are padded
    with points of weight zero (log -inf)."""
    k = max(new_z.shape[1], z.shape[1])
    z_out, w_out = np.zeros((len(z), k, 2)), np.full((len(z), k), -np.inf)
    z_out[:, : z.shape[1]], w_out[:, : z.shape[1]] = z, log_w
    z_out[rows], w_out[rows] = 0.0, -np.inf
    z_out[rows, : new_z.shape[1]], w_out[rows, : new_z.shape[1]] = new_z, new_w
    return z_out, w_out


def _padded(mask: np.ndarray, k: int) -> np.ndarray:
    """A lattice's rim mask padded with False to ``k`` points."""
    return np.concatenate([mask, np.zeros(k - len(mask), bool)])
