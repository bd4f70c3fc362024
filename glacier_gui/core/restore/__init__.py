"""Getting photos back, and checking that they can be: restore jobs, downloads, verify, rebuild of status.csv.

``plan`` plans, requests and tracks a restore; ``job`` is its record on disk; ``fetch`` downloads what is ready
and checks every file against the manifest; ``verify`` checks the bucket against the manifests; ``rebuild``
makes status.csv again from the bucket on a new PC.  Imports everything below it except ``upload/``.
"""
