"""Thumbnails for browsing the archive without a restore: made at upload time, kept in packs in the bucket.

``render`` makes one thumbnail (Pillow, pillow-heif, PyAV; ``rawpreview`` for camera raw files), ``pack`` writes
and reads a pack of them, ``store`` keeps packs on disk and in the bucket, and ``fill`` makes the thumbnails a
unit still lacks.  Imports the foundation, ``album/``, ``ledger/`` and ``s3/``; the upload engine calls it, never
the other way round.
"""
