"""Monte Carlo ELBO of individual images, with many samples of z per image."""

from __future__ import annotations

import numpy as np
import torch

from figrepro.vae.densities import gaussian_log_density, gaussian_sample
from figrepro.vae.model import VAE


def elbo_samples(model: VAE, x: torch.Tensor, n_samples: int, generator: torch.Generator) -> torch.Tensor:
    """(images, n_samples) single-sample ELBO terms log p(x,z) - log q(z|x), z ~ q(z|x)."""
    with torch.no_grad():
        mu, log_var = model.encode(x)
        shape = (len(x), n_samples, mu.shape[-1])
        mu, log_var = mu[:, None].expand(shape), log_var[:, None].expand(shape)
        z = gaussian_sample(mu, log_var, generator)
        return model.log_joint(x[:, None], z) - gaussian_log_density(z, mu, log_var)


def elbo_per_image(
    model: VAE, x: np.ndarray, n_samples: int, generator: torch.Generator, chunk: int = 1 << 12
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance over ``n_samples`` draws of the ELBO of each image.

    At most about ``chunk`` latent samples are decoded at once (images in blocks, and the samples
    of one image in pieces when there are more than ``chunk``), so memory stays bounded and the
    logits (12 MB) stay in the cache: 1.6 times as fast as blocks of 16k samples.
    """
    per_image = min(n_samples, chunk)
    images = max(1, chunk // per_image)
    xt = torch.from_numpy(np.asarray(x, dtype=np.float32))
    means, variances = [], []
    for i in range(0, len(xt), images):
        block = xt[i : i + images]
        total = torch.zeros(len(block), dtype=torch.float64)
        squares = torch.zeros(len(block), dtype=torch.float64)
        for first in range(0, n_samples, per_image):
            terms = elbo_samples(model, block, min(per_image, n_samples - first), generator).double()
            total += terms.sum(1)
            squares += (terms**2).sum(1)
        mean = total / n_samples
        means.append(mean)
        variances.append((squares - n_samples * mean**2) / max(n_samples - 1, 1))
    return torch.cat(means).numpy(), torch.cat(variances).clamp(min=0).numpy()
