"""status.csv: the original's file loads, encodings, transitions, atomic saves, a locked file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from glacier_gui.core.album.scan import SkipRules, scan_album
from glacier_gui.core.ledger.status import (
    ORIGINAL_COLUMNS,
    State,
    StatusFileError,
    StatusLockedError,
    StatusRow,
    StatusTable,
    load_status,
    pending_path,
)
from tests.conftest import SEED, write

RULES = SkipRules(["Thumbs.db"], ["@eaDir"])


@pytest.fixture
def seed_csv(tmp_path: Path) -> Path:
    target = tmp_path / "status.csv"
    shutil.copy(SEED / "status-original.csv", target)
    return target


def test_seed_file_loads(seed_csv: Path) -> None:
    table = load_status(seed_csv, album_root="test", level=1)
    assert [(r.unit, r.status) for r in table] == [("a", "Synchronized"), ("c", "Synchronized"), ("b", "Check")]
    a = table.require("a")
    assert (a.local_file_count, a.local_total_size, a.aws_arn, a.aws_file_count) == (3, 6, "test/a", 3)
    assert a.local_last_modified == "2022-05-09 23:20:12.345128"
    assert table.require("b").aws_file_count is None


def test_seed_round_trip_keeps_original_columns_and_values(seed_csv: Path) -> None:
    before = pd.read_csv(seed_csv, dtype=str, keep_default_na=False)
    load_status(seed_csv, "test", 1).save()
    raw = seed_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    after = pd.read_csv(seed_csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert tuple(after.columns[: len(ORIGINAL_COLUMNS)]) == ORIGINAL_COLUMNS
    pd.testing.assert_frame_equal(before, after[list(ORIGINAL_COLUMNS)])
    assert list(after["unit"]) == ["a", "c", "b"]
    assert (seed_csv.with_name("status.csv.bak")).read_bytes() == (SEED / "status-original.csv").read_bytes()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_japanese_names_load_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "status.csv"
    text = (
        "status,local_path,local_file_count,local_total_size,local_last_modified,sync_start,sync_end,"
        "aws_arn,aws_file_count,aws_total_size\r\n"
        "Upload,\\\\192.168.0.20\\10_Album\\2022\\0601_運動会,3,6,2022/5/9 23:20,,,,,\r\n"
    )
    path.write_bytes(text.encode(encoding))
    table = load_status(path, album_root="\\\\192.168.0.20\\10_Album", level=2)
    [row] = table.rows
    assert row.unit == "2022/0601_運動会" and row.status == State.UPLOAD


def test_rows_follow_the_unit_when_the_nas_address_changes(tmp_path: Path, album: Path) -> None:
    path = tmp_path / "status.csv"
    table = StatusTable(path)
    table.merge_scan(scan_album(album, 2, RULES), "\\\\192.168.0.20\\10_Album")
    for row in table:
        row.status = State.SYNCHRONIZED
    table.save()
    moved = load_status(path, album_root="\\\\nas.local\\10_Album", level=2)
    moved.merge_scan(scan_album(album, 2, RULES), "\\\\nas.local\\10_Album")
    assert {r.status for r in moved} == {State.SYNCHRONIZED}
    assert moved.require("2022/0601_運動会").local_path == "\\\\nas.local\\10_Album\\2022\\0601_運動会"


def test_state_transitions_on_scan(tmp_path: Path, album: Path) -> None:
    table = StatusTable(tmp_path / "status.csv")
    table.merge_scan(scan_album(album, 2, RULES), str(album))
    assert {r.status for r in table} == {State.CHECK}
    table.require("2021/0401_帰省").status = State.SYNCHRONIZED
    table.require("2022/0501_旅行").status = State.SYNCHRONIZED
    table.mark_upload(["2022/0601_運動会"])
    write(album / "2022" / "0501_旅行" / "new.jpg", b"new")  # changed since synchronized
    shutil.rmtree(album / "2021" / "0401_帰省")  # gone
    table.merge_scan(scan_album(album, 2, RULES), str(album))
    assert table.require("2022/0501_旅行").status == State.CHECK
    assert table.require("2022/0601_運動会").status == State.UPLOAD  # the user's choice survives a scan
    gone = table.require("2021/0401_帰省")
    assert gone.status == State.CHECK_NOT_EXISTS and gone.previous_status == State.SYNCHRONIZED


def test_a_folder_that_comes_back_unchanged_is_synchronized_again(tmp_path: Path, album: Path) -> None:
    table = StatusTable(tmp_path / "status.csv")
    table.merge_scan(scan_album(album, 2, RULES), str(album))
    table.require("2021/0401_帰省").status = State.SYNCHRONIZED
    hidden = album.parent / "hidden"
    shutil.move(album / "2021" / "0401_帰省", hidden)
    table.merge_scan(scan_album(album, 2, RULES), str(album))  # e.g. the NAS share was half mounted
    assert table.require("2021/0401_帰省").status == State.CHECK_NOT_EXISTS
    shutil.move(hidden, album / "2021" / "0401_帰省")
    table.merge_scan(scan_album(album, 2, RULES), str(album))
    assert table.require("2021/0401_帰省").status == State.SYNCHRONIZED


def test_unmark_restores_the_previous_state(tmp_path: Path) -> None:
    table = StatusTable(tmp_path / "s.csv", [StatusRow(status=State.SYNCHRONIZED, unit="u")])
    table.mark_upload(["u"])
    assert table.require("u").status == State.UPLOAD
    table.unmark_upload("u")
    assert table.require("u").status == State.SYNCHRONIZED


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this,is\nnot,status\n", "missing"),
        (b"status,local_path\nBogus,x\n", "is not one of"),
        (b"status,local_path,local_file_count\nCheck,x,many\n", "not a number"),
        (b'status,local_path\n"Check,x\n', "looks truncated at line 2"),
        (b"status,local_path\nCheck,x,extra\n", "not a readable CSV table: line 2 has 3 fields"),
    ],
)
def test_malformed_files_give_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "status.csv"
    path.write_bytes(content)
    with pytest.raises(StatusFileError, match=message):
        load_status(path, "root", 2)


def test_locked_file_keeps_the_change_in_a_pending_file(seed_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = load_status(seed_csv, "test", 1)
    table.mark_upload(["b"])
    real_replace = os.replace

    def locked(src, dst):  # what Windows does while Excel has the file open
        if Path(dst) == seed_csv:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(StatusLockedError, match="Excel"):
        table.save()
    assert load_status(seed_csv, "test", 1).require("b").status == State.UPLOAD  # read from the pending file
    monkeypatch.setattr(os, "replace", real_replace)
    table.save()
    assert not pending_path(seed_csv).exists()
    assert load_status(seed_csv, "test", 1).require("b").status == State.UPLOAD


SAVE_LOOP = """
import sys
from pathlib import Path
from glacier_gui.core.ledger.status import StatusRow, StatusTable
rows = [StatusRow(unit=f"2022/{i:04d}_イベント", local_path=f"x{i}", local_file_count=i) for i in range(3000)]
table = StatusTable(Path(sys.argv[1]), rows)
table.save()  # a first complete file; the kill lands in one of the saves that replace it
print("ready", flush=True)
n = 0
while True:
    n += 1
    for r in table.rows[:50]:
        r.local_file_count = n
    table.save()
