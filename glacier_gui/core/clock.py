"""Every clock reading and time text of the app, in one place.

Two kinds of time text exist, and they must never mix:

* **ISO 8601 UTC** to the second (``2024-05-01T12:30:00+00:00``): manifests, restore jobs, anything compared
  across machines or read back by this app.  A datetime or text without a zone is taken as UTC (S3's HTTP
  dates with ``-0000`` parse that way, and so do hand-edited job files).
* **status.csv's local time** as the original script wrote it (``2022-05-09 23:20:12.345128``), naive local
  time because the user reads and edits it in Excel; :func:`parse_time` also reads what Excel makes of it.
"""

from __future__ import annotations

from datetime import UTC, datetime

TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # as the original wrote it: 2022-05-09 23:20:12.345128


def utc_now() -> datetime:
    """Now, aware, in UTC: the one clock reading of the core (tests may patch it here)."""
    return datetime.now(UTC)


def iso_utc(value: datetime) -> str:
    """*value* as ISO 8601 UTC text to the second; a naive *value* is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime | None:
    """ISO 8601 text as an aware datetime (UTC when the text has no zone); None when empty or not a time."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def format_time(value: datetime | None) -> str:
    """status.csv's local-time text; an aware *value* is shown in the computer's own zone first."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.strftime(TIME_FORMAT)


def parse_time(text: str) -> datetime | None:
    """status.csv's local-time text (ours, the original's, or Excel's rewrite of it) as a naive datetime."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)  # what we and the original write
    except ValueError:
        pass
    import pandas as pd  # only for Excel's forms; it costs 0.2 s to import

    try:  # what Excel may have made of it: "2022/5/9 23:20"
        parsed: datetime = pd.Timestamp(text).to_pydatetime()
        return parsed
    except (ValueError, TypeError):
        return None
