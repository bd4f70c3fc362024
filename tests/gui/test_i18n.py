"""Every window and dialog under ``GLACIER_GUI_LANG=ja`` speaks Japanese, under ``=en`` English, and nothing is cut.

One scene per language: an uploaded album, a restore job whose copy expires soon (warning band, coloured cells),
the main window with its menus, board and restore jobs panel; then the settings dialog, the restore dialog, the
upload estimate (with the packing tip and a yen rate), the verify results, the About box, the rebuild question
and a second window that finds status.csv taken (the read-only banner).  A second scene: the Browse window (with
a unit that has no thumbnails) and its preview, the bandwidth dialog, the settings' weekly schedule, and every
page of the setup wizard.

"Japanese" is checked word by word: after dropping what is data (paths, unit names, numbers, patterns), no
English word may remain except names that stay English in a Japanese UI (S3, AWS, Glacier, status.csv, …).
"English" is the reverse: no Japanese character outside the data (unit names, 日本語 in the language list).
"Not cut": every visible label, button and check box is at least as wide as its minimum size hint.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

from glacier_gui.core.clock import utc_now
from glacier_gui.core.restore.job import JobFile, JobObject, ObjState, RestoreJob, jobs_dir
from glacier_gui.core.restore.verify import Problem, UnitCheck
from glacier_gui.core.settings import Settings
from glacier_gui.gui.browse.photos import SortOrder
from glacier_gui.gui.dialogs.about import AboutDialog
from glacier_gui.gui.dialogs.setup_wizard import SetupWizard
from glacier_gui.gui.dialogs.upload_estimate_dialog import UploadEstimateDialog
from glacier_gui.gui.dialogs.verify_dialog import VerifyResultsDialog
from glacier_gui.gui.i18n import LANG_ENV, init_translations
from glacier_gui.gui.models.jobs_model import COL_JOB, COL_STATE
from glacier_gui.gui.models.status_model import COL_PROGRESS, COL_STATUS, COL_SYNC_END
from glacier_gui.gui.workers.upload_worker import estimate_upload
from tests.conftest import write
from tests.gui.test_browse import FESTIVAL as NO_PACK
from tests.gui.test_browse import HOME, source_of, write_packs
from tests.gui.test_restore_window import FESTIVAL, select_units
from tests.test_restore import TRAVEL, upload_all

# Names that stay as they are in the Japanese UI (products, file names, units, protocol words).
KEEP_ENGLISH = frozenset(
    {
        "S3",
        "AWS",
        "Amazon",
        "Glacier",
        "Deep",
        "Archive",
        "Flexible",
        "Retrieval",
        "Instant",
        "Intelligent",
        "Tiering",
        "IA",
        "Zone",
        "One",
        "Python",
        "Qt",
        "for",
        "MIT",
        "OS",
        "ID",
        "URL",
        "KiB",
        "MiB",
        "GiB",
        "KB",  # the Japanese window's units (as Windows' Explorer shows them)
        "MB",
        "TiB",
        "GB",
        "OK",
        "tar",
        "LIST",
        "HEAD",
        "SHA",
        "IAM",
        "English",
        "csv",
        "GUI",
        "Ctrl",
        "Shift",
        "Alt",
        "Esc",
        "Excel",
        "pid",
        "TB",
        "NAS",
        "Canon",  # the test photos' camera (EXIF): data
        "EOS",
    }
)
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
DATA_TOKEN = re.compile(r"[\\/._\-@$%#*~\d]")  # a path, a key, a pattern, a number, an amount: data, not words
JAPANESE_DATA = ("日本語", "運動会")  # the language list names Japanese in Japanese; the filter's example unit
SYNTAX_FIELDS = frozenset({"bwlimitText"})  # their placeholder is an example of a syntax (rclone's), not words


@pytest.fixture(params=["ja", "en"])
def language(request: pytest.FixtureRequest, qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app's translators for the language (as app.py installs them); English and the old locale after."""
    saved = QLocale()
    monkeypatch.setenv(LANG_ENV, request.param)
    assert init_translations(qapp, "auto") == request.param
    yield request.param
    monkeypatch.setenv(LANG_ENV, "en")
    init_translations(qapp, "en")
    QLocale.setDefault(saved)


