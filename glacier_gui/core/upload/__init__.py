"""Uploading units: plan what to send, send it through a fixed pool of workers, adopt what a killed run left.

``estimate`` prices an upload before it runs; ``plan`` turns units into tasks; ``job`` holds the task records,
``send`` and ``adopt`` do the transfers and resume, ``engine`` runs a whole upload, and ``backup`` is the
command around it (scan, mark, upload, status.csv).  Imports everything below it: foundation, ``album/``,
``cost/``, ``ledger/``, ``s3/``, ``thumbs/`` and ``homelink/``; never ``restore/``.
"""
