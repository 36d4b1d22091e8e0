"""The reproduction check: a build compared with the committed ``reference/``, number by number
(each with a tolerance that says why) and figure by figure (bytes, or rasters where the
environment differs)."""
