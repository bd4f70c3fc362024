"""S3's checksum forms, compared like with like.

A single-part object's ``ChecksumSHA256`` is the base64 SHA-256 of its bytes.  A multipart object's is
COMPOSITE: the base64 SHA-256 of its parts' binary SHA-256s joined, with ``-<parts>`` after it on AWS (some
servers, moto among them, drop the suffix and say ``ChecksumType: COMPOSITE`` instead).  Its ETag carries the
same ``-<parts>`` suffix.  Comparing a composite with a whole-file digest is comparing apples and pears: it
never matches, whatever the bytes.  The upload engine, verify and resume read checksums through these.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from typing import Any


def sha256_b64(hex_digest: str) -> str:
    """The manifest's hex SHA-256 as S3 shows a single-part object's ChecksumSHA256 (base64)."""
    return base64.b64encode(bytes.fromhex(hex_digest)).decode()


def checksum_base(value: str) -> str:
    """The base64 part of a checksum: multipart objects carry ``<b64>-<parts>``, some services drop the suffix."""
    return str(value).split("-", 1)[0] if value else ""


def composite_sha256(part_digests: Iterable[bytes]) -> str:
    """The composite checksum of parts with these binary SHA-256s, without the ``-<parts>`` suffix."""
    return base64.b64encode(hashlib.sha256(b"".join(part_digests)).digest()).decode()


def multipart_parts(head: dict[str, Any]) -> int | None:
    """How many parts a HEAD answer says the object was uploaded in: from the checksum's or the ETag's
    ``-<parts>`` suffix; 1 for a single-part object; None when it does not say (a composite checksum without
    a suffix and an ETag without one: ask ``HeadObject`` with ``PartNumber=1`` for ``PartsCount``)."""
    for value in (str(head.get("ChecksumSHA256", "")), str(head.get("ETag", "")).strip('"')):
        suffix = value.rpartition("-")[2] if "-" in value else ""
        if suffix.isdigit():
            return int(suffix)
    if str(head.get("ChecksumType", "")).upper() == "COMPOSITE":
        return None
    return 1
