"""What each setting may hold: one check per setting, each returning the reason in the user's words (or None),
and the declaration (:class:`SettingSpec`) that ties a check to its setting, label, help and flag.

The checks and the choices they allow live apart from :mod:`glacier_gui.core.settings`, which declares the
settings themselves, so that module stays one declaration per setting that reads in one sitting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from glacier_gui.core.bwlimit import BwLimitError, parse_bwlimit
from glacier_gui.core.i18n import msg

STORAGE_CLASSES = (
    "DEEP_ARCHIVE",
    "GLACIER",
    "GLACIER_IR",
    "STANDARD",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
)
# The window's language: "auto" follows the system (Japanese on a Japanese Windows), else the one chosen.
LANGUAGES = ("auto", "ja", "en")
MAX_JPY_RATE = 10_000.0
# Where thumbnail packs may live: read without a restore.  DEEP_ARCHIVE and GLACIER are refused (browsing them
# would need the very restore the packs exist to avoid).
THUMBNAIL_CLASSES = ("STANDARD", "GLACIER_IR")
# "profile": boto3's chain (optionally a named profile); "keyring": keys kept in the OS credential store.
CREDENTIAL_SOURCES = ("profile", "keyring")
DEFAULT_SKIP_FILES = ("Thumbs.db", "desktop.ini", ".DS_Store", "._*", "~$*", "*.tmp")
DEFAULT_SKIP_FOLDERS = ("@eaDir", "#recycle", "#snapshot", "$RECYCLE.BIN", "System Volume Information", ".Trash-*")

SCHEDULES = ("off", "daily", "weekly")
WEEKDAY_NAMES = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")

BUCKET_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")


@dataclass(frozen=True)
class SettingSpec:
    """Metadata of one setting: what the GUI labels it, how it is checked, and its command-line flag."""

    label: str
    help: str
    check: Callable[[Any], str | None] | None = None
    cli_flag: str | None = None
    """The flag that sets it on the command line; None: ``--`` and the name with dashes (``--bucket``)."""
    metavar: str | None = None
    """What the flag's value is called in ``--help`` (PATH, NAME, ...); None: named after the type."""
    choices: tuple[str, ...] = ()
    """The only values the flag accepts (the check still has the last word)."""
    parse: Callable[[str], Any] | None = None
    """Turns the flag's text into the value when the field's own type cannot (sizes such as ``1MiB``)."""


def setting_field(
    default: Any,
    label: str,
    help: str,
    check: Callable[[Any], str | None] | None = None,
    cli_flag: str | None = None,
    *,
    metavar: str | None = None,
    choices: tuple[str, ...] = (),
    parse: Callable[[str], Any] | None = None,
) -> Any:
    spec = SettingSpec(label, help, check, cli_flag, metavar, choices, parse)
    if isinstance(default, list | tuple):
        return field(default_factory=lambda: list(default), metadata={"spec": spec})
    return field(default=default, metadata={"spec": spec})


def check_level(value: int) -> str | None:
    return None if 1 <= value <= 8 else msg("level must be between 1 and 8 (1 = each folder under the root)")


def check_bucket(value: str) -> str | None:
    if value == "" or BUCKET_NAME_RE.match(value):
        return None
    return msg(
        "bucket {value!r} is not a valid S3 bucket name (3-63 lower-case letters, digits, '.', '-')", value=value
    )


def check_prefix(value: str) -> str | None:
    if value.startswith("/") or "\\" in value or "//" in value:
        return msg("prefix must use '/' between parts and must not start with '/'")
    return None


def check_bucket_album(value: str) -> str | None:
    """The album's name in the bucket is one folder name: the first part of every key (``10_Album``)."""
    if value == "":
        return None
    if "/" in value or "\\" in value or value.strip(". ") == "" or any(ord(c) < 32 for c in value):
        return msg(
            "the album name in the backup {value!r} must be one folder name (no '/' or '\\', not '.' or '..')",
            value=value,
        )
    return None


def check_storage_class(value: str) -> str | None:
    return None if value in STORAGE_CLASSES else f"storage class must be one of {', '.join(STORAGE_CLASSES)}"


def check_concurrency(value: int) -> str | None:
    return None if 1 <= value <= 64 else msg("concurrency must be between 1 and 64")


def check_part_size(value: int) -> str | None:
    return None if 5 <= value <= 512 else msg("part size must be between 5 and 512 MiB")


# Amazon's own S3 hosts: keys and photos never travel to them in clear text.
AWS_HOST_SUFFIXES = (".amazonaws.com", ".amazonaws.com.cn", ".api.aws")


