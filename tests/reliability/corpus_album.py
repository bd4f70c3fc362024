"""Corpus cases about the album itself: odd names (NFD, emoji, Windows-reserved, ``\\`` and ``:``, very long,
non-UTF-8 bytes), symlinks, unreadable files, and files that change or vanish between the scan and the upload.
Registered on import; see ``corpus.py`` for the machinery.
"""

from __future__ import annotations

import os
import shutil
import signal
import unicodedata

from tests.reliability.corpus import Ctx, case
from tests.reliability.faultproxy import FaultPlan, FaultProxy, Rule
from tests.reliability.harness import ROOT_NAME, Result

UNIT = "2022/0601_運動会"


def _key(rel: str) -> str:
    return unicodedata.normalize("NFC", f"{ROOT_NAME}/{UNIT}/{rel}")


def _upload_names(ctx: Ctx, names: dict[str, bytes], **run: object) -> Result:
    """The album with *names* in UNIT, marked Upload; `run` (scan + upload); each name must arrive intact."""
    ctx.album({f"{UNIT}/{n}": data for n, data in names.items()})
    ctx.bucket()
    ctx.marked(UNIT)
    r = ctx.run("run", **run)  # type: ignore[arg-type]
    if r.code == 0:
        for name, data in names.items():
            got = ctx.env.object_bytes(_key(name)) if _key(name) in ctx.env.bucket_keys(_key("")) else None
            ctx.check(got == data, f"{_key(name)!r} is not in the bucket with its bytes")
    return r


def _bytes_path(ctx: Ctx, rel: bytes, data: bytes) -> None:
    path = os.fsencode(ctx.env.album) + b"/" + os.fsencode(UNIT) + b"/" + rel
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


@case("name-nfd-file", "a file name in NFD (as a Mac writes ガッコウ): one NFC key", 0)
def name_nfd(ctx: Ctx) -> None:
    nfd = unicodedata.normalize("NFD", "ガッコウ.jpg")
    _upload_names(ctx, {nfd: b"nfd"})
    ctx.check(not [k for k in ctx.env.bucket_keys() if k != unicodedata.normalize("NFC", k)], "an NFD key exists")


@case("name-nfd-unit", "a unit folder named in NFD: its unit is NFC in status.csv", 0)
def name_nfd_unit(ctx: Ctx) -> None:
    ctx.album({unicodedata.normalize("NFD", "2022/0701_プール") + "/a.jpg": b"x"})
    ctx.run("scan")
    ctx.check("2022/0701_プール" in ctx.rows(), f"units: {sorted(ctx.rows())}")


@case("name-emoji", "file and folder names with emoji", 0)
def name_emoji(ctx: Ctx) -> None:
    _upload_names(ctx, {"🎉パーティー.jpg": b"party", "🐱/ねこ😺.jpg": b"cat"})


@case("name-windows-reserved", "Windows-reserved names: CON.jpg, aux.txt, nul, COM1.jpg", 0)
def name_reserved(ctx: Ctx) -> None:
    _upload_names(ctx, {"CON.jpg": b"1", "aux.txt": b"2", "nul": b"3", "COM1.jpg": b"4"})


@case("name-backslash", "a file name with a backslash (legal on Linux/NAS)", 0)
def name_backslash(ctx: Ctx) -> None:
    _upload_names(ctx, {"a\\b.jpg": b"backslash"})


@case("name-colon", "a file name with ':' ('12:30 集合.jpg')", 0)
def name_colon(ctx: Ctx) -> None:
    _upload_names(ctx, {"12:30 集合.jpg": b"colon"})


@case("name-url-chars", "names with + % ? # & = and spaces (URL-encoding traps)", 0)
def name_url(ctx: Ctx) -> None:
    _upload_names(ctx, {"100%+a b.jpg": b"1", "what?#1&x=2.jpg": b"2", "plus+plus.jpg": b"3"})


@case("name-spaces-dots", "names with a leading space and a trailing dot", 0)
def name_spaces(ctx: Ctx) -> None:
    _upload_names(ctx, {" lead.jpg": b"1", "trail.": b"2"})


@case("name-control-chars", "names with a BEL and a TAB character (moto cannot store a newline in a key)", 0)
def name_control(ctx: Ctx) -> None:
    _upload_names(ctx, {"tab\tname.jpg": b"1", "bell\x07.jpg": b"2"})


@case("name-long-file", "a 255-byte file name (85 Japanese characters)", 0)
def name_long(ctx: Ctx) -> None:
    _upload_names(ctx, {"写" * 81 + ".jpg": b"long"})


