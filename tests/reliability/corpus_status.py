"""Corpus cases about the user's own files: status.csv as Excel (or a crash) leaves it, settings and config
files, the data dir and the album root.  Registered on import; see ``corpus.py`` for the machinery.
"""

from __future__ import annotations

import json
import os

from tests.reliability.corpus import Ctx, case

U1, U2 = "2021/0401_帰省", "2022/0601_運動会"


def _scanned(ctx: Ctx) -> bytes:
    """An album and a status.csv written by the app itself (scan); returns its bytes."""
    ctx.album()
    ctx.setup("scan")
    return ctx.env.status_file.read_bytes()


# ---- status.csv contents --------------------------------------------------------------------------
@case("st-truncated-row", "status.csv whose last row was cut off mid-line (a crash of another tool): refused", 2)
def st_truncated_row(ctx: Ctx) -> None:
    data = _scanned(ctx)
    ctx.env.status_file.write_bytes(data.rstrip(b"\r\n")[:-60])
    ctx.run("scan", mention=(str(ctx.env.status_file), "truncated at line 3"), status="same")


@case("st-wrong-columns", "status.csv with a header that has no status column", 2)
def st_wrong_columns(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.status_file.parent.mkdir(parents=True)
    ctx.env.status_file.write_text("folder,state\r\n2021/0401_帰省,Upload\r\n", encoding="utf-8")
    ctx.run("scan", mention=("status.csv", "status"), status="same")


@case("st-too-many-fields", "a row with more fields than the header (a stray comma in Excel)", 2)
def st_too_many_fields(ctx: Ctx) -> None:
    data = _scanned(ctx)
    ctx.env.status_file.write_bytes(data + b"Upload,x,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\r\n")
    ctx.run("scan", mention=("status.csv",), status="same")


@case("st-unknown-state", "a unit typed as 'Uploaded' (not one of the five states)", 2)
def st_unknown_state(ctx: Ctx) -> None:
    ctx.album()
    ctx.status([("Uploaded", U1)])
    ctx.run("scan", mention=("status.csv", "Uploaded"), status="same")


@case("st-garbage-bytes", "status.csv full of random binary bytes", 2)
def st_garbage(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.status_file.parent.mkdir(parents=True)
    ctx.env.status_file.write_bytes(bytes(range(256)) * 8)
    ctx.run("scan", mention=("status.csv",), status="same")


@case("st-empty-file", "an empty (0-byte) status.csv: refused by name, not replaced", 2)
def st_empty(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.status_file.parent.mkdir(parents=True)
    ctx.env.status_file.write_bytes(b"")
    ctx.run("scan", mention=("status.csv",), status="same")


@case("st-header-only", "status.csv with only its header: the scan fills it", 0)
def st_header_only(ctx: Ctx) -> None:
    ctx.album()
    ctx.status([])
    ctx.run("scan")
    ctx.check(set(ctx.rows()) == {U1, U2}, f"units after scan: {sorted(ctx.rows())}")


@case(
    "st-utf16",
    "status.csv saved by Excel as 'Unicode text' (UTF-16): read right; the next save writes UTF-8 with both rows",
    0,
)
def st_utf16(ctx: Ctx) -> None:
    ctx.album()
    ctx.status([("Check", U1), ("Upload", U2)], encoding="utf-16")
    r = ctx.run("status", "--json", status="same")
    units = {row["unit"]: row["status"] for row in json.loads(r.out)}
    ctx.check(units == {U1: "Check", U2: "Upload"}, f"UTF-16 read as {units}")
    ctx.run("mark", "--upload", U1)  # a save: judged readable as UTF-8 by the csv module
    ctx.check({u: row["status"] for u, row in ctx.rows().items()} == {U1: "Upload", U2: "Upload"}, "rows lost")


@case("st-cp932", "status.csv saved by Japanese Excel (cp932) with Japanese unit names", 0)
def st_cp932(ctx: Ctx) -> None:
    ctx.album()
    ctx.status([("Check", U1), ("Upload", U2)], encoding="cp932")
    r = ctx.run("status", "--json", status="same")
    units = {row["unit"]: row["status"] for row in json.loads(r.out)}
    ctx.check(units == {U1: "Check", U2: "Upload"}, f"cp932 read as {units}")


@case("st-utf8-bom", "status.csv in UTF-8 with BOM (as the app writes it)", 0)
def st_bom(ctx: Ctx) -> None:
    ctx.album()
    ctx.status([("Upload", U2)], encoding="utf-8-sig")
    r = ctx.run("status", "--json", status="same")
    ctx.check(json.loads(r.out)[0]["unit"] == U2, "the BOM leaked into the first column")


@case("st-utf8-no-bom", "status.csv in UTF-8 without BOM (another editor)", 0)
def st_no_bom(ctx: Ctx) -> None:
    ctx.album()
    ctx.status([("Upload", U2)], encoding="utf-8")
    r = ctx.run("status", "--json", status="same")
    ctx.check(json.loads(r.out)[0]["unit"] == U2, f"read as {r.out[:100]}")


# A row whose unit leaves the album does not make status.csv unreadable: the row is refused by line and kept as
# written, the other rows work, and an upload that meets it marked fails that unit (exit 1, "some unit failed").
def _refused_row(ctx: Ctx, unit: str) -> None:
    ctx.status([("Upload", unit), ("Upload", U2)])
    ctx.run("upload", mention=(str(ctx.env.status_file), "line 2", unit, "not a folder inside the album"))
    leaked = [k for k in ctx.env.bucket_keys() if "private.jpg" in k]
    ctx.check(not leaked, f"uploaded from outside the album: {leaked}")
    rows = ctx.rows()
    ctx.check(rows[U2]["status"] == "Synchronized", "the album's own marked unit was not uploaded")
    kept = rows.get(unit, {})
    as_written = {"status": "Upload", "local_path": f"{ctx.env.album}/{unit}", "last_error": ""}
    ctx.check({k: kept.get(k) for k in as_written} == as_written, f"the refused row was changed: {kept}")


@case("st-unit-outside", "a hand-edited unit '../outside' marked Upload: refused by line, never uploaded", 1)
def st_unit_outside(ctx: Ctx) -> None:
    ctx.album()
    secret = ctx.env.base / "outside" / "private.jpg"
    secret.parent.mkdir()
    secret.write_bytes(b"not part of the album")
    ctx.bucket()
    _refused_row(ctx, "../outside")


@case("st-unit-absolute", "a hand-edited unit that is an absolute path, marked Upload: refused by line", 1)
def st_unit_absolute(ctx: Ctx) -> None:
    ctx.album()
    other = ctx.env.base / "elsewhere"
    (other / "x").mkdir(parents=True)
    (other / "x" / "private.jpg").write_bytes(b"not part of the album")
    ctx.bucket()
    _refused_row(ctx, str(other))


@case("st-duplicate-unit", "the same unit on two rows (copy-paste in Excel)", 2)
def st_duplicate(ctx: Ctx) -> None:
    ctx.album()
    ctx.status([("Check", U1), ("Upload", U1)])
    ctx.run("scan", mention=(U1,), status="same")


@case("st-bad-number", "local_file_count holds text ('many')", 2)
def st_bad_number(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.status_file.parent.mkdir(parents=True)
    ctx.env.status_file.write_text(f"status,local_path,local_file_count,unit\r\nCheck,x,many,{U1}\r\n", "utf-8")
    ctx.run("scan", mention=("local_file_count", "many"), status="same")


@case("st-excel-times", "times rewritten by Excel ('2022/5/9 23:20') and counts as '1.0'", 0)
def st_excel_times(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.status_file.parent.mkdir(parents=True)
    ctx.env.status_file.write_text(
        f"status,local_path,local_file_count,local_last_modified,unit\r\nSynchronized,x,1.0,2022/5/9 23:20,{U1}\r\n",
        "utf-8",
    )
    ctx.run("scan")
    ctx.check(ctx.rows()[U1]["status"] == "Check", "a changed unit did not go back to Check")


@case("st-quoted-newline", "a last_error cell with a line break inside quotes", 0)
def st_quoted_newline(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.status_file.parent.mkdir(parents=True)
    ctx.env.status_file.write_text(
        f'status,local_path,unit,last_error\r\nCheck_FileUpload,x,{U1},"line one\r\nline two"\r\n', "utf-8"
    )
    ctx.run("status", status="same", mention=(U1,))


# status_file is a setting (--status-file): a path that can never hold the file is bad input (exit 2), as a data
# folder or album root that is a file is; a folder that only cannot be written is a failure (exit 1).
@case("st-is-directory", "a directory where status.csv should be (the status_file setting): refused by name", 2)
def st_is_directory(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.status_file.mkdir(parents=True)
    for command in ("scan", "status"):
        ctx.run(command, mention=(f"{ctx.env.status_file} is a folder", "--status-file"))
    ctx.check(not any(ctx.env.status_file.iterdir()), "something was written into the folder")


@case("st-parent-is-file", "status.csv's folder is a file (the status_file setting): refused by name", 2)
def st_parent_file(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.status_file.parent.write_bytes(b"i am a file")
    ctx.run("scan", mention=(f"{ctx.env.status_file.parent} is a file", "--status-file"))
    ctx.check(ctx.env.status_file.parent.read_bytes() == b"i am a file", "the file in the way was changed")


@case(
    "st-readonly-folder",
    "status.csv's folder is read-only: exit 1 naming it once, the scan kept in the data folder for the next run",
    1,
)
def st_readonly(ctx: Ctx) -> None:
    _scanned(ctx)
    (ctx.env.album / "2023" / "0101_正月").mkdir(parents=True)
    (ctx.env.album / "2023" / "0101_正月" / "a.jpg").write_bytes(b"new")
    os.chmod(ctx.env.status_file.parent, 0o555)
    mention = (f"{ctx.env.status_file} cannot be written", str(ctx.env.data_dir))
    r = ctx.run("scan", mention=mention, status="same", unprivileged=True)
    ctx.check(r.text.count("cannot be written") == 1, "the failed save is reported more than once")
    news = ctx.run("status", "--json", status="same", expect=(0,), unprivileged=True)  # reads the kept change
    ctx.check("2023/0101_正月" in {row["unit"] for row in json.loads(news.out)}, "the scan's news were lost")


@case("st-readonly-file", "status.csv itself read-only (its folder writable): the mark is saved", 0)
def st_readonly_file(ctx: Ctx) -> None:
    _scanned(ctx)
    os.chmod(ctx.env.status_file, 0o444)
    ctx.run("mark", "--upload", U1, unprivileged=True)
    ctx.check(ctx.rows()[U1]["status"] == "Upload", "the mark was lost")


@case("st-pending-newer", "a status.csv.pending left by an earlier locked save is picked up", 0)
def st_pending(ctx: Ctx) -> None:
    _scanned(ctx)
    pending = ctx.env.status_file.with_name("status.csv.pending")
    pending.write_bytes(ctx.env.status_file.read_bytes().replace(b"\r\nCheck,", b"\r\nUpload,", 1))
    r = ctx.run("status", "--json")
    ctx.check('"Upload"' in r.out, "the pending change was ignored")


# ---- settings and config files ----------------------------------------------------------------------
def _config(ctx: Ctx, text: str) -> str:
    ctx.album()
    path = ctx.env.base / "backup.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


@case("cfg-bad-json", "--config file that is not valid JSON", 2)
def cfg_bad_json(ctx: Ctx) -> None:
    path = _config(ctx, '{"level": 2,')
    ctx.run("scan", "--config", path, mention=(path,))


@case("cfg-unknown-key", "--config with a misspelt setting ('levle')", 2)
def cfg_unknown_key(ctx: Ctx) -> None:
    path = _config(ctx, '{"levle": 2}')
    ctx.run("scan", "--config", path, mention=("levle",))


@case("cfg-secret-key", "--config holding an AWS secret: refused, and the value never echoed", 2)
def cfg_secret(ctx: Ctx) -> None:
    path = _config(ctx, '{"aws_secret_access_key": "CFG-SECRET-VALUE-123"}')
    r = ctx.run("scan", "--config", path, mention=("aws_secret_access_key",))
    ctx.check("CFG-SECRET-VALUE-123" not in r.text, "the secret value was echoed")


@case("cfg-wrong-type", "--config with level as text ('two')", 2)
def cfg_wrong_type(ctx: Ctx) -> None:
    path = _config(ctx, '{"level": "two"}')
    ctx.run("scan", "--config", path, mention=("level",))


@case("cfg-float-level", "--config with level 2.5", 2)
def cfg_float_level(ctx: Ctx) -> None:
    path = _config(ctx, '{"level": 2.5}')
    ctx.run("scan", "--config", path, mention=("level",))


@case("cfg-not-object", "--config holding a JSON list", 2)
def cfg_list(ctx: Ctx) -> None:
    path = _config(ctx, "[1, 2]")
    ctx.run("scan", "--config", path, mention=(path,))


@case("cfg-missing", "--config naming a file that does not exist", 2)
def cfg_missing(ctx: Ctx) -> None:
    ctx.album()
    path = str(ctx.env.base / "nope.json")
    ctx.run("scan", "--config", path, mention=(path,))


@case("cfg-is-directory", "--config naming a directory", 2)
def cfg_directory(ctx: Ctx) -> None:
    ctx.album()
    ctx.run("scan", "--config", str(ctx.env.base), mention=(str(ctx.env.base),))


@case("cfg-bad-bool", "--config with dry_run 'maybe'", 2)
def cfg_bad_bool(ctx: Ctx) -> None:
    path = _config(ctx, '{"dry_run": "maybe"}')
    ctx.run("scan", "--config", path, mention=("dry_run",))


@case("cfg-bad-storage-class", "--config with storage_class 'GLACIER_FAST'", 2)
def cfg_bad_class(ctx: Ctx) -> None:
    path = _config(ctx, '{"storage_class": "GLACIER_FAST"}')
    ctx.run("scan", "--config", path, mention=("storage class",), **{"storage-class": None})


@case("cfg-saved-corrupt", "settings.json in the data dir is garbage", 2)
def cfg_saved_corrupt(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.data_dir.mkdir(parents=True)
    (ctx.env.data_dir / "settings.json").write_bytes(b"\x00\xff{{{")
    ctx.run("scan", mention=("settings.json",))


@case("cfg-level-9", "--level 9 (allowed: 1-8)", 2)
def cfg_level(ctx: Ctx) -> None:
    ctx.album()
    ctx.run("scan", mention=("level",), level="9")


@case("cfg-concurrency-0", "--concurrency 0", 2)
def cfg_conc0(ctx: Ctx) -> None:
    ctx.album()
    ctx.run("upload", mention=("concurrency",), concurrency="0")


@case("cfg-concurrency-1000", "--concurrency 1000", 2)
def cfg_conc_big(ctx: Ctx) -> None:
    ctx.album()
    ctx.run("upload", mention=("concurrency",), concurrency="1000")


@case("cfg-part-size-4", "--part-size 4 (S3's minimum part is 5 MiB)", 2)
def cfg_part_small(ctx: Ctx) -> None:
    ctx.album()
    ctx.run("upload", mention=("part size",), **{"part-size": "4"})


@case("cfg-part-size-huge", "--part-size 100000", 2)
def cfg_part_big(ctx: Ctx) -> None:
    ctx.album()
    ctx.run("upload", mention=("part size",), **{"part-size": "100000"})


@case("cfg-level-text", "--level two on the command line", 2)
def cfg_level_text(ctx: Ctx) -> None:
    ctx.album()
    ctx.run("scan", mention=("level",), level="two")


@case("cfg-prefix-absolute", "--prefix /backup (must not start with '/')", 2)
def cfg_prefix(ctx: Ctx) -> None:
    ctx.album()
    ctx.run("scan", "--prefix", "/backup", mention=("prefix",))


@case("data-dir-is-file", "--data-dir names a file: refused by name, the file untouched", 2)
def data_dir_file(ctx: Ctx) -> None:
    ctx.album()
    ctx.env.data_dir.write_bytes(b"i am a file")
    mention = (f"{ctx.env.data_dir} is a file",)
    ctx.run("scan", mention=mention, **{"status-file": None})  # status.csv in the data dir
    ctx.check(ctx.env.data_dir.read_bytes() == b"i am a file", "the file named as data dir was changed")


@case("data-dir-is-file-upload", "--data-dir names a file, status.csv elsewhere: upload says so", (1, 2))
def data_dir_file_upload(ctx: Ctx) -> None:
    ctx.album()
    ctx.bucket()
    ctx.marked(U2)
    ctx.env.data_dir.write_bytes(b"i am a file")
    ctx.run("upload", mention=(str(ctx.env.data_dir),))


@case("root-missing", "--root names a folder that does not exist (NAS offline)", 2)
def root_missing(ctx: Ctx) -> None:
    ctx.run("scan", mention=("no-such-album",), root=str(ctx.env.base / "no-such-album"))


@case("root-is-file", "--root names a file", 2)
def root_file(ctx: Ctx) -> None:
    ctx.env.album.parent.mkdir(parents=True, exist_ok=True)
    ctx.env.album.write_bytes(b"x")
    ctx.run("scan", mention=(str(ctx.env.album),))


@case("mark-unknown-unit", "mark --upload a unit that is not in status.csv", 2)
def mark_unknown(ctx: Ctx) -> None:
    _scanned(ctx)
    ctx.run("mark", "--upload", "2099/nothing", mention=("2099/nothing",), status="same")


@case("estimate-bad-size", "estimate --size 2XB (no such unit)", 2)
def estimate_bad_size(ctx: Ctx) -> None:
    ctx.album()
    ctx.run("estimate", "--files", "10", "--size", "2XB", mention=("2XB",))
