"""What the window's parts share: settings, data dir, S3 client, status.csv with its lock, table and model.

Panels and dialogs receive the :class:`Session`, never the window (Vorta's provider injection): they read
what they need here, run their work on ``session.runner`` and speak to the user through the ``message`` and
``problem`` signals, which the window shows in its status bar and in a dialog.

The session is the one writer of its status.csv: it holds the OS lock (core/lock.py) while the file is open;
when another process holds it, the session is read-only and :attr:`read_only_reason` says why.  A scheduled run
that finds the lock held hands its backup to the window instead (gui/scheduled_run.py).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from glacier_gui.core.cost import PriceBook, load_prices
from glacier_gui.core.i18n import message_of
from glacier_gui.core.ledger.status import StatusFileError, StatusTable
from glacier_gui.core.lock import StatusInUse, StatusLock
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings, SettingsError, save_settings
from glacier_gui.core.upload import backup
from glacier_gui.gui.job_runner import JobRunner
from glacier_gui.gui.models.status_model import StatusModel
from glacier_gui.gui.texts import core_text

log = logging.getLogger(__name__)


class Session(QObject):
    """Settings, data dir, credentials, the S3 client cache, the status.csv lock, table and model, the runner.

    Signals: ``message(str, int)`` — a line for the status bar and how long to show it (ms, 0 = until
    replaced); ``problem(str, str)`` — a title and a message the user must see; ``tableReplaced()`` — a new
    table is in the model (scan, rebuild, settings); ``readOnlyChanged()`` — the lock was taken or lost;
    ``settingsChanged()`` — new settings were saved; ``rootProblemChanged()`` — the album root could not be
    read by the last scan, or can again (:attr:`root_problem`).
    """

    message = Signal(str, int)
    problem = Signal(str, str)
    tableReplaced = Signal()
    readOnlyChanged = Signal()
    settingsChanged = Signal()
    rootProblemChanged = Signal()

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        credentials: dict[str, str] | None = None,
        demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_dir = data_dir
        self.credentials = credentials
        self.demo = demo
        self.runner = JobRunner(self)
        self.status_lock: StatusLock | None = None
        self.read_only_reason = ""
        self.root_problem = ""  # why the last scan could not read the album root ("": it could)
        self._client: tuple[tuple[Any, ...], Any] | None = None  # (settings key, boto3 client), made once
        self._prices: PriceBook | None = None
        self.take_lock()
        self.table = self.open_table()
        self.model = StatusModel(self.table, self)
        self.model.editable = not self.read_only
        self.model.saveProblem.connect(lambda text: self.report(self.tr("status.csv is locked"), text))

    # ---- speaking to the user -----------------------------------------------------------------------
    def say(self, text: str, timeout_ms: int = 0) -> None:
        """A line for the status bar."""
        self.message.emit(text, timeout_ms)

    def report(self, title: str, text: str) -> None:
        """Something the user must see (the window shows it in a dialog, without blocking)."""
        log.warning("%s: %s", title, text)
        self.problem.emit(title, text)

    def set_root_problem(self, text: str) -> None:
        """The album root could not be read (the board shows *text* in a banner); "" when it could."""
        if text != self.root_problem:
            self.root_problem = text
            self.rootProblemChanged.emit()

    # ---- status.csv and its lock --------------------------------------------------------------------
    @property
    def status_path(self) -> Path:
        return self.settings.status_path(self.data_dir)

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def take_lock(self) -> None:
        """Become the one writer of the settings' status.csv; read-only (with the reason) if another has it."""
        self.release_lock()
        try:
            self.status_lock = StatusLock(self.status_path).acquire()
            self.read_only_reason = ""
        except (StatusInUse, OSError) as exc:
            self.read_only_reason = core_text(message_of(exc))  # the board says it in its banner and the log pane

    def release_lock(self) -> None:
        if self.status_lock is not None:
            self.status_lock.release()
            self.status_lock = None

    def retry_lock(self) -> bool:
        """Try again to become the writer (the other window or scheduled run may have ended); True if writable."""
        if self.read_only:
            self.take_lock()
            if not self.read_only:
                self.adopt_table(self.open_table())  # the other writer may have changed it
                log.info("status.csv is writable again")
            self._lock_changed()
        return not self.read_only

    def _lock_changed(self) -> None:
        self.model.editable = not self.read_only and not self.runner.busy
        self.readOnlyChanged.emit()

    def open_table(self) -> StatusTable:
        """status.csv as it is on disk (an empty table, and a problem for the user, if it cannot be read)."""
        try:
            return backup.open_status(self.settings, self.data_dir)
        except StatusFileError as exc:
            text = core_text(message_of(exc))
            # Deferred: while the session is being made, nobody listens yet.
            QTimer.singleShot(0, lambda: self.report(self.tr("status.csv cannot be read"), text))
            return StatusTable(self.status_path)

    def adopt_table(self, table: StatusTable) -> None:
        """Show *table* (after a scan, a rebuild, a settings change, or a benchmark's synthetic one)."""
        self.table = table
        self.model.set_table(table)
        # The rows are long-lived: move them (and everything loaded so far) out of the cyclic collector's
        # reach, so a full collection during an upload is not a 50-150 ms stall of the event loop.
        gc.freeze()
        self.tableReplaced.emit()

    # ---- settings -----------------------------------------------------------------------------------
    def apply_settings(self, new: Settings) -> bool:
        """Save *new* (the core's settings.json, shared with the CLI); move the lock and reload status.csv if the
        file, root or level changed.  False (and a problem for the user) when they cannot be saved."""
        new = new.with_album_name()
        try:
            save_settings(new, self.data_dir)
        except (SettingsError, OSError) as exc:
            self.report(self.tr("Settings not saved"), core_text(message_of(exc)))
            return False
        old, self.settings = self.settings, new
        log.info("%s", self.tr("Settings saved in {0}").format(self.data_dir))
        if old.status_path(self.data_dir) != self.status_path:
            self.take_lock()  # the old file is free for others now; this one is ours (or read-only)
            self._lock_changed()
        if (old.status_path(self.data_dir), old.album_root, old.level) != (self.status_path, new.album_root, new.level):
            self.adopt_table(self.open_table())
        self.settingsChanged.emit()
        self.prepare_client()
        return True

    # ---- what the window remembers (window.ini in the data folder) -----------------------------------
    def ui_state(self) -> QSettings:
        """The window's remembered choices (geometry, columns, the last restore folder): not settings.json."""
        return QSettings(str(self.data_dir / "window.ini"), QSettings.Format.IniFormat)

    def last_restore_dest(self) -> str:
        return str(self.ui_state().value("restore/dest", "") or "")

    def remember_restore_dest(self, dest: str) -> None:
        state = self.ui_state()
        state.setValue("restore/dest", dest)
        state.sync()

    # ---- S3 client and prices -----------------------------------------------------------------------
    def _client_key(self) -> tuple[Any, ...]:
        s = self.settings
        return (s.profile, s.credential_source, s.region, s.endpoint_url, s.concurrency)

    def cached_client(self) -> Any:
        """The S3 client made for the current settings, or None."""
        if self._client is not None and self._client[0] == self._client_key():
            return self._client[1]
        return None

    def remember_client(self, client: Any) -> None:
        """Keep *client* (made in a pool thread for the current settings) for later jobs."""
        self._client = (self._client_key(), client)

    def client_source(self) -> Callable[[], Any]:
        """For a pool thread: a callable giving the cached client, or a new one for the current settings."""
        cached, settings, credentials = self.cached_client(), self.settings, self.credentials
        return lambda: cached if cached is not None else make_client(settings, credentials=credentials)

    def prepare_client(self) -> None:
        """Make the S3 client in the background (one per settings), so an upload starts without a stall.

        botocore decodes its large S3 model as JSON in C, holding the GIL for tens of milliseconds; doing it
        once when the window opens keeps that stall out of an upload.
        """
        if not self.settings.bucket or self.cached_client() is not None:
            return
        key, make = self._client_key(), self.client_source()
        self.runner.run_task(
            make,
            lambda client: self._client_ready(key, client),
            lambda text: log.debug("S3 client not prepared: %s", text),
            name="prepare S3 client",
        )

    def _client_ready(self, key: tuple[Any, ...], client: Any) -> None:
        if key == self._client_key():
            self._client = (key, client)

    def prices(self) -> PriceBook:
        """The price book (read once); raises when the price file is broken."""
        if self._prices is None:
            self._prices = load_prices()
        return self._prices

    def shutdown(self, wait_ms: int = 30000) -> None:
        """Stop the long jobs, wait for the pool, and let others write status.csv."""
        self.runner.shutdown(wait_ms)
        self.release_lock()
