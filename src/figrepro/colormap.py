"""The book's 256-colour map (dark brown to light cream), used for every heat map.

The colours are those of the UDL notebooks' "pretty colormap": 256 RGB triples,
stored here as one string of 6-digit hex codes.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.colors import ListedColormap

_BOOK_HEX = (
    "2a09022b0a032c0b042d0c052e0c062f0d07300d08310e09320f0a330f0b34100b35110c36110d37120e38120f39130f"
    "3a14103b14113c15113d16123e16133f1713401714411814421915431915451a16461b16471b17481c17491d184a1d18"
    "4b1e194c1f194d1f1a4e201b50211b51211c52221c53231d54231d55241e56251e57261f58261f5927205b28215c2821"
    "5d29225e2a225f2b23602b23612c24622d25632e25652e26662f266730276830276931286a32296b33296c342a6d342a"
    "6f352b70362c71372c72372d73382e74392e753a2f763a2f773b30783c317a3d317b3e327c3e337d3f337e40347f4134"
    "80423581423682433683443785453886463887473988473a89483a8a493b8b4a3c8c4b3c8d4c3d8e4c3e8f4d3f904e3f"
    "924f409350419451419552429653439753439854449955459a56469b57469c58479d59489e5a499f5a49a05b4aa15c4b"
    "a35d4ba45e4ca55f4da6604ea7614ea8624fa96350aa6451ab6552ac6552ad6653ae6754af6855b06955b16a56b26b57"
    "b36c58b46d59b56e59b66f5ab7705bb8715cb9725dba735dbb745ebc755fbd7660be7761bf7862c07962c17a63c27b64"
    "c27c65c37d66c47e67c57f68c68068c78169c8826ac9836bca846ccb856dcc866ecd876fce886fce8970cf8a71d08b72"
    "d18c73d28d74d38e75d48f76d59077d59178d69279d7937ad8957bd9967bda977cda987ddb997edc9a7fdd9b80de9c81"
    "de9d82df9e83e09f84e1a185e2a286e2a387e3a488e4a589e5a68ae5a78be6a88ce7aa8de7ab8ee8ac8fe9ad90eaae91"
    "eaaf92ebb093ecb295ecb396edb497eeb598eeb699efb79aefb99bf0ba9cf1bb9df1bc9ef2bd9ff2bfa1f3c0a2f3c1a3"
    "f4c2a4f5c3a5f5c5a6f6c6a7f6c7a8f7c8aaf7c9abf8cbacf8ccadf8cdaef9ceb0f9d0b1fad1b2fad2b3fbd3b4fbd5b6"
    "fbd6b7fcd7b8fcd8b9fcdabafddbbcfddcbdfddebefddfbffee0c1fee1c2fee3c3fee4c5ffe5c6ffe7c7ffe8c9ffe9ca"
    "ffebcbffeccdffedceffefcffff0d1fff2d2fff3d3fff4d5fff6d6fff7d8fff8d9fffadafffbdcfffcddfffedfffffe0"
)


def book_colors() -> np.ndarray:
    """The 256 colours as an array of RGB floats in [0, 1], shape (256, 3)."""
    codes = [_BOOK_HEX[i : i + 6] for i in range(0, len(_BOOK_HEX), 6)]
    rgb = np.array([[int(c[k : k + 2], 16) for k in (0, 2, 4)] for c in codes], dtype=float)
    return rgb / 255.0


@cache
def book_cmap() -> ListedColormap:
    """The book's colour map as a matplotlib ``ListedColormap`` (N=256)."""
    return ListedColormap(book_colors(), name="udl_book")
