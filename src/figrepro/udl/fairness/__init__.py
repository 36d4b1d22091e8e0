"""Chapter 21: thresholds on a score per group for demographic parity and equal opportunity (21.1)."""
