"""The status model and filter proxy: qtmodeltester, ticks that save status.csv, sorting, filtering."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from glacier_gui.core.ledger.status import State, StatusRow, StatusTable, load_status
from glacier_gui.core.progress import UnitProgress
from glacier_gui.gui.models.filter_proxy import StatusFilter, StatusFilterProxy
from glacier_gui.gui.models.status_model import (
    COL_FILES,
    COL_PROGRESS,
    COL_SIZE,
    COL_STATUS,
    COL_UNIT,
    COL_UPLOAD,
    Roles,
    StatusModel,
)


def sample_table(path: Path) -> StatusTable:
    rows = [
        StatusRow(
            status=State.SYNCHRONIZED,
            unit="2021/0401_帰省",
            local_path="/a/2021/0401_帰省",
            local_file_count=2,
            local_total_size=3000,
            local_last_modified="2022-05-09 23:20:12.345128",
            sync_end="2022-05-10 01:00:00.000000",
            aws_arn="10_Album/2021/0401_帰省",
            aws_file_count=2,
            aws_total_size=3000,
            storage_class="DEEP_ARCHIVE",
        ),
        StatusRow(
            status=State.CHECK,
            unit="2022/0501_旅行",
            local_path="/a/2022/0501_旅行",
            local_file_count=5,
            local_total_size=1_000_000,
        ),
        StatusRow(
            status=State.CHECK_NOT_EXISTS,
            unit="2022/0601_運動会",
            local_path="/a/2022/0601_運動会",
            previous_status=State.SYNCHRONIZED,
            last_error="the local folder was not found in the last scan",
        ),
        StatusRow(
            status=State.CHECK_FILE_UPLOAD,
            unit="2023/0101_お正月",
            local_path="/a/2023/0101_お正月",
            local_file_count=1,
            local_total_size=10,
        ),
    ]
    return StatusTable(path, rows)


@pytest.fixture
def model(qtbot, tmp_path: Path) -> StatusModel:
    return StatusModel(sample_table(tmp_path / "status.csv"))


def test_model_passes_qtmodeltester(qtmodeltester, model: StatusModel):
    model.update_progress({"2022/0501_旅行": UnitProgress(5, 1_000_000, 2, 400_000, "uploading")})
    qtmodeltester.check(model)
    proxy = StatusFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_status_filter(StatusFilter.ATTENTION)
    qtmodeltester.check(proxy)


def test_display_roles_speak_the_users_words(model: StatusModel):
    row = model.view_row("2021/0401_帰省")
    assert model.index(row, COL_STATUS).data() == "Synchronized"
    assert model.index(row, COL_STATUS).data(Roles.StateRole) == "Synchronized"
    assert model.index(row, COL_SIZE).data() == "2.9 KiB"
    assert model.index(row, COL_SIZE).data(Roles.SortRole) == 3000
    assert model.index(row, COL_UNIT).data(Roles.UnitKeyRole) == "2021/0401_帰省"
    assert model.index(row, COL_PROGRESS).data(Roles.ProgressRole) == 1.0
    missing = model.view_row("2022/0601_運動会")
    assert model.index(missing, COL_STATUS).data() == "Folder missing"
    assert not model.flags(model.index(missing, COL_UPLOAD)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.headerData(COL_UPLOAD, Qt.Orientation.Horizontal) == "Upload"


def test_ticking_a_cell_changes_the_state_and_the_file(model: StatusModel, qtbot):
    index = model.index(model.view_row("2022/0501_旅行"), COL_UPLOAD)
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.table.require("2022/0501_旅行").status == State.UPLOAD
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert load_status(model.table.path).require("2022/0501_旅行").status == State.UPLOAD
    assert model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert load_status(model.table.path).require("2022/0501_旅行").status == State.CHECK
    missing = model.index(model.view_row("2022/0601_運動会"), COL_UPLOAD)
    assert not model.setData(missing, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def test_locked_status_file_keeps_the_change_and_says_so(model: StatusModel, qtbot, monkeypatch):
    import glacier_gui.core.ledger.status as status

    real_replace = status.os.replace

    def locked(src, dst):
        if Path(dst) == model.table.path:
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(status.os, "replace", locked)
    with qtbot.waitSignal(model.saveProblem) as blocker:
        model.mark_units(["2022/0501_旅行", "2022/0601_運動会"])  # the missing folder is skipped
    assert "Excel" in blocker.args[0]
    pending = status.pending_path(model.table.path)
    assert load_status(pending).require("2022/0501_旅行").status == State.UPLOAD
    assert model.table.require("2022/0601_運動会").status == State.CHECK_NOT_EXISTS


def test_sorting_by_size_and_keeping_persistent_indexes(model: StatusModel):
    keep = QModelIndex(model.index(model.view_row("2022/0501_旅行"), COL_UNIT))
    from PySide6.QtCore import QPersistentModelIndex

    persistent = QPersistentModelIndex(keep)
    model.sort(COL_SIZE, Qt.SortOrder.DescendingOrder)
    units = [model.row_of(r).unit for r in range(model.rowCount())]
    assert units[0] == "2022/0501_旅行" and units[-1] == "2022/0601_運動会"  # no size sorts last
    assert persistent.data(Roles.UnitKeyRole) == "2022/0501_旅行"
    model.sort(COL_STATUS, Qt.SortOrder.AscendingOrder)
    assert model.row_of(0).status == State.CHECK
    assert persistent.data(Roles.UnitKeyRole) == "2022/0501_旅行"


def test_filter_by_text_and_attention(model: StatusModel):
    proxy = StatusFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("運動会")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    proxy.set_status_filter(StatusFilter.ATTENTION)
    shown = {proxy.index(r, COL_UNIT).data() for r in range(proxy.rowCount())}
    assert shown == {"2022/0501_旅行", "2022/0601_運動会", "2023/0101_お正月"}
    proxy.set_status_filter(StatusFilter.SYNCHRONIZED)
    assert proxy.rowCount() == 1


def test_progress_updates_emit_only_changed_rows(model: StatusModel, qtbot):
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changes.append((a.row(), b.row())))
    p = UnitProgress(5, 1_000_000, 1, 100_000, "uploading")
    assert model.update_progress({"2022/0501_旅行": p, "2023/0101_お正月": UnitProgress(1, 10)}) == 2
    changes.clear()
    same = UnitProgress(5, 1_000_000, 1, 100_000, "uploading")
    assert model.update_progress({"2022/0501_旅行": same, "2023/0101_お正月": UnitProgress(1, 10)}) == 0
    assert changes == []
    row = model.view_row("2022/0501_旅行")
    assert model.update_progress({"2022/0501_旅行": UnitProgress(5, 1_000_000, 3, 600_000, "uploading")}) == 1
    assert changes == [(row, row)]
    assert model.index(row, COL_PROGRESS).data(Roles.ProgressRole) == pytest.approx(0.6)
    assert model.index(row, COL_PROGRESS).data() == "60% · 3/5 files"


def test_a_unit_only_in_the_backup_looks_like_what_it_is(qtmodeltester, tmp_path: Path):
    """A new PC after the rebuild: no folder here, the photos in the backup.  The board says so, with the backup's
    figures; status.csv keeps the original's Check_NotExists."""
    sample = sample_table(tmp_path / "status.csv")
    table = StatusTable(
        sample.path,
        [
            *sample.rows,
            StatusRow(
                status=State.CHECK_NOT_EXISTS,
                unit="2024/0801_海",
                aws_arn="10_Album/2024/0801_海",
                aws_file_count=12,
                aws_total_size=5 * 2**20,
                storage_class="DEEP_ARCHIVE",
                last_error="only in the backup: no folder on this computer",
            ),
        ],
    )
    model = StatusModel(table)
    qtmodeltester.check(model)
    only = model.view_row("2024/0801_海")
    assert model.index(only, COL_STATUS).data() == "Archive only (not on this PC)"
    assert model.index(only, COL_STATUS).data(Roles.StateRole) == State.CHECK_NOT_EXISTS
    assert "Check_NotExists in status.csv" in model.index(only, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert (model.index(only, COL_FILES).data(), model.index(only, COL_SIZE).data()) == ("12", "5.0 MiB")
    assert model.index(only, COL_SIZE).data(Roles.SortRole) == 5 * 2**20
    missing = model.view_row("2022/0601_運動会")  # no folder and nothing in the backup: still "Folder missing"
    assert model.index(missing, COL_STATUS).data() == "Folder missing"
    proxy = StatusFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_status_filter(StatusFilter.ATTENTION)
    shown = {proxy.index(r, COL_UNIT).data() for r in range(proxy.rowCount())}
    assert "2024/0801_海" not in shown and "2022/0601_運動会" in shown
    table.save()
    assert load_status(table.path).require("2024/0801_海").status == State.CHECK_NOT_EXISTS
