"""Corpus cases about the far side: the bucket, the endpoint (nothing listening, a full outage through the
fault proxy), credentials (missing, and a distinctive key that must leak nowhere), restore destinations and a
manifest with a ``../`` path, verify and rebuild-status.  Registered on import; see ``corpus.py``.
"""

from __future__ import annotations

import json
import socket
import time

from tests.reliability.corpus import Ctx, case
from tests.reliability.faultproxy import FaultPlan, FaultProxy
from tests.reliability.harness import ROOT_NAME

UNIT = "2022/0601_運動会"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _uploaded(ctx: Ctx) -> None:
    """UNIT uploaded in STANDARD (readable without a restore), status.csv Synchronized."""
    ctx.env.storage_class = "STANDARD"
    ctx.album()
    ctx.bucket()
    ctx.marked(UNIT)
    ctx.setup("upload")


# ---- bucket -------------------------------------------------------------------------------------------
# A bucket or credentials S3 refuses is a failure (exit 1: the CLI's boundary maps every RemoteError there, as
# the README's "1 ... S3 failure" says), not bad input: the name may be right and the bucket gone or elsewhere.
@case("bucket-missing", "upload to a bucket that does not exist: exit 1, the bucket named, nothing changed", 1)
def bucket_missing(ctx: Ctx) -> None:
    ctx.album()
    before = ctx.marked(UNIT)
    ctx.run("upload", mention=("no-such-bucket-rel", "does not exist"), bucket="no-such-bucket-rel")
    ctx.check(ctx.env.status_file.read_bytes() == before, "status.csv changed although nothing was sent")


@case("bucket-invalid-name", "--bucket My_Photos (not a valid S3 name)", 2)
def bucket_invalid(ctx: Ctx) -> None:
    ctx.album()
    ctx.marked(UNIT)
    ctx.run("upload", mention=("My_Photos",), status="same", bucket="My_Photos")


@case("bucket-unset", "upload with no bucket set anywhere", 2)
def bucket_unset(ctx: Ctx) -> None:
    ctx.album()
    ctx.marked(UNIT)
    ctx.run("upload", mention=("bucket",), status="same", bucket=None)


# ---- endpoint -----------------------------------------------------------------------------------------
@case(
    "endpoint-nothing-listening",
    "the endpoint URL points at a port where nothing listens (--outage-wait 0): exit 1 at once, the unit kept",
    1,
)
def endpoint_closed(ctx: Ctx) -> None:
    ctx.album()
    ctx.marked(UNIT)
    url = f"http://127.0.0.1:{_free_port()}"
    started = time.monotonic()
    ctx.run("upload", "--outage-wait", "0", mention=(url, "outage_wait"), timeout=60, **{"endpoint-url": url})
    ctx.check(time.monotonic() - started < 30, f"--outage-wait 0 still waited {time.monotonic() - started:.0f} s")
    row = ctx.rows()[UNIT]
    ctx.check(row["status"] == "Check_FileUpload" and "unreachable" in row["last_error"], f"the unit: {row}")


@case(
    "endpoint-outage",
    "the fault proxy in full outage (every connection reset), --outage-wait 2s: waits, gives up with exit 1; "
    "the next upload resumes",
    1,
)
def endpoint_outage(ctx: Ctx) -> None:
    ctx.album()
    ctx.bucket()
    ctx.marked(UNIT)
    with FaultProxy(ctx.env.s3_url, FaultPlan(outage=True)) as proxy:
        started = time.monotonic()
        ctx.run("upload", "--outage-wait", "2s", mention=(UNIT, "gave up"), timeout=90, **{"endpoint-url": proxy.url})
        waited = time.monotonic() - started
        ctx.check(proxy.counts["outage-refused"] > 1, "the proxy saw no retry")
    ctx.check(waited < 60, f"--outage-wait 2s took {waited:.0f} s")
    ctx.check(ctx.rows()[UNIT]["status"] == "Check_FileUpload", f"the unit is {ctx.rows()[UNIT]['status']}")
    ctx.setup("upload")  # the network is back (straight to moto): the unit is resumed, exit 0
    ctx.check(ctx.rows()[UNIT]["status"] == "Synchronized", "the unit was not uploaded once S3 was back")