def english_words(text: str) -> list[str]:
    """Words of *text* that are English and not data or a kept name."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("&", "")
    text = re.sub(r"\b[a-z]+://\S+", " ", text)  # a URL is data
    words = []
    for token in re.split(r"[\s\u3000、。：:（）()「」“”,;·…→+=]+", text):
        if token and not DATA_TOKEN.search(token):
            words += [w for w in re.findall(r"[A-Za-z]{2,}", token) if w not in KEEP_ENGLISH]
    return words


def japanese_left(text: str) -> str:
    """The Japanese characters of *text* outside the data."""
    for name in JAPANESE_DATA:
        text = text.replace(name, "")
    return "".join(CJK.findall(" ".join(t for t in text.split() if not DATA_TOKEN.search(t))))


def shown_texts(top: QWidget) -> list[str]:
    """What the user reads in *top*: titles, labels, buttons, group boxes, choices, placeholders, headers, tabs,
    menus and actions, and the state words of the tables."""
    found = [top.windowTitle()]
    widgets = [top, *top.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(top) and w is not top:
            continue
        if isinstance(w, QLabel | QAbstractButton):
            found.append(w.text())
        elif isinstance(w, QGroupBox | QDockWidget):
            found.append(w.title() if isinstance(w, QGroupBox) else w.windowTitle())
        elif isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count()) if w.objectName() != "languageCombo" or i == 0]
        elif isinstance(w, QLineEdit) and w.objectName() not in SYNTAX_FIELDS:
            found.append(w.placeholderText())
        elif isinstance(w, QTabBar):
            found += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QTableView | QTreeView) and w.model() is not None:
            model = w.model()
            columns = model.columnCount(QModelIndex())
            found += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    if isinstance(top, QMainWindow):
        for action in top.findChildren(type(top.menuBar().actions()[0])):
            found += [action.text(), action.toolTip(), action.statusTip()]
    return [t for t in found if t]


def check_language(top: QWidget, language: str) -> None:
    texts = shown_texts(top)
    assert len(texts) > 1, f"{top.objectName() or type(top).__name__}: nothing to read?"
    if language == "ja":
        english = {t: english_words(t) for t in texts if english_words(t)}
        assert not english, f"{type(top).__name__} shows English in Japanese: {english}"
    else:
        japanese = {t: japanese_left(t) for t in texts if japanese_left(t)}
        assert not japanese, f"{type(top).__name__} shows Japanese in English: {japanese}"


def check_not_cut(top: QWidget) -> None:
    cut = [
        f"{type(w).__name__} {w.text()!r}: {w.width()} < {w.minimumSizeHint().width()}"
        for w in [top, *top.findChildren(QWidget)]
        if isinstance(w, QLabel | QPushButton | QCheckBox) and w.isVisible() and w.width() < w.minimumSizeHint().width()
    ]
    assert not cut, f"{type(top).__name__}: cut short by the layout: {cut}"


def check(qtbot, top: QWidget, language: str) -> None:
    top.show()
    qtbot.waitExposed(top)
    qtbot.wait(20)  # layouts settle
    check_language(top, language)
    check_not_cut(top)


def expiring_job(settings: Settings, data_dir: Path, dest: Path) -> None:
    soon = (utc_now() + timedelta(hours=20)).isoformat()
    RestoreJob(
        "20240101-000000-abcd",
        settings.bucket,
        "",
        "10_Album",
        str(dest),
        "Bulk",
        3,
        utc_now().isoformat(),
        [TRAVEL],
        objects=[JobObject("k", 10, "DEEP_ARCHIVE", ObjState.READY, expiry=soon)],
        files=[JobFile(TRAVEL, "a.jpg", "k", 10, 0.0, "0" * 64)],
        path=jobs_dir(data_dir) / "20240101-000000-abcd.json",
    ).save()


def cells(view: QAbstractItemView, column: int) -> list[str]:
    model = view.model()
    return [str(model.index(r, column).data() or "") for r in range(model.rowCount())]


def test_every_window_speaks_the_language_and_nothing_is_cut(
    language: str, make_window, settings: Settings, data_dir: Path, album: Path, tmp_path: Path, qtbot
) -> None:
    settings.jpy_rate = 150.0
    upload_all(settings, data_dir)
    expiring_job(settings, data_dir, tmp_path / "restored")
    window = make_window(settings)
    check(qtbot, window, language)
    board = window.board
    states, dates = cells(board.view, COL_STATUS), cells(board.view, COL_SYNC_END)
    jobs = window.restore_actions.panel
    assert jobs.isVisible() and jobs.warning_label.isVisible()
    if language == "ja":
        assert set(states) == {"同期済み"} and "完了" in cells(board.view, COL_PROGRESS)
        # The hour has no leading zero in Japanese (H:mm): 0:12 just after midnight.
        assert all(re.fullmatch(r"\d{4}/\d\d/\d\d \d{1,2}:\d\d", d) for d in dates), dates
        assert "大容量" in cells(jobs.view, COL_JOB)[0] and "今すぐダウンロード" in cells(jobs.view, COL_STATE)[0]
        assert "円）" in board.summary_label.text()
    else:
        assert set(states) == {"Synchronized"} and "done" in cells(board.view, COL_PROGRESS)
        assert all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d\d \d{1,2}:\d\d\s[AP]M", d) for d in dates), dates
        assert "Bulk" in cells(jobs.view, COL_JOB)[0] and "Download now" in cells(jobs.view, COL_STATE)[0]
        assert "(about ¥" in board.summary_label.text()

    dialog = window.open_settings()
    qtbot.waitUntil(lambda: "→" in dialog.preview_label.text(), timeout=10_000)
    check(qtbot, dialog, language)
    dialog.reject()

    select_units(window, [TRAVEL])
    restore = window.restore_actions.open_restore_dialog()
    assert restore is not None
    qtbot.waitUntil(lambda: restore.full is not None, timeout=10_000)
    restore.dest_edit.setText(str(tmp_path / "restored"))
    check(qtbot, restore, language)
    restore.reject()

    for i in range(300):  # many small files: the estimate shows its packing tip
        write(album / "2022" / "0701_文化祭" / f"IMG_{i:04d}.jpg", b"x" * 100)
    outcome = estimate_upload(settings, ["2022/0701_文化祭"])
    estimate = UploadEstimateDialog(settings, outcome.units, outcome.plan, outcome.problem, window)
    assert "tip" in estimate.labels
    check(qtbot, estimate, language)
    assert ("円）" if language == "ja" else "(about ¥") in estimate.labels["request_cost"].text()
    estimate.reject()

    checks = [
        UnitCheck(FESTIVAL, files=1, bytes=4000, objects=1),
        UnitCheck(TRAVEL, files=2, bytes=3500, objects=2, problems=[Problem("a.jpg", "k", "storage-class", "x")]),
    ]
    verify = VerifyResultsDialog(checks, window)
    check(qtbot, verify, language)
    assert ("保管の種類" if language == "ja" else "wrong storage class") in verify.table.item(1, 4).text()
    verify.reject()

    about = AboutDialog(data_dir, window)
    check(qtbot, about, language)
    about.reject()

    question = window.backup.ask_rebuild()
    assert question is not None
    check(qtbot, question, language)
    question.reject()

    second = make_window(settings)  # status.csv is the first window's: this one is read-only
    assert second.board.banner.isVisible()
    check(qtbot, second, language)


def test_the_new_windows_speak_the_language_and_nothing_is_cut(
    language: str, make_window, make_session, settings: Settings, data_dir: Path, s3_url: str, tmp_path: Path, qtbot
) -> None:
    upload_all(settings, data_dir)
    window = make_window(settings)

    # Browse: two units with thumbnails, one without (its line above the grid), a selection, then the preview.
    select_units(window, [HOME, TRAVEL, NO_PACK])
    with qtbot.waitSignal(window.restore_actions.browseOpened, timeout=5000) as opened:
        window.restore_actions.open_browse(source_of(write_packs(tmp_path / "packs")))
    browse = opened.args[0]
    qtbot.waitUntil(lambda: not browse.loading, timeout=10_000)
    assert browse.problem_row.isVisibleTo(browse)
    browse.view.selectionModel().select(browse.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    check(qtbot, browse, language)
    browse.set_order(SortOrder.NAME)  # DSC_0001.jpg first: not in a subfolder (whose name would be data)
    with qtbot.waitSignal(browse.previewOpened, timeout=5000) as shown:
        browse.view.activated.emit(browse.proxy.index(0, 0))
    preview = shown.args[0]
    qtbot.waitUntil(lambda: preview.image is not None and preview.image.width() == 320, timeout=5000)
    check(qtbot, preview, language)
    preview.reject()
    browse.close()

    bandwidth = window.link.open_bandwidth()
    bandwidth.page.set_text("08:00,1M 23:00,off")  # the form: rate, from, to, otherwise
    check(qtbot, bandwidth, language)
    bandwidth.reject()

    dialog = window.open_settings()
    schedule = dialog.link_page.schedule
    schedule.when_combo.setCurrentIndex(schedule.when_combo.findData("weekly"))  # the weekday boxes show
    qtbot.wait(20)
    check_not_cut(dialog)  # (its words: the first scene; the crontab line here is commands, not words)
    dialog.reject()

    # The setup wizard from a first start, page by page.
    wizard = SetupWizard(make_session(Settings(endpoint_url=s3_url, status_file=str(data_dir / "status.csv"))))
    qtbot.addWidget(wizard)
    check(qtbot, wizard, language)  # the first question
    wizard.next()
    wizard.album_page.root_edit.setText(settings.album_root)
    qtbot.waitUntil(wizard.album_page.isComplete, timeout=10_000)
    check(qtbot, wizard, language)
    wizard.next()
    wizard.credentials_page.box.key_id_edit.setText("AKIDI18NKEY")
    wizard.credentials_page.box.secret_edit.setText("the-i18n-secret")
    wizard.credentials_page.copy_button.click()
    check(qtbot, wizard, language)
    wizard.next()
    check(qtbot, wizard, language)
    wizard.next()
    assert wizard.currentPage() is wizard.bucket_page
    check(qtbot, wizard, language)
    wizard.bucket_page.existing_radio.setChecked(True)
    qtbot.waitUntil(lambda: wizard.bucket_page.listed, timeout=10_000)
    wizard.bucket_page.bucket_combo.setCurrentText(settings.bucket)
    check(qtbot, wizard, language)
    wizard.next()
    assert wizard.currentPage() is wizard.summary_page
    check(qtbot, wizard, language)
    wizard.reject()
