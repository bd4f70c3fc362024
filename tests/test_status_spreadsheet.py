"""status.csv through a spreadsheet and back: what Excel's display rules do to it, and what the app makes of it.

Excel cannot run here, so its documented rules are applied by tests/spreadsheet/excel_rules.py (checked first,
below); LibreOffice itself runs in tests/test_spreadsheet_roundtrip.py.  Each case goes through the CLI as the
user meets it: no false change, the exact values kept, broken rows refused by line with the likely cause.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.ledger.cells import number_fits, read_number, same_time, time_precision
from glacier_gui.core.ledger.record import record_path
from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.ledger.status_file import escape_cell, unescape_cell
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args, write
from tests.spreadsheet.excel_rules import excel_resave, formula_value, general_number, short_time

BIG = 123_456_789_012  # bytes: a sparse file, 12 digits of size (Excel shows 1.23457E+11)
FORMULA = "=1+2/3"  # a unit: the year folder "=1+2" and its folder "3"


def run(*args: str) -> int:
    return main(list(args))


# ---- Excel's rules, as emulated ------------------------------------------------------------------------------
def test_excel_rules_as_documented() -> None:
    assert general_number(BIG) == "1.23457E+11"
    assert general_number(100_000_000_000) == "1E+11"
    assert general_number(99_999_999_999) == "99999999999"  # 11 digits: shown whole
    assert short_time("2022-06-01 10:00:37.125678") == "2022/6/1 10:00"
    assert formula_value("=1+2/3") == "1.66666666666667"


# ---- cells at the precision they hold --------------------------------------------------------------------------
def test_times_compare_at_the_precision_their_text_holds() -> None:
    actual = datetime(2022, 6, 1, 10, 0, 37, 125678)
    assert time_precision("2022/6/1 10:00").total_seconds() == 60
    assert same_time("2022/6/1 10:00", actual)  # Excel: cut to the minute
    assert same_time("2022-06-01 10:00:37.126", actual)  # LibreOffice: rounded to the millisecond
    assert same_time("2022-06-01 10:00:37", actual)
    assert same_time("2022-06-01 10:00:37.125678", actual)
    assert not same_time("2022-06-01 10:00:37.125679", actual)  # the full text is exact
    assert not same_time("2022/6/1 10:02", actual)  # a real change shows at any precision
    assert not same_time("2022-06-01 10:00:38.126", actual)


def test_scientific_notation_is_never_exact() -> None:
    assert read_number("1.23457E+11") == (None, False)
    assert read_number("123456789012") == (BIG, True)
    assert read_number("") == (None, True)
    assert number_fits("1.23457E+11", BIG) and number_fits("1.23457E+11", 123_457_000_000)
    assert not number_fits("1.23457E+11", 123_458_000_000)
    with pytest.raises(ValueError):
        read_number("abc")


@pytest.mark.parametrize(
    "text", ["=1+2/3", "+81 3 1234", "-5/3", "@SUM(1)", "\t=x", "\r=x", "'=x", "''+x", "'", "plain", "2023/12", ""]
)
def test_formula_cells_are_escaped_and_read_back(text: str) -> None:
    written = escape_cell(text)
    assert written[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert unescape_cell(written) == text


# ---- the album and the round trip through Excel's rules ---------------------------------------------------------
@pytest.fixture
def big_album(album: Path) -> Path:
    """conftest's album plus a unit of 12 digits of bytes (sparse) and one named like a formula."""
    big = album / "2023" / "0101_動画" / "video.mp4"
    big.parent.mkdir(parents=True)
    with big.open("wb") as f:
        f.truncate(BIG)
    write(album / "=1+2" / "3" / "a.jpg", b"f" * 10)
    return album


