"""The S3 requests the rest of the app makes on buckets and objects, each written once.

Restore, fetch, rebuild, the probe, the connection test and the demo call these instead of the client's
operations, so every request (and the reading of its errors) is made in this package.  A refused request
raises :class:`~glacier_gui.core.s3.errors.S3RequestError` (plain words plus the S3 error code) where the
caller decides on the code; listings and HEADs keep botocore's exceptions, as the upload engine expects today.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import botocore.exceptions

from glacier_gui.core.i18n import msg
from glacier_gui.core.s3.errors import (
    NOT_FOUND,
    SERVER_ERRORS,
    RemoteError,
    S3RequestError,
    Unreachable,
    error_code,
    explain,
    no_such_bucket,
)

CHUNK = 1 << 20  # streamed GETs hand out 1 MiB at a time
# ``If-None-Match: *`` on every object the app creates: S3 never replaces an object for us (412 instead).
WRITE_ONCE: dict[str, str] = {"IfNoneMatch": "*"}


@dataclass(frozen=True)
class RemoteObject:
    key: str
    size: int
    storage_class: str
    etag: str
    last_modified: datetime | None = None


# ---- buckets ------------------------------------------------------------------------------------------
def check_bucket(client: Any, bucket: str) -> None:
    """Raise :class:`RemoteError` in plain words if *bucket* cannot be used (:class:`Unreachable` when S3 could
    not be reached at all: an outage, not a wrong bucket)."""
    try:
        client.head_bucket(Bucket=bucket)
    except botocore.exceptions.ClientError as exc:
        if error_code(exc) in NOT_FOUND:  # HEAD has no body: a missing bucket is a bare 404
            raise no_such_bucket(bucket) from None
        status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
        if status >= 500 or error_code(exc) in SERVER_ERRORS:
            raise Unreachable(explain(exc, bucket)) from None
        raise S3RequestError.of(exc, bucket) from None
    except (botocore.exceptions.ConnectionError, botocore.exceptions.HTTPClientError) as exc:
        raise Unreachable(explain(exc, bucket)) from None
    except botocore.exceptions.BotoCoreError as exc:
        raise RemoteError(explain(exc, bucket)) from None


# ---- listing ------------------------------------------------------------------------------------------
def list_requests(objects: int) -> int:
    """ListObjectsV2 requests needed to list *objects* keys (1,000 a page; an empty listing is one request)."""
    return max(1, -(-objects // 1000))


def list_objects(client: Any, bucket: str, prefix: str, recursive: bool = True) -> Iterator[RemoteObject]:
    """Every object under *prefix* (one request per 1,000 keys); only direct children if not *recursive*."""
    paginator = client.get_paginator("list_objects_v2")
    kwargs: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix}
    if not recursive:
        kwargs["Delimiter"] = "/"
    for page in paginator.paginate(**kwargs):
        for item in page.get("Contents", ()):
            yield RemoteObject(
                item["Key"],
                int(item["Size"]),
                item.get("StorageClass", "STANDARD"),
                item.get("ETag", "").strip('"'),
                item.get("LastModified"),
            )


# ---- objects ------------------------------------------------------------------------------------------
def head_object(client: Any, bucket: str, key: str) -> dict[str, Any] | None:
    """HEAD with checksum mode; None when the object does not exist."""
    try:
        result: dict[str, Any] = client.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
        return result
    except botocore.exceptions.ClientError as exc:
        if error_code(exc) in NOT_FOUND:
            return None
        raise


MAX_IN_MEMORY = 256 * 2**20  # get_bytes refuses more: a manifest of 100,000 files is about 30 MB


def get_bytes(client: Any, bucket: str, key: str, max_bytes: int = MAX_IN_MEMORY) -> bytes:
    """The whole object in memory (manifests: a few hundred KiB at most); :class:`RemoteError` naming the key,
    without reading the body, when S3 says it is larger than *max_bytes*."""
    try:
        answer = client.get_object(Bucket=bucket, Key=key)
    except botocore.exceptions.ClientError as exc:
        raise S3RequestError.of(exc, bucket) from None
    size = int(answer.get("ContentLength", 0) or 0)
    if size > max_bytes:
        answer["Body"].close()
        raise RemoteError(
            msg(
                "s3://{bucket}/{key} is {size} bytes, more than this app ever reads into memory ({most}): not read",
                bucket=bucket,
                key=key,
                size=size,
                most=max_bytes,
            )
        )
    body: bytes = answer["Body"].read(max_bytes + 1)
    if len(body) > max_bytes:
        raise RemoteError(msg("s3://{bucket}/{key} is larger than it said: not read", bucket=bucket, key=key))
    return body


def get_chunks(client: Any, bucket: str, key: str, start: int | None = None, end: int | None = None) -> Iterator[bytes]:
    """GET *key* now (bytes *start*..*end* inclusive, when given); the body streams as the result is iterated.

    The request is sent before this returns, so a refusal (an archived object not restored, say) raises here,
    not in the middle of whoever consumes the chunks.
    """
    kwargs: dict[str, Any] = {"Bucket": bucket, "Key": key}
    if start is not None and end is not None:
        kwargs["Range"] = f"bytes={start}-{end}"
    try:
        body = client.get_object(**kwargs)["Body"]
    except botocore.exceptions.ClientError as exc:
        raise S3RequestError.of(exc, bucket) from None
    chunks: Iterator[bytes] = body.iter_chunks(CHUNK)
    return chunks


def restore_object(client: Any, bucket: str, key: str, days: int, tier: str) -> bool:
    """Ask S3 for a temporary copy of an archived object; True when a copy was already there (its expiry moved).

    A refusal raises :class:`S3RequestError`; ``RestoreAlreadyInProgress`` is such a refusal, for the caller
    to count as requested.
    """
    try:
        response = client.restore_object(
            Bucket=bucket, Key=key, RestoreRequest={"Days": days, "GlacierJobParameters": {"Tier": tier}}
        )
    except botocore.exceptions.ClientError as exc:
        raise S3RequestError.of(exc, bucket) from None
    # 202: restore started; 200: "already restored" - S3 extended the existing copy.
    return bool(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 202) == 200)
