"""The math and figures of the Understanding Deep Learning notebooks (chapters 1-7, 17 and 18)."""
