"""Browse: the photo grid's model (qtmodeltester), two units, sort and search, lazy thumbnails, the preview,
a unit without a pack, and "Restore selected photos…" opening the restore dialog with exactly those files ticked.

Packs are built here with ``thumbpack.build_pack`` from real (Pillow) thumbnails and handed in as the pack
source; nothing asks S3 for a restore (checked against moto).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QThreadPool
from PySide6.QtGui import QPixmap

from glacier_gui.core.settings import Settings
from glacier_gui.core.thumbs.pack import PackError, build_pack, read_index
from glacier_gui.core.thumbs.render import Thumb, make_thumbnail
from glacier_gui.gui.actions import ActionId
from glacier_gui.gui.browse import loader
from glacier_gui.gui.browse.model import ICON_SIZE, BrowseModel, BrowseProxy, Roles
from glacier_gui.gui.browse.photos import NoPack, SortOrder, photos_from_index, unit_path
from glacier_gui.gui.browse.window import BrowseWindow
from glacier_gui.gui.workers import restore_worker

Image = pytest.importorskip("PIL.Image")

HOME = "2021/0401_帰省"
TRAVEL = "2022/0501_旅行"
FESTIVAL = "2022/0601_運動会"
MTIME = 1_654_045_200.0


def thumb(colour: tuple[int, int, int], taken: str | None, size: tuple[int, int] = (640, 480)) -> Thumb:
    out = io.BytesIO()
    tags = Image.Exif()
    tags[0x0110] = "Canon EOS R6"
    if taken:
        tags.get_ifd(0x8769)[0x9003] = taken
    Image.new("RGB", size, colour).save(out, "JPEG", exif=tags)
    return make_thumbnail(out.getvalue(), "x.jpg")


# unit -> path -> (colour, EXIF date taken, file size): the paths of the `album` fixture (tests/conftest.py).
PHOTOS = {
    HOME: {
        "IMG_0001.jpg": ((200, 30, 30), "2021:04:01 10:00:00", 1000),
        "IMG_0002.jpg": ((30, 200, 30), "2021:04:02 11:00:00", 2000),
    },
    TRAVEL: {
        "DSC_0001.jpg": ((30, 30, 200), "2022:05:03 08:00:00", 3000),
        "sub/DSC_0002.jpg": ((200, 200, 30), None, 500),  # no date taken: the file's date counts
    },
}


def write_packs(folder: Path, photos: dict[str, dict[str, tuple]] = PHOTOS) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    packs = {}
    for i, (unit, files) in enumerate(photos.items()):
        items = [
            (path, thumb(colour, taken), size, MTIME + n)
            for n, (path, (colour, taken, size)) in enumerate(files.items())
        ]
        packs[unit] = folder / f"{i}.tar"
        packs[unit].write_bytes(build_pack(items))
    return packs


def source_of(packs: dict[str, Path], calls: list[str] | None = None):
    def source(unit: str) -> Path:
        if calls is not None:
            calls.append(unit)
        if unit not in packs:
            raise NoPack(f"no pack for {unit}")
        return packs[unit]

    return source


@pytest.fixture
def packs(tmp_path: Path) -> dict[str, Path]:
    return write_packs(tmp_path / "packs")


@pytest.fixture
def browse(make_session, settings: Settings, packs, qtbot):
    """Open a Browse window over *units* (packs from the fixture unless given) and wait for every unit."""

    def open_(units: list[str], source=None, show: bool = True) -> BrowseWindow:
        window = BrowseWindow(make_session(settings), units, source or source_of(packs))
        qtbot.addWidget(window)
        if show:
            window.show()
        with qtbot.waitSignal(window.loadFinished, timeout=10_000):
            window.start()
        return window

    return open_


def rows(window: BrowseWindow, role: int = Roles.SearchRole) -> list:
    return [window.proxy.index(r, 0).data(role) for r in range(window.proxy.rowCount())]


def model_of(packs: dict[str, Path]) -> BrowseModel:
    model = BrowseModel(QThreadPool.globalInstance())
    key = 0
    for unit, pack in packs.items():
        photos = photos_from_index(unit, pack, read_index(pack), key)
        key += len(photos)
        model.add_photos(photos)
    return model


def test_model_and_proxy_pass_qtmodeltester(qtmodeltester, packs, qtbot) -> None:
    model = model_of(packs)
    assert model.rowCount() == 4
    qtmodeltester.check(model)
    proxy = BrowseProxy()
    proxy.setSourceModel(model)
    proxy.set_text("dsc")
    qtmodeltester.check(proxy)
    model.set_order(SortOrder.NAME)
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: model.pending() == 0, timeout=5000)  # the tester asked for decorations too


def test_photos_of_two_units_with_name_date_and_size(browse) -> None:
    window = browse([HOME, TRAVEL])
    assert window.loaded == [HOME, TRAVEL] and not window.problems and window.problem_row.isHidden()
    # Newest first; the photo with no date taken by its file's date (2022-06-01).
    assert rows(window) == [f"{TRAVEL}/sub/DSC_0002.jpg", f"{TRAVEL}/DSC_0001.jpg", f"{HOME}/IMG_0002.jpg",
                            f"{HOME}/IMG_0001.jpg"]  # fmt: skip
    first = window.proxy.index(1, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == "DSC_0001.jpg"
    assert first.data(Roles.UnitRole) == TRAVEL and first.data(Roles.PathRole) == "DSC_0001.jpg"
    assert first.data(Roles.SizeTextRole) == "2.9 KiB" and "22" in first.data(Roles.DateTextRole)
    assert "Canon EOS R6" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert window.status_label.text().startswith("4 photo(s) from 2 unit(s)")


def test_sort_and_search_across_units(browse, qtbot) -> None:
    window = browse([HOME, TRAVEL])
    window.set_order(SortOrder.NAME)
    assert rows(window, Qt.ItemDataRole.DisplayRole) == ["DSC_0001.jpg", "DSC_0002.jpg", "IMG_0001.jpg", "IMG_0002.jpg"]
    window.set_order(SortOrder.OLDEST)
    assert rows(window, Qt.ItemDataRole.DisplayRole)[0] == "IMG_0001.jpg"
    selection = window.view.selectionModel()
    selection.select(window.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    window.set_order(SortOrder.NEWEST)  # the selection follows its photo
    assert window.selected_files() == {HOME: {"IMG_0001.jpg"}}
    window.search_edit.setText("dsc")  # case-insensitive, both units searched
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 2, timeout=2000)
    assert rows(window, Roles.UnitRole) == [TRAVEL, TRAVEL]
    window.search_edit.setText("帰省")  # the unit's name matches too
    window.apply_search()
    assert rows(window, Qt.ItemDataRole.DisplayRole) == ["IMG_0002.jpg", "IMG_0001.jpg"]
    assert "2 match the search" in window.status_label.text()


def test_thumbnails_decode_lazily_into_pixmaps(browse, qtbot) -> None:
    window = browse([HOME, TRAVEL], show=False)
    model = window.model
    assert model.decoded == 0 and not any(rows(window, Roles.ReadyRole))  # nothing shown: nothing decoded
    placeholder = model.placeholder().cacheKey()
    window.show()
    qtbot.waitUntil(lambda: all(rows(window, Roles.ReadyRole)), timeout=10_000)
    for r in range(window.proxy.rowCount()):
        pixmap = window.proxy.index(r, 0).data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(pixmap, QPixmap) and pixmap.cacheKey() != placeholder
        assert max(pixmap.width(), pixmap.height()) == ICON_SIZE  # 320-pixel thumbnails, scaled for the grid
    assert model.decoded == 4 and model.pending() == 0


@pytest.mark.qt_log_ignore("Corrupt JPEG data", "JPEG datastream contains no image")
def test_a_thumbnail_that_does_not_decode_gets_the_broken_sign(tmp_path: Path, browse, qtbot) -> None:
    bad = Thumb(b"\xff\xd8 not really a JPEG", width=10, height=10)
    pack = tmp_path / "bad.tar"
    pack.write_bytes(build_pack([("IMG_9999.jpg", bad, 10, MTIME)]))
    window = browse([FESTIVAL], source_of({FESTIVAL: pack}))
    qtbot.waitUntil(lambda: rows(window, Roles.ReadyRole) == [True], timeout=10_000)
    assert window.proxy.index(0, 0).data(Qt.ItemDataRole.DecorationRole).cacheKey() == window.model.broken().cacheKey()


def test_a_unit_without_a_pack_is_named_in_plain_words(browse, packs, tmp_path: Path) -> None:
    broken = tmp_path / "broken.tar"
    broken.write_bytes(b"not a tar at all" * 100)

    def source(unit: str) -> Path:
        if unit == FESTIVAL:
            return broken
        if unit == HOME:
            raise ConnectionError("the network is down")
        return source_of(packs)(unit)

    window = browse([HOME, TRAVEL, FESTIVAL, "2023/0101_お正月"], source)
    assert window.loaded == [TRAVEL] and window.model.rowCount() == 2  # the other units do not hide it
    text = window.problem_label.text()
    assert not window.problem_row.isHidden()
    assert f"{HOME} could not be fetched" in text and "network is down" in text
    assert f"The thumbnails of {FESTIVAL} cannot be read" in text
    assert "2023/0101_お正月 has no thumbnails: it was backed up before thumbnails were made" in text
    assert "Traceback" not in text and "NoPack" not in text


def test_preview_enlarges_the_thumbnail_with_its_details(browse, qtbot) -> None:
    window = browse([HOME, TRAVEL])
    window.set_order(SortOrder.NAME)
    with qtbot.waitSignal(window.previewOpened, timeout=5000) as opened:
        window.view.activated.emit(window.proxy.index(0, 0))  # what a double-click (or Enter) sends
    preview = opened.args[0]
    qtbot.waitUntil(lambda: preview.image is not None and preview.image.width() == 320, timeout=5000)
    assert preview.picture.pixmap().width() > ICON_SIZE  # enlarged beyond the grid's size
    texts = " ".join(label.text() for label in preview.findChildren(type(window.status_label)))
    for part in ("DSC_0001.jpg", "Canon EOS R6", TRAVEL, "2.9 KiB", "640 × 480 pixels"):
        assert part in texts
    asked: list[object] = []
    window.restoreRequested.connect(asked.append)
    preview.restore_button.click()
    assert asked == [{TRAVEL: {"DSC_0001.jpg"}}]


def test_unit_prefixed_pack_paths_map_to_the_manifest_paths() -> None:
    assert unit_path(TRAVEL, f"{TRAVEL}/sub/DSC_0002.jpg") == "sub/DSC_0002.jpg"
    assert unit_path(TRAVEL, "sub/DSC_0002.jpg") == "sub/DSC_0002.jpg"
    assert unit_path(".", "x.jpg") == "x.jpg"


def test_restore_selected_photos_ticks_exactly_those_and_requests_nothing(
    make_window, settings: Settings, data_dir: Path, packs, qtbot, s3, bucket: str, monkeypatch
) -> None:
    from tests.gui.test_restore_window import select_units
    from tests.test_restore import upload_all

    upload_all(settings, data_dir)
    monkeypatch.setattr(restore_worker, "request_job", lambda *a, **k: pytest.fail("a restore was requested"))
    window = make_window(settings)
    select_units(window, [HOME, TRAVEL, FESTIVAL])
    calls: list[str] = []
    with qtbot.waitSignal(window.restore_actions.browseOpened, timeout=5000) as opened:
        window.restore_actions.open_browse(source_of(packs, calls))
    browse_window = opened.args[0]
    qtbot.waitUntil(lambda: not browse_window.loading, timeout=10_000)
    assert calls == [HOME, TRAVEL, FESTIVAL] and FESTIVAL in browse_window.problems
    assert not browse_window.restore_button.isEnabled()
    selection = browse_window.view.selectionModel()
    for r in range(browse_window.proxy.rowCount()):
        index = browse_window.proxy.index(r, 0)
        if index.data(Roles.PathRole) in ("IMG_0002.jpg", "sub/DSC_0002.jpg"):
            selection.select(index, QItemSelectionModel.SelectionFlag.Select)
    assert browse_window.restore_button.isEnabled() and "2 selected (2.4 KiB)" in browse_window.status_label.text()
    with qtbot.waitSignal(window.restore_actions.dialogOpened, timeout=5000) as shown:
        browse_window.restore_button.click()
    dialog = shown.args[0]
    assert dialog.units == [HOME, TRAVEL] and dialog.parent() is browse_window
    qtbot.waitUntil(lambda: dialog.full is not None and dialog.estimate is not None, timeout=10_000)
    assert dialog.chosen_files() == {HOME: {"IMG_0002.jpg"}, TRAVEL: {"sub/DSC_0002.jpg"}}
    assert dialog.model.ticked_files == 2 and dialog.model.total_files == 4
    text = dialog.estimate_label.text()
    assert "2 file(s), 2.4 KiB" in text and "Estimated cost" in text
    assert "chosen file(s)" in dialog.windowTitle()
    dialog.reject()
    browse_window.close()
    for obj in s3.list_objects_v2(Bucket=bucket)["Contents"]:  # browsing restored nothing
        assert "Restore" not in s3.head_object(Bucket=bucket, Key=obj["Key"])


def test_tick_only_uses_the_fewer_steps_and_counts_unlisted(make_window, settings, data_dir, qtbot) -> None:
    from tests.test_restore import upload_all

    upload_all(settings, data_dir)
    window = make_window(settings)
    files = {TRAVEL: {"DSC_0001.jpg", "sub/DSC_0002.jpg", "gone.jpg"}, HOME: {"IMG_0001.jpg"}}
    dialog = window.restore_actions.open_restore_dialog(files=files)
    assert dialog is not None and dialog.units == [HOME, TRAVEL]
    qtbot.waitUntil(lambda: dialog.estimate is not None, timeout=10_000)
    assert dialog.chosen_files() == {HOME: {"IMG_0001.jpg"}, TRAVEL: {"DSC_0001.jpg", "sub/DSC_0002.jpg"}}
    assert dialog.unlisted == 1 and "1 chosen photo(s) are not in the units' file lists" in dialog.estimate_label.text()
    dialog.reject()


def test_browse_action_wants_backed_up_units(make_window, settings: Settings, qtbot) -> None:
    from tests.gui.test_restore_window import select_units

    window = make_window(settings, scanned=True)  # scanned, never uploaded
    assert window.action(ActionId.BROWSE) in window.board.view.actions()
    select_units(window, [HOME])
    messages: list[str] = []
    window.session.message.connect(lambda text, _ms: messages.append(text))
    window.action(ActionId.BROWSE).trigger()
    assert messages == ["Select the backed-up (Synchronized) units to browse first."]
    assert window.restore_actions.browse_windows == []


def test_session_pack_source_uses_thumbstore(make_session, settings: Settings, packs, monkeypatch) -> None:
    """The adapter the app uses: core.thumbstore.local_pack with the session's client; ThumbsMissing -> NoPack."""
    from glacier_gui.core.thumbs import store as thumbstore

    asked: list[tuple] = []

    def local_pack(client, settings_, data_dir, unit):
        asked.append((client, settings_.bucket, data_dir, unit))
        if unit not in packs:
            raise thumbstore.ThumbsMissing(f"no thumbnails for {unit}")
        return packs[unit]

    monkeypatch.setattr(thumbstore, "local_pack", local_pack)
    session = make_session(settings)
    session.remember_client("the client")
    source = loader.session_pack_source(session)
    assert source(HOME) == packs[HOME]
    with pytest.raises(NoPack):
        source(FESTIVAL)
    assert asked == [("the client", settings.bucket, session.data_dir, u) for u in (HOME, FESTIVAL)]


