"""``glacier-gui --smoke-test``: prove that an installation (above all the frozen exe) really works.

Each check runs the real code on a temporary data dir and prints one line with its time; the first failure
prints one line and ends the test with exit status 1.  Nothing leaves the machine: the upload goes to the
embedded S3 endpoint (moto, on 127.0.0.1), the window is built on Qt's offscreen platform.

    ok    imports       0.91 s  boto3 1.43.11, botocore 1.43.11, pandas 3.1.1, PySide6 6.11.3, moto 5.2.1
    ok    status.csv    0.02 s  3 rows written and read back
    ...
    smoke test passed in 3.2 s

A check that could not run for real ends with ``WARN`` (not ``ok``); the exit status stays 0.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from glacier_gui import APP_DISPLAY_NAME, APP_NAME, __version__
from glacier_gui.resources import is_frozen, resource_path, resources_dir

log = logging.getLogger(__name__)

# The unit uploaded: Japanese name (NFC keys) and a video larger than one part (a multipart upload).
SMOKE_UNIT = "2022/0601_運動会"
# The hook the GUI module offers so the smoke test builds the real main window (see check_window).
WINDOW_HOOK = "build_window_for_smoke_test"


class SmokeFailure(Exception):
    """A check failed; the message is one line for the user."""


class _Warned(Exception):
    """A check ran only partly: the message is shown on a WARN line, and the test goes on."""


class _Runner:
    """Times the checks and prints one aligned line per check."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.warnings = 0

    def check(self, name: str, fn: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            detail = fn()
            status = "ok"
        except _Warned as warned:
            detail, status = str(warned), "WARN"
            self.warnings += 1
        except SmokeFailure:
            raise
        except Exception as exc:  # anything else is a failure of this check, reported in one line
            log.error("smoke test: %s failed", name, exc_info=True)
            first = (str(exc).strip().splitlines() or [""])[0]
            raise SmokeFailure(f"{name}: {type(exc).__name__}: {first}") from exc
        self.line(status, name, time.perf_counter() - started, detail)

    def line(self, status: str, name: str, seconds: float, detail: str) -> None:
        print(f"{status:<5} {name:<12} {seconds:6.2f} s  {detail}", file=self.out, flush=True)


def run_smoke_test(data_dir: Path | None = None, out: TextIO | None = None) -> int:
    """Run every check in *data_dir* (default: a fresh temporary folder, removed afterwards unless a check
    failed); print one line per check to *out* (default stdout).  Returns 0 (passed) or 1 (failed)."""
    out = out or sys.stdout
    _tolerant_output(out)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed, also in CI
    temporary = data_dir is None
    work = Path(tempfile.mkdtemp(prefix="glacier_gui_smoke_")) if data_dir is None else data_dir.expanduser()
    work.mkdir(parents=True, exist_ok=True)
    from glacier_gui.core.logs import setup_logging

    log_path = setup_logging(work, console_level=None)
    started = time.perf_counter()
    print(
        f"{APP_NAME} {__version__} smoke test: python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {'frozen bundle' if is_frozen() else 'not frozen'}, "
        f"utf-8 mode {'on' if sys.flags.utf8_mode else 'off'}, data dir {work}",
        file=out,
        flush=True,
    )
    runner = _Runner(out)
    try:
        _run_checks(runner, work)
    except Exception as exc:  # a SmokeFailure names its check; anything else is still one line, never a traceback
        if not isinstance(exc, SmokeFailure):
            log.error("smoke test failed", exc_info=True)
        where = f" (details in {log_path})" if log_path else ""
        print(f"smoke test FAILED: {exc}{where}", file=out, flush=True)
        return 1
    finally:
        _close_log_files()  # so the temporary folder can go (Windows cannot delete an open file)
    print(
        f"smoke test passed in {time.perf_counter() - started:.1f} s"
        + (f" with {runner.warnings} warning(s)" if runner.warnings else ""),
        file=out,
        flush=True,
    )
    if temporary:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _run_checks(runner: _Runner, work: Path) -> None:
    runner.check("imports", check_imports)
    runner.check("resources", check_resources)
    runner.check("language", check_language)
    runner.check("keyring", check_keyring)
    runner.check("status.csv", lambda: check_status_roundtrip(work))
    runner.check("thumbnail", check_thumbnail)
    album = work
    table: Any = None

    def scan() -> str:
        nonlocal album, table
        from glacier_gui.core.demo import make_sample_album

        album = make_sample_album(work / "album")
        table, detail = check_scan(album, work)
        return detail

    runner.check("scan", scan)
    from glacier_gui.core.demo import demo_endpoint

    with contextlib.ExitStack() as stack:
        endpoint: Any = None

        def start_endpoint() -> str:
            nonlocal endpoint
            import moto

            # moto keeps its buckets per process, not per server: a fresh bucket, should this run twice.
            endpoint = stack.enter_context(demo_endpoint(bucket=f"glacier-gui-smoke-{uuid.uuid4().hex[:8]}"))
            return f"moto {moto.__version__} serving S3 at {endpoint.url}"

        runner.check("endpoint", start_endpoint)
        settings = _settings(album, endpoint, work)
        runner.check("upload", lambda: check_upload(settings, table, work))
        runner.check("window", lambda: check_window(settings, work))  # the endpoint still runs: a live window


# ---- the checks --------------------------------------------------------------------------------------------
def check_imports() -> str:
    """Import the heavy third-party parts the bundle must carry (PyInstaller drops what it cannot see)."""
    import pandas
    import PySide6
    from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401  # the three Qt modules the app uses

    import glacier_gui.core.upload.backup  # noqa: F401  # the CLI modules need no check: they parsed --smoke-test
    from glacier_gui.core.s3.client import library_versions

    return f"{library_versions()}, pandas {pandas.__version__}, PySide6 {PySide6.__version__} (Qt {QtCore.qVersion()})"


def check_keyring() -> str:
    """The OS credential store is reachable (keys typed into the app live there); its backends load by name."""
    import keyring

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if "fail" in name.split(".") or "null" in name.split("."):
        if sys.platform == "win32":  # Windows always has the Credential Manager: the bundle lacks the backend
            raise SmokeFailure(f"keyring: no usable backend ({name}); the Windows backend is missing from the bundle")
        raise _Warned(f"no OS credential store here ({name}): keys can come only from AWS profiles")
    return name


def check_resources() -> str:
    """pricing.json parses, and the icon is there (inside the bundle when frozen)."""
    from glacier_gui.core.cost import default_pricing_path, load_prices

    pricing = default_pricing_path()
    if is_frozen() and not pricing.is_relative_to(Path(getattr(sys, "_MEIPASS", ""))):
        raise SmokeFailure(f"resources: pricing.json is not in the bundle (found {pricing})")
    prices = load_prices(pricing)
    for name in ("icon.png", "icon.ico", "translations/glacier_gui_ja.qm", HEIC_SAMPLE):
        if not resource_path(name).is_file():
            raise SmokeFailure(f"resources: {name} is missing from {resources_dir()}")
    return f"{resources_dir()}: pricing.json ({len(prices.regions)} regions), icon.png, icon.ico, Japanese catalogue"


def check_language() -> str:
    """The Japanese catalogues load: the app's own and Qt's ``qtbase_ja.qm`` (standard buttons, file dialogs),
    found where the window looks for them (in the frozen app also the bundle's PySide6 translations)."""
    from PySide6.QtCore import QTranslator

    from glacier_gui.gui.i18n import catalogue_path, load_catalogue, qt_translation_dirs

    qt = QTranslator()
    folders = qt_translation_dirs()
    found = load_catalogue(qt, "qtbase_ja", folders)
    if found is None:
        raise SmokeFailure(f"language: Qt's qtbase_ja.qm is in none of {', '.join(folders)}")
    context, source = QT_PROBE  # through names: lupdate must not take Qt's own string for one of ours
    cancel = qt.translate(context, source)
    if cancel != "キャンセル":
        raise SmokeFailure(f"language: qtbase_ja.qm translates Cancel as {cancel!r}")
    ours = QTranslator()
    if not ours.load(str(catalogue_path("ja"))):
        raise SmokeFailure(f"language: {catalogue_path('ja')} does not load")
    return f"qtbase_ja.qm from {found} (Cancel -> {cancel}), {catalogue_path('ja').name}"


QT_PROBE = ("QPlatformTheme", "Cancel")  # a string of qtbase_ja.qm: the standard Cancel button
HEIC_SAMPLE = "smoke/sample.heic"  # 160x120, made with pillow-heif; an iPhone's photo format


def check_thumbnail() -> str:
    """Pillow makes a browse thumbnail of a 12-megapixel JPEG, and pillow-heif (its DLLs in the bundle) of a
    HEIC: without them every iPhone photo would silently become a placeholder."""
    import io

    from PIL import Image
    from PIL import __version__ as pillow_version

    from glacier_gui.core.thumbs.render import ThumbKind, make_thumbnail

    photo = io.BytesIO()
    Image.new("RGB", (4000, 3000), (200, 120, 40)).save(photo, "JPEG", quality=80)
    thumb = make_thumbnail(photo.getvalue(), "IMG_0001.JPG")
    if thumb.kind is not ThumbKind.PHOTO:
        raise SmokeFailure(f"thumbnail: a JPEG gave a {thumb.kind} thumbnail ({thumb.note})")
    with Image.open(io.BytesIO(thumb.jpeg)) as small:
        size = small.size
    heic = make_thumbnail(resource_path(HEIC_SAMPLE).read_bytes(), "IMG_0002.HEIC")
    if heic.kind is not ThumbKind.PHOTO:
        raise SmokeFailure(f"thumbnail: a HEIC gave a {heic.kind} thumbnail ({heic.note}): is pillow-heif bundled?")
    import pillow_heif

    return (
        f"Pillow {pillow_version}: 4000x3000 JPEG -> {size[0]}x{size[1]}, {len(thumb.jpeg):,} bytes; "
        f"HEIC via pillow-heif {pillow_heif.__version__}"
    )


def check_status_roundtrip(work: Path) -> str:
    """Write a status.csv (UTF-8 with BOM, Japanese) and read it back unchanged."""
    from glacier_gui.core.ledger.status import State, StatusRow, StatusTable, load_status

    path = work / "roundtrip" / "status.csv"
    rows = [
        StatusRow(
            status=State.CHECK, local_path=f"album\\{unit}", local_file_count=n, local_total_size=n * 1000, unit=unit
        )
        for n, unit in enumerate(("2021/0401_帰省", "2022/0501_旅行", "2022/0601_運動会"), start=1)
    ]
    StatusTable(path, rows).save()
    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        raise SmokeFailure("status.csv: not written as UTF-8 with BOM (Excel would garble Japanese names)")
    back = load_status(path, "album", 2)
    got = [(r.unit, r.status, r.local_file_count, r.local_total_size) for r in back]
    want = [(r.unit, r.status, r.local_file_count, r.local_total_size) for r in rows]
    if got != want:
        raise SmokeFailure(f"status.csv: read back {got!r}, wrote {want!r}")
    return f"{len(rows)} rows written and read back ({len(raw)} bytes, UTF-8 with BOM)"


def check_scan(album: Path, work: Path) -> tuple[Any, str]:
    """Scan the sample album (level 2) into a status table in the data dir."""
    from glacier_gui.core.settings import Settings
    from glacier_gui.core.upload import backup

    settings = Settings(album_root=str(album), level=2, status_file=str(work / "status.csv"))
    table = backup.open_status(settings, work)
    summary = backup.scan_into(settings, table)
    if table.get(SMOKE_UNIT) is None:
        raise SmokeFailure(f"scan: unit {SMOKE_UNIT} not found (units: {[r.unit for r in table][:6]})")
    backup.save_table(table)
    return table, f"{len(summary.scan.units)} units, {summary.files} files, {summary.size:,} bytes"


def check_upload(settings: Any, table: Any, work: Path) -> str:
    """Upload one unit (a multipart video among photos) to the local endpoint; it must end Synchronized."""
    from glacier_gui.core.demo import DEMO_CREDENTIALS
    from glacier_gui.core.ledger.status import State, load_status
    from glacier_gui.core.s3.client import make_client
    from glacier_gui.core.s3.objects import list_objects
    from glacier_gui.core.upload import backup

    client = make_client(settings, credentials=DEMO_CREDENTIALS)
    table.mark_upload([SMOKE_UNIT])
    report = backup.upload_marked(settings, table, work, client)
    if report.failed:
        raise SmokeFailure(f"upload: {report.failed[0].unit}: {report.failed[0].error}")
    saved = load_status(settings.status_path(work), settings.album_root, settings.level).require(SMOKE_UNIT)
    if saved.status != State.SYNCHRONIZED:
        raise SmokeFailure(f"upload: {SMOKE_UNIT} is {saved.status} in status.csv, expected Synchronized")
    classes = sorted({o.storage_class for o in list_objects(client, settings.bucket, "")})
    totals = report.totals()
    return (
        f"{SMOKE_UNIT} Synchronized: {totals['files_uploaded']} files, {totals['bytes_uploaded']:,} bytes, "
        f"{totals['requests']} requests; storage classes {', '.join(classes)}"
    )


def check_window(settings: Any, work: Path) -> str:
    """Build the main window offscreen, show it, paint it once and close it.

    The GUI offers ``glacier_gui.gui.app.build_window_for_smoke_test(settings, data_dir) -> QWidget``: it gets
    the running QApplication (made here) and returns its top-level window, not yet shown.  Without that hook
    a bare QMainWindow proves only that Qt works in the bundle: reported as WARN, not ok.
    """
    from PySide6 import QtCore

    # Qt's own messages (e.g. the offscreen platform's notices) go to the log file, not into the check lines.
    previous_handler = QtCore.qInstallMessageHandler(_log_qt_message)
    try:
        return _build_window(settings, work)
    finally:
        QtCore.qInstallMessageHandler(previous_handler)


def _build_window(settings: Any, work: Path) -> str:
    from PySide6 import QtCore
    from PySide6.QtGui import QGuiApplication, QIcon, QImage
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    try:
        gui_app = importlib.import_module("glacier_gui.gui.app")
    except ModuleNotFoundError as exc:
        if exc.name not in ("glacier_gui.gui", "glacier_gui.gui.app"):
            raise
        gui_app = None
    hook = getattr(gui_app, WINDOW_HOOK, None)
    if hook is not None:
        window = hook(settings, work)
        missing = ""
    else:
        window = QMainWindow()
        window.setWindowTitle(APP_DISPLAY_NAME)
        window.setWindowIcon(QIcon(str(resource_path("icon.png"))))
        missing = (
            "GUI module not present" if gui_app is None else f"glacier_gui.gui.app has no {WINDOW_HOOK}()"
        ) + ": built a bare QMainWindow instead; "
    for name in ("icon.png", "icon.ico"):  # .ico needs Qt's imageformats plugin: are the plugins bundled?
        if QImage(str(resource_path(name))).isNull():
            raise SmokeFailure(f"window: Qt cannot read {name} (image format plugins missing from the bundle?)")
    window.show()
    app.processEvents()
    picture = window.grab()
    size = f"{picture.width()}x{picture.height()}"
    row_count = getattr(getattr(window, "model", None), "rowCount", None)  # the status table, if it has one
    rows = f", {row_count()} rows" if callable(row_count) else ""
    window.close()
    window.deleteLater()
    app.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
    app.processEvents()
    if picture.isNull():
        raise SmokeFailure("window: the window could not be painted")
    detail = (
        f"{type(window).__name__} painted at {size}{rows} on Qt {QtCore.qVersion()} ({QGuiApplication.platformName()})"
    )
    if missing:
        raise _Warned(missing + detail)
    return detail


# ---- helpers -----------------------------------------------------------------------------------------------
def _settings(album: Path, endpoint: Any, work: Path) -> Any:
    from glacier_gui.core.demo import demo_settings

    return demo_settings(album, endpoint, work)


def _log_qt_message(mode: Any, context: Any, message: str) -> None:
    logging.getLogger("qt").info("%s", message)


def _close_log_files() -> None:
    """Detach and close the handlers setup_logging added (marked ``_glacier_gui``); leave any others alone."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_glacier_gui", False):
            root.removeHandler(handler)
            handler.close()


def _tolerant_output(out: TextIO) -> None:
    """A console in a legacy code page must not turn a Japanese unit name into a crash."""
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")
