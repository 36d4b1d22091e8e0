"""Chapter 16: contraction mappings, their fixed points and the inverse of z + f[z] (16.3)."""
