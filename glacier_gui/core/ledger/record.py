"""The app's own exact record of every unit: status.csv is the user's view, this is the app's memory.

status.csv goes through spreadsheets, and spreadsheets round: a time loses its microseconds, a size of 12 digits
becomes ``1.23457E+11``.  The record keeps, for each unit, every value as the app last wrote it (counts and
sizes as whole numbers, times to the microsecond), in the data folder beside nothing the user opens.  It is
written by the one writer of status.csv (core/ledger/status.py), atomically, after every save, with a digest of
the bytes it saved.

When status.csv is read back, a cell that still shows the recorded value at its own precision is taken from
the record (a rounded time or size never overwrites the exact value and never looks like a change); a cell
that shows something else came from elsewhere (another computer's file) and is taken as it reads.  The
``status`` column is the user's: it is always read from status.csv.

A record that is missing or unreadable is no error: status.csv is then read on its own (core/ledger/cells.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glacier_gui.core.atomic import atomic_write
from glacier_gui.core.paths import describe_os_error, display, stand_in

log = logging.getLogger(__name__)

RECORD_VERSION = 1
Values = dict[str, "int | str | None"]


@dataclass
class UnitRecord:
    """Every unit's exact values, and the digest of the status.csv bytes saved with them."""

    units: dict[str, Values] = field(default_factory=dict)
    digest: str = ""

    def matches(self, payload: bytes) -> bool:
        """Whether *payload* is the very file saved with this record (nobody changed it since)."""
        return bool(self.digest) and self.digest == digest_of(payload)


def digest_of(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def record_path(status_path: Path, data_dir: Path) -> Path:
    """The record of *status_path* in the data folder (one per status.csv, named after its full path)."""
    return stand_in(status_path, data_dir, ".record.json")


def load_record(path: Path) -> UnitRecord | None:
    """The record at *path*; None when there is none, or it cannot be read (logged: status.csv then reads alone)."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        why = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        log.warning("the exact record %s cannot be read (%s); status.csv is read on its own", display(path), why)
        return None
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION or not isinstance(data.get("units"), dict):
        log.warning("the exact record %s is not one this version wrote; status.csv is read on its own", display(path))
        return None
    columns = data.get("columns")
    if not isinstance(columns, list):
        log.warning("the exact record %s has no column list; status.csv is read on its own", display(path))
        return None
    units = {
        str(k): dict(zip(columns, v, strict=True))
        for k, v in data["units"].items()
        if isinstance(v, list) and len(v) == len(columns)
    }
    return UnitRecord(units, str(data.get("digest", "")))


def save_record(
    path: Path, columns: Sequence[str], units: Mapping[str, Sequence[int | str | None]], payload: bytes
) -> None:
    """Write the record atomically: the column names once, then each unit's values in that order.  A failure
    is logged, never raised (status.csv itself is saved)."""
    body = {"version": RECORD_VERSION, "digest": digest_of(payload), "columns": list(columns), "units": units}
    try:
        atomic_write(path, json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except OSError as exc:
        log.warning("the exact record %s cannot be written: %s", display(path), describe_os_error(exc))