@case("endpoint-bad-scheme", "--endpoint-url ftp://nas.local", 2)
def endpoint_scheme(ctx: Ctx) -> None:
    ctx.album()
    ctx.marked(UNIT)
    ctx.run("upload", mention=("ftp://nas.local",), status="same", **{"endpoint-url": "ftp://nas.local"})


# ---- credentials --------------------------------------------------------------------------------------
@case("creds-missing", "no AWS credentials anywhere (no env, no profile, no metadata service): exit 1", 1)
def creds_missing(ctx: Ctx) -> None:
    ctx.album()
    ctx.bucket()
    before = ctx.marked(UNIT)
    env = ctx.env.env()
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        env.pop(name)
    ctx.run("upload", mention=("no AWS credentials",), env=env)
    ctx.check(ctx.env.status_file.read_bytes() == before, "status.csv changed although nothing was sent")


@case("creds-unknown-profile", "--profile that is not in the AWS config: exit 1, the profile named", 1)
def creds_profile(ctx: Ctx) -> None:
    ctx.album()
    ctx.bucket()
    ctx.marked(UNIT)
    ctx.run("upload", "--profile", "no-such-profile", mention=("no-such-profile", "AWS config"), status="same")


KEY, SECRET = "AKIARELIABILITYTEST1", "reliability-secret-DO-NOT-LEAK"


