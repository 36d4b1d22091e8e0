"""Chapter 5: Bernoulli and categorical likelihoods, the NLL and the sum of squares, sweeps of one
parameter (5.1-5.3), and their figures."""
