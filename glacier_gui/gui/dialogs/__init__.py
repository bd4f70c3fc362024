"""Dialogs of the Qt layer."""
