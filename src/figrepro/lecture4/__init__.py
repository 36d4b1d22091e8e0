"""Lecture 4 (variational inference): constrained densities, KL divergences, the coin model."""
