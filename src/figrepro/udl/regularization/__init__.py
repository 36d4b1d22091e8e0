"""Chapter 9: the implicit regulariser of a finite step (9.2, fig. 9.3) and the Bayesian treatment of a
model linear in its parameters (9.4, fig. 9.11)."""
