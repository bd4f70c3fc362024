"""Regenerate the README pictures: ``PYTHONPATH=. python build_spec/make_screenshots.py [--lang ja] [OUT]``.

Runs the embedded demo offscreen (scan, mark, upload), then saves the main window and the settings dialog
(after its level preview has counted the units), then the Browse window over the backed-up units (their
thumbnail packs from the bucket, or built here from the album when the bucket has none), then restores two
units - one completes and is downloaded, one is held "in progress" on the demo server - and saves the restore
dialog and the Restore jobs panel. Also the setup wizard's bucket page (``wizard.png``: a new bucket created on
the demo server and tested; the wizard is then cancelled, nothing saved).  Last, the main window once more in a
dark theme (Fusion with a dark palette): ``main-window-dark.png``.  Then the recovery path on a new, empty data
folder (recovery_shots.py): ``recovery-01-…`` to ``recovery-13-…``, each step timed (``--only-recovery``: just
those).

``--lang ja`` shows the window in Japanese and writes into ``docs/ja/`` (README.ja.md's pictures); the default
is English into ``docs/``.  Japanese needs a CJK font (fonts-noto-cjk on Debian).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from glacier_gui.core.logs import setup_logging  # noqa: E402
from glacier_gui.gui.app import _start_demo, demo_sequence, make_application  # noqa: E402
from glacier_gui.gui.colors import dark_palette  # noqa: E402
from glacier_gui.gui.i18n import LANG_ENV, LANGUAGES, init_translations  # noqa: E402
from glacier_gui.gui.main_window import MainWindow  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from recovery_shots import recovery_shots  # noqa: E402


def main(out: Path, language: str = "en", only_recovery: bool = False) -> int:
    os.environ[LANG_ENV] = language  # beats the demo's "auto" setting and the system's language
    app = make_application()
    init_translations(app, language)
    out.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        data_dir, settings, credentials = _start_demo(stack, None)
        setup_logging(data_dir, console_level=None)  # as run_app: quiets the demo server's request log
        window = MainWindow(settings, data_dir, credentials=credentials, demo=True)
        window.resize(1240, 640)
        window.show()
        done: list[bool] = []
        demo_sequence(window, done.append)
        deadline = time.monotonic() + 120
        while not done and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        if done != [True]:
            print("the demo did not finish", file=sys.stderr)
            return 1
        end = time.monotonic() + 0.8  # the log pane's timer and the last repaint
        while time.monotonic() < end:
            app.processEvents()
        window.log_pane.drain()
        if only_recovery:
            ok = recovery_shots(app, settings, credentials, data_dir, out, spin)
            window.shutdown()
            window.close()
            return 0 if ok else 1
        window.grab().save(str(out / "main-window.png"))
        estimate_shot(app, window, out / "upload-estimate.png")
        dialog = window.open_settings()
        end = time.monotonic() + 10
        while "→" not in dialog.preview_label.text() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        dialog.link_page.bandwidth.set_text("08:00,1M 23:00,off")  # the limit's form filled in (not saved)
        dialog.test_button.click()
        end = time.monotonic() + 10
        while not dialog.test_button.isEnabled() and time.monotonic() < end or time.monotonic() < end - 9.5:
            app.processEvents()
            time.sleep(0.01)
        dialog.adjustSize()
        spin(app, lambda: False, 0.2)
        dialog.adjustSize()  # again: the connection results' word-wrapped lines settle their height late
        fit_height(dialog)
        dialog.grab().save(str(out / "settings.png"))
        dialog.reject()
        ok = wizard_shot(app, window, out / "wizard.png")
        ok = browse_shot(app, window, data_dir, out / "browse.png") and ok
        ok = restore_shots(app, window, data_dir, settings.bucket, out) and ok
        window.shutdown()
        window.close()
        ok = recovery_shots(app, settings, credentials, data_dir, out, spin) and ok
        dark_shot(app, MainWindow(settings, data_dir, credentials=credentials, demo=True), out / "main-window-dark.png")
    print(
        f"saved {out / 'main-window.png'}, {out / 'settings.png'}, {out / 'upload-estimate.png'}, "
        f"{out / 'wizard.png'}, {out / 'browse.png'}, {out / 'restore-dialog.png'}, {out / 'restore.png'} and "
        f"{out / 'main-window-dark.png'}"
        if ok
        else "the wizard, browse or restore screenshots failed"
    )
    return 0 if ok else 1


def dark_shot(app: Any, window: MainWindow, path: Path) -> None:
    """The main window (a new one, over the demo's data) in Fusion with a dark palette: the status colours must
    read on dark grey too."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
    window.resize(1240, 700)
    window.show()
    window.board.view.selectRow(1)
    spin(app, lambda: False, 0.5)
    window.log_pane.drain()
    window.grab().save(str(path))
    window.shutdown()
    window.close()


def fit_height(widget: Any) -> None:
    """As tall as its word-wrapped labels need: adjustSize() stops at 2/3 of the (small, offscreen) screen."""
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():
        widget.resize(widget.width(), max(widget.height(), layout.totalHeightForWidth(widget.width())))


def spin(app: Any, until: Callable[[], bool], seconds: float = 20) -> bool:
    end = time.monotonic() + seconds
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    return until()


def estimate_shot(app: Any, window: MainWindow, path: Path) -> None:
    """The estimate shown before uploading the unit the demo left unmarked; cancelled: nothing is sent."""
    shown: list[Any] = []
    window.backup.auto_accept_estimate = False
    window.backup.estimateShown.connect(shown.append)
    window.session.model.mark_units(["2023/0101_お正月"])
    window.backup.start_upload()
    if spin(app, lambda: bool(shown)):
        spin(app, lambda: False, 0.3)
        shown[0].grab().save(str(path))
        shown[0].reject()


def wizard_shot(app: Any, window: MainWindow, path: Path) -> bool:
    """The setup wizard's bucket page as a first start shows it: "Create a new bucket" with the suggested name,
    the bucket made on the demo server, its set-up steps and the connection test.  Cancelled: nothing is saved."""
    from glacier_gui.gui.dialogs.setup_wizard import SetupWizard

    wizard = SetupWizard(window.session, window)
    page = wizard.bucket_page
    wizard.setStartId(next(i for i in wizard.pageIds() if wizard.page(i) is page))
    page.create_radio.setChecked(True)  # the demo has a bucket already: a first start has none
    wizard.show()
    page.create_button.click()
    done = spin(app, lambda: page.connection_results is not None and page.test_button.isEnabled(), 30)
    spin(app, lambda: False, 0.3)
    ok = done and bool(wizard.grab().save(str(path)))
    wizard.reject()
    return ok


def demo_pack_source(window: MainWindow, data_dir: Path) -> Callable[[str], Path]:
    """The bucket's thumbnail packs (as the app reads them) or, where the bucket has none (an upload that made
    no packs, or a build without core.thumbstore), a pack built here from the demo album's own files."""
    from glacier_gui.core.thumbs.pack import write_pack
    from glacier_gui.core.thumbs.render import make_thumbnail, wants_thumbnail
    from glacier_gui.gui.browse.loader import session_pack_source

    bucket_pack = session_pack_source(window.session)
    album = Path(window.session.settings.album_root)

    def source(unit: str) -> Path:
        try:
            return bucket_pack(unit)
        except Exception as exc:  # any reason at all: build one from the album
            print(f"{unit}: no pack from the bucket ({type(exc).__name__}: {exc}); building one", file=sys.stderr)
        folder = album.joinpath(*unit.split("/"))
        loose = unit.count("/") + 1 < window.session.settings.level  # files above the unit level: only its own
        found = folder.iterdir() if loose else folder.rglob("*")
        files = sorted(p for p in found if p.is_file() and wants_thumbnail(p.name))
        items = [
            (p.relative_to(folder).as_posix(), make_thumbnail(p, p.name), p.stat().st_size, p.stat().st_mtime)
            for p in files
        ]
        pack = data_dir / "screenshot-packs" / (unit.replace("/", "_") + ".tar")
        pack.parent.mkdir(parents=True, exist_ok=True)
        with open(pack, "wb") as f:
            write_pack(items, f)
        return pack

    return source


def browse_shot(app: Any, window: MainWindow, data_dir: Path, path: Path) -> bool:
    """The Browse window over the backed-up units, two photos selected, the thumbnails on screen decoded."""
    from PySide6.QtCore import QItemSelectionModel

    from glacier_gui.core.ledger.status import State
    from glacier_gui.gui.browse.model import Roles
    from glacier_gui.gui.models.status_model import COL_UNIT

    board, select = window.board, QItemSelectionModel.SelectionFlag.Select
    board.view.clearSelection()
    for r in range(board.proxy.rowCount()):
        row = window.session.table.get(board.proxy.index(r, COL_UNIT).data())
        if row is not None and row.status == State.SYNCHRONIZED:
            rows = select | QItemSelectionModel.SelectionFlag.Rows
            board.view.selectionModel().select(board.proxy.index(r, COL_UNIT), rows)
    browse = window.restore_actions.open_browse(demo_pack_source(window, data_dir))
    if browse is None or not spin(app, lambda: not browse.loading, 60):
        return False
    browse.resize(1000, 680)
    proxy = browse.proxy
    for r in (1, 2):
        if r < proxy.rowCount():
            browse.view.selectionModel().select(proxy.index(r, 0), select)
    shown = min(proxy.rowCount(), 12)
    spin(app, lambda: all(proxy.index(r, 0).data(Roles.ReadyRole) for r in range(shown)), 20)
    spin(app, lambda: False, 0.3)
    ok = bool(browse.grab().save(str(path))) and proxy.rowCount() > 0
    browse.close()
    return ok


def restore_shots(app: Any, window: MainWindow, data_dir: Path, bucket: str, out: Path) -> bool:
    """A finished restore (downloaded) and a held one (in progress), through the window's own dialog and panel."""
    from moto.moto_api import state_manager
    from moto.s3.models import s3_backends

    from glacier_gui.gui.models.status_model import COL_UNIT

    def restore(unit: str, tier: str, shot: Path | None) -> bool:
        window.board.view.clearSelection()
        for r in range(window.board.proxy.rowCount()):
            if window.board.proxy.index(r, COL_UNIT).data() == unit:
                window.board.view.selectRow(r)
        dialog = window.restore_actions.open_restore_dialog()
        if dialog is None or not spin(app, lambda: dialog.full is not None):
            return False
        dialog.dest_edit.setText(str(data_dir / "restored"))
        dialog.tier_combo.setCurrentIndex(dialog.tier_combo.findData(tier))
        if shot is not None:
            dialog.set_file_checked(unit, "IMG_0003.jpg", False)  # the file list is a checklist
            dialog.tree.expandAll()
            spin(app, lambda: False, 0.3)
            dialog.grab().save(str(shot))
        created: list[object] = []
        dialog.jobCreated.connect(created.append)
        dialog.request_button.click()
        return spin(app, lambda: bool(created))

    panel = window.restore_actions.panel
    if not restore("2021/0401_帰省", "Bulk", out / "restore-dialog.png"):
        return False
    fetched: list[object] = []
    panel.fetched.connect(fetched.append)
    panel.download_button.click()  # the demo server restores at once
    if not spin(app, lambda: bool(fetched)):
        return False
    state_manager.set_transition("s3::keyrestore", {"progression": "manual", "times": 10**9})
    try:
        if not restore("2022/0601_運動会", "Standard", None):
            return False
        from glacier_gui.core.restore.job import load_job

        head = [j for j in panel.reload() if "2022/0601_運動会" in j.units][0]  # the panel lists job heads
        keys = s3_backends["123456789012"]["aws"].buckets[bucket].keys
        for o in load_job(data_dir, head.id).objects:
            keys[o.key].status = "IN_PROGRESS"
        refreshed: list[object] = []
        panel.refreshed.connect(refreshed.append)
        panel.view.clearSelection()
        panel.refresh_button.click()
        if not spin(app, lambda: bool(refreshed)):
            return False
    finally:
        state_manager.unset_transition("s3::keyrestore")
    window.resize(1240, 760)
    panel.show()
    panel.raise_()
    spin(app, lambda: False, 0.5)
    window.log_pane.drain()
    return bool(window.grab().save(str(out / "restore.png")))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Regenerate the README pictures.")
    parser.add_argument("out", nargs="?", type=Path, help="folder for the PNGs (default docs/, or docs/ja/ for ja)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="the window's language (default en)")
    parser.add_argument("--only-recovery", action="store_true", help="only the recovery path's pictures")
    args = parser.parse_args()
    default = Path("docs") / "ja" if args.lang == "ja" else Path("docs")
    raise SystemExit(main(args.out or default, args.lang, args.only_recovery))
