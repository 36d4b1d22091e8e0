"""Chapter 18: forward diffusion and its closed forms (18.1), the four-Gaussian data, lookup-table
models, their training pairs and the reverse-process samplers (18.2-18.4)."""
