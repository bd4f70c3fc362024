"""A fault-injecting HTTP proxy between the app (``--endpoint-url``) and moto, on 127.0.0.1.

Why: the reliability campaign must show what the app does when S3 misbehaves in the ways real networks do —
resets, 5xx answers, answers lost after the server did the work, answers that never come, full outages —
and must be able to freeze the app at a precise instant (S3 completed a multipart upload, the app has not
recorded it yet).  No off-the-shelf proxy knows S3 operations, so this one parses HTTP/1.1 itself
(keep-alive, Content-Length and chunked bodies, ``Expect: 100-continue``), classifies each request by S3
operation, and applies a :class:`FaultPlan`.  Decisions come from a seeded RNG (the same request order gives
the same faults) and every action is counted in :attr:`FaultProxy.counts`.
"""

from __future__ import annotations

import contextlib
import http.client
import random
import socket
import struct
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass, field

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "expect", "te", "upgrade"}
RATE_ACTIONS = ("reset", "error")
RULE_ACTIONS = ("reset", "error", "lose", "hold", "hang")


def classify(method: str, target: str, headers: dict[str, str]) -> tuple[str, str]:
    """(S3 operation, object key or '') of a path-style request such as ``PUT /bucket/key?partNumber=1&...``."""
    parts = urllib.parse.urlsplit(target)
    query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    path = urllib.parse.unquote(parts.path).lstrip("/")
    key = path.split("/", 1)[1] if "/" in path else ""
    if method == "PUT":
        if not key:
            return "CreateBucket", ""
        if "partNumber" in query and "uploadId" in query:
            return "UploadPart", key
        return ("CopyObject" if "x-amz-copy-source" in headers else "PutObject"), key
    if method == "POST":
        if "uploads" in query:
            return "CreateMultipartUpload", key
        if "uploadId" in query:
            return "CompleteMultipartUpload", key
        if "restore" in query:
            return "RestoreObject", key
        return ("DeleteObjects" if "delete" in query else "Post"), key
    if method == "GET":
        if key:
            return ("ListParts" if "uploadId" in query else "GetObject"), key
        if "uploads" in query:
            return "ListMultipartUploads", ""
        if "location" in query:
            return "GetBucketLocation", ""
        return ("ListObjectsV2" if query.get("list-type") == ["2"] else "ListObjects"), ""
    if method == "HEAD":
        return ("HeadObject" if key else "HeadBucket"), key
    if method == "DELETE":
        return ("AbortMultipartUpload" if "uploadId" in query else "DeleteObject"), key
    return method, key


@dataclass
class Rule:
    """Apply *action* to the requests of operation *op* ('*' = any) whose key contains *key* (if given).

    The first *after* matching requests pass untouched; the next *times* get the action.  Actions: ``reset``
    (RST before forwarding), ``error`` (a 500 S3 error), ``lose`` (forward, then RST instead of the answer),
    ``hold`` (forward, keep the answer until :meth:`FaultProxy.release_held`), ``hang`` (never answer).
    """

    action: str
    op: str = "*"
    key: str | None = None
    times: int = 1
    after: int = 0
    seen: int = 0
    fired: int = 0

    def matches(self, op: str, key: str) -> bool:
        if self.op not in ("*", op) or (self.key is not None and self.key not in key):
            return False
        self.seen += 1
        if self.seen <= self.after or self.fired >= self.times:
            return False
        self.fired += 1
        return True


@dataclass
class FaultPlan:
    """Random faults (fractions of the requests of *ops*, all if empty) plus precise rules; *outage* refuses all."""

    seed: int = 0
    reset_rate: float = 0.0
    error_rate: float = 0.0
    ops: frozenset[str] = frozenset()
    rules: list[Rule] = field(default_factory=list)
    outage: bool = False
    hang_seconds: float | None = None  # a hung request is dropped after this long (None: when the client goes)
    key_limit: int = 0  # > 0: refuse longer keys (UTF-8 bytes) with KeyTooLongError, as AWS does at 1024 (moto doesn't)


@dataclass
class Held:
    op: str
    key: str
    released: threading.Event = field(default_factory=threading.Event)
    deliver: bool = True


