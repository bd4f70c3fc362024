"""The Qt-free engine: everything the app does, driven alike by the window, the CLI and the tests.

Never imports PySide6; only ``s3/`` imports boto3/botocore.  The engine is laid out by capability, one package a
job, in this order from the bottom up; a package may import the ones below it and never one above
(``tests/test_architecture.py`` enforces it):

1. **foundation** (modules at this level): ``i18n``, ``textfmt``, ``clock``, ``atomic``, ``progress``,
   ``inflight``, ``paths``, ``bwlimit``, ``versions``; then ``setting_checks``, ``settings``, ``lock``, ``logs``.
2. ``album/``: what is on the NAS - the scan, its notes, the level outline.
3. ``cost/``: prices and request counts.
4. ``ledger/``: the records of what was sent - status.csv, manifests, tar volume layout.
5. ``s3/``: the bucket - client, transfers, errors, outages, policy, probes of remote records.
6. ``thumbs/``: thumbnails for browsing without a restore.
7. ``homelink/``: the family's line and PC - pause, the limiter's schedule, keep-awake, scheduled runs.
8. ``upload/``: the upload engine and the backup command around it.
9. ``restore/``: restore jobs, downloads, verify and rebuilding status.csv from the bucket.
10. ``demo``, ``demophotos``: the sample album and embedded endpoint, on top of everything.
"""
