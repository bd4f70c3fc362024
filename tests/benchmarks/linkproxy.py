"""A TCP proxy on 127.0.0.1 that behaves like a home internet link: delay each way and a shared bandwidth cap.

Benchmarks against a local S3 server see a link with no delay and gigabytes per second; a family's upload to
AWS sees tens of milliseconds and tens of megabits.  Put this proxy in front of the server to see how the
engine behaves on such a link (how many connections it needs, what the limiter does, what per-request round
trips cost).  Not a test; run from the repository root:

    python tests/benchmarks/linkproxy.py --self-check                 # measure the proxy itself
    python tests/benchmarks/linkproxy.py --target-port 9000 --rtt-ms 80 --mbit 100

or as a library::

    port, stats, stop = start_link_proxy(target_port, rtt_ms=80, mbit=100)
    ...  # talk to 127.0.0.1:port
    print(stats.utilisation()); stop()

The model, per direction (client to server is "up", server to client "down"):

- **one bottleneck shared by all connections**: every chunk read from a sender waits for its turn on the link
  (first come, first served) and for its serialisation time at ``mbit``; the sender is read no faster than that,
  so TCP's own flow control pushes back on it as a real link would;
- **propagation delay** of ``rtt_ms / 2`` after that, without holding up the chunks behind it (the delay line
  holds about two bandwidth-delay products, beyond which it pushes back too);
- **the TCP handshake**: the local connect returns at once, so a new connection's first bytes are held one extra
  round trip, as SYN / SYN-ACK would cost (``handshake=False`` turns that off).

Not modelled: packet loss, TCP slow start and window limits across the delay (the proxy's two sockets are on
loopback), TLS round trips.  Byte counters give the link's utilisation.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

CHUNK = 64 * 1024
# A sender is read up to this far ahead of the link, so the link never idles between one chunk and the next
# (waking exactly at each departure would lose the event loop's wake-up latency on every chunk).
READ_AHEAD = 0.050


@dataclass
class LinkStats:
    """Counters of one proxy (updated by its event loop, readable from any thread)."""

    rate_bytes_per_second: float | None
    started: float = field(default_factory=time.monotonic)
    up_bytes: int = 0
    down_bytes: int = 0
    connections: int = 0
    active: int = 0

    def reset(self) -> None:
        """Start a new measuring window (the connection counters are kept)."""
        self.started, self.up_bytes, self.down_bytes = time.monotonic(), 0, 0

    def utilisation(self) -> tuple[float, float]:
        """Share of the link's capacity used since start or :meth:`reset`, (up, down); 0 when unlimited."""
        if not self.rate_bytes_per_second:
            return 0.0, 0.0
        capacity = self.rate_bytes_per_second * max(time.monotonic() - self.started, 1e-9)
        return self.up_bytes / capacity, self.down_bytes / capacity


class _Link:
    """One direction of the link: a first-come-first-served bottleneck followed by a fixed delay."""

    def __init__(self, rate: float | None, delay: float) -> None:
        self.rate, self.delay = rate, delay
        self._free_at = 0.0  # loop time at which the bottleneck has sent everything reserved so far

    def reserve(self, now: float, n: int) -> float:
        """Queue *n* bytes behind everything already reserved; return the loop time their last byte has left."""
        if not self.rate:
            return now
        self._free_at = max(now, self._free_at) + n / self.rate
        return self._free_at


