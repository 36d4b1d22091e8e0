"""Chapters 1, 3, 4 and 7, and the networks chapter 5 trains: linear functions (1.1), activations,
the shallow network unit by unit and any network in matrix form (3.1-5.3), the 20-point training set,
the toy model's forward and backward pass (7.1), and the figures of a network built up (fig. 3.3)."""
