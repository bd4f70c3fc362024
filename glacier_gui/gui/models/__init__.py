"""Models of the Qt layer."""