class _Proxy:
    def __init__(self, target: tuple[str, int], rtt: float, rate: float | None, handshake: bool) -> None:
        self.target, self.rtt, self.handshake = target, rtt, handshake
        self.up, self.down = _Link(rate, rtt / 2), _Link(rate, rtt / 2)
        self.stats = LinkStats(rate)
        bdp = (rate or 100e6) * rtt
        self.queue_items = max(64, int(4 * bdp / CHUNK))
        self.tasks: set[asyncio.Task[None]] = set()

    async def handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.tasks.add(task)
        loop = asyncio.get_running_loop()
        not_before = loop.time() + (self.rtt if self.handshake else 0.0)
        self.stats.connections += 1
        self.stats.active += 1
        server_w: asyncio.StreamWriter | None = None
        try:
            server_r, server_w = await asyncio.open_connection(*self.target)
            for sock in (client_w.get_extra_info("socket"), server_w.get_extra_info("socket")):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            pumps = [
                asyncio.create_task(self._pump(client_r, server_w, self.up, "up_bytes", not_before)),
                asyncio.create_task(self._pump(server_r, client_w, self.down, "down_bytes", 0.0)),
            ]
            try:
                await asyncio.gather(*pumps)
            finally:
                for p in pumps:
                    p.cancel()
        except (OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # a reset, a refused upstream, or the proxy stopping: this connection is over
        finally:
            self.stats.active -= 1
            client_w.close()
            if server_w is not None:
                server_w.close()
            self.tasks.discard(task)

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: _Link, counter: str, not_before: float
    ) -> None:
        loop = asyncio.get_running_loop()
        line: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue(self.queue_items)
        deliverer = asyncio.create_task(self._deliver(line, writer))
        try:
            while data := await reader.read(CHUNK):
                left = link.reserve(loop.time(), len(data))
                if (wait := left - READ_AHEAD - loop.time()) > 0:
                    await asyncio.sleep(wait)
                setattr(self.stats, counter, getattr(self.stats, counter) + len(data))
                await line.put((max(left, not_before) + link.delay, data))
            await line.put(None)
            await deliverer
        finally:
            deliverer.cancel()

    @staticmethod
    async def _deliver(line: asyncio.Queue[tuple[float, bytes] | None], writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        while (item := await line.get()) is not None:
            due, data = item
            if (wait := due - loop.time()) > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()


def start_link_proxy(
    target_port: int,
    rtt_ms: float = 80.0,
    mbit: float | None = 100.0,
    *,
    target_host: str = "127.0.0.1",
    listen_port: int = 0,
    handshake: bool = True,
) -> tuple[int, LinkStats, Callable[[], None]]:
    """Start the proxy on 127.0.0.1 in a thread of its own: (its port, its counters, a stop function).

    *mbit* is the cap per direction in megabits per second (10**6 bits), shared by all connections; ``None`` or 0
    for no cap.  *rtt_ms* is the round trip: half of it is added each way.
    """
    rate = mbit * 1e6 / 8 if mbit else None
    proxy = _Proxy((target_host, target_port), rtt_ms / 1000.0, rate, handshake)
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    port: list[int] = []

    def run() -> None:
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(asyncio.start_server(proxy.handle, "127.0.0.1", listen_port))
        port.append(server.sockets[0].getsockname()[1])
        ready.set()
        try:
            loop.run_forever()
        finally:
            server.close()
            for task in list(proxy.tasks):
                task.cancel()
            pending = asyncio.all_tasks(loop)
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    thread = threading.Thread(target=run, name="linkproxy", daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("the link proxy did not start")

    def stop() -> None:
        if thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)

    return port[0], proxy.stats, stop


# --- self-check: a local echo / sink / source server and measurements through the proxy -------------------------


class _TestServer:
    """One byte picks the mode: ``E`` echo until EOF; ``S`` swallow until EOF, then answer the byte count
    (8 bytes); ``G`` + 8-byte count: send that many bytes and close."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    @staticmethod
    def _serve(conn: socket.socket) -> None:
        with conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            mode = conn.recv(1)
            if mode == b"E":
                while data := conn.recv(CHUNK):
                    conn.sendall(data)
            elif mode == b"S":
                total = 0
                while data := conn.recv(CHUNK):
                    total += len(data)
                conn.sendall(struct.pack("!Q", total))
            elif mode == b"G":
                (left,) = struct.unpack("!Q", _recv_exact(conn, 8))
                block = b"\0" * CHUNK
                while left > 0:
                    conn.sendall(block[: min(left, CHUNK)])
                    left -= min(left, CHUNK)

    def close(self) -> None:
        self.sock.close()


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        part = sock.recv(n - len(buf))
        if not part:
            raise ConnectionError("closed early")
        buf += part
    return buf


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def measure_rtt(port: int, pings: int = 10) -> tuple[float, float]:
    """(connect + first 1-byte echo, median echo on the open connection), in seconds."""
    started = time.perf_counter()
    with _connect(port) as sock:
        sock.sendall(b"E!")
        _recv_exact(sock, 1)
        first = time.perf_counter() - started
        times = []
        for _ in range(pings):
            t0 = time.perf_counter()
            sock.sendall(b"x")
            _recv_exact(sock, 1)
            times.append(time.perf_counter() - t0)
    return first, statistics.median(times)


def measure_upload(port: int, total: int, connections: int) -> float:
    """Bytes per second for *total* bytes sent over *connections* parallel connections (until acknowledged)."""
    each = total // connections
    sent: list[int] = []

    def one() -> None:
        with _connect(port) as sock:
            sock.sendall(b"S")
            block, left = b"\1" * CHUNK, each
            while left > 0:
                sock.sendall(block[: min(left, CHUNK)])
                left -= min(left, CHUNK)
            sock.shutdown(socket.SHUT_WR)
            sent.append(struct.unpack("!Q", _recv_exact(sock, 8))[0])

    elapsed = _timed(one, connections)
    if sum(sent) != each * connections:
        raise RuntimeError(f"the sink counted {sum(sent)} bytes of {each * connections}")
    return each * connections / elapsed


def measure_download(port: int, total: int, connections: int) -> float:
    """Bytes per second for *total* bytes received over *connections* parallel connections."""
    each = total // connections
    got: list[int] = []

    def one() -> None:
        with _connect(port) as sock:
            sock.sendall(b"G" + struct.pack("!Q", each))
            n = 0
            while data := sock.recv(CHUNK):
                n += len(data)
            got.append(n)

    elapsed = _timed(one, connections)
    if sum(got) != each * connections:
        raise RuntimeError(f"received {sum(got)} bytes of {each * connections}")
    return each * connections / elapsed


def _timed(fn: Callable[[], None], copies: int) -> float:
    """Run *copies* of *fn* in parallel threads; the wall time until all are done."""
    threads = [threading.Thread(target=fn, daemon=True) for _ in range(copies)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return time.perf_counter() - t0


def _start_test_server() -> tuple[subprocess.Popen[str], int]:
    """The test server in a process of its own, so it does not share a GIL with the proxy and the client."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--test-server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    return child, int(child.stdout.readline())


def _serve_until_stdin_closes() -> None:
    server = _TestServer()
    print(server.port, flush=True)
    sys.stdin.read()
    server.close()


def self_check(rtt_ms: float, mbit: float, seconds: float) -> None:
    child, server_port = _start_test_server()
    direct_first, direct_rtt = measure_rtt(server_port)
    port, stats, stop = start_link_proxy(server_port, rtt_ms, mbit)
    try:
        rate = mbit * 1e6 / 8
        total = int(rate * seconds)
        print(f"link: {rtt_ms:g} ms round trip ({rtt_ms / 2:g} ms each way), {mbit:g} Mbit/s per direction")
        print(
            f"direct to the local server:   connect+echo {direct_first * 1e3:7.2f} ms, echo {direct_rtt * 1e3:6.2f} ms"
        )
        first, rtt = measure_rtt(port)
        print(
            f"through the proxy:            connect+echo {first * 1e3:7.2f} ms (expect ~{2 * rtt_ms:g}: handshake "
            f"+ echo), echo {rtt * 1e3:6.2f} ms (expect ~{rtt_ms:g})"
        )
        transfer = total / rate
        # An ideal link adds fixed round trips to the transfer time: upload = data + 1 RTT (the sink's answer);
        # download = data + 2 RTT (handshake and request, then the last byte's trip).
        ideal = {"upload": transfer / (transfer + rtt_ms / 1000), "download": transfer / (transfer + rtt_ms / 500)}
        print(f"transfers of {total / 2**20:.1f} MiB, timed from connect() to the last byte or the sink's answer:")
        for label, fn in (("upload", measure_upload), ("download", measure_download)):
            for conns in (1, 4):
                stats.reset()
                achieved = fn(port, total, conns)
                util = stats.utilisation()[0 if label == "upload" else 1]
                print(
                    f"{label:>8}, {conns} connection{'s' if conns > 1 else ' '}: {achieved * 8 / 1e6:7.2f} Mbit/s "
                    f"= {100 * achieved / rate:5.1f} % of the cap (ideal {100 * ideal[label]:4.1f} %; "
                    f"the proxy's utilisation counter {100 * util:5.1f} %)"
                )
        time.sleep(rtt_ms / 1000 + 0.5)  # the last FINs travel the link too
        print(f"connections through the proxy: {stats.connections}, still open: {stats.active}")
    finally:
        stop()
        assert child.stdin is not None
        child.stdin.close()
        child.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-port", type=int, help="the server to put the link in front of (on 127.0.0.1)")
    parser.add_argument("--target-host", default="127.0.0.1")
    parser.add_argument("--listen-port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--rtt-ms", type=float, default=80.0, help="round trip (half each way); default 80")
    parser.add_argument("--mbit", type=float, default=100.0, help="cap per direction, Mbit/s; 0 = none")
    parser.add_argument("--no-handshake", action="store_true", help="do not hold new connections one round trip")
    parser.add_argument("--self-check", action="store_true", help="measure RTT and throughput against a local sink")
    parser.add_argument("--seconds", type=float, default=3.0, help="self-check: seconds of data per transfer")
    parser.add_argument("--test-server", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.test_server:
        _serve_until_stdin_closes()
        return 0
    if args.self_check:
        self_check(args.rtt_ms, args.mbit or 100.0, args.seconds)
        return 0
    if args.target_port is None:
        parser.error("--target-port is needed (or --self-check)")
    port, stats, stop = start_link_proxy(
        args.target_port,
        args.rtt_ms,
        args.mbit,
        target_host=args.target_host,
        listen_port=args.listen_port,
        handshake=not args.no_handshake,
    )
    print(f"127.0.0.1:{port} -> {args.target_host}:{args.target_port}, {args.rtt_ms:g} ms, {args.mbit:g} Mbit/s")
    with contextlib.suppress(KeyboardInterrupt):
        while True:
            time.sleep(5)
            up, down = stats.utilisation()
            print(
                f"up {stats.up_bytes / 2**20:9.1f} MiB ({100 * up:5.1f} %), down {stats.down_bytes / 2**20:9.1f} MiB "
                f"({100 * down:5.1f} %), connections {stats.connections} ({stats.active} open)",
                flush=True,
            )
            stats.reset()
    stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
