"""One module per VAE figure, each with ``draw(**results) -> Figure``.

The plot rule hands each module only the results its ``draw`` takes (:func:`draw_inputs`), as
keyword arguments, and lists the module as an input, so editing one figure's module redraws only
that figure.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

#: the figures, one per module here, by name (listed, not imported)
FIGURES = tuple(sorted(path.stem for path in Path(__file__).parent.glob("[!_]*.py")))


@cache
def draw_inputs(figure: str) -> tuple[str, ...]:
    """The results figure ``figure``'s ``draw`` reads: its parameters' names, from the module's
    source (not imported, so that parsing the workflow loads no matplotlib)."""
    path = Path(__file__).with_name(f"{figure}.py")
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "draw":
            return tuple(arg.arg for arg in node.args.args + node.args.kwonlyargs)
    raise LookupError(f"{path}: no draw()")
