"""The math behind the Understanding Deep Learning notebooks of chapters 17 and 18."""
