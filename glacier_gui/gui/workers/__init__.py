"""Workers of the Qt layer."""
