"""The restore picker's tree model and the restore jobs model: qtmodeltester, ticks, counts and bytes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from glacier_gui.core.clock import utc_now
from glacier_gui.core.restore.job import FileState, JobFile, JobObject, ObjState, RestoreJob
from glacier_gui.gui.models.jobs_model import COL_STATE, JobsModel
from glacier_gui.gui.models.restore_files_model import COL_NAME, COL_SIZE, RestoreFilesModel, Roles

FESTIVAL = "2022/0601_運動会"
TRAVEL = "2022/0501_旅行"
CHECK = Qt.ItemDataRole.CheckStateRole


def job_of(files: dict[str, dict[str, int]]) -> RestoreJob:
    """A planned job: unit -> {path: size}, one object per file."""
    job_files = [
        JobFile(unit, path, f"k/{unit}/{path}", size, 0.0, "0" * 64)
        for unit, paths in files.items()
        for path, size in paths.items()
    ]
    objects = [JobObject(f.key, f.size, "DEEP_ARCHIVE") for f in job_files]
    return RestoreJob("j", "b", "", "10_Album", "/d", "Bulk", 7, "2024-01-01", sorted(files), objects, job_files)


@pytest.fixture
def model(qtbot) -> RestoreFilesModel:
    m = RestoreFilesModel()
    m.set_job(
        job_of(
            {
                FESTIVAL: {"リレー.jpg": 4000, "video/run.mp4": 9000, "video/raw/a.mov": 100, "video/raw/b.mov": 200},
                TRAVEL: {"DSC_0001.jpg": 3000, "sub/DSC_0002.jpg": 500},
            }
        )
    )
    return m


def state(model: RestoreFilesModel, unit: str, path: str | None = None) -> Qt.CheckState:
    return Qt.CheckState(model.find(unit, path).data(CHECK))


def ticked(model: RestoreFilesModel, unit: str, path: str | None = None) -> tuple[int, int]:
    index = model.find(unit, path)
    return index.data(Roles.TickedFilesRole), index.data(Roles.TickedBytesRole)


def test_model_passes_qtmodeltester_before_and_after_ticks(qtmodeltester, model: RestoreFilesModel) -> None:
    qtmodeltester.check(model)
    model.set_checked(model.find(FESTIVAL, "video"), False)
    model.set_checked(model.find(TRAVEL, "DSC_0001.jpg"), False)
    qtmodeltester.check(model)


def test_tree_is_units_then_folders_then_files(model: RestoreFilesModel) -> None:
    units = [model.index(r, COL_NAME).data(Roles.UnitRole) for r in range(model.rowCount())]
    assert units == [TRAVEL, FESTIVAL]
    festival = model.find(FESTIVAL)
    assert festival.data() == f"{FESTIVAL} (whole unit, 4 files)"
    assert [model.index(r, COL_NAME, festival).data() for r in range(model.rowCount(festival))] == [
        "video",
        "リレー.jpg",
    ]
    raw = model.find(FESTIVAL, "video/raw")
    assert raw.data(Roles.PathRole) == "video/raw" and model.parent(raw) == model.find(FESTIVAL, "video")
    assert model.parent(festival) == QModelIndex() and not model.find(FESTIVAL, "video/nothing").isValid()
    assert (model.total_files, model.total_bytes) == (6, 16_800) == (model.ticked_files, model.ticked_bytes)
    assert model.chosen() is None  # everything ticked


def test_unticking_a_folder_unticks_its_files_and_leaves_the_unit_partly_ticked(model: RestoreFilesModel) -> None:
    changes: list[None] = []
    model.checksChanged.connect(lambda: changes.append(None))
    model.set_checked(model.find(FESTIVAL, "video"), False)
    assert changes == [None]  # one signal for the whole folder
    for path in ("video/run.mp4", "video/raw/a.mov", "video/raw/b.mov", "video/raw", "video"):
        assert state(model, FESTIVAL, path) == Qt.CheckState.Unchecked
    assert state(model, FESTIVAL, "リレー.jpg") == Qt.CheckState.Checked
    assert state(model, FESTIVAL) == Qt.CheckState.PartiallyChecked
    assert state(model, TRAVEL) == Qt.CheckState.Checked
    assert ticked(model, FESTIVAL) == (1, 4000) and ticked(model, FESTIVAL, "video") == (0, 0)
    assert (model.ticked_files, model.ticked_bytes) == (3, 7500)
    assert model.find(FESTIVAL).siblingAtColumn(COL_SIZE).data() == "3.9 KiB of 13.0 KiB"
    assert model.chosen() == {FESTIVAL: {"リレー.jpg"}, TRAVEL: {"DSC_0001.jpg", "sub/DSC_0002.jpg"}}


def test_ticking_one_file_back_and_clicking_a_partly_ticked_folder(model: RestoreFilesModel) -> None:
    model.set_checked(model.find(FESTIVAL), False)
    assert state(model, FESTIVAL) == Qt.CheckState.Unchecked
    assert model.chosen() == {FESTIVAL: set(), TRAVEL: {"DSC_0001.jpg", "sub/DSC_0002.jpg"}}
    model.set_checked(model.find(FESTIVAL, "video/raw/b.mov"), True)
    assert ticked(model, FESTIVAL, "video/raw") == (1, 200) and ticked(model, FESTIVAL) == (1, 200)
    assert state(model, FESTIVAL, "video/raw") == state(model, FESTIVAL, "video") == Qt.CheckState.PartiallyChecked
    # A click on a partly ticked box: the view sends Checked, and everything below is ticked.
    video = model.find(FESTIVAL, "video")
    assert model.setData(video, Qt.CheckState.Checked.value, CHECK)
    assert ticked(model, FESTIVAL, "video") == (3, 9300) and ticked(model, FESTIVAL) == (3, 9300)
    model.set_checked(model.find(FESTIVAL, "リレー.jpg"), True)
    assert state(model, FESTIVAL) == Qt.CheckState.Checked and model.chosen() is None


def test_a_file_redraws_its_row_and_ancestors_a_folder_relays_out_once(qtbot) -> None:
    m = RestoreFilesModel()
    m.set_job(job_of({FESTIVAL: {f"d{i // 100}/IMG_{i:04d}.jpg": 10 for i in range(1000)}}))
    rows: list[tuple[object, int, int]] = []
    layouts: list[None] = []
    m.dataChanged.connect(lambda first, last, _roles: rows.append((first.data(), first.row(), last.column())))
    m.layoutChanged.connect(lambda *_args: layouts.append(None))
    m.set_checked(m.find(FESTIVAL, "d3/IMG_0342.jpg"), False)
    assert rows == [
        ("IMG_0342.jpg", 42, COL_SIZE),
        ("d3", 3, COL_SIZE),
        (f"{FESTIVAL} (999 of 1,000 files)", 0, COL_SIZE),  # the words follow the ticks
    ]
    assert layouts == []
    rows.clear()
    m.set_checked(m.find(FESTIVAL), False)  # 1,000 rows change: one relayout, not a signal per row or folder
    assert layouts == [None] and rows == []
    assert m.ticked_files == 0 and ticked(m, FESTIVAL, "d3") == (0, 0)
    assert state(m, FESTIVAL, "d9/IMG_0999.jpg") == Qt.CheckState.Unchecked


def test_data_changed_and_not_unchanged(model: RestoreFilesModel, qtbot) -> None:
    index = model.find(TRAVEL, "DSC_0001.jpg")
    with qtbot.assertNotEmitted(model.checksChanged):
        assert model.setData(index, Qt.CheckState.Checked, CHECK)  # already ticked: nothing to say
    assert not model.setData(index, "x", Qt.ItemDataRole.EditRole)
    assert not model.setData(index.siblingAtColumn(COL_SIZE), Qt.CheckState.Unchecked, CHECK)
    assert not model.flags(index.siblingAtColumn(COL_SIZE)) & Qt.ItemFlag.ItemIsUserCheckable


def test_jobs_model_passes_qtmodeltester(qtmodeltester, qtbot) -> None:
    now = utc_now()
    jobs = [
        RestoreJob(
            f"2024010{i}-000000-abcd",
            "b",
            "",
            "10_Album",
            "/d",
            "Bulk",
            3,
            (now - timedelta(days=i)).isoformat(),
            [TRAVEL],
            objects=[JobObject("k", 10, "DEEP_ARCHIVE", state, expiry=(now + timedelta(hours=20)).isoformat())],
            files=[JobFile(TRAVEL, "a.jpg", "k", 10, 0.0, "0" * 64, state=FileState.PENDING)],
        )  # fmt: skip
        for i, state in enumerate((ObjState.READY, ObjState.IN_PROGRESS, ObjState.FAILED))
    ]
    model = JobsModel()
    model.set_jobs(jobs)
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.index(0, COL_STATE).data().startswith("Download now")
    model.set_jobs(jobs[:1])
    qtmodeltester.check(model)
