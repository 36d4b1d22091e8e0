"""What the trained model generates: samples, reconstructions, the latent embedding, the lattice
of p(x|z), interpolations between digits and completions of a top half. Arrays in, arrays out."""

from __future__ import annotations

import numpy as np
import torch
from scipy.special import ndtri

from figrepro.vae.densities import bernoulli_sample, gaussian_sample
from figrepro.vae.mnist import TOP_HALF
from figrepro.vae.model import VAE


def _tensor(a: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.asarray(a, dtype=np.float32))


def means(model: VAE, z: np.ndarray | torch.Tensor) -> np.ndarray:
    """Bernoulli means p(x|z) = sigmoid(decoder(z)), one image per row of z."""
    with torch.no_grad():
        return torch.sigmoid(model.decode(torch.as_tensor(z, dtype=torch.float32))).numpy()


def prior_samples(model: VAE, n: int, generator: torch.Generator) -> dict[str, np.ndarray]:
    """Ancestral sampling: z ~ N(0, I), the means p(x|z) and a binary x ~ p(x|z)."""
    zeros = torch.zeros(n, model.latent)
    z = gaussian_sample(zeros, zeros, generator)
    probs = torch.from_numpy(means(model, z))
    return {"z": z.numpy(), "probs": probs.numpy(), "x": bernoulli_sample(probs, generator).numpy()}


def reconstructions(model: VAE, x: np.ndarray, generator: torch.Generator) -> dict[str, np.ndarray]:
    """For each image: z ~ q(z|x), the means p(x~|z) and a sample x~ ~ p(x~|z)."""
    with torch.no_grad():
        mu, log_var = model.encode(_tensor(x))
    z = gaussian_sample(mu, log_var, generator)
    probs = torch.from_numpy(means(model, z))
    return {"x": np.asarray(x), "probs": probs.numpy(), "sample": bernoulli_sample(probs, generator).numpy()}


def encoder_means(model: VAE, x: np.ndarray, batch: int = 10_000) -> np.ndarray:
    """The mean of q(z|x) for every image."""
    with torch.no_grad():
        return torch.cat(
            [model.encode(_tensor(x[i : i + batch]))[0] for i in range(0, len(x), batch)]
        ).numpy()


def lattice_axis(size: int, quantile: float) -> np.ndarray:
    """Latent coordinates at the prior's quantiles q .. 1-q (Kingma & Welling, figure 4): the standard
    normal's inverse CDF, ``scipy.special.ndtri`` (what ``scipy.stats.norm.ppf`` computes, without
    importing scipy.stats, 1.2 to 1.7 s)."""
    return ndtri(np.linspace(quantile, 1 - quantile, size))


def lattice(model: VAE, axis: np.ndarray) -> np.ndarray:
    """(rows, cols, 784) means p(x|z): z1 grows along a row, z2 falls down the rows."""
    z1, z2 = np.meshgrid(axis, axis[::-1])
    probs = means(model, np.column_stack([z1.ravel(), z2.ravel()]))
    return probs.reshape(len(axis), len(axis), -1)


def nearest_classes(
    pictures: np.ndarray, images: np.ndarray, labels: np.ndarray, chunk: int = 1000
) -> np.ndarray:
    """The class each picture shows, as a 1-nearest-neighbour classifier says: the label of the
    nearest of ``images`` (Euclidean distance over the pixels)."""
    x = np.asarray(images, dtype=np.float32)
    norms = (x**2).sum(1)
    found = [
        labels[np.argmin(norms[None, :] - 2 * np.asarray(part, np.float32) @ x.T, axis=1)]
        for part in np.array_split(pictures, max(1, -(-len(pictures) // chunk)))
    ]
    return np.concatenate(found)


def pick_pairs(
    labels: np.ndarray, n_pairs: int, rng: np.random.Generator, allowed: np.ndarray | None = None
) -> np.ndarray:
    """(n_pairs, 2) indices of images whose classes differ (the classes of pairs differ too while
    there are enough classes), drawn among the ``allowed`` images where a class has any."""
    classes = np.unique(labels)
    allowed = np.ones(len(labels), bool) if allowed is None else allowed
    pairs = []
    order = rng.permutation(classes)
    for k in range(n_pairs):
        a, b = order[(2 * k) % len(order)], order[(2 * k + 1) % len(order)]
        if a == b:  # an odd number of classes wrapped around
            b = order[(2 * k + 2) % len(order)]
        pairs.append([_first_allowed(rng.permutation(np.flatnonzero(labels == c)), allowed) for c in (a, b)])
    return np.array(pairs)


def _first_allowed(order: np.ndarray, allowed: np.ndarray) -> int:
    """The first allowed image in ``order`` (the first of all where none is allowed). Drawn this
    way, one image more or less allowed changes the pick only if it comes before it in ``order``."""
    hits = np.flatnonzero(allowed[order])
    return int(order[hits[0]] if len(hits) else order[0])


def interpolations(model: VAE, x_pairs: np.ndarray, steps: int) -> dict[str, np.ndarray]:
    """Means p(x|z_a) along z_a = (1-a) z_start + a z_end between the pairs' encoder means."""
    start, end = encoder_means(model, x_pairs[:, 0]), encoder_means(model, x_pairs[:, 1])
    alpha = np.linspace(0.0, 1.0, steps)
    z = (1 - alpha[None, :, None]) * start[:, None] + alpha[None, :, None] * end[:, None]
    probs = means(model, z.reshape(-1, z.shape[-1])).reshape(len(x_pairs), steps, -1)
    return {"alpha": alpha, "z": z, "probs": probs}


def completions(
    model: VAE, x_top: np.ndarray, mu: np.ndarray, sigma: np.ndarray, n: int, generator: torch.Generator
) -> np.ndarray:
    """(n, 784) images: the given top half above the bottom half of p(x|z), z ~ N(mu, sigma^2)."""
    shape = (n, len(mu))
    z = gaussian_sample(_tensor(mu).expand(shape), _tensor(2 * np.log(sigma)).expand(shape), generator)
    probs = means(model, z)
    probs[:, TOP_HALF] = x_top
    return probs
