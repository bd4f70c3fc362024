"""The album on the NAS: which folders are backup units, which files they hold, and what the scan noticed.

Owns the scan (``scan``), its notes on what it skipped or could not read (``notes``) and the level outline the
settings dialog shows (``levels``).  Imports only the foundation modules of ``core/``: everything else builds on
the album, and the album knows nothing of S3 or status.csv.
"""
