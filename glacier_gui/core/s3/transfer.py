"""The upload engine's S3 requests: single PUTs, multipart create/part/complete/abort, listings and HEADs.

The engine (``core/upload*.py``) decides what to send and checks what comes back; every request it makes goes
through a :class:`Transfer`, so botocore's parameter names, its body protocol and its error shapes stay in
``core/s3/``.  A single PUT tries the lean path of ``leanput.py`` first (the same signed request, with the
same checksum and ``If-None-Match`` headers, for half the CPU: on a fibre line the CPU sets the pace) and falls
back to botocore, which has the retries, the redirects and the error parsing.  Each method sends one request
(listings: one per 1,000 entries) and returns S3's answer.  With an :class:`~.outage.OutageGate`, a request
that cannot reach S3 is tried again until the network is back or the run's ``outage_wait`` is over.

With a *limiter* (the process's bandwidth limiter, ``core/homelink/link.py``), every request body is read through it,
so all connections together stay under the limit and a pause stops them at their next slice.  Each body is read
once: we send our own ChecksumSHA256, and botocore hashes nothing more (see ``core/bwlimit.py``).

Every write is write-once: PutObject and CompleteMultipartUpload carry ``If-None-Match: *`` (:data:`WRITE_ONCE`),
so S3 answers 412 instead of replacing an object that is there (the engine then adopts it or keeps its file
beside it, ``core/upload/send.py``), and a bucket policy can refuse any write without the header.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, TypeVar

import botocore.exceptions

from glacier_gui.core.bwlimit import CancelArg, LimitedReader, Limiter
from glacier_gui.core.s3.errors import NOT_FOUND, error_code, explain
from glacier_gui.core.s3.leanput import FastPut
from glacier_gui.core.s3.objects import WRITE_ONCE, RemoteObject, check_bucket, head_object, list_objects
from glacier_gui.core.s3.outage import OutageGate

T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenUpload:
    """A multipart upload S3 holds open (its parts are billed until it is completed or aborted)."""

    key: str
    upload_id: str
    initiated: datetime | None


class Transfer:
    """One run's uploads into *bucket* over one thread-safe *client*.

    *gate* waits out outages (None: every failure is final at once). *limiter*: every body passes through it
    (*cancel* frees a body that waits there, e.g. while paused).  *lean* allows the lean PUT path.
    """

    def __init__(
        self,
        client: Any,
        bucket: str,
        gate: OutageGate | None = None,
        limiter: Limiter | None = None,
        cancel: CancelArg = None,
        lean: bool = True,
    ) -> None:
        self.client = client
        self.bucket = bucket
        self.limiter = limiter
        self.cancel = cancel
        self.gate = gate
        self.lean = _lean_put(client, bucket, limiter, cancel) if lean else None
        if gate is not None and self.lean is not None:
            lean_put = self.lean
            gate.subscribe(lambda text, _since: None if text else lean_put.network_back())

    def _body(self, raw: IO[bytes] | io.RawIOBase) -> Any:
        return raw if self.limiter is None else LimitedReader(raw, self.limiter, self.cancel)  # type: ignore[arg-type]

    def request(self, send: Callable[[], T]) -> T:
        """*send* (any other S3 request of the run) through the run's outage gate."""
        return self.gate.call(send) if self.gate is not None else send()

    # ---- the bucket and what is in it -------------------------------------------------------------------
    def check_bucket(self) -> None:
        """The bucket can be used (:class:`RemoteError` in plain words if not)."""
        self.request(lambda: check_bucket(self.client, self.bucket))

    def objects_under(self, prefix: str, recursive: bool = True) -> list[RemoteObject]:
        """Every object under *prefix* (only direct children if not *recursive*)."""
        return self.request(lambda: list(list_objects(self.client, self.bucket, prefix, recursive)))

    def head(self, key: str, part_number: int | None = None) -> dict[str, Any] | None:
        """HEAD with checksum mode (of part *part_number* alone, when given: ``PartsCount`` and that part's size);
        None when the object does not exist."""
        if part_number is None:
            return self.request(lambda: head_object(self.client, self.bucket, key))

        def head_part() -> dict[str, Any] | None:
            try:
                answer: dict[str, Any] = self.client.head_object(Bucket=self.bucket, Key=key, PartNumber=part_number)
                return answer
            except botocore.exceptions.ClientError as exc:
                if error_code(exc) in NOT_FOUND:
                    return None
                raise

        return self.request(head_part)

    def list_open_uploads(self, prefix: str) -> list[OpenUpload]:
        """Multipart uploads open under *prefix* (one request per 1,000)."""

        def listing() -> list[OpenUpload]:
            found = []
            for page in self.client.get_paginator("list_multipart_uploads").paginate(Bucket=self.bucket, Prefix=prefix):
                for u in page.get("Uploads", ()):
                    found.append(OpenUpload(str(u["Key"]), str(u["UploadId"]), u.get("Initiated")))
            return found

        return self.request(listing)

    # ---- sending --------------------------------------------------------------------------------------
    def put(
        self, key: str, body: bytes, digest: bytes, b64: str, storage_class: str, metadata: dict[str, str]
    ) -> dict[str, Any]:
        """PUT one object whose SHA-256 (*digest*, and *b64* its base64) S3 checks on receipt; S3's answer."""
        return self.request(lambda: self._put_once(key, body, digest, b64, storage_class, metadata))

    def _put_once(
        self, key: str, body: bytes, digest: bytes, b64: str, storage_class: str, metadata: dict[str, str]
    ) -> dict[str, Any]:
        response = self.lean.put(key, body, digest, b64, storage_class, metadata) if self.lean else None
        if response is not None:
            return response
        # botocore: the lean path is off, or did not get a plain 200 (a 412 on an existing key, retries,
        # redirects): the same request again, whose answer botocore parses into the usual error.
        answer: dict[str, Any] = self.client.put_object(
            Bucket=self.bucket,
            Key=key,
            Body=self._body(io.BytesIO(body)),
            StorageClass=storage_class,
            ChecksumAlgorithm="SHA256",
            ChecksumSHA256=b64,
            Metadata=metadata,
            **WRITE_ONCE,
        )
        return answer

    def put_json(self, key: str, body: bytes) -> None:
        """PUT a JSON document (a manifest) in STANDARD, readable without a restore; S3 checks its SHA-256.
        A key that is taken raises botocore's 412 (:func:`~.errors.already_exists`)."""
        self.request(
            lambda: self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=self._body(io.BytesIO(body)),
                StorageClass="STANDARD",
                ContentType="application/json",
                ChecksumAlgorithm="SHA256",
                ChecksumSHA256=base64.b64encode(hashlib.sha256(body).digest()).decode(),  # botocore reads it once
                **WRITE_ONCE,
            )
        )

    def create_multipart(self, key: str, storage_class: str, metadata: dict[str, str]) -> str:
        """Open a multipart upload whose parts carry SHA-256 checksums; its upload id."""
        created = self.request(
            lambda: self.client.create_multipart_upload(
                Bucket=self.bucket,
                Key=key,
                StorageClass=storage_class,
                ChecksumAlgorithm="SHA256",
                Metadata=metadata,
            )
        )
        return str(created["UploadId"])

    def upload_part(self, key: str, upload_id: str, number: int, data: memoryview, b64: str) -> str:
        """Send part *number* straight from *data* (no copy; retries re-read it); the part's ETag."""
        response = self.request(
            lambda: self.client.upload_part(
                Bucket=self.bucket,
                Key=key,
                UploadId=upload_id,
                PartNumber=number,
                Body=self._body(_BufferBody(data)),
                ChecksumAlgorithm="SHA256",
                ChecksumSHA256=b64,
            )
        )
        return str(response["ETag"])

    def complete_multipart(self, key: str, upload_id: str, parts: list[dict[str, Any]]) -> dict[str, Any]:
        """Join *parts* (``PartNumber``, ``ETag``, ``ChecksumSHA256`` each) into the object; S3's answer."""
        response: dict[str, Any] = self.request(
            lambda: self.client.complete_multipart_upload(
                Bucket=self.bucket,
                Key=key,
                UploadId=upload_id,
                MultipartUpload={"Parts": parts},
                **WRITE_ONCE,
            )
        )
        return response

    def abort_multipart(self, key: str, upload_id: str) -> None:
        """Drop an open multipart upload and the parts S3 bills for it."""
        self.request(lambda: self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id))

    def list_parts(self, key: str, upload_id: str) -> dict[int, dict[str, Any]] | None:
        """Parts S3 already holds for an open upload, by number; None if the upload is gone (aborted or completed)."""

        def listing() -> dict[int, dict[str, Any]] | None:
            parts: dict[int, dict[str, Any]] = {}
            try:
                for page in self.client.get_paginator("list_parts").paginate(
                    Bucket=self.bucket, Key=key, UploadId=upload_id
                ):
                    for p in page.get("Parts", ()):
                        parts[int(p["PartNumber"])] = p
            except botocore.exceptions.ClientError as exc:
                # By its code, or by its text for S3-compatible servers that answer with another error shape.
                if error_code(exc) == "NoSuchUpload" or "NoSuchUpload" in str(exc):
                    return None
                raise
            return parts

        return self.request(listing)


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


def _lean_put(client: Any, bucket: str, limiter: Limiter | None, cancel: CancelArg) -> FastPut | None:
    """The lean PutObject for small files (leanput.py), unless turned off or not possible here."""
    if os.environ.get("GLACIER_GUI_LEAN_PUT", "1") == "0":
        return None
    try:
        return FastPut(client, bucket, limiter=limiter, cancel=cancel)
    except Exception as exc:  # noqa: BLE001 - e.g. no credentials yet: botocore will say so in plain words
        log.info("lean PUT path not used: %s", explain(exc, bucket))
        return None