"""


@pytest.mark.slow
def test_kill_during_save_leaves_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "status.csv"
    for attempt in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVE_LOOP, str(path)],
            stdout=subprocess.PIPE,
            cwd=Path(__file__).resolve().parents[1],
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(0.3 + attempt * 0.17)
        proc.kill()  # TerminateProcess on Windows, SIGKILL elsewhere
        proc.wait()
        table = load_status(path, "", 2)  # must parse, whatever instant the kill hit
        assert len(table) == 3000


def test_a_refused_row_is_written_back_exactly_as_it_was_read(tmp_path: Path, album: Path) -> None:
    path = tmp_path / "status.csv"
    header = ",".join(ORIGINAL_COLUMNS) + ",unit"
    odd = "Upload,C:\\private,1.0, 7 ,whenever,,,,,,../outside"  # not values we would write: kept anyway
    write(path, f"{header}\r\nCheck,x,1,1,,,,,,,2021/0401_帰省\r\n{odd}\r\n")
    table = load_status(path, str(album), 2)
    [refused] = table.refused_rows()
    assert refused.unit == "../outside" and "line 3" in refused.refused and "'../outside'" in refused.refused
    assert table.units_to_upload() == []  # in memory it is Check_NotExists: nothing acts on it
    with pytest.raises(ValueError, match="not a folder inside the album"):
        table.mark_upload(["../outside"])
    table.merge_scan(scan_album(album, 2, RULES), str(album))
    table.save()
    saved = path.read_bytes().decode("utf-8-sig").split("\r\n")
    assert saved.count(odd + ",,,") == 1  # our four columns after it, empty, as for every row


def test_a_semicolon_separated_file_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "status.csv", "status;local_path;unit\r\nUpload;x;2022/a\r\n")
    assert load_status(path).require("2022/a").status == State.UPLOAD
