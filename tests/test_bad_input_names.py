"""Names that cannot travel never break a run: bytes that are not Unicode, names Windows cannot hold, links.

Real names on disk (``os.fsencode`` bytes: Linux takes any byte but ``/`` and NUL), through the CLI: the
scan reports each one by name (undecodable bytes as ``\\xff``), logging and status.csv keep working, and the
rest of the album is backed up.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.logs import setup_logging
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args, write

REPO = Path(__file__).resolve().parents[1]
EVENT = "2022/0601_運動会"  # リレー.jpg, 4000 bytes (and Thumbs.db, skipped)

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs a file system that takes any byte")


def run(*args: str) -> int:
    return main(list(args))


def no_traceback(text: str) -> None:
    assert "Traceback" not in text and "Logging error" not in text and 'File "' not in text, text


def bytes_file(folder: Path, name: bytes, data: bytes = b"x") -> bytes:
    path = os.path.join(os.fsencode(folder), name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def keys(s3, bucket: str) -> list[str]:
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


def status_rows(settings: Settings, data_dir: Path, capsys) -> dict[str, dict]:
    capsys.readouterr()
    assert run("status", "--json", *cli_args(settings, data_dir)) == 0
    return {r["unit"]: r for r in json.loads(capsys.readouterr().out)}


# ---- not valid Unicode ---------------------------------------------------------------------------------------
def test_a_file_name_that_is_not_unicode_is_skipped_by_name_and_everything_else_is_saved(
    settings: Settings, data_dir: Path, album: Path, s3, bucket: str, capsys
) -> None:
    bytes_file(album / "2022" / "0601_運動会", b"bad\xfe.jpg")
    bytes_file(album / "2022" / "0601_運動会", b"sub\xff/inside.jpg")
    args = cli_args(settings, data_dir)
    assert run("scan", *args) == 0
    captured = capsys.readouterr()
    no_traceback(captured.err + captured.out)
    assert "bad\\xfe.jpg: its name is not valid Unicode" in captured.err
    assert "sub\\xff: its name is not valid Unicode" in captured.err
    status = Path(settings.status_file)
    status.read_bytes().decode("utf-8-sig")  # strict: every byte of the saved file is UTF-8
    assert run("mark", "--upload", EVENT, *args) == 0
    assert run("upload", *args) == 1  # the unit is not whole: it says so, and records it
    captured = capsys.readouterr()
    no_traceback(captured.err + captured.out)
    assert f"FAIL {EVENT}" in captured.out and "could not be read" in captured.out
    assert f"10_Album/{EVENT}/リレー.jpg" in keys(s3, bucket)  # the rest of the unit went up
    assert not [k for k in keys(s3, bucket) if "bad" in k or "inside" in k]
    row = status_rows(settings, data_dir, capsys)[EVENT]
    assert row["status"] == "Check_FileUpload"  # saved after the upload, not stuck at Upload
    assert "2 file(s) could not be read" in row["last_error"] and "is not valid Unicode" in row["last_error"]
    log = (data_dir / "logs" / "glacier_gui.log").read_bytes().decode("utf-8")  # strict: the log stayed UTF-8
    assert "bad\\xfe.jpg" in log


def test_a_unit_folder_that_is_not_unicode_is_skipped_with_its_name(
    settings: Settings, data_dir: Path, album: Path, capsys
) -> None:
    bytes_file(album / "2022", b"0801_\xe9t\xe9/photo.jpg")
    bytes_file(album, b"19\xff9/0101_x/photo.jpg")  # a year folder: everything below it
    args = cli_args(settings, data_dir)
    assert run("scan", *args) == 0
    captured = capsys.readouterr()
    no_traceback(captured.err + captured.out)
    assert "0801_\\xe9t\\xe9: the name is not valid Unicode; rename it to back it up" in captured.err
    assert "19\\xff9: the name is not valid Unicode" in captured.err
    assert "3 units" in captured.out
    assert set(status_rows(settings, data_dir, capsys)) == {"2021/0401_帰省", "2022/0501_旅行", EVENT}


def test_in_a_real_process_nothing_prints_a_traceback(settings: Settings, data_dir: Path, album: Path) -> None:
    bytes_file(album / "2022" / "0601_運動会", b"bad\xfe.jpg")
    bytes_file(album / "2022", b"0801_\xe9t\xe9/photo.jpg")
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")  # strict UTF-8 stdout, as a pipe may be
    done = subprocess.run(
        [sys.executable, "-m", "glacier_gui", "scan", *cli_args(settings, data_dir)],
        capture_output=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    err = done.stderr.decode("utf-8")
    no_traceback(err + done.stdout.decode("utf-8"))
    assert done.returncode == 0 and "bad\\xfe.jpg" in err and "0801_\\xe9t\\xe9" in err


def test_the_log_file_takes_any_name(tmp_path: Path, capsys) -> None:
    log_path = setup_logging(tmp_path, console_level=logging.WARNING)
    assert log_path is not None
    logging.getLogger("glacier_gui.test").warning("cannot read %s", os.fsdecode(b"/album/bad\xfe.jpg"))
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "Logging error" not in capsys.readouterr().err
    assert "cannot read /album/bad\\xfe.jpg" in log_path.read_bytes().decode("utf-8")


# ---- names Windows cannot hold -------------------------------------------------------------------------------
WINDOWS_NAMES = ["12:30.jpg", "back\\slash.jpg", "what?.jpg", "CON.txt", "lpt1", "trailing.", "tab\there.jpg"]


def test_names_windows_cannot_hold_are_uploaded_with_a_warning_each(
    settings: Settings, data_dir: Path, album: Path, s3, bucket: str, capsys
) -> None:
    for name in WINDOWS_NAMES:
        write(album / "2022" / "0601_運動会" / name, b"w")
    args = cli_args(settings, data_dir)
    assert run("scan", *args) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "cannot be restored to Windows" in line]
    for name in WINDOWS_NAMES:
        shown = name.replace("\t", "\\t")
        assert any(f"/{shown}:" in line or f"/{name}:" in line for line in lines), (name, lines)
    assert "CON is a device name on Windows" in out and "Windows does not allow ':'" in out
    assert run("mark", "--upload", EVENT, *args) == 0
    assert run("upload", *args) == 0
    uploaded = set(keys(s3, bucket))
    assert {f"10_Album/{EVENT}/{name}" for name in WINDOWS_NAMES} <= uploaded  # they are the user's files


# ---- symbolic links ------------------------------------------------------------------------------------------
@pytest.fixture
def linked(album: Path, tmp_path: Path) -> Path:
    """Links inside a unit (to a file and a folder outside the album, a loop, a broken one) and at unit level."""
    elsewhere = write(tmp_path / "elsewhere" / "shared.jpg", b"s" * 10).parent
    event = album / "2022" / "0601_運動会"
    (event / "shared.jpg").symlink_to(elsewhere / "shared.jpg")
    (event / "more").symlink_to(elsewhere, target_is_directory=True)
    (event / "loop").symlink_to(event, target_is_directory=True)
    (event / "gone.jpg").symlink_to(tmp_path / "nothing-here")
    (album / "2022" / "0901_linked").symlink_to(elsewhere, target_is_directory=True)
    return event


def test_links_are_skipped_and_reported_one_by_one(
    settings: Settings, data_dir: Path, linked: Path, s3, bucket: str, capsys
) -> None:
    args = cli_args(settings, data_dir)
    assert run("scan", *args) == 0
    out = capsys.readouterr().out
    for name in ("shared.jpg", "more", "loop", "gone.jpg"):
        assert f"skipped the symbolic link {linked / name} ->" in out, name
    assert "0901_linked -> " in out and "a link to a folder is never a unit" in out
    assert run("mark", "--upload", EVENT, *args) == 0
    assert run("upload", *args) == 0
    assert [k for k in keys(s3, bucket) if k.startswith("10_Album/")] == [f"10_Album/{EVENT}/リレー.jpg"]


def test_follow_reads_the_targets_and_stops_at_a_loop(
    settings: Settings, data_dir: Path, linked: Path, s3, bucket: str, capsys
) -> None:
    args = [*cli_args(settings, data_dir), "--symlinks", "follow"]
    assert run("scan", *args) == 0
    out = capsys.readouterr().out
    assert f"skipped the link {linked / 'loop'} ->" in out and "(a loop)" in out
    assert f"skipped the broken link {linked / 'gone.jpg'}" in out
    assert run("mark", "--upload", EVENT, *args) == 0
    assert run("upload", *args) == 0
    uploaded = set(keys(s3, bucket))
    assert {f"10_Album/{EVENT}/shared.jpg", f"10_Album/{EVENT}/more/shared.jpg"} <= uploaded


def test_a_bad_symlinks_value_is_one_line_exit_2(settings: Settings, data_dir: Path, capsys) -> None:
    assert run("scan", *cli_args(settings, data_dir), "--symlinks", "always") == 2
    err = capsys.readouterr().err.strip()
    assert "--symlinks" in err and "report" in err and "\n" not in err


def test_a_log_file_that_stops_taking_writes_is_one_warning_not_a_traceback_per_line(tmp_path: Path, capsys) -> None:
    log_path = setup_logging(tmp_path, console_level=None)
    [handler] = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(log_path)]
    handler.stream.close()  # as a disk that went away
    for n in range(3):
        logging.getLogger("glacier_gui.test").warning("line %d", n)
    setup_logging(None, console_level=None)  # the handler is closed and let go without a traceback either
    err = capsys.readouterr().err
    assert err.count("cannot write the log file") == 1 and str(log_path) in err and "Traceback" not in err
