"""A lean PutObject for small files: the same request botocore sends, for a fraction of its CPU.

With thousands of photos the upload is bound by Python CPU per request: botocore spends about 1 ms on each
PutObject (parameter checks, endpoint rules, event hooks, signing, response parsing), more than the rest of
the engine together, and rclone needs about 1 ms per file *in total*.  This module sends exactly one kind of
request — a single-part, conditional (``If-None-Match: *``) ``PUT`` of a body we already hold and have hashed —
signed by botocore's own ``S3SigV4Auth`` over the SHA-256 we computed anyway (so the payload is signed, not
``UNSIGNED-PAYLOAD``, and the signer does not hash the body a second time), on one keep-alive connection per
thread.

It never decides anything on its own.  The endpoint (virtual-hosted or path style, region, FIPS, custom
endpoint) comes from botocore itself, once, through a presigned URL; the credentials are the ones the client
was made with (the boto3 session's), asked for frozen keys on every request, so temporary SSO or assumed-role
keys refresh as usual.  Anything unexpected — a redirect, an error status, a proxy in the environment, a
connection that fails — returns ``None`` and the caller sends the same file through botocore, which has the
retries, the region redirects and the error parsing; after the first such failure the fast path is switched
off for the run.

With the process's bandwidth *limiter*, the body goes out in slices, each one let through by the limiter first;
the first slice leaves with the headers (one send, as before), so a paused run starts no new request on the wire.
"""

from __future__ import annotations

import http.client
import logging
import os
import ssl
import threading
from typing import Any
from urllib.parse import quote, urlsplit

import botocore.auth
import botocore.awsrequest

from glacier_gui.core.bwlimit import CancelArg, Limiter
from glacier_gui.core.s3.client import session_credentials

log = logging.getLogger(__name__)

_PROBE_KEY = "glacier-gui-endpoint-probe"
MAX_FAILURES = 3  # passing server errors in a row before the run goes back to botocore
CONNECT_TIMEOUT = 15.0  # seconds, as make_client's connect_timeout
BODY_SLICE = 64 * 1024  # bytes let through the limiter per send (the limiter slices finer itself)
_PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


class _KnownPayloadAuth(botocore.auth.S3SigV4Auth):  # type: ignore[misc]  # botocore ships no type hints
    """botocore's S3 signer, given the body's SHA-256 instead of hashing the body a second time."""

    def payload(self, request: botocore.awsrequest.AWSRequest) -> str:
        known: str = request.context["payload_sha256"]
        return known


