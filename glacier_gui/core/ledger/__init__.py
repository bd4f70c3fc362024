"""The records of what was sent: status.csv (the user's view), each unit's manifest, and the tar volume layout.

``status`` is the one writer of status.csv (``status_file`` reads and writes its text); ``manifest`` keeps a
unit's files, their SHA-256 and where each one lives in the bucket; ``volumes`` decides how small files are grouped
into tar volumes.  Imports the foundation and ``album/``; never ``s3/`` - the records are plain data, and the
code that fetches them from the bucket lives in ``s3/probe.py``.
"""
