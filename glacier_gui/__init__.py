"""glacier_gui: back up a photo album to Amazon S3 Glacier Deep Archive, one folder (unit) at a time."""

__version__ = "0.1.0"
APP_NAME = "glacier_gui"
APP_DISPLAY_NAME = "Glacier GUI"
