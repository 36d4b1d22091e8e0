"""The math and figures of the Understanding Deep Learning notebooks in scope (chapters 1, 3-7, 9,
16-18 and 21) and of the gradient-flow blog."""