def scan_and_sync(settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Scan, then record every unit as synchronized (as an upload would) through the table's own writer."""
    assert run("scan", *cli_args(settings, data_dir)) == 0
    path = Path(settings.status_file)
    table = load_status(path, settings.album_root, settings.level, fallback_dir=data_dir)
    for row in table:
        row.set_status(State.SYNCHRONIZED)
        row.set_count("aws_file_count", row.local_file_count)
        row.set_count("aws_total_size", row.local_total_size)
    table.save()
    capsys.readouterr()
    return path


def states(settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert run("status", "--json", *cli_args(settings, data_dir)) == 0
    return {r["unit"]: r for r in json.loads(capsys.readouterr().out)}


def set_status(text: str, units: set[str], value: str = "Upload") -> str:
    """What the user does in the spreadsheet: type *value* into the status cell of the rows of *units*."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    unit_col, status_col = rows[0].index("unit"), rows[0].index("status")
    for row in rows[1:]:
        if unescape_cell(row[unit_col]) in units:
            row[status_col] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("keep_record", [True, False], ids=["with-record", "without-record"])
def test_excel_rewrite_causes_no_false_change(
    big_album: Path, settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str], keep_record: bool
) -> None:
    path = scan_and_sync(settings, data_dir, capsys)
    written = path.read_bytes().decode("utf-8-sig")
    assert "'=1+2/3" in written  # escaped: Excel shows it as text
    resaved = excel_resave(written)
    assert "1.23457E+11" in resaved and "'=1+2/3" in resaved and ":37." not in resaved
    path.write_bytes(resaved.encode("cp932", errors="replace"))  # "CSV (comma delimited)": Shift-JIS, CRLF
    if not keep_record:
        record_path(path, data_dir).unlink()  # as from another computer, or the original script
    before = states(settings, data_dir, capsys)
    assert before[FORMULA]["status"] == "Synchronized"
    big = before["2023/0101_動画"]
    if keep_record:
        assert big["local_total_size"] == BIG and big["aws_total_size"] == BIG  # exact, from the record
    else:
        assert big["local_total_size"] is None and big["aws_total_size"] is None  # unknown, not 123457000000
    assert run("scan", *cli_args(settings, data_dir)) == 0
    after = states(settings, data_dir, capsys)
    assert {u: r["status"] for u, r in after.items()} == {u: "Synchronized" for u in after}
    assert after["2023/0101_動画"]["local_total_size"] == BIG  # taken again from the scan
    text = path.read_bytes().decode("utf-8-sig")
    assert str(BIG) in text  # local_total_size, exact again
    # aws_total_size: exact from the record; without it unknown until S3 says (written back as it was read)
    assert ("1.23457E+11" in text) is not keep_record


def test_a_real_change_still_shows_without_the_record(
    big_album: Path, settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scan_and_sync(settings, data_dir, capsys)
    path.write_bytes(excel_resave(path.read_bytes().decode("utf-8-sig")).encode("utf-8-sig"))
    record_path(path, data_dir).unlink()
    write(big_album / "2023" / "0101_動画" / "new.jpg", b"n")
    assert run("scan", *cli_args(settings, data_dir)) == 0
    after = states(settings, data_dir, capsys)
    assert after["2023/0101_動画"]["status"] == "Check"
    assert after["2022/0601_運動会"]["status"] == "Synchronized"


def test_marked_rows_are_what_changes(
    big_album: Path, settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scan_and_sync(settings, data_dir, capsys)
    edited = set_status(excel_resave(path.read_bytes().decode("utf-8-sig")), {"2021/0401_帰省", FORMULA})
    path.write_bytes(edited.encode("utf-8-sig"))
    rows = states(settings, data_dir, capsys)
    assert {u for u, r in rows.items() if r["status"] == "Upload"} == {"2021/0401_帰省", FORMULA}
    assert rows["2023/0101_動画"]["local_total_size"] == BIG


# ---- rows a spreadsheet broke --------------------------------------------------------------------------------------
def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def break_cell(path: Path, old: str, new: str) -> str:
    """A cell as an older file, without the apostrophe, came back from a spreadsheet (or lost a character)."""
    text = path.read_bytes().decode("utf-8-sig").replace(old, new)
    path.write_bytes(text.encode("utf-8-sig"))
    return text


@pytest.mark.parametrize("keep_record", [True, False], ids=["with-record", "without-record"])
def test_an_evaluated_formula_is_refused_by_line(
    big_album: Path, settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str], keep_record: bool
) -> None:
    path = scan_and_sync(settings, data_dir, capsys)
    text = break_cell(path, "'=1+2/3", "1.66666666666667")
    text = set_status(text, {"1.66666666666667", "2021/0401_帰省"})
    path.write_bytes(text.encode("utf-8-sig"))
    if not keep_record:
        record_path(path, data_dir).unlink()
    line = line_of(text, "1.66666666666667")
    capsys.readouterr()
    assert run("upload", *cli_args(settings, data_dir)) == 1  # the broken row fails the run; the other uploads
    out, err = capsys.readouterr()
    said = out + err
    assert f"line {line}: the unit '1.66666666666667' matches no folder" in said
    assert "a spreadsheet may have evaluated =1+2/3." in said and "Traceback" not in said
    assert "OK   2021/0401_帰省" in out
    rows = states(settings, data_dir, capsys)
    assert rows["2021/0401_帰省"]["status"] == "Synchronized"
    assert "=1+2/3" not in "".join(line for line in out.splitlines() if line.startswith("OK"))  # a refused mark
    if keep_record:
        assert rows[FORMULA]["status"] == "Synchronized"  # back from the record: never a duplicate
    assert run("scan", *cli_args(settings, data_dir)) == 0
    rows = states(settings, data_dir, capsys)
    assert "1.66666666666667" not in rows  # never a ghost
    assert list(rows).count(FORMULA) == 1
    # With the record the unit kept its row; without, the scan took the broken line as the row of the one folder
    # whose formula shows that value (its Upload mark, on a refused line, not acted on: Check until marked again).
    assert rows[FORMULA]["status"] == ("Synchronized" if keep_record else "Check")


@pytest.mark.parametrize("keep_record", [True, False], ids=["with-record", "without-record"])
def test_a_lost_character_is_refused_by_line(
    album: Path, settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str], keep_record: bool
) -> None:
    write(album / "2023" / "0505_公園😀" / "a.jpg", b"x")
    path = scan_and_sync(settings, data_dir, capsys)
    text = break_cell(path, "0505_公園😀", "0505_公園?")
    if not keep_record:  # the scan then takes the row as the one folder its name can be
        record_path(path, data_dir).unlink()
    line = line_of(text, "0505_公園?")
    refused = load_status(path, settings.album_root, settings.level, fallback_dir=data_dir).refused_rows()
    assert [r.line for r in refused] == [line]
    assert run("scan", *cli_args(settings, data_dir)) == 0
    said = "".join(capsys.readouterr())
    assert f"line {line}: the unit '2023/0505_公園?' matches no folder" in said and "became ? in" in said
    rows = states(settings, data_dir, capsys)
    assert "2023/0505_公園?" not in rows and rows["2023/0505_公園😀"]["status"] == "Synchronized"
    assert len(rows) == 4


def test_a_row_for_an_existing_folder_is_not_refused(
    album: Path, settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder really named like a number is a unit like any other."""
    write(album / "2024" / "1.5" / "a.jpg", b"x")
    scan_and_sync(settings, data_dir, capsys)
    record_path(Path(settings.status_file), data_dir).unlink()
    assert states(settings, data_dir, capsys)["2024/1.5"]["status"] == "Synchronized"


# ---- encodings and csv errors ---------------------------------------------------------------------------------
def test_utf8_read_as_shift_jis_is_named(
    settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("scan", *cli_args(settings, data_dir)) == 0
    assert run("scan", *cli_args(settings, data_dir)) == 0  # status.csv.bak now exists
    path = Path(settings.status_file)
    garbled = path.read_bytes().decode("cp932", errors="replace")  # the spreadsheet's wrong guess
    for body in (garbled, garbled.split("\r\n", 1)[1]):  # with and without the BOM's remains in the header
        header = "" if body is garbled else path.read_bytes().decode("utf-8-sig").split("\r\n", 1)[0] + "\r\n"
        path.write_bytes((header + body).encode("utf-8"))
        capsys.readouterr()
        assert run("scan", *cli_args(settings, data_dir)) == 2
        err = capsys.readouterr().err
        assert "looks like UTF-8 read as Shift-JIS" in err and "status.csv.bak" in err and "CSV UTF-8" in err
        assert err.count("\n") == 1


def test_shift_jis_read_as_utf8_is_named(
    settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("scan", *cli_args(settings, data_dir)) == 0
    path = Path(settings.status_file)
    text = path.read_bytes().decode("utf-8-sig")
    path.write_bytes(text.encode("cp932").decode("utf-8", errors="replace").encode("utf-8"))
    capsys.readouterr()
    assert run("scan", *cli_args(settings, data_dir)) == 2
    assert "looks like Shift-JIS read as UTF-8" in capsys.readouterr().err


def test_a_field_over_the_csv_limit_is_bad_input(
    settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("scan", *cli_args(settings, data_dir)) == 0
    path = Path(settings.status_file)
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    lines[2] = lines[2] + '"' + "x" * (8 << 20) + '"'
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    before = path.read_bytes()
    capsys.readouterr()
    assert run("scan", *cli_args(settings, data_dir)) == 2
    err = capsys.readouterr().err
    assert "status.csv, line 3" in err and "field larger than field limit" in err and err.count("\n") == 1
    assert path.read_bytes() == before


def test_the_record_is_written_beside_nothing_the_user_opens(
    settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("scan", *cli_args(settings, data_dir)) == 0
    record = json.loads(record_path(Path(settings.status_file), data_dir).read_bytes())
    home = dict(zip(record["columns"], record["units"]["2021/0401_帰省"], strict=True))
    assert record["version"] == 1 and home["local_total_size"] == 3000 and home["status"] == "Check"
    assert os.path.dirname(record_path(Path(settings.status_file), data_dir)) == str(data_dir)