@case(
    "secret-leaks-nowhere",
    "a distinctive key and secret (env vars): uploads, a failing run, an edit kept in .versions/ leak them nowhere",
    0,
)
def secret_nowhere(ctx: Ctx) -> None:
    ctx.env.extra_env = {"AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET}
    ctx.env.storage_class = "DEEP_ARCHIVE"
    ctx.album()
    ctx.bucket()
    ctx.marked(UNIT)
    outputs = [ctx.setup("upload").text]
    outputs.append(ctx.env.cli("upload", bucket="no-such-bucket-rel").text)  # a failing run (no such bucket)
    (ctx.env.album / UNIT / "リレー.jpg").write_bytes(b"E" * 4000)  # same size, new bytes: kept beside the old
    r = ctx.run("upload", "--unit", UNIT, mention=(".versions/",))
    outputs.append(r.text)
    leaks = [f"output {i}" for i, text in enumerate(outputs) if KEY in text or SECRET in text]
    for path in ctx.env.base.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if KEY.encode() in data or SECRET.encode() in data:
                leaks.append(str(path))
    for key in ctx.env.bucket_keys():
        head = ctx.s3.head_object(Bucket=ctx.env.bucket, Key=key)
        blob = json.dumps(head.get("Metadata", {})) + str(head.get("ContentType", ""))
        if not key.startswith(ROOT_NAME + "/"):
            blob += ctx.env.object_bytes(key).decode("utf-8", "replace")
        if KEY in blob or SECRET in blob or KEY in key:
            leaks.append(f"s3://{key}")
    ctx.check(not leaks, f"the key or secret leaked into: {leaks}")


# ---- restore destinations ---------------------------------------------------------------------------------
@case("restore-dest-is-file", "restore start --dest naming an existing file", 2)
def restore_dest_file(ctx: Ctx) -> None:
    _uploaded(ctx)
    dest = ctx.env.base / "restore-here"
    dest.write_bytes(b"a file")
    ctx.run("restore", "start", "--unit", UNIT, "--dest", str(dest), "--yes", mention=(str(dest),), status="same")


@case(
    "restore-fetch-dest-became-file",
    "restore fetch after the destination folder was replaced by a file: exit 1 by name, the file untouched",
    1,
)
def restore_dest_became_file(ctx: Ctx) -> None:
    _uploaded(ctx)
    dest = ctx.env.base / "restored"
    ctx.setup("restore", "start", "--unit", UNIT, "--dest", str(dest), "--yes")
    if dest.exists():
        dest.rmdir()
    dest.write_bytes(b"now a file")
    ctx.run("restore", "fetch", mention=(f"{dest} is a file",), status="same")
    ctx.check(dest.read_bytes() == b"now a file", "the file in the destination's place was changed")


@case("restore-dest-not-writable", "restore fetch into a folder without write permission: exit 1 by name", 1)
def restore_dest_readonly(ctx: Ctx) -> None:
    _uploaded(ctx)
    dest = ctx.env.base / "restored"
    dest.mkdir()
    ctx.setup("restore", "start", "--unit", UNIT, "--dest", str(dest), "--yes")
    dest.chmod(0o555)
    ctx.run("restore", "fetch", mention=(f"{dest} cannot be written",), status="same", unprivileged=True)
    ctx.check(not list(dest.iterdir()), f"something was left in the read-only folder: {list(dest.iterdir())}")


@case(
    "restore-manifest-dotdot", "a manifest with a '../' path: start refuses it by name, nothing lands outside", (0, 1)
)
def restore_dotdot(ctx: Ctx) -> None:
    _uploaded(ctx)
    key = f".glacier_gui/{ROOT_NAME}/manifests/{UNIT}.json"
    manifest = json.loads(ctx.env.object_bytes(key))
    evil = dict(manifest["files"][0], path="../../escaped.jpg")
    manifest["files"].append(evil)
    body = json.dumps(manifest, ensure_ascii=False).encode()
    ctx.s3.put_object(Bucket=ctx.env.bucket, Key=key, Body=body)
    for local in (ctx.env.data_dir / "manifests").rglob("*.json"):
        local.write_bytes(body)  # the local copy says the same (a tampered or corrupted manifest)
    dest = ctx.env.base / "a" / "b" / "restored"
    ctx.run("restore", "start", "--unit", UNIT, "--dest", str(dest), "--yes", mention=("escaped.jpg",), status="same")
    ctx.setup("restore", "fetch")
    escaped = [p for p in ctx.env.base.rglob("escaped.jpg")]
    ctx.check(not escaped, f"written outside the destination: {escaped}")


@case("restore-unknown-unit", "restore start for a unit that was never uploaded", 2)
def restore_unknown(ctx: Ctx) -> None:
    _uploaded(ctx)
    ctx.run(
        "restore",
        "start",
        "--unit",
        "2099/none",
        "--dest",
        str(ctx.env.base / "d"),
        "--yes",
        mention=("2099/none",),
        status="same",
    )


@case("restore-backslash-roundtrip", "a photo named 'a\\b.jpg' uploads; restore brings it back or names it", (0, 1))
def restore_backslash(ctx: Ctx) -> None:
    ctx.env.storage_class = "STANDARD"
    ctx.album({f"{UNIT}/a\\b.jpg": b"backslash photo"})
    ctx.bucket()
    ctx.marked(UNIT)
    ctx.setup("upload")
    dest = ctx.env.base / "restored"
    start = ctx.run("restore", "start", "--unit", UNIT, "--dest", str(dest), "--yes", status="same")
    ctx.setup("restore", "fetch")
    back = dest / UNIT / "a\\b.jpg"
    ctx.check(back.exists() or "a\\b.jpg" in start.text, "the photo neither came back nor was named")


# ---- verify and rebuild ---------------------------------------------------------------------------------
@case("verify-object-deleted", "verify after a photo was deleted from the bucket by hand", 1)
def verify_deleted(ctx: Ctx) -> None:
    _uploaded(ctx)
    ctx.s3.delete_object(Bucket=ctx.env.bucket, Key=f"{ROOT_NAME}/{UNIT}/リレー.jpg")
    ctx.run("verify", mention=("リレー.jpg",), status="same")


@case("verify-manifest-garbage", "verify when the unit's manifest in the bucket and locally is garbage", (1, 2))
def verify_garbage(ctx: Ctx) -> None:
    _uploaded(ctx)
    key = f".glacier_gui/{ROOT_NAME}/manifests/{UNIT}.json"
    ctx.s3.put_object(Bucket=ctx.env.bucket, Key=key, Body=b"{not json")
    for local in (ctx.env.data_dir / "manifests").rglob("*.json"):
        local.write_bytes(b"{not json")
    ctx.run("verify", mention=(UNIT,), status="same")


@case("rebuild-existing-status", "rebuild-status without --force while status.csv exists", 2)
def rebuild_refused(ctx: Ctx) -> None:
    _uploaded(ctx)
    ctx.run("rebuild-status", mention=("--force",), status="same")


@case("rebuild-after-loss", "rebuild-status after status.csv was deleted: the unit comes back Synchronized", 0)
def rebuild_lost(ctx: Ctx) -> None:
    _uploaded(ctx)
    ctx.env.status_file.unlink()
    ctx.run("rebuild-status")
    ctx.check(ctx.rows()[UNIT]["status"] == "Synchronized", f"rows: {ctx.rows()}")
