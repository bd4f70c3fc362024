"""The status table stays aligned when unit names are Japanese (two terminal columns per character)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from glacier_gui.cli.backup import UNIT_COLUMN, print_table
from glacier_gui.core.ledger.status import State, StatusRow, StatusTable
from glacier_gui.core.textfmt import clip, display_width, pad

UNIT = "2022/0601_運動会"


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width(UNIT) == 10 + 3 * 2
    assert display_width("ＡＢ") == 4  # fullwidth Latin
    assert display_width("ｶﾞｲﾄﾞ") == 5  # halfwidth katakana stay one column each
    assert display_width(unicodedata.normalize("NFD", "ガイド")) == 6  # a macOS name: the ゛ marks take none
    assert display_width("") == 0


def test_pad_and_clip_work_in_columns() -> None:
    assert pad(UNIT, 20) == UNIT + "    " and display_width(pad(UNIT, 20)) == 20
    assert pad(UNIT, 20, ">") == "    " + UNIT
    assert pad(UNIT, 5) == UNIT  # never cut
    assert clip(UNIT, 16) == UNIT
    assert clip(UNIT, 15) == "2022/0601_運動…" and display_width(clip(UNIT, 15)) == 15
    assert clip(UNIT, 14) == "2022/0601_運…" and display_width(clip(UNIT, 14)) == 13  # no half a character


def test_status_table_columns_line_up_with_japanese_unit_names(tmp_path: Path, capsys) -> None:
    units = [UNIT, "2021/0401_帰省", "2020/plain_ascii", "2019/" + "長い名前" * 8]
    rows = [
        StatusRow(status=State.CHECK, local_path=f"album\\{u}", local_file_count=100 + i, local_total_size=5000, unit=u)
        for i, u in enumerate(units)
    ]
    print_table(StatusTable(tmp_path / "status.csv", rows))
    header, *lines = capsys.readouterr().out.splitlines()
    files_end = 17 + UNIT_COLUMN + 7  # the right edge of the files column, in terminal columns
    assert display_width(header[: header.index("files") + len("files")]) == files_end
    for i, line in enumerate(lines):
        count = str(100 + i)
        start = line.index(count, 17 + UNIT_COLUMN - 7)  # after the unit (which may hold digits)
        assert display_width(line[: start + len(count)]) == files_end, line
    assert "…" in lines[3] and display_width(lines[3]) == display_width(lines[2])
