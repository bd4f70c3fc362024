"""Every setting, declared once: its type, default, help text and validation.

Settings come from four layers, later ones winning: defaults < saved settings (``settings.json`` in the data
directory) < a ``--config FILE`` (JSON) < command-line flags.  The GUI edits a copy of a :class:`Settings` and
saves it through :func:`save_settings`; the CLI builds one with :func:`resolve_settings`.  Secrets never live
here: credentials come from boto3's own chain (profiles, SSO, environment) or the OS keyring.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from glacier_gui.core.atomic import atomic_write, private_folder
from glacier_gui.core.i18n import msg
from glacier_gui.core.paths import describe_os_error, make_writable_folder
from glacier_gui.core.setting_checks import (
    CREDENTIAL_SOURCES,
    DEFAULT_SKIP_FILES,
    DEFAULT_SKIP_FOLDERS,
    LANGUAGES,
    SCHEDULES,
    STORAGE_CLASSES,
    SYMLINK_CHOICES,
    check_bucket,
    check_bucket_album,
    check_bwlimit,
    check_concurrency,
    check_credential_source,
    check_endpoint,
    check_jpy_rate,
    check_language,
    check_level,
    check_outage_wait,
    check_pack_below,
    check_part_size,
    check_patterns,
    check_prefix,
    check_schedule,
    check_schedule_days,
    check_schedule_time,
    check_storage_class,
    check_symlinks,
    check_thumbnail_class,
    outage_wait_flag,
)
from glacier_gui.core.setting_checks import (
    SettingSpec as SettingSpec,  # re-exported: importers of the settings module find it here too
)
from glacier_gui.core.setting_checks import (
    setting_field as _setting,
)
from glacier_gui.core.textfmt import parse_size

SETTINGS_VERSION = 2  # of settings.json; read on load (see UPGRADES below)
DEFAULT_REGION = "us-east-1"
SETTINGS_FILE_NAME = "settings.json"

# Names a setting may not carry because they look like secrets: the settings file is plain text.
_SECRET_NAMES = re.compile(r"secret|password|access_key|session_token", re.IGNORECASE)


class SettingsError(ValueError):
    """A setting has a value we refuse; the message names the setting and says what is allowed."""


@dataclass
class Settings:
    """The user's settings.  Edit a copy, then :meth:`validate` before use or save."""

    album_root: str = _setting(
        "",
        "Album root",
        msg("The folder that holds the album, e.g. \\\\192.168.0.20\\10_Album"),
        cli_flag="--root",
        metavar="PATH",
    )
    bucket_album: str = _setting(
        "",
        "Album name in the backup",
        msg("The album's name in the bucket, the first part of every key (empty: the album folder's name)"),
        check_bucket_album,
        metavar="NAME",
    )
    level: int = _setting(2, "Level", msg("How many folder levels below the root make one backup unit"), check_level)
    skip_files: list[str] = _setting(
        DEFAULT_SKIP_FILES,
        "Skip files",
        msg("File names never uploaded (wildcards ok)"),
        check_patterns,
        cli_flag="--skip-file",
        metavar="PATTERN",
    )
    skip_folders: list[str] = _setting(
        DEFAULT_SKIP_FOLDERS,
        "Skip folders",
        msg("Folder names never scanned"),
        check_patterns,
        cli_flag="--skip-folder",
        metavar="PATTERN",
    )
    symlinks: str = _setting(
        "report",
        "Symbolic links",
        msg(
            "report: skip each link and list it in the scan summary and the log; follow: back up what it points to "
            "(inside a unit; loops are detected)"
        ),
        check_symlinks,
        metavar="MODE",
        choices=SYMLINK_CHOICES,
    )
    bucket: str = _setting("", "Bucket", msg("The S3 bucket that receives the backup"), check_bucket, metavar="NAME")
    prefix: str = _setting(
        "", "Key prefix", msg("Optional prefix for every key, e.g. backup/"), check_prefix, metavar="PREFIX"
    )
    region: str = _setting(
        "", "Region", msg("AWS region of the bucket (empty: from the AWS profile)"), metavar="REGION"
    )
    profile: str = _setting(
        "", "AWS profile", msg("Profile from ~/.aws/config (empty: default credential chain)"), metavar="PROFILE"
    )
    credential_source: str = _setting(
        "profile",
        "Credentials",
        msg("profile: the AWS config/profile chain; keyring: keys kept in the OS keyring"),
        check_credential_source,
        metavar="SOURCE",
        choices=CREDENTIAL_SOURCES,
    )
    endpoint_url: str = _setting(
        "", "Endpoint URL", msg("Only for S3-compatible services and tests"), check_endpoint, metavar="URL"
    )
    storage_class: str = _setting(
        "DEEP_ARCHIVE",
        "Storage class",
        msg("DEEP_ARCHIVE is cheapest to keep; STANDARD is the original's 'Glacier off'"),
        check_storage_class,
        metavar="CLASS",
        choices=STORAGE_CLASSES,
    )
    concurrency: int = _setting(
        8, "Concurrency", msg("Parts or files over 1 MiB sent at once (smaller: twice as many)"), check_concurrency
    )
    fetch_concurrency: int = _setting(
        8, "Download concurrency", msg("Restored files (or pieces of a big one) downloaded at once"), check_concurrency
    )
    part_size_mib: int = _setting(
        16,
        "Part size (MiB)",
        msg("Files larger than this are sent in parts of this size"),
        check_part_size,
        cli_flag="--part-size",
        metavar="MIB",
    )
    pack_below: int = _setting(
        0,
        "Pack files below (bytes)",
        msg("Bundle smaller files into tar volumes (0 = off, each photo its own object)"),
        check_pack_below,
        metavar="SIZE",
        parse=parse_size,
    )
    thumbnails: bool = _setting(
        True,
        "Make thumbnails for browsing",
        msg("Keep a small JPEG of every photo in one pack per unit, readable without a restore (about 15 KB a photo)"),
    )
    thumbnail_class: str = _setting(
        "STANDARD",
        "Thumbnail storage class",
        msg("Storage class of the thumbnail packs: STANDARD or GLACIER_IR (90-day minimum); never DEEP_ARCHIVE"),
        check_thumbnail_class,
        metavar="CLASS",
    )
    dry_run: bool = _setting(False, "Dry run", msg("Plan and report only; nothing is sent to S3"))
    outage_wait: str = _setting(
        "30m",
        "Wait for the network",
        msg("How long an upload waits for S3 when the network is down before it stops (30m, 20s, 1h; 0 = not at all)"),
        check_outage_wait,
        metavar="DURATION",
        parse=outage_wait_flag,
    )
    status_file: str = _setting(
        "", "status.csv", msg("Where status.csv lives (empty: in the data directory)"), metavar="PATH"
    )
    bwlimit: str = _setting(
        "",
        "Bandwidth limit",
        msg(
            "Upload at most this fast, all connections together, in rclone's --bwlimit syntax: 4M (MiB/s), 512k, "
            "or a timetable such as '08:00,1M 23:00,off' (empty or off: no limit)"
        ),
        check_bwlimit,
        metavar="RATE",
    )
    keep_awake: bool = _setting(
        True,
        "Keep the computer awake",
        msg("Keep the computer from sleeping while it scans, uploads or downloads (--no-keep-awake lets it sleep)"),
    )
    schedule: str = _setting(
        "off",
        "Back up automatically",
        msg("off, daily or weekly: when 'glacier-gui schedule register' makes the system run 'run' by itself"),
        check_schedule,
        metavar="WHEN",
        choices=SCHEDULES,
    )
    schedule_time: str = _setting(
        "02:00", "Backup time", msg("Time of day of the automatic backup (HH:MM)"), check_schedule_time, metavar="HH:MM"
    )
    schedule_days: str = _setting(
        "SUN",
        "Backup days",
        msg("Days of a weekly automatic backup, e.g. MON,THU"),
        check_schedule_days,
        metavar="DAYS",
    )
    language: str = _setting(
        "auto",
        "Language",
        msg("The window's language: auto (the system's), ja or en; the command line speaks English"),
        check_language,
        metavar="LANG",
        choices=LANGUAGES,
    )
    jpy_rate: float = _setting(
        0.0,
        "Yen per dollar",
        msg("Also show costs in yen at this rate, e.g. 150 (0 = dollars only)"),
        check_jpy_rate,
        metavar="YEN",
    )

    def validate(self) -> Settings:
        """Return self if every value is allowed; raise :class:`SettingsError` naming the first bad one."""
        for f in fields(self):
            spec: SettingSpec = f.metadata["spec"]
            value = getattr(self, f.name)
            if spec.check is not None and (reason := spec.check(value)) is not None:
                raise SettingsError(reason)
        if self.schedule == "weekly" and not self.schedule_day_list:
            raise SettingsError("a weekly schedule needs at least one day (schedule days, e.g. MON,THU)")
        return self

    def require_root(self) -> Path:
        """The album root as a Path; a clear error when it is unset or not a folder."""
        if not self.album_root:
            raise SettingsError("no album root is set: pass --root PATH or choose it in Settings")
        root = Path(self.album_root)
        if not root.is_dir():
            raise SettingsError(f"album root {self.album_root!r} is not a folder that can be opened")
        return root

    def require_bucket(self) -> str:
        if not self.bucket:
            raise SettingsError("no bucket is set: pass --bucket NAME or choose it in Settings")
        return self.bucket

    def status_path(self, data_dir: Path) -> Path:
        return Path(self.status_file) if self.status_file else data_dir / "status.csv"

    @property
    def schedule_day_list(self) -> tuple[str, ...]:
        """The weekly schedule's days as MON..SUN names (upper case, as written)."""
        return tuple(d.strip().upper() for d in self.schedule_days.split(",") if d.strip())

    @property
    def effective_region(self) -> str:
        """The region prices and requests use: the one set, else boto3's own default (``us-east-1``)."""
        return self.region or DEFAULT_REGION

    @property
    def thumbnail_target(self) -> str | None:
        """The class thumbnail packs go to, or None when the ``thumbnails`` setting is off."""
        return self.thumbnail_class if self.thumbnails else None

    @property
    def part_size(self) -> int:
        """The multipart part size (and threshold) in bytes."""
        return self.part_size_mib * 2**20

    @property
    def root_name(self) -> str:
        """The album's name in the bucket, the first part of every key (the original's ``test/a``): the
        ``bucket_album`` setting, else the album root's own folder name (as before that setting existed)."""
        return self.bucket_album or album_root_name(self.album_root)

    def with_album_name(self) -> Settings:
        """These settings with the album's name in the bucket written down: the folder's name at first set-up
        (when no name is set yet), so a later move to a folder with another name keeps the same archive."""
        if self.bucket_album or not self.album_root:
            return self
        return replace(self, bucket_album=album_root_name(self.album_root))


