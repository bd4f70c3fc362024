"""Bad status.csv never costs data: rows that leave the album, truncated and UTF-16 files, a read-only folder.

Each case goes through the CLI as a user would meet it and checks the same four things: no traceback, the
exit status (2 only for input that cannot be used as it is), a message that names the row or file, and
status.csv byte-identical whenever the command refused it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args, write

HEADER = (
    "status,local_path,local_file_count,local_total_size,local_last_modified,sync_start,sync_end,aws_arn,"
    "aws_file_count,aws_total_size,unit,previous_status,storage_class,last_error"
)
HOME = "2021/0401_帰省"  # 2 files, 3000 bytes (conftest's album)


def run(*args: str) -> int:
    return main(list(args))


def no_traceback(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text, text


def scanned(settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The album scanned once: status.csv with three Check rows."""
    assert run("scan", *cli_args(settings, data_dir)) == 0
    capsys.readouterr()
    return Path(settings.status_file)


def add_rows(path: Path, *rows: str) -> bytes:
    """Append hand-edited rows (as Excel would keep them: CRLF) and return the file's bytes."""
    path.write_bytes(path.read_bytes() + "".join(r + "\r\n" for r in rows).encode("utf-8"))
    return path.read_bytes()


def escaping_row(unit: str, status: str = "Upload") -> str:
    return f"{status},x,1,7,2022-05-09 23:20:12.345128,,,,,,{unit},Check,,"


# ---- rows whose unit leaves the album --------------------------------------------------------------------
@pytest.fixture
def outside(album: Path) -> Path:
    """A private folder beside the album, with a file that must never reach the bucket."""
    return write(album.parent / "outside" / "private.txt", b"not part of the album").parent


@pytest.mark.parametrize("unit", ["../outside", "2022/../../outside", "/etc", "C:/Windows", "2022\\..\\..\\outside"])
def test_a_row_outside_the_album_is_refused_never_uploaded_and_left_as_it_is(
    settings: Settings, data_dir: Path, outside: Path, s3, bucket: str, capsys, unit: str
) -> None:
    status = scanned(settings, data_dir, capsys)
    before = add_rows(status, escaping_row(unit))
    assert run("upload", *cli_args(settings, data_dir)) == 1  # the user asked for an upload that did not happen
    captured = capsys.readouterr()
    no_traceback(captured.err + captured.out)
    assert "line 5" in captured.err and repr(unit) in captured.err and "not a folder inside the album" in captured.err
    assert f"FAIL {unit}: not uploaded" in captured.out
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)  # nothing at all was sent
    assert status.read_bytes() == before  # refused: not rewritten, not dropped


