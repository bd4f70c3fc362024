"""The Qt layer over glacier_gui.core."""