def test_decode_batch_survives_a_missing_pack(tmp_path: Path, packs) -> None:
    entry = next(iter(read_index(packs[HOME]).entries.values()))
    good = (1, packs[HOME], entry.offset, entry.length)
    results = loader.decode_batch([good, (2, tmp_path / "gone.tar", 512, 10)], 100)
    assert [k for k, _ in results] == [1, 2] and results[1][1] is None
    assert max(results[0][1].width(), results[0][1].height()) == 100
    with pytest.raises(PackError):
        read_index(b"\0" * 10)


def test_model_ignores_invalid_indexes(packs) -> None:
    model = model_of(packs)
    assert model.data(QModelIndex()) is None and model.rowCount(model.index(0)) == 0


def test_closing_while_a_pack_is_fetched_is_quiet(make_session, settings: Settings, packs, qtbot) -> None:
    import threading

    release, asked = threading.Event(), threading.Event()

    def slow(unit: str) -> Path:
        asked.set()
        release.wait(10)
        return packs[unit]

    session = make_session(settings)
    window = BrowseWindow(session, [HOME, TRAVEL], slow)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    task = window.loader.start(session.runner.pool, window.units)
    qtbot.waitUntil(asked.is_set, timeout=5000)
    ended: list[str] = []
    task.signals.failed.connect(ended.append)
    window.close()  # stops asking for the next unit; the fetch under way ends on its own
    release.set()
    qtbot.waitUntil(lambda: ended == ["Stopped."], timeout=5000)
    assert session.runner.pool.waitForDone(5000)