class FaultProxy:
    """``with FaultProxy(upstream_url, plan) as proxy:`` then point the app at ``proxy.url``."""

    def __init__(self, upstream: str, plan: FaultPlan | None = None) -> None:
        parts = urllib.parse.urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.plan = plan or FaultPlan()
        self.rng = random.Random(self.plan.seed)
        self.counts: Counter[str] = Counter()
        self.log: list[tuple[str, str, str]] = []  # (op, key, what happened), in order
        self.held: list[Held] = []
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._socks: set[socket.socket] = set()
        self._server = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._server.settimeout(0.2)  # accept() wakes up to notice stop()
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}"
        self._thread = threading.Thread(target=self._accept_loop, name="faultproxy", daemon=True)

    # ---- control ------------------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        self.release_held(deliver=False)
        with contextlib.suppress(OSError):
            self._server.close()
        with self._lock:
            socks = list(self._socks)
        for s in socks:
            _reset(s)
        self._thread.join(timeout=5)

    def set_outage(self, on: bool) -> None:
        self.plan.outage = on

    def add_rule(self, rule: Rule) -> Rule:
        with self._lock:
            self.plan.rules.append(rule)
        return rule

    def wait_for(self, what: str, count: int = 1, timeout: float = 30.0) -> bool:
        """Block until *count* requests met fate *what* ('hold', 'hang', 'lose', ...) or *timeout* passes."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while sum(1 for entry in self.log if entry[2] == what) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def release_held(self, deliver: bool = True) -> None:
        """Send (or, with ``deliver=False``, drop) every held answer."""
        with self._lock:
            held = list(self.held)
        for h in held:
            h.deliver = deliver
            h.released.set()

    def summary(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))

    # ---- serving ------------------------------------------------------------------------------------
    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            if self.plan.outage:
                self._count("outage-refused")
                _reset(client)
                continue
            with self._lock:
                self._socks.add(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream: http.client.HTTPConnection | None = None
        reader = client.makefile("rb")
        try:
            while not self._stop.is_set():
                request = _read_request(reader, client)
                if request is None:
                    return
                method, target, headers, body = request
                op, key = classify(method, target, {k.lower(): v for k, v in headers})
                self._count(f"request {op}")
                if self.plan.outage:
                    self._note(op, key, "outage")
                    return
                if self._key_too_long(op, key):
                    self._note(op, key, "key-too-long")
                    client.sendall(_error_response(400, "KeyTooLongError", "Your key is too long"))
                    continue
                action = self._decide(op, key)
                if action == "reset":
                    self._note(op, key, "reset")
                    return
                if action == "hang":
                    self._note(op, key, "hang")
                    self._hang()
                    return
                if action == "error":
                    self._note(op, key, "error")
                    client.sendall(_error_response(self.rng.choice((500, 503))))
                    continue
                if upstream is None:
                    upstream = http.client.HTTPConnection(*self.upstream, timeout=120)
                try:
                    answer = _forward(upstream, method, target, headers, body)
                except (OSError, http.client.HTTPException):
                    upstream.close()
                    upstream = None
                    self._note(op, key, "upstream-failed")
                    return
                if action == "lose":
                    self._note(op, key, "lose")
                    return
                if action == "hold" and not self._hold(op, key):
                    return
                client.sendall(answer)
                if any(k.lower() == "connection" and v.lower() == "close" for k, v in headers):
                    return
        except (OSError, ValueError, http.client.HTTPException):
            return
        finally:
            if upstream is not None:
                upstream.close()
            with self._lock:
                self._socks.discard(client)
            _reset(client)

    def _key_too_long(self, op: str, key: str) -> bool:
        limit = self.plan.key_limit
        return bool(limit) and op in ("PutObject", "CreateMultipartUpload") and len(key.encode()) > limit

    def _decide(self, op: str, key: str) -> str | None:
        with self._lock:
            for rule in self.plan.rules:
                if rule.matches(op, key):
                    return rule.action
            if self.plan.ops and op not in self.plan.ops:
                return None
            roll = self.rng.random()
            if roll < self.plan.reset_rate:
                return "reset"
            if roll < self.plan.reset_rate + self.plan.error_rate:
                return "error"
        return None

    def _hold(self, op: str, key: str) -> bool:
        held = Held(op, key)
        with self._lock:
            self.held.append(held)
        self._note(op, key, "hold")
        while not held.released.wait(0.2):
            if self._stop.is_set():
                return False
        return held.deliver

    def _hang(self) -> None:
        deadline = None if self.plan.hang_seconds is None else time.monotonic() + self.plan.hang_seconds
        while not self._stop.is_set() and (deadline is None or time.monotonic() < deadline):
            time.sleep(0.1)

    def _count(self, what: str) -> None:
        with self._lock:
            self.counts[what] += 1

    def _note(self, op: str, key: str, what: str) -> None:
        with self._lock:
            self.counts[f"{what} {op}"] += 1
            self.log.append((op, key, what))
            self._cond.notify_all()


# ---- HTTP/1.1 on the wire -------------------------------------------------------------------------------
def _read_request(reader: object, client: socket.socket) -> tuple[str, str, list[tuple[str, str]], bytes] | None:
    """One request from a keep-alive connection; None when the client closed it between requests."""
    readline = reader.readline  # type: ignore[attr-defined]
    line = readline(65537)
    while line in (b"\r\n", b"\n"):
        line = readline(65537)
    if not line:
        return None
    method, target, _version = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
    headers: list[tuple[str, str]] = []
    while True:
        h = readline(65537)
        if h in (b"\r\n", b"\n", b""):
            break
        name, _, value = h.decode("latin-1").partition(":")
        headers.append((name.strip(), value.strip()))
    lower = {k.lower(): v for k, v in headers}
    if lower.get("expect", "").lower() == "100-continue":
        client.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    if "chunked" in lower.get("transfer-encoding", "").lower():
        body = _read_chunked(reader)
    else:
        length = int(lower.get("content-length", "0") or 0)
        body = reader.read(length) if length else b""  # type: ignore[attr-defined]
        if len(body) != length:
            return None
    return method, target, headers, body


def _read_chunked(reader: object) -> bytes:
    chunks = []
    while True:
        size = int(reader.readline().split(b";")[0].strip() or b"0", 16)  # type: ignore[attr-defined]
        if size == 0:
            while reader.readline() not in (b"\r\n", b"\n", b""):  # type: ignore[attr-defined]
                pass
            return b"".join(chunks)
        chunks.append(reader.read(size))  # type: ignore[attr-defined]
        reader.readline()  # type: ignore[attr-defined]


def _forward(
    conn: http.client.HTTPConnection, method: str, target: str, headers: list[tuple[str, str]], body: bytes
) -> bytes:
    """Send the request to moto as the client sent it (Host kept: it is signed); the answer as raw bytes."""
    conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
    for name, value in headers:
        if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
            conn.putheader(name, value)
    if body or method in ("PUT", "POST"):
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    response = conn.getresponse()
    data = response.read()
    lines = [f"HTTP/1.1 {response.status} {response.reason}"]
    for name, value in response.getheaders():
        if name.lower() in HOP_BY_HOP or (name.lower() == "content-length" and method != "HEAD"):
            continue
        lines.append(f"{name}: {value}")
    if method != "HEAD":
        lines.append(f"Content-Length: {len(data)}")
    if response.will_close:
        conn.close()
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data


def _error_response(status: int, code: str = "", message: str = "") -> bytes:
    """An S3 error answer: 500 InternalError, 503 SlowDown, or the given code."""
    if not code:
        code, message = (
            ("InternalError", "We encountered an internal error. Please try again.")
            if status == 500
            else ("SlowDown", "Please reduce your request rate.")
        )
    request_id = uuid.uuid4().hex[:16].upper()
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message><RequestId>{request_id}</RequestId></Error>"
    ).encode()
    reason = {500: "Internal Server Error", 503: "Service Unavailable"}.get(status, "Bad Request")
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/xml\r\nx-amz-request-id: {request_id}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def _reset(sock: socket.socket) -> None:
    """Close with an RST (SO_LINGER 0): the peer sees 'connection reset', not a clean end."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()