class FastPut:
    """``put(key, body, sha256_digest, b64, storage_class, metadata) -> dict | None`` (None: use botocore)."""

    def __init__(
        self,
        client: Any,
        bucket: str,
        timeout: float = 120.0,
        limiter: Limiter | None = None,
        cancel: CancelArg = None,
    ) -> None:
        self._limiter, self._cancel = limiter, cancel
        self._credentials = session_credentials(client)  # None: a client make_client did not make
        # botocore knows proxies; we don't.
        self.enabled = self._credentials is not None and not any(os.environ.get(v) for v in _PROXY_VARIABLES)
        self._failures = 0  # in a row
        self._off_by_outage = False  # switched off only by failed connections: on again when the network is back
        self._timeout = timeout
        self._local = threading.local()
        url = urlsplit(
            client.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": _PROBE_KEY}, ExpiresIn=60)
        )
        if not url.path.endswith("/" + _PROBE_KEY) or url.scheme not in ("http", "https"):
            self.enabled = False
        self._https = url.scheme == "https"
        self._host = url.netloc
        self._prefix = url.path[: -len(_PROBE_KEY)]  # "/" (virtual-hosted) or "/bucket/" (path style)
        self._region = client.meta.region_name or "us-east-1"
        self._context = ssl.create_default_context(cafile=_ca_bundle()) if self._https else None

    def put(
        self, key: str, body: bytes, digest: bytes, b64: str, storage_class: str, metadata: dict[str, str]
    ) -> dict[str, str] | None:
        if not self.enabled or self._credentials is None:
            return None
        path, headers = self.signed_request(
            key, body, digest, b64, storage_class, metadata, self._credentials.get_frozen_credentials()
        )
        try:
            status, answer = self._send(path, headers, body)
        except (OSError, http.client.HTTPException) as exc:
            self._failed(f"connection problem ({exc})", transient=True)
            return None
        if status == 412:
            # The key exists already (a resumed run's own object, or someone else's): botocore sends the same
            # conditional request again and the engine gets S3's PreconditionFailed as usual, to check and adopt.
            return None
        if status != 200:
            # 5xx is the server's passing trouble (botocore retries this file); 3xx/4xx means this path is wrong
            # here (another region, a policy, an endpoint we do not understand): leave the run to botocore.
            self._failed(f"HTTP status {status}", transient=status >= 500)
            return None
        self._failures = 0
        return answer

    def signed_request(
        self,
        key: str,
        body: bytes,
        digest: bytes,
        b64: str,
        storage_class: str,
        metadata: dict[str, str],
        frozen: Any,
    ) -> tuple[str, dict[str, str]]:
        """The request path and its headers (lower-case names), signed now by botocore with *frozen* keys."""
        path = self._prefix + quote(key, safe="/~")
        headers = {
            "host": self._host,
            "content-length": str(len(body)),
            "x-amz-checksum-sha256": b64,
            "x-amz-sdk-checksum-algorithm": "SHA256",
            "x-amz-storage-class": storage_class,
            "if-none-match": "*",  # the bucket is append-only: never replace an object (412 if the key exists)
        }
        for name, value in metadata.items():
            headers[f"x-amz-meta-{name.lower()}"] = value
        scheme = "https" if self._https else "http"
        request = botocore.awsrequest.AWSRequest(method="PUT", url=f"{scheme}://{self._host}{path}", headers=headers)
        request.context["payload_sha256"] = digest.hex()
        # The signer adds x-amz-date, x-amz-content-sha256, the session token and the Authorization header.
        _KnownPayloadAuth(frozen, "s3", self._region).add_auth(request)
        return path, {name.lower(): value for name, value in request.headers.items()}

    def _send(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str]]:
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile: reconnect once
            conn = self._connection()
            try:
                conn.putrequest("PUT", path, skip_host=True, skip_accept_encoding=True)
                for name, value in headers.items():
                    conn.putheader(name, value)
                self._send_body(conn, body)
                response = conn.getresponse()
                response.read()
                return response.status, {
                    "ETag": response.getheader("ETag", ""),
                    "ChecksumSHA256": response.getheader("x-amz-checksum-sha256", ""),
                }
            except (ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine):
                conn.close()
                self._local.conn = None
                if attempt == 2:
                    raise
            except BaseException:  # cancelled while waiting for the limiter: the request is half sent
                conn.close()
                self._local.conn = None
                raise
        raise AssertionError("unreachable")

    def _send_body(self, conn: http.client.HTTPConnection, body: bytes) -> None:
        """The headers and the body; through the limiter, slice by slice, when there is one."""
        if self._limiter is None:
            conn.endheaders(body)
            return
        view = memoryview(body)
        first = bytes(view[:BODY_SLICE])
        self._limiter.consume(len(first), self._cancel)
        conn.endheaders(first)  # headers and the first slice in one send
        for start in range(BODY_SLICE, len(view), BODY_SLICE):
            piece = view[start : start + BODY_SLICE]
            self._limiter.consume(len(piece), self._cancel)
            conn.send(piece)

    def _connection(self) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            # Connecting gets botocore's connect timeout: a network that swallows packets (Wi-Fi gone) must not
            # hold each PUT for the whole read timeout before the outage is noticed.
            if self._https:
                conn = http.client.HTTPSConnection(self._host, timeout=CONNECT_TIMEOUT, context=self._context)
            else:
                conn = http.client.HTTPConnection(self._host, timeout=CONNECT_TIMEOUT)
            conn.connect()
            if conn.sock is not None:
                conn.sock.settimeout(self._timeout)
            self._local.conn = conn
        return conn

    def _failed(self, why: str, transient: bool) -> None:
        """This file goes through botocore; after MAX_FAILURES in a row (or one that is not transient), all do."""
        self._failures += 1
        if not transient:
            self._off_by_outage = False  # an answer this path does not understand: off for good
        if (not transient or self._failures >= MAX_FAILURES) and self.enabled:
            log.info("lean PUT path off for this run (%s): botocore sends the rest", why)
            self.enabled = False
            self._off_by_outage = transient

    def network_back(self) -> None:
        """After an outage: on again, if only the outage's failed connections had switched it off."""
        if not self.enabled and self._off_by_outage:
            self._off_by_outage = False
            self._failures = 0
            self.enabled = True
            log.info("lean PUT path on again: the network is back")


def _ca_bundle() -> str | None:
    """The CA bundle botocore would use (certifi's, or AWS_CA_BUNDLE)."""
    try:
        from botocore.httpsession import get_cert_path

        path = get_cert_path(True)
        return path if isinstance(path, str) else None
    except Exception:  # noqa: BLE001 - fall back to the system store
        return None
