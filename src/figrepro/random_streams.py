"""Random number streams: NumPy's legacy stream (for seeded sources) and seeded modern generators.

Where a source calls ``np.random.seed(s)`` and then ``np.random.normal``, its numbers
depend on the exact order of draws from the legacy Mersenne-Twister Gaussian stream.
``LegacyNormalBlocks`` yields that same stream in blocks of requested sizes; block
boundaries do not change the stream (the legacy generator carries its spare Gaussian
across calls), so a 10^8-sample estimate can be streamed in bounded memory.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator

import numpy as np


def legacy_generator(seed: int) -> np.random.RandomState:
    """A generator in the state ``np.random.seed(seed)`` leaves the global one in."""
    return np.random.RandomState(seed)


def source_generator(base_seed: int, *stream: int) -> np.random.Generator:
    """A modern generator for a source that sets no seed: independent stream per ``stream`` tag."""
    return np.random.default_rng([base_seed, *stream])


def stream_seed(*tags: int) -> int:
    """A 63-bit seed (for torch's ``manual_seed``) for the stream named by ``tags`` (base seed, source,
    stage), independent of every other tag sequence."""
    state = np.random.SeedSequence(list(tags)).generate_state(2, np.uint32)
    return int((int(state[0]) << 31) ^ int(state[1]))


_DONE = object()


def legacy_normal_blocks(
    rs: np.random.RandomState, sizes: Iterable[int], prefetch: int = 2
) -> Iterator[np.ndarray]:
    """Standard normals from ``rs`` in consecutive blocks of the given sizes.

    A worker thread draws the next blocks while the caller works on the current one
    (the legacy generator releases the GIL while it fills an array), so drawing and
    evaluating overlap on two cores. At most ``prefetch`` blocks wait in memory.
    """
    buffer: queue.Queue[object] = queue.Queue(maxsize=prefetch)
    stop = threading.Event()

    def produce() -> None:
        try:
            for size in sizes:
                block = rs.standard_normal(size)
                while not stop.is_set():
                    try:
                        buffer.put(block, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            buffer.put(_DONE)
        except BaseException as exc:  # hand any failure to the consumer
            buffer.put(exc)

    worker = threading.Thread(target=produce, name="legacy-normal-blocks", daemon=True)
    worker.start()
    try:
        while True:
            item = buffer.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        worker.join()