def album_root_name(album_root: str) -> str:
    """Last component of a local or UNC path, whichever separator it uses (``\\\\nas\\10_Album`` -> ``10_Album``)."""
    parts = [p for p in re.split(r"[\\/]+", album_root.strip()) if p not in ("", ".")]
    return parts[-1] if parts else ""


def setting_specs() -> dict[str, SettingSpec]:
    """Name -> spec for every setting, in declaration order (the GUI builds its form from this)."""
    return {f.name: f.metadata["spec"] for f in fields(Settings)}


def default_data_dir() -> Path:
    """Per-user folder for settings, logs, journals and (by default) status.csv."""
    env = os.environ.get("GLACIER_GUI_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir("glacier_gui", appauthor=False, roaming=True))


def check_data_dir(data_dir: Path) -> Path:
    """*data_dir*, created if missing; :class:`SettingsError` naming it when it cannot hold the app's files
    (it is a file, a folder on the way is a file, or it cannot be created or written)."""
    if data_dir.exists() and not data_dir.is_dir():
        raise SettingsError(
            msg(
                "the data folder {path} is a file, not a folder: move it away or choose another with --data-dir DIR",
                path=str(data_dir),
            )
        )
    try:
        make_writable_folder(private_folder(data_dir))
    except OSError as exc:
        raise SettingsError(
            msg(
                "the data folder {path} cannot be used ({reason}): choose another with --data-dir DIR",
                path=str(data_dir),
                reason=describe_os_error(exc),
            )
        ) from None
    return data_dir


# Settings that no longer exist, still found in older files: read and dropped.  ``allow_overwrite`` went with
# issue 21: the bucket is write-once, a changed file is kept beside the old one (``core/upload/plan.py``).
RETIRED = frozenset({"allow_overwrite"})


def settings_from_mapping(
    values: Mapping[str, Any], base: Settings | None = None, source: str = "settings"
) -> Settings:
    """Overlay known keys of *values* on *base*, coercing types; unknown or secret-looking keys are refused."""
    known = {f.name: f for f in fields(Settings)}
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("version",) or name in RETIRED:
            continue
        if _SECRET_NAMES.search(name):
            raise SettingsError(f"{source}: {name!r} looks like a secret; keep keys in the AWS profile or keyring")
        if name not in known:
            raise SettingsError(f"{source}: unknown setting {name!r} (known: {', '.join(known)})")
        changes[name] = _coerce(name, value, type(getattr(Settings(), name)), source)
    return replace(base or Settings(), **changes)


def _coerce(name: str, value: Any, kind: type, source: str) -> Any:
    try:
        if kind is bool:
            if isinstance(value, str):
                if value.lower() in ("1", "true", "yes", "on"):
                    return True
                if value.lower() in ("0", "false", "no", "off", ""):
                    return False
                raise ValueError(value)
            return bool(value)
        if kind is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if kind is float:
            if isinstance(value, bool):
                raise ValueError(value)
            number = float(value)
            if not math.isfinite(number):
                raise ValueError(value)
            return number
        if kind is list:
            if isinstance(value, str):
                return [v.strip() for v in value.split(",") if v.strip()]
            return [str(v) for v in value]
        return str(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{source}: {name} = {value!r} is not a valid {kind.__name__}") from None


def load_settings_file(path: Path, base: Settings | None = None) -> Settings:
    """Read a JSON settings/config file; a clear :class:`SettingsError` if it is unreadable or malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise SettingsError(f"config file {str(path)!r} does not exist") from None
    except (OSError, ValueError) as exc:
        raise SettingsError(f"config file {str(path)!r} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise SettingsError(f"config file {str(path)!r} must hold a JSON object of settings")
    return settings_from_mapping(upgrade_settings(data, str(path)), base, source=str(path))


# ---- the settings file's version -----------------------------------------------------------------------
# As MusicBrainz Picard's config_upgrade.py: each version that changes the file's meaning (a setting renamed,
# split, or its unit changed) adds a hook here and raises SETTINGS_VERSION.  A file is upgraded in memory on
# every read, hook by hook from its own version; the next save writes the current version.


def _upgrade_to_1(values: dict[str, Any]) -> dict[str, Any]:
    """Version 0 is a file without a ``version`` key (written by hand, or a ``--config`` file): its names are
    version 1's names, so only the key is added."""
    return values


def _upgrade_to_2(values: dict[str, Any]) -> dict[str, Any]:
    """Version 2 keeps the album's name in the bucket apart from the folder (``bucket_album``).  A file from
    before it named the album by its folder: that name is written down, so renaming or moving the folder
    later keeps backing up into the same archive."""
    if not values.get("bucket_album") and values.get("album_root"):
        values["bucket_album"] = album_root_name(str(values["album_root"]))
    return values


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _upgrade_to_1, 2: _upgrade_to_2}
"""Version -> the hook that brings a mapping of the version before up to it."""


def upgrade_settings(values: Mapping[str, Any], source: str = "settings") -> dict[str, Any]:
    """*values* as the current :data:`SETTINGS_VERSION` reads them, running each upgrade hook in order.

    Raises :class:`SettingsError` for a file written by a newer version of the app, whose settings this one
    might misread, and for a version that is not a whole number.
    """
    upgraded = dict(values)
    version = upgraded.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise SettingsError(f"{source}: version = {version!r} is not a settings version (a whole number)")
    if version > SETTINGS_VERSION:
        raise SettingsError(
            f"{source} was saved by a newer glacier_gui (settings version {version}; this one reads up to "
            f"{SETTINGS_VERSION}): update the app, or move the file away to start again from the defaults"
        )
    for target in range(version + 1, SETTINGS_VERSION + 1):
        upgraded = UPGRADES[target](upgraded)
        upgraded["version"] = target
    return upgraded


def load_saved_settings(data_dir: Path) -> Settings:
    """The settings saved in *data_dir* (upgraded from an older version), or the defaults when there are none."""
    path = data_dir / SETTINGS_FILE_NAME
    return load_settings_file(path) if path.exists() else Settings()


def has_saved_settings(data_dir: Path) -> bool:
    return (data_dir / SETTINGS_FILE_NAME).exists()


def save_settings(settings: Settings, data_dir: Path) -> Path:
    """Validate and write *settings* atomically to ``settings.json`` in *data_dir*."""
    settings.validate()
    path = data_dir / SETTINGS_FILE_NAME
    payload = {"version": SETTINGS_VERSION, **dataclasses.asdict(settings)}
    atomic_write(path, json.dumps(payload, ensure_ascii=False, indent=2), backup=_newer_version_copy(path))
    return path


def _newer_version_copy(path: Path) -> Path | None:
    """Where to keep a settings file saved by a newer version before this one replaces it (None: no such file).

    Loading refuses such a file, so the GUI starts from the defaults; saving those must not destroy the
    newer version's settings: they stay next to it as ``settings.v<N>.json``.
    """
    try:
        version = json.loads(path.read_text(encoding="utf-8-sig")).get("version", 0)
    except (OSError, ValueError, AttributeError):
        return None
    if isinstance(version, int) and not isinstance(version, bool) and version > SETTINGS_VERSION:
        return path.with_name(f"{path.stem}.v{version}{path.suffix}")
    return None


def resolve_settings(data_dir: Path, config: Path | None, overrides: Mapping[str, Any]) -> Settings:
    """Defaults < saved settings < config file < *overrides* (flags that were given), validated."""
    settings = load_saved_settings(data_dir)
    if config is not None:
        settings = load_settings_file(config, settings)
    settings = settings_from_mapping({k: v for k, v in overrides.items() if v is not None}, settings, "command line")
    return settings.validate()
