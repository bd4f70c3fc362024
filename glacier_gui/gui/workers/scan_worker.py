"""Scanning: the album into a status table (a long job, with counters the window polls), and the settings
dialog's level preview (a single call for ``run_task``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from glacier_gui.core.album.root import RootUnreadable
from glacier_gui.core.album.scan import ScanProgress, scan_album
from glacier_gui.core.i18n import message_of
from glacier_gui.core.ledger.status import StatusTable
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from glacier_gui.core.upload.backup import ScanSummary
from glacier_gui.gui.workers.base import Worker


@dataclass
class ScanOutcome:
    summary: ScanSummary | None  # None when the album root could not be read
    table: StatusTable  # the merged copy that replaces the window's table
    save_problem: str | None  # set when status.csv was locked (the change waits in the pending file)
    root_problem: str = ""  # the album root cannot be read (NAS off?): nothing was merged or saved


class ScanWorker(Worker):
    """Scan the album and merge into a *copy* of the table, then save it.

    The copy keeps the model's rows untouched while the scan adds and re-sorts rows in another thread; the
    window swaps the copy in when ``finished`` arrives.  ``progress`` is not emitted: the window polls
    :attr:`scan_progress` (plain counters) from its timer.
    """

    name = "scan"

    def __init__(self, settings: Settings, table: StatusTable) -> None:
        super().__init__()
        self.settings = settings
        with table.lock:
            self.table = StatusTable(
                table.path, [replace(r, approx=dict(r.approx)) for r in table.rows], table.fallback_dir
            )
        self.scan_progress = ScanProgress()

    def _progress(self, progress: ScanProgress) -> None:
        self.scan_progress = progress

    def work(self) -> ScanOutcome:
        try:
            summary = backup.scan_into(self.settings, self.table, self._progress, self.cancel_token)
        except RootUnreadable as exc:  # the NAS is off: no row may change, the window says so in a banner
            return ScanOutcome(None, self.table, None, message_of(exc))
        problem = backup.save_table(self.table)
        return ScanOutcome(summary, self.table, problem)


@dataclass
class LevelPreview:
    level: int
    units: int
    example: str
    loose: int  # folders whose own files sit above the unit level


def level_preview(settings: Settings, cancel: CancelToken | None = None) -> LevelPreview:
    """Count the units a root and level would give (the settings dialog's live preview)."""
    root = Path(settings.require_root())
    result = scan_album(root, settings.level, backup.skip_rules(settings), None, cancel)
    proper = [u for u in result.units if not u.loose]
    example = proper[-1].key if proper else (result.units[-1].key if result.units else "")
    return LevelPreview(settings.level, len(result.units), example, len(result.units) - len(proper))
