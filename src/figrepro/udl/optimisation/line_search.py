"""Line search by bracketing (fig. 6.10), as notebooks 6.1, 6.2 and 6.3 run it.

Four points a < b < c < d bracket the minimum of a 1-D function. Each iteration either
(1) brings b, c and d halfway towards a, when a is the lowest of the four, or (2) drops
the part beyond c, when b is lower than c, or (3) drops the part before b; the new b and c
then sit at the thirds of [a, d]. The search stops when b and c are closer than ``thresh``
or after ``max_iter`` iterations, and answers the midpoint of b and c.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Bracketing:
    solution: float
    brackets: list[tuple[float, float, float, float]]  # (a, b, c, d) at the start of each iteration


def line_search(
    loss: Callable[[float], float],
    bracket: tuple[float, float, float, float],
    thresh: float,
    max_iter: int,
) -> Bracketing:
    a, b, c, d = (float(v) for v in bracket)
    brackets = []
    while abs(b - c) > thresh and len(brackets) < max_iter:
        brackets.append((a, b, c, d))
        losses = [loss(p) for p in (a, b, c, d)]
        if int(np.argmin(losses)) == 0:  # (1) the minimum is nearer than b: shrink towards a
            b, c, d = a + (b - a) / 2, a + (c - a) / 2, a + (d - a) / 2
            continue
        if losses[1] < losses[2]:  # (2) it lies in [a, c]
            d = c
        else:  # (3) it lies in [b, d]
            a = b
        b, c = a + (d - a) / 3, a + 2 * (d - a) / 3
    return Bracketing((b + c) / 2, brackets)


def along(
    loss: Callable[[np.ndarray], float], start: np.ndarray, direction: np.ndarray
) -> Callable[[float], float]:
    """The loss as a function of the distance moved from ``start`` along ``direction`` (not normalised)."""
    return lambda distance: loss(start + distance * direction)
