"""One module per VAE figure, each with ``draw(**results) -> Figure``.

The plot rule hands each module only the results it names as keyword arguments, and lists
the module as an input, so editing one figure's module redraws only that figure.
"""
