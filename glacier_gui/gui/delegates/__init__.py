"""Delegates of the Qt layer."""
