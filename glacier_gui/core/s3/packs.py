"""The S3 requests of thumbnail packs that ``objects.py`` does not have: PUT a pack, list the album roots.

A pack (:mod:`glacier_gui.core.thumbs.pack`) is one small object per unit in STANDARD or GLACIER_IR, so it can be
read without a restore.  It goes up in one PUT whose SHA-256 S3 checks on receipt (a pack is a few MB: 15 KB a
photo).  Listing the album roots under ``<prefix>.glacier_gui/`` lets a new computer that knows only the bucket
find the album's name, which every key starts with.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from glacier_gui.core.s3.objects import WRITE_ONCE

PACK_CONTENT_TYPE = "application/x-tar"


def put_pack(client: Any, bucket: str, key: str, data: bytes, storage_class: str) -> str:
    """PUT one pack in *storage_class* under a key not taken yet; its ETag.  Raises botocore's errors (callers read
    them with ``explain``; a taken key is a 412, :func:`~.errors.already_exists`)."""
    digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
    response = client.put_object(
        Bucket=bucket,
        Key=key,
        Body=data,
        StorageClass=storage_class,
        ContentType=PACK_CONTENT_TYPE,
        ChecksumAlgorithm="SHA256",
        ChecksumSHA256=digest,
        **WRITE_ONCE,  # as every object the app creates
    )
    return str(response.get("ETag", "")).strip('"')


def list_folders(client: Any, bucket: str, prefix: str) -> list[str]:
    """The names of the "folders" directly under *prefix* (``CommonPrefixes``), sorted."""
    names: set[str] = set()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix, Delimiter="/"):
        for common in page.get("CommonPrefixes", ()):
            name = str(common.get("Prefix", ""))[len(prefix) :].rstrip("/")
            if name:
                names.add(name)
    return sorted(names)
