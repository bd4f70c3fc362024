"""Shared plumbing of the reliability campaign: run the real CLI in a subprocess, build albums, check outcomes.

Why a module of its own: the kill trials, the bad-input corpus, the fault-proxy upload, their pytest files and
``run_campaign.py`` all drive the app the same way — only through ``python -m glacier_gui`` with this worktree
on ``PYTHONPATH`` — and judge the result the same way (bucket content, open multipart uploads, status.csv
parsed with the csv module, no traceback).  Keeping that here keeps every test independent of the app's
internals, which other work is restructuring.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The app under test: this checkout, or another one (e.g. an export of a newer main) named by this variable.
REPO = Path(os.environ.get("GLACIER_GUI_RELIABILITY_APP") or Path(__file__).resolve().parents[2])
TRACEBACK = "Traceback (most recent call last)"
ROOT_NAME = "10_Album"
MIB = 2**20


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of every app subprocess: this worktree's code, dummy keys, nothing but loopback."""
    env = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY") and not k.startswith("AWS_")}
    env.update(
        PYTHONPATH=str(REPO),
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        NO_PROXY="127.0.0.1,localhost",
        AWS_EC2_METADATA_DISABLED="true",  # no credentials from 169.254.169.254: only loopback is talked to
        QT_QPA_PLATFORM="offscreen",
        PYTHONUTF8="1",
    )
    env.pop("GLACIER_GUI_DATA_DIR", None)
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


@dataclass
class Result:
    """One finished CLI run."""

    args: list[str]
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err

    def brief(self) -> str:
        tail = (self.err.strip() or self.out.strip()).splitlines()[-3:]
        return f"exit {self.code}: " + " | ".join(tail)


def run_cli(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 120, preexec: Callable[[], None] | None = None
) -> Result:
    cmd = [sys.executable, "-m", "glacier_gui", *args]
    try:
        p = subprocess.run(
            cmd,
            cwd=REPO,
            env=env or cli_env(),
            capture_output=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            preexec_fn=preexec,
        )
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode("utf-8", "replace")
        err = (exc.stderr or b"").decode("utf-8", "replace")
        return Result(args, -999, out, err + f"\n[harness] timed out after {timeout} s")
    return Result(args, p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))


def popen_cli(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "glacier_gui", *args],
        cwd=REPO,
        env=env or cli_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@contextlib.contextmanager