@case("name-key-too-long", "a path whose S3 key would exceed 1024 bytes: that file fails by name", 1)
def name_key_too_long(ctx: Ctx) -> None:
    deep = "/".join(["深" * 60] * 6) + "/x.jpg"  # 6 x 180 bytes
    ctx.album({f"{UNIT}/{deep}": b"deep"})
    ctx.bucket()
    ctx.marked(UNIT)
    with FaultProxy(ctx.env.s3_url, FaultPlan(key_limit=1024)) as proxy:  # AWS's limit, which moto lacks
        ctx.run("run", mention=("x.jpg",), **{"endpoint-url": proxy.url})
    ctx.check(ctx.rows()[UNIT]["status"] == "Check_FileUpload", "the unit is not Check_FileUpload")


def _skipped_by_name(ctx: Ctx, name: str) -> None:
    """The unit is not whole: Check_FileUpload naming *name*, and its other photo was uploaded all the same."""
    row = ctx.rows().get(UNIT, {})
    ctx.check(row.get("status") == "Check_FileUpload", f"the unit is {row.get('status')}, not Check_FileUpload")
    ctx.check(name in row.get("last_error", ""), f"last_error does not name {name}: {row.get('last_error')}")
    ctx.check(_key("リレー.jpg") in ctx.env.bucket_keys(), "the unit's readable photo was not uploaded")


@case(
    "name-nonutf8-file",
    "a file name with non-UTF-8 bytes (b'bad_\\xff.jpg'): skipped and named, the unit fails, the rest goes",
    1,
)
def name_nonutf8_file(ctx: Ctx) -> None:
    ctx.album()
    _bytes_path(ctx, b"bad_\xff\xfe.jpg", b"latin")
    ctx.bucket()
    ctx.marked(UNIT)
    ctx.run("run", mention=("bad_\\xff\\xfe.jpg", "not valid Unicode"))
    _skipped_by_name(ctx, "bad_\\xff\\xfe.jpg")


@case(
    "name-nonutf8-folder",
    "a sub-folder with non-UTF-8 bytes in its name: skipped and named, the unit fails, the rest goes",
    1,
)
def name_nonutf8_folder(ctx: Ctx) -> None:
    ctx.album()
    _bytes_path(ctx, b"dir_\xe9t\xe9/a.jpg", b"latin folder")
    ctx.bucket()
    ctx.marked(UNIT)
    ctx.run("run", mention=("dir_\\xe9t\\xe9", "not valid Unicode"))
    _skipped_by_name(ctx, "dir_\\xe9t\\xe9")


@case(
    "name-nonutf8-unit",
    "a unit folder whose own name has non-UTF-8 bytes: the scan skips it by name, status.csv saved without it",
    0,
)
def name_nonutf8_unit(ctx: Ctx) -> None:
    # A unit's key is its S3 prefix and its status.csv row, so it must be Unicode: the folder is named (with the
    # bytes escaped) and must be renamed to be backed up; it is never a row under a mangled name.
    ctx.album()
    path = os.fsencode(ctx.env.album) + b"/2022/0801_\x82\xa0"  # cp932 bytes from a Windows share
    os.makedirs(path)
    with open(path + b"/a.jpg", "wb") as fh:
        fh.write(b"x")
    ctx.run("scan", mention=("0801_\\x82\\xa0", "not valid Unicode", "rename"))
    ctx.check(set(ctx.rows()) == {"2021/0401_帰省", UNIT}, f"units: {sorted(ctx.rows())}")
    ctx.check(os.path.isfile(path + b"/a.jpg"), "the folder's photo is gone")


def _symlinked(ctx: Ctx) -> None:
    ctx.album()
    target = ctx.env.base / "elsewhere.jpg"
    target.write_bytes(b"linked photo")
    os.symlink(target, ctx.env.album / UNIT / "linked.jpg")
    ctx.bucket()
    ctx.marked(UNIT)


@case("name-symlink-file", "a symlinked photo (setting symlinks: report, the default): listed by name, not sent", 0)
def name_symlink(ctx: Ctx) -> None:
    _symlinked(ctx)
    ctx.run("run", mention=("skipped the symbolic link", "linked.jpg", "symlinks"))
    ctx.check(_key("linked.jpg") not in ctx.env.bucket_keys(), "linked.jpg was uploaded with symlinks: report")
    ctx.check(ctx.rows()[UNIT]["status"] == "Synchronized", "the unit's real photos were not backed up")


@case("name-symlink-follow", "a symlinked photo with --symlinks follow: its target's bytes are uploaded", 0)
def name_symlink_follow(ctx: Ctx) -> None:
    _symlinked(ctx)
    ctx.run("run", "--symlinks", "follow")
    ctx.check(ctx.env.object_bytes(_key("linked.jpg")) == b"linked photo", "linked.jpg is not in the bucket")
    ctx.check(ctx.rows()[UNIT]["status"] == "Synchronized", "the unit is not Synchronized")


@case("name-symlink-loop", "a folder symlink pointing to its own parent (a loop): the run ends", (0, 1))
def name_symlink_loop(ctx: Ctx) -> None:
    ctx.album()
    os.symlink("..", ctx.env.album / UNIT / "loop")
    ctx.bucket()
    ctx.marked(UNIT)
    ctx.run("run", timeout=60)


