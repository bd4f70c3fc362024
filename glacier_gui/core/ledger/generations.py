"""A unit's manifest history: write-once generations that chain, and this computer's record of the ones it wrote.

The bucket never has an object replaced (every write carries ``If-None-Match: *``), so a unit's manifest is not
one object rewritten at each upload but a series of *generations*, one per upload that changed something:

* generation 0 is ``.../manifests/<unit>.json``: the first upload's (and the single manifest of the versions
  before the chain, read as is);
* generation *n* >= 1 is ``.../manifests/<unit>.json@<n, 6 digits or more>``; its JSON names its own number and
  the key and SHA-256 (hex, of the object's bytes) of the generation it follows.

A generation *chains* when it can be followed back to the first one with every SHA-256 matching; the newest that
chains is the unit's state.  A generation that does not chain (an emptied or forged manifest, a copy of another
unit's, one written over) is flagged by verify and never used by a restore.  A forged newest generation that
names its predecessor correctly does chain: only something kept off this computer (the record below, or the
dates the family remembers) can tell it apart, which is why a restore can pick an earlier generation
(:meth:`History.as_of`).

This module decides on data only; reading the generations from the bucket is ``core/s3/history.py``.  Each
computer keeps ``<data>/manifests/<unit>.generations.json``: the key and SHA-256 of each generation it wrote,
which verify compares with the bucket's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from glacier_gui.core.album.scan import nfc
from glacier_gui.core.atomic import atomic_write
from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.manifest import Manifest, unit_file_stem

SEPARATOR = "@"
_SEQ = re.compile(r"[0-9]{6,}")


# ---- keys ---------------------------------------------------------------------------------------------------
def generation_key(manifest_key: str, seq: int) -> str:
    """The key of generation *seq* of the manifest at *manifest_key* (0: the key itself)."""
    return manifest_key if seq == 0 else f"{manifest_key}{SEPARATOR}{seq:06d}"


def generation_seq(manifest_key: str, key: str) -> int | None:
    """*key*'s generation number if it is a generation of *manifest_key* (another unit's key: None)."""
    if key == manifest_key:
        return 0
    rest = key[len(manifest_key) :] if key.startswith(manifest_key + SEPARATOR) else ""
    return int(rest[1:]) if _SEQ.fullmatch(rest[1:]) else None


def unit_of_key(prefix: str, key: str, suffix: str = ".json") -> str | None:
    """The unit a key under *prefix* (``<unit><suffix>`` or ``<unit><suffix>@<n>``) belongs to; None: not one."""
    name = key[len(prefix) :] if key.startswith(prefix) else ""
    if name.endswith(suffix):
        return name[: -len(suffix)] or None
    base, sep, seq = name.rpartition(suffix + SEPARATOR)
    return base if sep and base and _SEQ.fullmatch(seq) else None


# ---- the chain ----------------------------------------------------------------------------------------------
@dataclass
class Generation:
    """One generation as the bucket holds it."""

    key: str
    seq: int
    modified: datetime | None = None  # S3's LastModified (set by S3, not by whoever wrote the object)
    sha256: str = ""  # hex of the object's bytes ("" when it could not be read)
    manifest: Manifest | None = None
    error: str = ""  # why it could not be read
    chains: bool = False
    why: str = ""  # why it does not chain
    current: bool = False  # on the path from the unit's state back to the first generation

    @property
    def files(self) -> int:
        return len(self.manifest.files) if self.manifest is not None else 0

    @property
    def size(self) -> int:
        return self.manifest.total_size if self.manifest is not None else 0


@dataclass
class History:
    """A unit's generations (oldest first), which of them chain, and the unit's state: the newest that chains."""

    unit: str
    generations: list[Generation] = field(default_factory=list)

    @property
    def head(self) -> Generation | None:
        chained = [g for g in self.generations if g.chains]
        return chained[-1] if chained else None

    @property
    def broken(self) -> list[Generation]:
        """Generations that do not chain, or chain beside the unit's state (a fork): never used by a restore."""
        return [g for g in self.generations if not g.current]

    def as_of(self, when: datetime) -> Generation | None:
        """The newest generation of the unit's chain that S3 stored at or before *when* (None: none was)."""
        found = None
        for g in self.generations:
            if g.current and g.modified is not None and g.modified <= when:
                found = g
        return found


def resolve(unit: str, generations: list[Generation]) -> History:
    """Decide which generations chain (sets ``chains``, ``why``, ``current``); oldest first."""
    history = History(unit, sorted(generations, key=lambda g: g.seq))
    by_key = {g.key: g for g in history.generations}
    for n, g in enumerate(history.generations):
        g.chains, g.why = _chains(unit, g, by_key, any(e.chains for e in history.generations[:n]))
    head = history.head
    while head is not None:
        head.current = True
        head = by_key.get(head.manifest.previous_key) if head.manifest and head.manifest.previous_key else None
    for g in history.generations:
        if g.chains and not g.current:
            g.why = msg("it chains, but a newer generation follows the same one (two histories)")
    return history


def _chains(unit: str, g: Generation, by_key: dict[str, Generation], after_chain: bool) -> tuple[bool, str]:
    """Does *g* chain (*after_chain*: an earlier generation does, so *g* must follow one)?"""
    m = g.manifest
    if m is None:
        return False, g.error or msg("it cannot be read")
    if nfc(m.unit) != nfc(unit):
        return False, msg("it is the manifest of another unit ({other})", other=m.unit)
    if g.seq == 0:
        return True, ""
    if m.generation != g.seq:
        return False, msg(
            "it calls itself generation {n}, but is stored as generation {seq}", n=m.generation, seq=g.seq
        )
    if not m.previous_key:
        if not after_chain:
            return True, ""  # the first of a chain
        return False, msg("it names no earlier generation, though there are earlier ones")
    before = by_key.get(m.previous_key)
    if before is None or before.seq >= g.seq:
        return False, msg("the generation it follows ({key}) is not in the bucket", key=m.previous_key)
    if not before.chains:
        return False, msg("it follows generation {n}, which does not chain", n=before.seq)
    if before.sha256 != m.previous_sha256:
        return False, msg("generation {n} is not the one it followed (its SHA-256 differs)", n=before.seq)
    return True, ""


# ---- what this computer wrote -------------------------------------------------------------------------------
def record_path(data_dir: Path, bucket: str, prefix: str, root_name: str, unit: str) -> Path:
    return data_dir / "manifests" / f"{unit_file_stem(bucket, prefix, root_name, unit)}.generations.json"


def written_here(path: Path) -> dict[str, str]:
    """Key -> SHA-256 of every generation this computer wrote for the unit, oldest first (empty: none)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return {str(e["key"]): str(e["sha256"]) for e in doc.get("written", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def record_written(path: Path, key: str, sha256: str, when: str) -> None:
    """Add a generation this computer has just written (atomic: a crash leaves the old record)."""
    entries = [{"key": k, "sha256": v} for k, v in written_here(path).items() if k != key]
    entries.append({"key": key, "sha256": sha256, "written": when})
    atomic_write(path, json.dumps({"written": entries}, ensure_ascii=False, indent=1))