def moto_server() -> Iterator[str]:
    """moto's S3 on a free port of 127.0.0.1 (the pytest side uses the conftest fixture instead)."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{server._server.server_address[1]}"
    finally:
        server.stop()


def s3_client(url: str) -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def make_album(root: Path, big_files: int = 1, big_size: int = 11 * MIB + 12345, seed: int = 0) -> Path:
    """Three units of small photos (Japanese names) plus *big_files* multipart-sized videos."""
    rnd = __import__("random").Random(seed)
    write(root / "2021" / "0401_帰省" / "IMG_0001.jpg", rnd.randbytes(1000))
    write(root / "2021" / "0401_帰省" / "IMG_0002.jpg", rnd.randbytes(2000))
    write(root / "2021" / "0401_帰省" / "IMG_0003.jpg", rnd.randbytes(1500))
    write(root / "2022" / "0501_旅行" / "DSC_0001.jpg", rnd.randbytes(3000))
    write(root / "2022" / "0501_旅行" / "sub" / "DSC_0002.jpg", rnd.randbytes(500))
    write(root / "2022" / "0601_運動会" / "リレー.jpg", rnd.randbytes(4000))
    write(root / "2022" / "0601_運動会" / "Thumbs.db", b"junk")  # skipped by default
    big = [("2022/0601_運動会", "video.mp4"), ("2022/0501_旅行", "movie.mov")]
    for unit, name in big[:big_files]:
        write(root / unit / name, rnd.randbytes(big_size))
    return root


@dataclass
class Env:
    """One isolated setting: an album, a data dir, a bucket and the endpoint the app is pointed at."""

    base: Path
    s3_url: str  # moto itself: the harness always checks there
    endpoint: str = ""  # what the app is told (a fault proxy, or moto)
    bucket: str = field(default_factory=lambda: f"rel-{uuid.uuid4().hex[:12]}")
    level: int = 2
    part_size: int = 5
    concurrency: int = 4
    storage_class: str = "STANDARD"
    extra_env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.album = self.base / ROOT_NAME
        self.data_dir = self.base / "data"
        self.status_file = self.base / "status" / "status.csv"
        self.endpoint = self.endpoint or self.s3_url
        self._s3: Any = None

    @property
    def s3(self) -> Any:
        if self._s3 is None:
            self._s3 = s3_client(self.s3_url)
        return self._s3

    def create_bucket(self) -> Env:
        self.s3.create_bucket(Bucket=self.bucket)
        return self

    def args(self, **override: str | None) -> list[str]:
        """The common flags; ``override(root=..., bucket=None)`` changes or drops one (by its flag name)."""
        values: dict[str, str | None] = {
            "root": str(self.album),
            "level": str(self.level),
            "bucket": self.bucket,
            "endpoint-url": self.endpoint,
            "region": "us-east-1",
            "data-dir": str(self.data_dir),
            "status-file": str(self.status_file),
            "part-size": str(self.part_size),
            "concurrency": str(self.concurrency),
            "storage-class": self.storage_class,
        }
        values.update({k.replace("_", "-"): v for k, v in override.items()})
        out = [x for k, v in values.items() if v is not None for x in (f"--{k}", v)]
        return out + ["--no-progress"]

    def env(self, **extra: str) -> dict[str, str]:
        return cli_env(**{**self.extra_env, **extra})

    def cli(
        self, *command: str, timeout: float = 120, env: dict[str, str] | None = None, **override: str | None
    ) -> Result:
        return run_cli([*command, *self.args(**override)], env=env or self.env(), timeout=timeout)

    def popen(
        self, *command: str, env: dict[str, str] | None = None, **override: str | None
    ) -> subprocess.Popen[bytes]:
        return popen_cli([*command, *self.args(**override)], env=env or self.env())

    def prepare_marked(self) -> None:
        """Every unit (level 2) marked Upload in a status.csv written by hand, as an Excel user does (no scan:
        two interpreter starts fewer per trial; the corpus covers scan and mark themselves)."""
        units = sorted(p.relative_to(self.album).as_posix() for p in self.album.glob("*/*") if p.is_dir())
        lines = ["status,local_path,unit"] + [f"Upload,{self.album / u},{u}" for u in units]
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        self.status_file.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))

    # ---- judging ------------------------------------------------------------------------------------
    def album_files(self) -> dict[str, Path]:
        """Expected key -> local file, for the files the app should upload (default skip list)."""
        import unicodedata

        skip = {"Thumbs.db", "desktop.ini", ".DS_Store"}
        out = {}
        for p in self.album.rglob("*"):
            if p.is_file() and p.name not in skip:
                rel = p.relative_to(self.album).as_posix()
                out[unicodedata.normalize("NFC", f"{ROOT_NAME}/{rel}")] = p
        return out

    def bucket_keys(self, prefix: str = "") -> list[str]:
        keys = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            keys += [o["Key"] for o in page.get("Contents", ())]
        return keys

    def object_bytes(self, key: str) -> bytes:
        try:
            return bytes(self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read())
        except Exception as exc:  # archived objects cannot be read over S3: ask moto (in this process)
            if "InvalidObjectState" not in str(exc):
                raise
            from moto.s3.models import s3_backends

            for account in s3_backends.values():
                bucket = account["global"].buckets.get(self.bucket)
                if bucket is not None:
                    return bytes(bucket.keys[key].value)
            raise

    def open_uploads(self) -> list[dict[str, Any]]:
        return list(self.s3.list_multipart_uploads(Bucket=self.bucket).get("Uploads", []))

    def problems_after_resume(self) -> list[str]:
        """Every album file in the bucket once with equal bytes, no open multipart upload, status.csv all good."""
        problems = []
        expected = self.album_files()
        keys = [k for k in self.bucket_keys(ROOT_NAME + "/")]
        if len(keys) != len(set(keys)):
            problems.append("duplicate keys in the bucket")
        missing = sorted(set(expected) - set(keys))
        extra = sorted(set(keys) - set(expected))
        problems += [f"missing in bucket: {k}" for k in missing] + [f"unexpected object: {k}" for k in extra]
        for key in sorted(set(expected) & set(keys)):
            if self.object_bytes(key) != expected[key].read_bytes():
                problems.append(f"bytes differ: {key}")
        problems += [f"open multipart upload: {u['Key']} {u['UploadId'][:12]}" for u in self.open_uploads()]
        try:
            rows = read_status(self.status_file)
        except Exception as exc:  # noqa: BLE001 - any failure to parse is the finding
            return problems + [f"status.csv unreadable: {exc}"]
        if not rows:
            problems.append("status.csv has no rows")
        problems += [f"unit {r.get('unit')} is {r.get('status')}" for r in rows if r.get("status") != "Synchronized"]
        return problems


def read_status(path: Path) -> list[dict[str, str]]:
    """status.csv through the csv module (UTF-8 with or without BOM): the way any other tool would read it."""
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ValueError(f"{path}, row {n}: wrong number of fields")
    if reader.fieldnames is None or "status" not in reader.fieldnames:
        raise ValueError(f"{path}: no header with a status column")
    return rows
