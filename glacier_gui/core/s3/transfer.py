"""The upload engine's S3 requests: single PUTs, multipart create/part/complete/abort, and listing parts.

The engine (``core/upload*.py``) decides what to send and checks what comes back; every request it makes goes
through a :class:`Transfer`, so botocore's parameter names, its body protocol and its error shapes stay in
``core/s3/``.  A single PUT tries the lean path of ``leanput.py`` first (the same signed request for half the
CPU) and falls back to botocore, which has the retries and the redirects.  Each method sends exactly one
request (listing parts: one per 1,000 parts) and returns S3's answer; none retries on its own.

With a *limiter* (the process's bandwidth limiter, ``core/homelink.py``), every request body is read through it,
so all connections together stay under the limit and a pause stops them at their next slice.  Each body is read
once: we send our own ChecksumSHA256, and botocore hashes nothing more (see ``core/bwlimit.py``).
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
from typing import IO, Any

import botocore.exceptions

from glacier_gui.core.bwlimit import CancelArg, LimitedReader, Limiter
from glacier_gui.core.s3.errors import explain
from glacier_gui.core.s3.leanput import FastPut

log = logging.getLogger(__name__)


class Transfer:
    """One run's uploads into *bucket* over one thread-safe *client*; *lean* allows the lean PUT path.

    *limiter*: every body passes through it (*cancel* frees a body that waits there, e.g. while paused).
    """

    def __init__(
        self, client: Any, bucket: str, lean: bool = True, limiter: Limiter | None = None, cancel: CancelArg = None
    ) -> None:
        self.client = client
        self.bucket = bucket
        self.limiter = limiter
        self.cancel = cancel
        self.lean = _lean_put(client, bucket, limiter, cancel) if lean else None

    def _body(self, raw: IO[bytes] | io.RawIOBase) -> Any:
        return raw if self.limiter is None else LimitedReader(raw, self.limiter, self.cancel)  # type: ignore[arg-type]

    def put(
        self, key: str, body: bytes, digest: bytes, b64: str, storage_class: str, metadata: dict[str, str]
    ) -> dict[str, Any]:
        """PUT one object whose SHA-256 (*digest*, and *b64* its base64) S3 checks on receipt; S3's answer."""
        response = self.lean.put(key, body, digest, b64, storage_class, metadata) if self.lean else None
        if response is None:  # botocore: the lean path is off, or did not get a plain 200 (retries, redirects)
            answer: dict[str, Any] = self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=self._body(io.BytesIO(body)),
                StorageClass=storage_class,
                ChecksumAlgorithm="SHA256",
                ChecksumSHA256=b64,
                Metadata=metadata,
            )
            return answer
        return response

    def put_json(self, key: str, body: bytes) -> None:
        """PUT a JSON document (a manifest) in STANDARD, readable without a restore; S3 checks its SHA-256."""
        self.client.put_object(
            Bucket=self.bucket,
            Key=key,
            Body=self._body(io.BytesIO(body)),
            StorageClass="STANDARD",
            ContentType="application/json",
            ChecksumAlgorithm="SHA256",
            ChecksumSHA256=base64.b64encode(hashlib.sha256(body).digest()).decode(),  # botocore reads it once
        )

    def create_multipart(self, key: str, storage_class: str, metadata: dict[str, str]) -> str:
        """Open a multipart upload whose parts carry SHA-256 checksums; its upload id."""
        created = self.client.create_multipart_upload(
            Bucket=self.bucket,
            Key=key,
            StorageClass=storage_class,
            ChecksumAlgorithm="SHA256",
            Metadata=metadata,
        )
        return str(created["UploadId"])

    def upload_part(self, key: str, upload_id: str, number: int, data: memoryview, b64: str) -> str:
        """Send part *number* straight from *data* (no copy; retries re-read it); the part's ETag."""
        response = self.client.upload_part(
            Bucket=self.bucket,
            Key=key,
            UploadId=upload_id,
            PartNumber=number,
            Body=self._body(_BufferBody(data)),
            ChecksumAlgorithm="SHA256",
            ChecksumSHA256=b64,
        )
        return str(response["ETag"])

    def complete_multipart(self, key: str, upload_id: str, parts: list[dict[str, Any]]) -> dict[str, Any]:
        """Join *parts* (``PartNumber``, ``ETag``, ``ChecksumSHA256`` each) into the object; S3's answer."""
        response: dict[str, Any] = self.client.complete_multipart_upload(
            Bucket=self.bucket,
            Key=key,
            UploadId=upload_id,
            MultipartUpload={"Parts": parts},
        )
        return response

    def abort_multipart(self, key: str, upload_id: str) -> None:
        """Drop an open multipart upload and the parts S3 bills for it."""
        self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)

    def list_parts(self, key: str, upload_id: str) -> dict[int, dict[str, Any]] | None:
        """Parts S3 already holds for an open upload, by number; None if the upload is gone (aborted or completed)."""
        parts: dict[int, dict[str, Any]] = {}
        try:
            for page in self.client.get_paginator("list_parts").paginate(
                Bucket=self.bucket, Key=key, UploadId=upload_id
            ):
                for p in page.get("Parts", ()):
                    parts[int(p["PartNumber"])] = p
        except Exception as exc:
            # By its code, or by its text for S3-compatible servers that answer with another error shape.
            if _error_code(exc) == "NoSuchUpload" or "NoSuchUpload" in str(exc):
                return None
            raise
        return parts


class _BufferBody(io.RawIOBase):
    """A part's bytes as the seekable stream botocore wants, without copying the buffer (retries seek to 0)."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._pos + size)
        chunk = self._view[self._pos : end].tobytes()
        self._pos = end
        return chunk

    def readinto(self, target: Any) -> int:
        chunk = self.read(len(target))
        target[: len(chunk)] = chunk
        return len(chunk)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._view)}[whence]
        self._pos = max(0, min(len(self._view), base + offset))
        return self._pos

    def tell(self) -> int:
        return self._pos


def _error_code(exc: BaseException) -> str:
    if isinstance(exc, botocore.exceptions.ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


def _lean_put(client: Any, bucket: str, limiter: Limiter | None, cancel: CancelArg) -> FastPut | None:
    """The lean PutObject for small files (leanput.py), unless turned off or not possible here."""
    if os.environ.get("GLACIER_GUI_LEAN_PUT", "1") == "0":
        return None
    try:
        return FastPut(client, bucket, limiter=limiter, cancel=cancel)
    except Exception as exc:  # noqa: BLE001 - e.g. no credentials yet: botocore will say so in plain words
        log.info("lean PUT path not used: %s", explain(exc, bucket))
        return None
