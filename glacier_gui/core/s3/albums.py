"""What a bucket holds, seen from a new computer: the albums backed up into it, and the bucket's own region.

On the day the PC died the user has a bucket name and keys, nothing else: no settings, no status.csv, maybe
no NAS.  The album's name in the bucket (the first part of every key) is the one thing they cannot be expected
to remember, so it is read from the bucket: every album this app backed up has a folder under the reserved
prefix (``<prefix>.glacier_gui/<album>/``), found with one ``ListObjectsV2`` and ``Delimiter='/'``.  Each album is
then summed up from listings alone (no restore, no download): its units (manifests), its files and bytes (the
data under ``<prefix><album>/``) and the last backup (the newest object).

The region comes from ``HeadBucket``: S3 names the bucket's region in the ``x-amz-bucket-region`` header of
every answer, a 301 redirect and a 403 included, so no ``GetBucketLocation`` permission is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import botocore.exceptions

from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3.client import RESERVED_PREFIX, KeyLayout
from glacier_gui.core.s3.errors import NOT_FOUND, RemoteError, S3RequestError, error_code, explain, no_such_bucket
from glacier_gui.core.s3.objects import list_objects
from glacier_gui.core.s3.probe import list_manifest_units

REGION_HEADER = "x-amz-bucket-region"


@dataclass(frozen=True)
class AlbumSummary:
    """One album in the bucket, as listings show it."""

    name: str  # the album's name in the bucket (the bucket_album setting)
    units: int  # folders backed up (units with a manifest)
    files: int  # objects holding its photos (a tar volume counts once)
    size: int  # their bytes
    last_backup: datetime | None  # the newest object of the album (data or manifest)
    level: int = 2  # folder levels below the album that made one unit (the deepest unit's)


def album_names(client: Any, bucket: str, prefix: str = "") -> list[str]:
    """The albums this app backed up into *bucket* under *prefix*: the folders of its reserved prefix."""
    reserved = f"{prefix}{RESERVED_PREFIX}"
    paginator = client.get_paginator("list_objects_v2")
    names = []
    try:
        for page in paginator.paginate(Bucket=bucket, Prefix=reserved, Delimiter="/"):
            for common in page.get("CommonPrefixes", ()):
                name = common["Prefix"][len(reserved) :].rstrip("/")
                if name:
                    names.append(name)
    except botocore.exceptions.ClientError as exc:
        raise S3RequestError.of(exc, bucket) from None
    except botocore.exceptions.BotoCoreError as exc:
        raise RemoteError(explain(exc, bucket)) from None
    return sorted(names)


def summarize_album(client: Any, bucket: str, prefix: str, name: str) -> AlbumSummary:
    """Units, files, bytes and the last backup of the album *name*, from listings only."""
    layout = KeyLayout(prefix, name)
    try:
        names = list_manifest_units(client, bucket, layout)
        data = list(list_objects(client, bucket, layout.unit_prefix(".")))
        own = list(list_objects(client, bucket, layout.reserved_prefix()))
    except botocore.exceptions.ClientError as exc:
        raise S3RequestError.of(exc, bucket) from None
    except botocore.exceptions.BotoCoreError as exc:
        raise RemoteError(explain(exc, bucket)) from None
    times = [o.last_modified for o in data + own if o.last_modified is not None]
    level = max((u.count("/") + 1 for u in names if u != "."), default=1)
    return AlbumSummary(name, len(names), len(data), sum(o.size for o in data), max(times) if times else None, level)


def list_albums(client: Any, bucket: str, prefix: str = "", cancel: CancelToken | None = None) -> list[AlbumSummary]:
    """Every album in *bucket* under *prefix*, summed up (sorted by name)."""
    albums = []
    for name in album_names(client, bucket, prefix):
        if cancel is not None:
            cancel.raise_if_cancelled()
        albums.append(summarize_album(client, bucket, prefix, name))
    return albums


def bucket_region(client: Any, bucket: str) -> str:
    """The region *bucket* lives in, from HeadBucket's ``x-amz-bucket-region`` header ('' if S3 names none).

    The header comes on success, on a 301 (the client asked another region) and on a 403 (keys that may not
    read the bucket), so this needs no permission beyond reaching the bucket.  A missing bucket raises
    :class:`RemoteError` in plain words.
    """
    try:
        response = client.head_bucket(Bucket=bucket)
    except botocore.exceptions.ClientError as exc:
        region = _region_of(exc.response)
        if region:
            return region
        if error_code(exc) in NOT_FOUND:
            raise no_such_bucket(bucket) from None
        raise S3RequestError.of(exc, bucket) from None
    except botocore.exceptions.BotoCoreError as exc:
        raise RemoteError(explain(exc, bucket)) from None
    return _region_of(response) or str(response.get("BucketRegion", ""))


def _region_of(response: Any) -> str:
    headers = (response or {}).get("ResponseMetadata", {}).get("HTTPHeaders", {})
    return str(headers.get(REGION_HEADER, ""))
