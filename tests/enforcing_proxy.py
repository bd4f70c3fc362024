"""An HTTP proxy on 127.0.0.1 in front of moto that enforces what AWS enforces for a key with exactly the app's policy.

moto does not evaluate the conditions of IAM or bucket policies (``s3:if-none-match``, ``s3:ObjectCreationOperation``),
so the write-once rule of ``core/s3/policy.py`` is played here, request by request, as AWS does it:

* ``PutObject`` (a copy too) and ``CompleteMultipartUpload`` without ``If-None-Match`` -> 403 AccessDenied;
  with it, over an existing key -> 412 PreconditionFailed (S3 keeps the object);
* ``CreateMultipartUpload``, ``UploadPart``, ``AbortMultipartUpload`` pass (they create no object);
* ``DeleteObject`` and ``DeleteObjects`` -> 403 (the policy has no delete);
* everything else (reads, listings, restores, the set-up key's bucket calls) is forwarded to moto, except the bucket
  policy itself, which the proxy keeps (moto would read its conditions as always true and deny every write).

``refused`` records each refusal (method, key, code), so a test can show what an attacker's request met.
"""

from __future__ import annotations

import http.client
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "expect", "proxy-connection", "upgrade", "te"}


class EnforcingProxy:
    """Forwards ``127.0.0.1:<port>`` to moto at *target* (``http://127.0.0.1:<port>``), enforcing write-once."""

    def __init__(self, target: str) -> None:
        parts = urllib.parse.urlsplit(target)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.refused: list[tuple[str, str, str]] = []
        self.policies: dict[str, bytes] = {}
        self.lock = threading.Lock()
        proxy = self

        class Handler(_Handler):
            owner = proxy

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, name="enforcing-proxy", daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def refusals(self, code: str = "") -> list[tuple[str, str, str]]:
        with self.lock:
            return [r for r in self.refused if not code or r[2] == code]

    def exists(self, path: str) -> bool:
        status, _, _ = self.forward("HEAD", path, {}, b"")
        return status == 200

    def forward(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, list, bytes]:
        conn = http.client.HTTPConnection(*self.target, timeout=60)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, response.getheaders(), data
        finally:
            conn.close()


class _Handler(BaseHTTPRequestHandler):
    owner: EnforcingProxy
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        return

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))

    def _handle(self) -> None:
        body = self._body()
        split = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
        bucket, _, key = split.path.lstrip("/").partition("/")
        verdict = self._verdict(self.command, bucket, key, query, split.path)
        if verdict is not None:
            status, code = verdict
            with self.owner.lock:
                self.owner.refused.append((self.command, urllib.parse.unquote(key), code))
            self._send(status, [("Content-Type", "application/xml")], _error(code), self.command)
            return
        if not key and "policy" in query and self.command in ("PUT", "GET"):
            self._bucket_policy(bucket, body)
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        headers["Content-Length"] = str(len(body))
        status, answer_headers, data = self.owner.forward(self.command, self.path, headers, body)
        self._send(status, answer_headers, data, self.command)

    def _verdict(self, method: str, bucket: str, key: str, query: dict, path: str) -> tuple[int, str] | None:
        """(status, S3 error code) for a request AWS would refuse with the app's policy; None: forward it."""
        if not key:
            if method == "POST" and "delete" in query:
                return 403, "AccessDenied"  # DeleteObjects
            return None
        creates = (method == "PUT" and "partNumber" not in query) or (method == "POST" and "uploadId" in query)
        if method == "DELETE" and "uploadId" not in query:
            return 403, "AccessDenied"
        if creates:
            if self.headers.get("If-None-Match") is None:
                return 403, "AccessDenied"
            if self.owner.exists(path):
                return 412, "PreconditionFailed"
        return None

    def _bucket_policy(self, bucket: str, body: bytes) -> None:
        if self.command == "PUT":
            with self.owner.lock:
                self.owner.policies[bucket] = body
            self._send(204, [], b"", "PUT")
            return
        with self.owner.lock:
            policy = self.owner.policies.get(bucket)
        if policy is None:
            self._send(404, [("Content-Type", "application/xml")], _error("NoSuchBucketPolicy"), "GET")
        else:
            self._send(200, [("Content-Type", "application/json")], policy, "GET")

    def _send(self, status: int, headers: list, data: bytes, method: str) -> None:
        self.send_response(status)
        length_sent = False
        for name, value in headers:
            lower = name.lower()
            if lower in HOP_BY_HOP or lower in ("date", "server"):
                continue
            if lower == "content-length":
                length_sent = True
                if method == "HEAD":
                    self.send_header(name, value)
                    continue
                value = str(len(data))
            self.send_header(name, value)
        if not length_sent:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if method != "HEAD" and data:
            self.wfile.write(data)


def _error(code: str) -> bytes:
    text = {
        "AccessDenied": "Access Denied",
        "PreconditionFailed": "At least one of the pre-conditions you specified did not hold",
        "NoSuchBucketPolicy": "The bucket policy does not exist",
    }.get(code, code)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{text}</Message>'
        f"<Condition>If-None-Match</Condition></Error>"
    ).encode()
