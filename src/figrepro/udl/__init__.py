"""The math and figures of the Understanding Deep Learning notebooks in scope and of the gradient-flow
blog, one package per part of the book:

- ``networks``: chapters 1, 3, 4 and 7 (and chapter 5's networks)
- ``losses``: chapter 5
- ``optimisation``: chapter 6 and the blog
- ``regularization``: chapter 9
- ``flows``: chapter 16
- ``latent``: chapter 17
- ``diffusion``: chapter 18
- ``fairness``: chapter 21
"""