@case("name-dangling-symlink", "a symlink to nothing in a unit", (0, 1))
def name_dangling(ctx: Ctx) -> None:
    ctx.album()
    os.symlink(ctx.env.base / "gone.jpg", ctx.env.album / UNIT / "dangling.jpg")
    ctx.bucket()
    ctx.marked(UNIT)
    ctx.run("run")


@case("name-unreadable-file", "a photo without read permission: the unit fails naming it, the rest goes", 1)
def name_unreadable(ctx: Ctx) -> None:
    ctx.album({f"{UNIT}/secret.jpg": b"no read"})
    os.chmod(ctx.env.album / UNIT / "secret.jpg", 0)
    ctx.bucket()
    ctx.marked(UNIT)
    ctx.run("run", mention=("secret.jpg",), unprivileged=True)
    ctx.check(_key("リレー.jpg") in ctx.env.bucket_keys(), "the readable photo was not uploaded")


@case("name-unreadable-folder", "a sub-folder without permission: the unit fails naming it", 1)
def name_unreadable_folder(ctx: Ctx) -> None:
    ctx.album({f"{UNIT}/locked/a.jpg": b"x"})
    os.chmod(ctx.env.album / UNIT / "locked", 0)
    ctx.bucket()
    ctx.marked(UNIT)
    ctx.run("run", mention=("locked",), unprivileged=True)


@case("name-empty-file", "a 0-byte file", 0)
def name_empty(ctx: Ctx) -> None:
    _upload_names(ctx, {"empty.jpg": b""})


# ---- files that change between the scan and the upload ------------------------------------------------
@case("change-after-scan", "a photo grows between `scan` and `upload`: the new bytes are sent", 0)
def change_after_scan(ctx: Ctx) -> None:
    ctx.album()
    ctx.bucket()
    ctx.setup("scan")
    ctx.setup("mark", "--upload", UNIT)
    (ctx.env.album / UNIT / "リレー.jpg").write_bytes(b"edited and longer")
    ctx.run("upload")
    ctx.check(ctx.env.object_bytes(_key("リレー.jpg")) == b"edited and longer", "old bytes in the bucket")


def _during_upload(ctx: Ctx, change: object) -> Result:
    """Freeze the upload on its first PUT (fault proxy), apply *change* to the album, let it go on."""
    ctx.album({f"{UNIT}/a_first.jpg": b"1" * 100, f"{UNIT}/b_second.jpg": b"2" * 200})
    ctx.bucket()
    ctx.marked(UNIT)
    with FaultProxy(ctx.env.s3_url, FaultPlan(rules=[Rule("hold", "PutObject")])) as proxy:
        proc = ctx.env.popen("upload", concurrency="1", **{"endpoint-url": proxy.url})
        try:
            ctx.check(proxy.wait_for("hold", timeout=60), "the upload never sent a PUT")
            change()  # type: ignore[operator]
            proxy.release_held()
            out, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.communicate()
    r = Result(["upload"], proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))
    return r


@case("change-during-upload", "photos grow while the unit is being uploaded: the unit fails naming one", 1)
def change_during(ctx: Ctx) -> None:
    def grow() -> None:
        for name in ("a_first.jpg", "b_second.jpg", "リレー.jpg"):
            (ctx.env.album / UNIT / name).write_bytes(b"grown" * 100)

    r = _during_upload(ctx, grow)
    ctx.judge(r, mention=(".jpg",))
    ctx.check(ctx.rows()[UNIT]["status"] == "Check_FileUpload", "the unit is not Check_FileUpload")


@case("vanish-during-upload", "photos deleted while the unit is being uploaded: the unit fails naming one", 1)
def vanish_during(ctx: Ctx) -> None:
    def vanish() -> None:
        for name in ("a_first.jpg", "b_second.jpg", "リレー.jpg"):
            (ctx.env.album / UNIT / name).unlink()

    r = _during_upload(ctx, vanish)
    ctx.judge(r, mention=(".jpg",))
    ctx.check(ctx.rows()[UNIT]["status"] == "Check_FileUpload", "the unit is not Check_FileUpload")


@case("folder-vanished-after-mark", "a unit folder deleted after `mark`: the unit fails by name, no manifest", 1)
def folder_vanished(ctx: Ctx) -> None:
    ctx.album()
    ctx.bucket()
    ctx.setup("scan")
    ctx.setup("mark", "--upload", UNIT)
    shutil.rmtree(ctx.env.album / UNIT)
    r = ctx.run("upload", mention=(UNIT, "is gone", "scan again"))
    ctx.check("UnitGone" not in r.text, "the reason shows a class name, not plain words")
    manifests = [k for k in ctx.env.bucket_keys(".glacier_gui/") if "manifests" in k]
    ctx.check(not manifests, f"a manifest was written for a missing folder: {manifests}")
    ctx.check(ctx.rows()[UNIT]["status"] != "Synchronized", "the missing unit is Synchronized")
