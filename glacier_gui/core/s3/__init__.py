"""S3 behind one door: the only package that imports boto3 or botocore (a test enforces it).

Owns the client and its tuning, transfers through the limiter and the outage gate, errors in the user's words,
the IAM policy, bucket set-up, connection checks, and ``probe`` (reading manifests and states back from the
bucket).  Imports the foundation, ``album/`` (unit names), ``cost/`` and ``ledger/`` (the records it reads
back); never ``thumbs/``, ``upload/`` or ``restore/``, which build on it.
"""