def check_endpoint(value: str) -> str | None:
    """An S3-compatible endpoint: https://, or http:// for this computer (loopback) and hosts that are not AWS
    (a NAS's MinIO on the home network); never http:// to AWS, where the requests would cross the internet in
    clear text."""
    if value == "":
        return None
    if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        return msg("endpoint URL {value!r} must start with http:// or https://", value=value)
    try:
        parsed = urlsplit(value)
        host = (parsed.hostname or "").lower().rstrip(".")
    except ValueError:  # a broken [IPv6] or port
        return msg("endpoint URL {value!r} is not a valid URL", value=value)
    if parsed.scheme.lower() == "http" and (host == "amazonaws.com" or host.endswith(AWS_HOST_SUFFIXES)):
        return msg(
            "endpoint URL {value!r} is an AWS host over http://: requests would cross the internet unencrypted; "
            "use https:// (or leave the endpoint empty for AWS)",
            value=value,
        )
    return None


def check_patterns(value: list[str]) -> str | None:
    bad = [p for p in value if not p.strip() or "/" in p or "\\" in p]
    return msg("skip patterns are single names (wildcards * ? allowed), not paths: {bad}", bad=bad) if bad else None


SYMLINK_CHOICES = ("report", "follow")


def check_symlinks(value: str) -> str | None:
    return None if value in SYMLINK_CHOICES else f"symlinks must be one of {', '.join(SYMLINK_CHOICES)}"


def check_credential_source(value: str) -> str | None:
    return None if value in CREDENTIAL_SOURCES else f"credential source must be one of {', '.join(CREDENTIAL_SOURCES)}"


def check_pack_below(value: int) -> str | None:
    return None if 0 <= value <= 512 * 2**20 else msg("pack-below must be between 0 (off) and 512 MiB")


DURATION_RE = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


def parse_duration(text: str) -> float:
    """Seconds in a duration such as ``30m``, ``20s``, ``1h``, ``1h30m`` or ``0``; ValueError naming the format."""
    compact = str(text).strip().lower().replace(" ", "")
    if compact.isdigit():
        if int(compact) == 0:
            return 0.0
        raise ValueError(f"duration {text!r} needs a unit: e.g. 30m, 20s, 1h (or 0)")
    match = DURATION_RE.match(compact)
    if not compact or match is None:
        raise ValueError(f"duration {text!r} is not one such as 30m, 20s, 1h, 1h30m (or 0)")
    hours, minutes, secs = (int(g or 0) for g in match.groups())
    return float(hours * 3600 + minutes * 60 + secs)


def check_outage_wait(value: str) -> str | None:
    try:
        seconds = parse_duration(value)
    except ValueError as exc:
        return f"outage wait: {exc}"
    return None if seconds <= 7 * 86400 else msg("outage wait must be at most 7 days (168h)")


def outage_wait_flag(text: str) -> str:
    """``--outage-wait``: refused by argparse when it is not a duration; kept as written (``30m``)."""
    if (reason := check_outage_wait(text)) is not None:
        raise ValueError(reason)
    return text.strip()


def check_bwlimit(value: str) -> str | None:
    if not value.strip():
        return None
    try:
        parse_bwlimit(value)
    except BwLimitError as exc:
        return msg("bandwidth limit: {reason} (e.g. 4M, or a timetable such as 08:00,1M 23:00,off)", reason=str(exc))
    return None


def check_schedule(value: str) -> str | None:
    return None if value in SCHEDULES else f"schedule must be one of {', '.join(SCHEDULES)}"


def check_schedule_time(value: str) -> str | None:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
    if match and int(match[1]) <= 23 and int(match[2]) <= 59:
        return None
    return msg("schedule time {value!r} must be HH:MM, 24-hour (e.g. 02:30)", value=value)


def check_schedule_days(value: str) -> str | None:
    days = [d.strip().upper() for d in value.split(",") if d.strip()]
    bad = [d for d in days if d not in WEEKDAY_NAMES]
    if bad:
        return msg("schedule day {day!r} is not one of {days}", day=bad[0], days=",".join(WEEKDAY_NAMES))
    return None


def check_language(value: str) -> str | None:
    return None if value in LANGUAGES else f"language must be one of {', '.join(LANGUAGES)}"


def check_jpy_rate(value: float) -> str | None:
    if 0 <= value <= MAX_JPY_RATE:
        return None
    return msg("the yen rate must be between 0 (off) and {most:,.0f} yen per dollar", most=MAX_JPY_RATE)


def check_thumbnail_class(value: str) -> str | None:
    if value in THUMBNAIL_CLASSES:
        return None
    return (
        f"thumbnail class {value!r} is not offered: STANDARD (the default), or GLACIER_IR (cheaper to keep, but "
        "each pack is billed for at least 90 days, and a unit's pack is replaced whenever the unit is uploaded "
        "again); thumbnail packs are never DEEP_ARCHIVE or GLACIER: browsing them would need a restore"
    )
