"""Start the window: ``glacier-gui`` (no sub-command), ``--demo``, ``--screenshot FILE``.

Sets up logging (file in the data dir + the log pane), routes Qt's own messages into Python logging and
installs an excepthook: an exception in a slot does not stop Qt's event loop, so it is logged and shown.
Installs the translators for the language in the settings (or the system's), and again when Settings changes it.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from glacier_gui import APP_DISPLAY_NAME, APP_NAME, __version__
from glacier_gui.core.i18n import message_of
from glacier_gui.core.ledger.status import State
from glacier_gui.core.logs import redact, setup_logging
from glacier_gui.core.settings import (
    Settings,
    SettingsError,
    default_data_dir,
    has_saved_settings,
    load_saved_settings,
    save_settings,
)
from glacier_gui.gui import texts
from glacier_gui.gui.i18n import init_translations

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

SCREENSHOT_TIMEOUT_MS = 180_000
# Harmless notices of the headless (offscreen) platform used for screenshots and tests.
_QT_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's warnings go to the same log as ours."""
    if message in _QT_NOISE:
        return
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def install_excepthook() -> None:
    """Log any uncaught exception (a slot's, typically) and show it; the app keeps running."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        # Filtered like the log: an exception's text may carry a key (a boto3 error quoting a request, say).
        text = redact("".join(traceback.format_exception(kind, value, tb)))
        log.critical("unexpected error:\n%s", text)
        if QApplication.instance() is not None:
            box = QMessageBox(QMessageBox.Icon.Critical, APP_DISPLAY_NAME, texts.unexpected_error(redact(str(value))))
            box.setDetailedText(text)
            box.open()
            _keep.append(box)

    sys.excepthook = hook


_keep: list[Any] = []  # message boxes opened by the excepthook


GIL_SWITCH_INTERVAL = 0.001


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named; also shortens the GIL switch interval (see below)."""
    # Uploads run Python threads (the engine's pools, boto3); with the default 5 ms interval the GUI thread
    # can wait several turns for the GIL.  1 ms keeps the event loop responsive at a small cost in switching.
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    return app


def run_app(args: argparse.Namespace) -> int:
    """Open the main window; returns the exit status."""
    from glacier_gui.gui.main_window import MainWindow

    demo, screenshot = bool(getattr(args, "demo", False)), getattr(args, "screenshot", None)
    if screenshot is not None and not demo:
        print("glacier-gui: error: --screenshot needs --demo (it runs a demo scan and upload first)", file=sys.stderr)
        return 2
    with contextlib.ExitStack() as stack:
        credentials: dict[str, str] | None = None
        if demo:
            data_dir, settings, credentials = _start_demo(stack, getattr(args, "top_data_dir", None))
        else:
            data_dir = Path(getattr(args, "top_data_dir", None) or default_data_dir()).expanduser()
        setup_logging(data_dir, console_level=logging.WARNING)
        qInstallMessageHandler(qt_message_handler)
        app = make_application()
        install_excepthook()
        first_start = False
        problem = ""
        if not demo:
            first_start = not has_saved_settings(data_dir)
            try:
                settings = load_saved_settings(data_dir)
            except SettingsError as exc:
                settings, problem = Settings(), message_of(exc)
        language = init_translations(app, settings.language)
        log.info("language: %s", language)
        window = MainWindow(settings, data_dir, credentials=credentials, demo=demo)
        follow_language_setting(app, window.session, settings.language)
        window.show()
        if problem:
            window.session.report(texts.settings_unreadable(), texts.core_text(problem))
        if screenshot is not None:
            return _screenshot_run(app, window, Path(screenshot))
        if first_start:
            from glacier_gui.gui.dialogs.setup_wizard import open_setup_wizard

            QTimer.singleShot(0, lambda: open_setup_wizard(window))
        log.info("%s %s started (data in %s)", APP_NAME, __version__, data_dir)
        return int(app.exec())
    return 0


def follow_language_setting(app: QApplication, session: Any, language: str) -> None:
    """Install the translators again when Settings changes the language: dialogs opened from then on, messages
    and newly drawn cells speak it; the widgets already built keep theirs until the app is restarted (the
    settings dialog says so)."""
    chosen = {"setting": language}

    def changed() -> None:
        new = session.settings.language
        if new != chosen["setting"]:
            chosen["setting"] = new
            log.info("language changed to %s", init_translations(app, new))

    session.settingsChanged.connect(changed)


def _start_demo(stack: contextlib.ExitStack, data_dir: Path | None) -> tuple[Path, Settings, dict[str, str]]:
    """Sample album + local endpoint in a temporary folder: the user's real settings are never touched."""
    from glacier_gui.core.demo import DEMO_CREDENTIALS, demo_endpoint, demo_settings, make_sample_album

    work = (
        Path(data_dir)
        if data_dir
        else Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="glacier_gui_demo_", ignore_cleanup_errors=True))
        )
    )
    work.mkdir(parents=True, exist_ok=True)
    album = make_sample_album(work / "album")
    endpoint = stack.enter_context(demo_endpoint())
    settings = demo_settings(album, endpoint, work)
    save_settings(settings, work)
    return work, settings, dict(DEMO_CREDENTIALS)


def demo_sequence(window: Any, done: Callable[[bool], None], leave_unmarked: str = "2023/0101_お正月") -> None:
    """Scan, mark every unit but one, upload; then call ``done(ok)``.  Used by --screenshot and the benchmark."""
    backup, session = window.backup, window.session

    def scanned(_outcome: object) -> None:
        backup.scanFinished.disconnect(scanned)
        units = [r.unit for r in session.table.rows if r.status != State.CHECK_NOT_EXISTS and r.unit != leave_unmarked]
        session.model.mark_units(units)
        backup.start_upload()

    def uploaded(_report: object) -> None:
        done(True)

    backup.auto_accept_estimate = True  # the estimate is logged; a demo run has nobody to press Upload
    backup.scanFinished.connect(scanned)
    backup.uploadFinished.connect(uploaded)
    backup.jobFailed.connect(lambda _message: done(False))
    backup.start_scan()


def _screenshot_run(app: QApplication, window: Any, path: Path) -> int:
    status = {"code": 1}

    def finish(ok: bool) -> None:
        # Let the last progress tick and the log pane's timer draw before grabbing.
        QTimer.singleShot(700, lambda: _grab(ok))

    def _grab(ok: bool) -> None:
        window.log_pane.drain()
        path.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(path))
        status["code"] = 0 if ok and saved else 1
        print(f"screenshot {'saved to ' + str(path) if saved else 'NOT saved'}", file=sys.stderr)
        window.close()
        app.quit()

    def timeout() -> None:
        print("glacier-gui: the demo did not finish in time; no screenshot", file=sys.stderr)
        window.close()
        app.quit()

    demo_sequence(window, finish)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, timeout)
    app.exec()
    return status["code"]


def build_window_for_smoke_test(settings: Settings, data_dir: Path) -> Any:
    """The main window on the smoke test's demo settings and data dir (``glacier_gui.smoke`` paints and closes it)."""
    from glacier_gui.core.demo import DEMO_CREDENTIALS
    from glacier_gui.gui.main_window import MainWindow

    return MainWindow(settings, data_dir, credentials=DEMO_CREDENTIALS, demo=True)
