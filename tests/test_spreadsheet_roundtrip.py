"""The user's round trip through a real spreadsheet: LibreOffice Calc opens status.csv with a Japanese user's
import choices, two rows are marked Upload, it is saved (UTF-8; Shift-JIS with CRLF; "keep current format"),
then the app uploads and scans again.  Exactly the two units upload, and nothing else changes.

LibreOffice runs headless through tests/spreadsheet/calc_roundtrip.py, with the Python that has its ``uno``
module (Debian's python3-uno).  Slow (a few seconds a save), but run in CI: skipped only when soffice is absent
and CI is not set.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.ledger.status_file import escape_cell
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args, write

HERE = Path(__file__).resolve().parent
CALC = HERE / "spreadsheet" / "calc_roundtrip.py"
UNO_PYTHON = "/usr/bin/python3"
BIG = 123_456_789_012
MARKED = {"2021/0401_帰省", "=1+2/3"}
EMOJI = "2023/0505_公園😀"

# Calc's CSV filter options: separator, text delimiter, character set (76 UTF-8, 64 Shift-JIS), first line,
# column formats, language (1041 Japanese), quoted field as text, detect special numbers (Excel's default),
# then (import) as shown, formulas, trim spaces, sheet, evaluate formulas (Calc's default).
OPEN_UTF8 = "44,34,76,1,,1041,false,true,true,false,false,0,true"
OPEN_SJIS = "44,34,64,1,,1041,false,true,true,false,false,0,true"
SAVES = {
    "utf-8": "44,34,76,1,,1041,true,false,true,false,false,0",
    "cp932-crlf": "44,34,64,1,,1041,true,false,true,false,false,0",
    "keep-format": "44,34,76,1",
}


def _calc_available() -> bool:
    if shutil.which("soffice") is None or not Path(UNO_PYTHON).exists():
        return False
    return subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


if not _calc_available():
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI must run the spreadsheet round trip: install libreoffice-calc-nogui and python3-uno")
    pytest.skip("LibreOffice (soffice, python3-uno) is not installed", allow_module_level=True)

pytestmark = pytest.mark.slow


def calc(src: Path, dst: Path, open_options: str, save_options: str, mark: set[str]) -> list[list[str]]:
    """Open *src* in Calc, type Upload into the status cell of the rows showing *mark* (as the user sees the unit:
    ``'=1+2/3``), save as *dst*; returns
    the cells as Calc showed them."""
    edits = {"match_column": "unit", "set_column": "status", "value": "Upload", "rows": sorted(mark)}
    done = subprocess.run(
        [UNO_PYTHON, str(CALC), str(src), str(dst), open_options, save_options, json.dumps(edits)],
        capture_output=True,
        text=True,
        timeout=180,
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    shown: list[list[str]] = json.loads(done.stdout)
    return shown


@pytest.fixture
def album_for_excel(album: Path) -> Path:
    """conftest's album, plus names a spreadsheet likes to change."""
    big = album / "2023" / "0101_動画" / "video.mp4"
    big.parent.mkdir(parents=True)
    with big.open("wb") as f:  # 12 digits of bytes, sparse: Excel shows 1.23457E+11
        f.truncate(BIG)
    write(album / "=1+2" / "3" / "a.jpg", b"f" * 10)  # the unit =1+2/3
    write(album / "+81" / "3 1234" / "a.jpg", b"g" * 10)
    write(album / "@home" / "0101" / "a.jpg", b"h" * 10)
    write(album / "-5" / "3" / "a.jpg", b"i" * 10)
    write(album / "2023" / '0202_"a,b"' / "a.jpg", b"j" * 10)
    write(album / EMOJI / "a.jpg", b"k" * 10)
    return album


def exact_rows(settings: Settings, data_dir: Path) -> dict[str, dict[str, object]]:
    table = load_status(Path(settings.status_file), settings.album_root, settings.level, fallback_dir=data_dir)
    return {r.unit: {c: getattr(r, c) for c in ("status", *EXACT)} for r in table.rows if not r.refused}


EXACT = (
    "local_file_count",
    "local_total_size",
    "local_last_modified",
    "sync_start",
    "sync_end",
    "aws_file_count",
    "aws_total_size",
)


def prepared(settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Scanned; every unit but the two to mark recorded as synchronized earlier, with times to the microsecond."""
    assert main(["scan", *cli_args(settings, data_dir)]) == 0
    path = Path(settings.status_file)
    table = load_status(path, settings.album_root, settings.level, fallback_dir=data_dir)
    for row in table:
        if row.unit not in MARKED:
            row.set_status(State.SYNCHRONIZED)
            row.sync_start, row.sync_end = "2024-05-01 10:00:37.125678", "2024-05-01 10:05:12.654321"
            row.set_count("aws_file_count", row.local_file_count)
            row.set_count("aws_total_size", row.local_total_size)
    table.save()
    capsys.readouterr()
    return path


@pytest.mark.parametrize("save", list(SAVES))
def test_round_trip_through_calc_changes_exactly_what_the_user_changed(
    album_for_excel: Path,
    settings: Settings,
    data_dir: Path,
    s3,
    bucket: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    save: str,
) -> None:
    path = prepared(settings, data_dir, capsys)
    before = exact_rows(settings, data_dir)
    shown = calc(path, tmp_path / "saved.csv", OPEN_UTF8, SAVES[save], {escape_cell(u) for u in MARKED})
    shown_units = {row[10] for row in shown[1:]}
    assert "'=1+2/3" in shown_units and "'+81/3 1234" in shown_units  # shown as text, never evaluated
    saved = (tmp_path / "saved.csv").read_bytes()
    if save == "cp932-crlf":  # Excel on Windows ends lines with CRLF; Calc on Linux cannot be told to
        saved = saved.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    path.write_bytes(saved)

    assert main(["upload", *cli_args(settings, data_dir)]) == 0
    out, err = capsys.readouterr()
    assert {line.split()[1].rstrip(":") for line in out.splitlines() if line.startswith("OK ")} == MARKED
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
    sent = {"/".join(k.split("/")[1:3]) for k in keys if k.startswith("10_Album/")}
    assert sent == MARKED  # the bucket holds the two marked units' files and nothing else
    assert main(["scan", *cli_args(settings, data_dir)]) == 0
    scan_out = capsys.readouterr()
    after = exact_rows(settings, data_dir)
    assert set(after) == set(before)  # no ghost, no duplicate
    for unit, row in after.items():
        if unit in MARKED:
            assert row["status"] == "Synchronized" and row["aws_total_size"] == row["local_total_size"]
        else:
            assert row == before[unit], unit  # not a digit, not a microsecond changed
    if save == "cp932-crlf":  # the emoji became ?: that line is refused by its number, the unit kept
        said = err + scan_out.err + scan_out.out
        assert "the unit '2023/0505_公園?' matches no folder" in said and "became ? in 2023/0505_公園😀" in said
    text = path.read_bytes().decode("utf-8-sig")
    assert str(BIG) in text and "'=1+2/3" in text and "10:00:37.125678" in text


def test_utf8_opened_as_shift_jis_is_named(
    album: Path, settings: Settings, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", *cli_args(settings, data_dir)]) == 0
    assert main(["scan", *cli_args(settings, data_dir)]) == 0  # status.csv.bak beside it
    path = Path(settings.status_file)
    calc(path, tmp_path / "saved.csv", OPEN_SJIS, SAVES["utf-8"], set())
    path.write_bytes((tmp_path / "saved.csv").read_bytes())
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["scan", *cli_args(settings, data_dir)]) == 2
    err = capsys.readouterr().err
    assert "looks like UTF-8 read as Shift-JIS" in err and "status.csv.bak" in err and "CSV UTF-8" in err
    assert path.read_bytes() == before


def test_a_formula_calc_evaluated_in_an_older_file_is_refused_by_line(
    album_for_excel: Path, settings: Settings, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A status.csv written before cells were escaped: Calc evaluates =1+2/3, the app names the line and cause."""
    path = prepared(settings, data_dir, capsys)
    path.write_bytes(path.read_bytes().replace(b"'=1+2/3", b"=1+2/3"))  # as an older version wrote it
    shown = calc(path, tmp_path / "saved.csv", OPEN_UTF8, SAVES["utf-8"], set())
    assert "1.66666666666667" in {row[10] for row in shown[1:]}  # Calc did evaluate it
    path.write_bytes((tmp_path / "saved.csv").read_bytes())
    line = next(i for i, row in enumerate(shown, start=1) if row[10] == "1.66666666666667")
    assert main(["scan", *cli_args(settings, data_dir)]) == 0
    said = "".join(capsys.readouterr())
    assert f"line {line}: the unit '1.66666666666667' matches no folder" in said
    assert "a spreadsheet may have evaluated =1+2/3." in said
    rows = exact_rows(settings, data_dir)
    assert "1.66666666666667" not in rows and rows["=1+2/3"]["status"] == "Check"  # the record kept its row
    assert "'=1+2/3" in path.read_bytes().decode("utf-8-sig")  # written escaped from now on