def test_the_rest_of_the_table_still_works_and_the_refused_row_survives_every_save(
    settings: Settings, data_dir: Path, outside: Path, s3, bucket: str, capsys
) -> None:
    status = scanned(settings, data_dir, capsys)
    row = escaping_row("../outside")
    add_rows(status, row)
    args = cli_args(settings, data_dir)
    assert run("mark", "--upload", HOME, *args) == 0
    assert run("run", *args) == 1  # scan + upload: HOME goes up, the refused row fails the run
    captured = capsys.readouterr()
    no_traceback(captured.err)
    assert f"OK   {HOME}" in captured.out and "FAIL ../outside" in captured.out
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys and all(k.startswith(f"10_Album/{HOME}/") or k.startswith(".glacier_gui/") for k in keys), keys
    assert not any("private" in k or "outside" in k for k in keys)
    text = status.read_bytes().decode("utf-8-sig")
    assert row + "\r\n" in text  # byte for byte, after a scan and an upload saved the table around it
    assert run("status", "--json", *args) == 0
    rows = {r["unit"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[HOME]["status"] == "Synchronized"
    assert rows["../outside"]["refused"] and rows["../outside"]["status"] == "Check_NotExists"


def test_naming_a_refused_unit_is_bad_input(settings: Settings, data_dir: Path, outside: Path, capsys) -> None:
    status = scanned(settings, data_dir, capsys)
    before = add_rows(status, escaping_row("../outside", status="Check"))
    args = cli_args(settings, data_dir)
    for command in (["mark", "--upload", "../outside"], ["upload", "--unit", "../outside"]):
        assert run(*command, *args) == 2
        err = capsys.readouterr().err
        no_traceback(err)
        assert "'../outside' is not a folder inside the album" in err
        assert status.read_bytes() == before


def test_a_unit_that_links_out_of_the_album_is_refused_at_the_join(
    settings: Settings, data_dir: Path, album: Path, outside: Path, s3, bucket: str, capsys
) -> None:
    """The text is fine, the folder is a link out: refused when the path is joined, before anything is read."""
    status = scanned(settings, data_dir, capsys)
    (album / "2022" / "link").symlink_to(outside, target_is_directory=True)
    before = add_rows(status, escaping_row("2022/link"))
    assert run("upload", *cli_args(settings, data_dir)) == 2
    err = capsys.readouterr().err
    no_traceback(err)
    assert "'2022/link' resolves outside the album" in err
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)
    assert status.read_bytes() == before


# ---- a file cut short --------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["status", "scan", "upload", "mark"])
def test_a_truncated_last_row_is_named_and_nothing_is_saved_over_it(
    settings: Settings, data_dir: Path, capsys, command: str
) -> None:
    status = scanned(settings, data_dir, capsys)
    assert run("mark", "--upload", HOME, *cli_args(settings, data_dir)) == 0  # a save: status.csv.bak exists now
    whole = status.read_bytes()
    last = whole.rstrip(b"\r\n").rsplit(b"\r\n", 1)[1]
    status.write_bytes(whole[: len(whole) - len(last) // 2 - 2])  # the last row cut in the middle, no line end
    before = status.read_bytes()
    extra = ["--upload", HOME] if command == "mark" else []
    assert run(command, *extra, *cli_args(settings, data_dir)) == 2
    err = capsys.readouterr().err.strip()
    no_traceback(err)
    assert "status.csv looks truncated at line 4: restore it from status.csv.bak (kept beside it)" in err
    assert "\n" not in err
    assert status.read_bytes() == before
    assert status.with_name("status.csv.bak").exists()


def test_an_unclosed_quote_at_the_end_is_truncation_too(settings: Settings, data_dir: Path, capsys) -> None:
    status = write(Path(settings.status_file), f'{HEADER}\r\nCheck,x,1,1,,,,,,,a,,,"the error was\r\n')
    before = status.read_bytes()
    assert run("scan", *cli_args(settings, data_dir)) == 2
    err = capsys.readouterr().err
    assert "looks truncated at line 2" in err and status.read_bytes() == before


def test_a_last_row_without_line_end_but_whole_is_read(settings: Settings, data_dir: Path, capsys) -> None:
    """Editors often leave the last line without its line end: only a short last row is truncation."""
    row = escaping_row(HOME, status="Synchronized").replace(",x,", ",somewhere,")
    write(Path(settings.status_file), f"{HEADER}\r\n{row}")
    assert run("status", "--json", *cli_args(settings, data_dir)) == 0
    [shown] = json.loads(capsys.readouterr().out)
    assert shown["unit"] == HOME and shown["status"] == "Synchronized"


def test_an_empty_status_csv_is_refused_not_taken_for_an_empty_table(
    settings: Settings, data_dir: Path, capsys
) -> None:
    status = write(Path(settings.status_file), b"")
    assert run("scan", *cli_args(settings, data_dir)) == 2
    assert "status.csv is empty" in capsys.readouterr().err
    assert status.read_bytes() == b""


# ---- Excel's "Unicode text" ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "encoding, separator", [("utf-16", "\t"), ("utf-16-le", "\t"), ("utf-16-be", ","), ("utf-16", ",")]
)
def test_utf16_from_excel_is_read_and_saved_back_as_utf8_with_bom(
    settings: Settings, data_dir: Path, capsys, encoding: str, separator: str
) -> None:
    status = scanned(settings, data_dir, capsys)
    text = status.read_bytes().decode("utf-8-sig")
    unicode_text = "\r\n".join(line.replace(",", separator) for line in text.splitlines()) + "\r\n"
    status.write_bytes(unicode_text.encode(encoding))  # "utf-16" writes the BOM FF FE; -le/-be write none
    original = status.read_bytes()
    args = cli_args(settings, data_dir)
    assert run("status", "--json", *args) == 0
    rows = {r["unit"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {HOME, "2022/0501_旅行", "2022/0601_運動会"}
    assert rows[HOME]["local_file_count"] == 2 and rows[HOME]["local_total_size"] == 3000
    assert run("mark", "--upload", HOME, *args) == 0
    saved = status.read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and saved.decode("utf-8-sig").splitlines()[0] == HEADER
    assert status.with_name("status.csv.bak").read_bytes() == original  # the user's own file, as it was


# ---- the file system in the way ------------------------------------------------------------------------------
def test_status_csv_that_is_a_folder_or_under_a_file_is_one_line_exit_2(
    settings: Settings, data_dir: Path, tmp_path: Path, capsys
) -> None:
    args = cli_args(settings, data_dir)
    folder = Path(settings.status_file)
    folder.mkdir()
    for command in ("status", "scan"):  # the setting status_file names what can never be a file: bad input
        assert run(command, *args) == 2
        err = capsys.readouterr().err.strip()
        no_traceback(err)
        assert err.startswith(f"glacier-gui: error: {folder} is a folder") and "\n" not in err
    blocker = write(tmp_path / "a file", b"x")
    args[args.index("--status-file") + 1] = str(blocker / "status.csv")
    assert run("scan", *args) == 2
    err = capsys.readouterr().err.strip()
    no_traceback(err)
    assert f"{blocker} is a file, where the folder of {blocker / 'status.csv'} should be" in err and "\n" not in err
    assert blocker.read_bytes() == b"x"


def test_a_data_folder_that_is_a_file_is_one_line(settings: Settings, tmp_path: Path, capsys) -> None:
    blocker = write(tmp_path / "data-file", b"x")
    assert run("scan", *cli_args(settings, blocker)) == 2
    err = capsys.readouterr().err.strip()
    no_traceback(err)
    assert f"the data folder {blocker} is a file, not a folder" in err and "\n" not in err


@pytest.fixture
def read_only() -> Iterator[list[Path]]:
    """Make folders read-only, even for root (chmod alone does not stop root: ``chattr +i`` does)."""
    made: list[Path] = []
    yield made
    for folder in made:
        subprocess.run(["chattr", "-i", str(folder)], check=False, capture_output=True)
        folder.chmod(0o755)


def make_read_only(folder: Path, made: list[Path]) -> None:
    made.append(folder)
    folder.chmod(0o555)
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except PermissionError:
        return
    probe.unlink()
    if shutil.which("chattr") is None:
        pytest.skip("cannot make a folder read-only here (root without chattr)")
    done = subprocess.run(["chattr", "+i", str(folder)], check=False, capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a folder read-only here: {done.stderr.decode(errors='replace').strip()}")


@pytest.mark.skipif(os.name == "nt", reason="read-only folders are made with chmod/chattr")
def test_a_read_only_status_folder_keeps_the_scan_in_the_data_folder(
    settings: Settings, data_dir: Path, tmp_path: Path, album: Path, capsys, read_only: list[Path]
) -> None:
    shared = tmp_path / "shared"
    args = cli_args(settings, data_dir)
    args[args.index("--status-file") + 1] = str(shared / "status.csv")
    assert run("scan", *args) == 0
    status = shared / "status.csv"
    before = status.read_bytes()
    write(album / "2022" / "0701_花火" / "hanabi.jpg", b"f" * 100)  # news the next scan must not lose
    make_read_only(shared, read_only)
    capsys.readouterr()
    assert run("scan", *args) == 1  # nothing lost, but status.csv is not up to date: a file failure
    captured = capsys.readouterr()
    no_traceback(captured.err)
    [pending] = data_dir.glob("status.csv.*.pending")
    assert f"{status} cannot be written" in captured.err and f"kept in {pending}" in captured.err
    assert captured.err.count("cannot be written") == 1  # said once
    assert status.read_bytes() == before
    assert run("status", "--json", *args) == 0  # the next command reads the pending change
    assert "2022/0701_花火" in {r["unit"] for r in json.loads(capsys.readouterr().out)}
    subprocess.run(["chattr", "-i", str(shared)], check=False, capture_output=True)
    shared.chmod(0o755)
    assert run("mark", "--upload", "2022/0701_花火", *args) == 0  # writable again: written, pending gone
    assert "2022/0701_花火" in status.read_text(encoding="utf-8-sig") and not pending.exists()
