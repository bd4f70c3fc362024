"""The restore jobs table: one row per job in the data dir, from its head (:func:`list_job_heads`: no network,
and no reading of a 200,000-object job while its summary file is current).

Objects are counted by state (ready / in progress / not requested / downloaded / failed), files by how many are
downloaded; a job whose restored copy expires within two days while files are still waiting is drawn in red
with the reason in its tooltip.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from glacier_gui.core.clock import parse_iso
from glacier_gui.core.restore.job import FileState, JobHead, JobSummary, ObjState, RestoreJob, job_head
from glacier_gui.gui import texts
from glacier_gui.gui.colors import Tone, tone_color

(
    COL_JOB,
    COL_UNITS,
    COL_STATE,
    COL_READY,
    COL_IN_PROGRESS,
    COL_NOT_REQUESTED,
    COL_DOWNLOADED,
    COL_FAILED,
    COL_READY_BY,
    COL_EXPIRES,
    COL_FILES,
    COL_DEST,
) = range(12)


HEADERS = (
    QT_TRANSLATE_NOOP("JobsModel", "Restore job"),
    QT_TRANSLATE_NOOP("JobsModel", "Units"),
    QT_TRANSLATE_NOOP("JobsModel", "State"),
    QT_TRANSLATE_NOOP("JobsModel", "Ready"),
    QT_TRANSLATE_NOOP("JobsModel", "In progress"),
    QT_TRANSLATE_NOOP("JobsModel", "Not requested"),
    QT_TRANSLATE_NOOP("JobsModel", "Downloaded"),
    QT_TRANSLATE_NOOP("JobsModel", "Failed"),
    QT_TRANSLATE_NOOP("JobsModel", "Expected ready"),
    QT_TRANSLATE_NOOP("JobsModel", "Copy expires"),
    QT_TRANSLATE_NOOP("JobsModel", "Files"),
    QT_TRANSLATE_NOOP("JobsModel", "Destination"),
)

# Object states counted in each column (an expired copy has to be requested again: "not requested").
_COUNTED = {
    COL_READY: (ObjState.READY,),
    COL_IN_PROGRESS: (ObjState.REQUESTED, ObjState.IN_PROGRESS),
    COL_NOT_REQUESTED: (ObjState.NOT_REQUESTED, ObjState.EXPIRED),
    COL_DOWNLOADED: (ObjState.DOWNLOADED,),
    COL_FAILED: (ObjState.FAILED,),
}


def when(value: datetime | None) -> str:
    """A job's time in the locale's short form, in local time; "–" for none."""
    return texts.date_time(value) if value else "–"


class JobsModel(QAbstractTableModel):
    """Rows of :class:`JobHead` (a job's header and summary); :meth:`set_jobs` replaces the list."""

    JobRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.jobs: list[JobHead] = []
        self.summaries: list[JobSummary] = []

    def set_jobs(self, jobs: list[JobHead] | list[RestoreJob]) -> None:
        """Show *jobs* (heads, or whole jobs; newest first); the same jobs again only repaint their cells."""
        heads = [j if isinstance(j, JobHead) else job_head(j) for j in jobs]
        heads.sort(key=lambda j: (j.created, j.id), reverse=True)
        same = [j.id for j in heads] == [j.id for j in self.jobs]
        if not same:
            self.beginResetModel()
        self.jobs = heads
        self.summaries = [h.summary for h in heads]
        if same:
            if jobs:
                self.dataChanged.emit(self.index(0, 0), self.index(len(jobs) - 1, len(HEADERS) - 1))
        else:
            self.endResetModel()

    def job(self, row: int) -> JobHead:
        return self.jobs[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.jobs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return self.tr(str(HEADERS[section]))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.jobs):
            return None
        job, s = self.jobs[index.row()], self.summaries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, s, col)
        if role == self.JobRole:
            return job.id
        if role == Qt.ItemDataRole.ForegroundRole and s.expiry_near and col in (COL_EXPIRES, COL_STATE):
            return QBrush(tone_color(Tone.PROBLEM))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_FAILED and s.objects.get(ObjState.FAILED):
            return QBrush(tone_color(Tone.PROBLEM))
        if role == Qt.ItemDataRole.FontRole and s.expiry_near and col in (COL_EXPIRES, COL_STATE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (COL_UNITS, COL_STATE, COL_FILES, COL_DEST):  # cut short when the column is narrow: in full
                return f"{self._display(job, s, col)}\n\n{self._tooltip(job, s)}"
            return self._tooltip(job, s)
        if role == Qt.ItemDataRole.TextAlignmentRole and COL_READY <= col <= COL_FAILED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, job: JobHead, s: JobSummary, col: int) -> Any:
        if col == COL_JOB:
            created = parse_iso(job.created)
            return self.tr("{0} ({1}, {2} day(s))").format(when(created), texts.tier_word(job.tier), job.days)
        if col == COL_UNITS:
            return ", ".join(job.units)
        if col in _COUNTED:
            return texts.number(sum(s.objects.get(state, 0) for state in _COUNTED[col]))
        if col == COL_FILES:
            return self.tr("{0} of {1} downloaded ({2} of {3})").format(
                texts.number(s.files.get(FileState.DOWNLOADED, 0)),
                texts.number(s.files_total),
                texts.size(s.bytes_downloaded),
                texts.size(s.bytes_total),
            )
        if col == COL_READY_BY:
            return when(s.ready_by) if s.ready_by else "–"
        if col == COL_EXPIRES:
            return when(s.expiry) + (" ⚠" if s.expiry_near else "")
        if col == COL_STATE:
            return self._state_text(job, s)
        if col == COL_DEST:
            return job.dest
        return None

    def _state_text(self, job: JobHead, s: JobSummary) -> str:
        """One line on where the job stands and what to do next."""
        if s.expiry_near:
            return self.tr("Download now: the restored copy expires {0}").format(when(s.expiry))
        failed = s.files.get(FileState.FAILED, 0) + s.files.get(FileState.SKIPPED, 0)
        if s.done:
            if failed or s.stuck:
                return self.tr("Finished with problems: {0} file(s) not restored").format(
                    s.files_total - s.files.get(FileState.DOWNLOADED, 0)
                )
            return self.tr("Done: every file restored")
        if s.objects.get(ObjState.READY):
            return self.tr("Ready: download the files")
        if s.stuck:
            return self.tr("Needs attention: {0}").format(texts.core_text(s.stuck[0]))
        return self.tr("Waiting for S3")

    def _tooltip(self, job: JobHead, s: JobSummary) -> str:
        lines = [
            self.tr("Job {0}, tier {1}, restored copy kept {2} day(s); last checked with S3 {3}").format(
                job.id, texts.tier_name(job.tier), job.days, when(parse_iso(job.checked))
            )
        ]
        if s.expiry_near:
            lines.append(
                self.tr(
                    "The restored copy expires {0} and files are not downloaded yet: download them now, or "
                    "they must be restored (and paid for) again."
                ).format(when(s.expiry))
            )
        lines += [texts.core_text(line) for line in s.stuck[:5]]
        lines += [
            f"{relpath}: {texts.file_state(state)}: {texts.core_text(error)}" for relpath, state, error in job.problems
        ][:5]
        return "\n".join(lines)
