"""The core's codes in the user's words, the core's messages in the user's language, and locale-aware figures.

The core speaks in codes (``Check_FileUpload``, ``Bulk``, ``DEEP_ARCHIVE``, ``storage-class``) because status.csv,
the CLI and S3 need them as they are; the window shows words.  Each function here looks its words up when it is
called (``QCoreApplication.translate("Texts", …)``), never at import time, so a language chosen after start-up
applies.  The tables hold only the English source, marked with ``QT_TRANSLATE_NOOP`` for lupdate.

:func:`core_text` translates a core message made with :func:`glacier_gui.core.i18n.msg` (its template is in the
catalogue's empty context) and leaves any other text as it is.

Dates, counts and sizes follow ``QLocale()`` (set by :mod:`glacier_gui.gui.i18n` with the language); costs are in
US dollars, with a yen figure beside them when the user set a rate.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale, QTime

from glacier_gui.core.i18n import Text
from glacier_gui.core.ledger.status import State
from glacier_gui.core.progress import TransferProgress
from glacier_gui.core.restore.job import FileState, ObjState
from glacier_gui.core.restore.request import REQUESTS_UNIT
from glacier_gui.core.textfmt import format_duration, format_size, format_usd

_STATES: dict[str, object] = {
    State.SYNCHRONIZED: QT_TRANSLATE_NOOP("Texts", "Synchronized"),
    State.CHECK: QT_TRANSLATE_NOOP("Texts", "New or changed"),
    State.CHECK_FILE_UPLOAD: QT_TRANSLATE_NOOP("Texts", "Upload unfinished"),
    State.CHECK_NOT_EXISTS: QT_TRANSLATE_NOOP("Texts", "Folder missing"),
    State.UPLOAD: QT_TRANSLATE_NOOP("Texts", "To upload"),
}

_PROBLEM_KINDS = {
    "missing": QT_TRANSLATE_NOOP("Texts", "missing in S3"),
    "size": QT_TRANSLATE_NOOP("Texts", "size differs"),
    "checksum": QT_TRANSLATE_NOOP("Texts", "checksum differs"),
    "storage-class": QT_TRANSLATE_NOOP("Texts", "wrong storage class"),
    "volume": QT_TRANSLATE_NOOP("Texts", "tar volume too short"),
}

_TIERS = {
    "Bulk": QT_TRANSLATE_NOOP("Texts", "Bulk (up to 48 hours)"),
    "Standard": QT_TRANSLATE_NOOP("Texts", "Standard (up to 12 hours)"),
    "Expedited": QT_TRANSLATE_NOOP("Texts", "Expedited (minutes)"),
}
_TIER_WORDS = {
    "Bulk": QT_TRANSLATE_NOOP("Texts", "Bulk"),
    "Standard": QT_TRANSLATE_NOOP("Texts", "Standard"),
    "Expedited": QT_TRANSLATE_NOOP("Texts", "Expedited"),
}
_TIER_CHOICES = {
    "Bulk": QT_TRANSLATE_NOOP("Texts", "Bulk: ready within 48 hours, cheapest"),
    "Standard": QT_TRANSLATE_NOOP("Texts", "Standard: ready within 12 hours"),
}

_STORAGE_CLASSES = {
    "DEEP_ARCHIVE": QT_TRANSLATE_NOOP("Texts", "Glacier Deep Archive"),
    "GLACIER": QT_TRANSLATE_NOOP("Texts", "Glacier Flexible Retrieval"),
    "GLACIER_IR": QT_TRANSLATE_NOOP("Texts", "Glacier Instant Retrieval"),
    "STANDARD": QT_TRANSLATE_NOOP("Texts", "S3 Standard"),
    "STANDARD_IA": QT_TRANSLATE_NOOP("Texts", "S3 Standard-IA"),
    "ONEZONE_IA": QT_TRANSLATE_NOOP("Texts", "S3 One Zone-IA"),
    "INTELLIGENT_TIERING": QT_TRANSLATE_NOOP("Texts", "S3 Intelligent-Tiering"),
}
_STORAGE_CLASS_NOTES = {
    "DEEP_ARCHIVE": QT_TRANSLATE_NOOP("Texts", "cheapest to keep; a restore takes up to 48 hours"),
    "GLACIER": QT_TRANSLATE_NOOP("Texts", "a restore takes minutes to 12 hours"),
    "GLACIER_IR": QT_TRANSLATE_NOOP("Texts", "readable at once; billed for 90 days at least"),
    "STANDARD": QT_TRANSLATE_NOOP("Texts", "the original script's 'Glacier off'; the dearest to keep"),
    "STANDARD_IA": QT_TRANSLATE_NOOP("Texts", "readable at once; billed for 30 days at least"),
    "ONEZONE_IA": QT_TRANSLATE_NOOP("Texts", "one data centre only"),
    "INTELLIGENT_TIERING": QT_TRANSLATE_NOOP("Texts", "S3 moves the files between tiers"),
}

_OBJECT_STATES = {
    ObjState.NOT_REQUESTED: QT_TRANSLATE_NOOP("Texts", "not requested"),
    ObjState.REQUESTED: QT_TRANSLATE_NOOP("Texts", "requested"),
    ObjState.IN_PROGRESS: QT_TRANSLATE_NOOP("Texts", "being restored"),
    ObjState.READY: QT_TRANSLATE_NOOP("Texts", "ready to download"),
    ObjState.EXPIRED: QT_TRANSLATE_NOOP("Texts", "restored copy expired"),
    ObjState.DOWNLOADED: QT_TRANSLATE_NOOP("Texts", "downloaded"),
    ObjState.FAILED: QT_TRANSLATE_NOOP("Texts", "failed"),
}
_FILE_STATES = {
    FileState.PENDING: QT_TRANSLATE_NOOP("Texts", "waiting"),
    FileState.DOWNLOADED: QT_TRANSLATE_NOOP("Texts", "downloaded and verified"),
    FileState.SKIPPED: QT_TRANSLATE_NOOP("Texts", "skipped (a different file is there)"),
    FileState.FAILED: QT_TRANSLATE_NOOP("Texts", "failed"),
}

_STATUS_FILTERS = {
    "all": QT_TRANSLATE_NOOP("Texts", "All units"),
    "attention": QT_TRANSLATE_NOOP("Texts", "Needs attention"),
    "marked": QT_TRANSLATE_NOOP("Texts", "To upload"),
    "synchronized": QT_TRANSLATE_NOOP("Texts", "Synchronized"),
    "unfinished": QT_TRANSLATE_NOOP("Texts", "Upload unfinished"),
    "missing": QT_TRANSLATE_NOOP("Texts", "Folder missing"),
}


def _word(table: Mapping[str, object], code: str) -> str:
    """The translated word for *code*, or the code itself when the app does not know it."""
    source = table.get(code)
    return QCoreApplication.translate("Texts", str(source)) if source is not None else code


# ---- codes ---------------------------------------------------------------------------------------------
def state_name(state: str) -> str:
    """A status.csv state in words: ``Check_FileUpload`` -> "Upload unfinished" (アップロード未完了)."""
    return _word(_STATES, str(state))


def archive_only_name() -> str:
    """A unit whose folder is not on this computer while its photos are in the backup (``Check_NotExists``)."""
    return QCoreApplication.translate("Texts", "Archive only (not on this PC)")


def state_tooltip(state: str, error: str = "", name: str | None = None) -> str:
    """The state in words (*name*, else the state's own), its name in status.csv, and the unit's last error."""
    text = QCoreApplication.translate("Texts", "{0} ({1} in status.csv)").format(name or state_name(state), state)
    return f"{text}\n{stored_text(error)}" if error else text


def problem_kind(kind: str) -> str:
    """A verify problem in words: ``storage-class`` -> "wrong storage class"."""
    return _word(_PROBLEM_KINDS, kind)


def tier_name(tier: str) -> str:
    """A restore tier in words: ``Bulk`` -> "Bulk (up to 48 hours)" (大容量（最大48時間）)."""
    return _word(_TIERS, tier)


def tier_word(tier: str) -> str:
    """A restore tier's name alone (大容量, 標準), for a sentence that says the hours itself."""
    return _word(_TIER_WORDS, tier)


def tier_choice(tier: str) -> str:
    """A restore tier as a choice in a list, with what it means for the user."""
    return _word(_TIER_CHOICES, tier) if tier in _TIER_CHOICES else tier_name(tier)


def storage_class_name(storage_class: str) -> str:
    """An S3 storage class in words: ``DEEP_ARCHIVE`` -> "Glacier Deep Archive"."""
    return _word(_STORAGE_CLASSES, storage_class)


def storage_class_choice(storage_class: str) -> str:
    """A storage class as a choice in a list: its name and what it means."""
    note = _STORAGE_CLASS_NOTES.get(storage_class)
    if note is None:
        return storage_class_name(storage_class)
    return QCoreApplication.translate("Texts", "{0} ({1})").format(
        storage_class_name(storage_class), QCoreApplication.translate("Texts", str(note))
    )


def object_state(state: str) -> str:
    """Where a restore job's S3 object stands, in words."""
    return _word(_OBJECT_STATES, state)


def file_state(state: str) -> str:
    """Where a restore job's file stands, in words."""
    return _word(_FILE_STATES, state)


def status_filter_name(key: str) -> str:
    """The status board's filter choices (``all``, ``attention``, …) in words."""
    return _word(_STATUS_FILTERS, key)


def stopped() -> str:
    """What a job that the user stopped reports."""
    return QCoreApplication.translate("Texts", "Stopped.")


def unexpected_error(error: object) -> str:
    """What the excepthook shows for an exception that escaped a slot."""
    return QCoreApplication.translate(
        "Texts", "Something went wrong inside the app: {0}\n\nThe details are in the log. Your status.csv is safe."
    ).format(error)


def settings_unreadable() -> str:
    """The title of the message shown when settings.json cannot be read at start-up."""
    return QCoreApplication.translate("Texts", "Saved settings cannot be read")


# ---- core messages -------------------------------------------------------------------------------------
def core_text(text: str) -> str:
    """A core message in the user's language: a :class:`Text` is looked up by its template in the catalogue's
    empty context and its parameters filled in (parameters that are Text themselves translated first); any
    other text is returned as it is.  A translation that does not fit its parameters falls back to English."""
    if not isinstance(text, Text):
        return text
    params = {name: core_text(value) if isinstance(value, Text) else value for name, value in text.params.items()}
    template = QCoreApplication.translate("", text.template)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return text.template.format(**params)


def stored_text(text: str) -> str:
    """A message read back from status.csv (``last_error``: plain English, its :class:`Text` lost on the way)
    in the user's language when it is one of the core's messages without parameters; else as it is."""
    if isinstance(text, Text) or not text:
        return core_text(text)
    return QCoreApplication.translate("", text)


# ---- figures -------------------------------------------------------------------------------------------
def number(value: int) -> str:
    """A count with the locale's grouping: ``12,345``."""
    return QLocale().toString(int(value))


def size(value: int) -> str:
    """A byte count with binary units and the locale's decimal point: ``1.5 GiB``; in Japanese the units
    Windows' Explorer shows for the same figures (``1.5 GB``), not the unfamiliar KiB/MiB."""
    text = format_size(value, QLocale().decimalPoint())
    return text.replace("iB", "B") if QLocale().language() == QLocale.Language.Japanese else text


def date_time(value: datetime | None) -> str:
    """A date and time in the locale's short form (``2022/05/09 23:20`` in Japanese); "–" for none.

    A time with a zone is shown in the computer's local time; a naive one (status.csv's) as it is."""
    if value is None:
        return "–"
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    moment = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def money(usd: float, jpy_rate: float = 0.0) -> str:
    """A cost in US dollars, and in yen too when *jpy_rate* (yen per dollar) is set: ``$2.02 (about ¥303)``."""
    text = format_usd(usd)
    if jpy_rate <= 0:
        return text
    yen = usd * jpy_rate
    yen_text = QLocale().toString(round(yen)) if abs(yen) >= 1 else QLocale().toString(yen, "f", 2)
    return QCoreApplication.translate("Texts", "{0} (about ¥{1})").format(text, yen_text)


# ---- sentences shared by several windows ---------------------------------------------------------------
def request_progress_line(progress: TransferProgress) -> str:
    """The request phase of a restore: "Requesting restores: 1,200 of 20,000, about 0:05:10 left" ("" before it
    started).  The dialog and the Restore jobs panel show it on the runner's timer."""
    snap = progress.snapshot()
    unit = snap.units.get(REQUESTS_UNIT)
    if unit is None:
        return ""
    eta = snap.eta_seconds
    line = QCoreApplication.translate("Texts", "Requesting restores: {0} of {1}, time left {2}").format(
        number(unit.files_done), number(unit.files_total), format_duration(eta) if eta is not None else "–"
    )
    return line + (f" — {core_text(snap.outage)}" if snap.outage else "")


def policy_copied(bucket: str, placeholder: str) -> str:
    """What the setup wizard says once the IAM policy for *bucket* is on the clipboard (no bucket chosen yet:
    the policy names *placeholder*, which the user replaces)."""
    if bucket:
        return QCoreApplication.translate("Texts", "Copied the policy for the bucket {0}.").format(bucket)
    return QCoreApplication.translate(
        "Texts", "Copied. Replace {0} with the name of your bucket (you choose it two pages on)."
    ).format(placeholder)
