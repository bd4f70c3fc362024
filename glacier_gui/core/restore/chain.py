"""Verify's look at a unit's manifest history: does the bucket hold the generations this computer wrote, and do
they chain?  (The chain rules are ``core/ledger/generations.py``; the files themselves are checked by ``verify``.)

On the computer that made the backup, each generation in the bucket is compared with the record of the ones it
wrote (key and SHA-256): one it did not write, one of its own that is missing or altered, and one that does not
chain are problems.  A backup made before generations existed has no record: its local manifest's bytes stand for
the one generation it wrote.

From a new computer there is no record: every generation that does not chain is a problem, and the rest is shown
as the unit's history (date, number of files).  On either, a generation of the chain that no longer lists a file its
predecessor listed is a problem: an upload never drops a file (a photo deleted on the NAS stays in the manifest),
so an emptied or thinned manifest shows even when it chains.  Any other forged newest generation that chains
cannot be told apart from a new computer: the check says so, with the remedy (restore as of an earlier date).

A *recovery record* closes that gap: a small file (each unit's newest generation: key and SHA-256) that
``verify --save-record`` writes on the computer that made the backup and the family keeps off it (a USB stick, a
printout); ``verify --record`` on any computer checks that each recorded generation is still in the bucket,
unaltered and on the unit's chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glacier_gui.core.clock import format_time
from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.generations import History, record_path, written_here
from glacier_gui.core.ledger.manifest import local_manifest_path
from glacier_gui.core.s3.client import KeyLayout
from glacier_gui.core.s3.history import read_history

RECORD_FORMAT = "glacier_gui-recovery-record"


@dataclass
class GenerationRow:
    """One line of a unit's history, as verify shows it."""

    generation: int
    key: str
    stored: str  # when S3 stored it (local time, as the app shows times)
    files: int
    size: int
    chains: bool
    current: bool  # on the unit's chain (the newest that chains, and the ones it follows)
    here: bool  # written by this computer
    why: str = ""
    sha256: str = ""  # of the generation's bytes


@dataclass
class ChainCheck:
    rows: list[GenerationRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    note: str = ""  # not a failure: what this check cannot know


def check_chain(
    client: Any, bucket: str, layout: KeyLayout, data_dir: Path, unit: str, recorded: dict[str, Any] | None = None
) -> ChainCheck:
    """Read the unit's generations and judge them (see the module's docstring); *recorded*: the unit's entry of a
    recovery record, to hold the bucket to."""
    history = read_history(client, bucket, layout, unit)
    mine = written_here(record_path(data_dir, bucket, layout.prefix, layout.root_name, unit))
    local = local_manifest_path(data_dir, bucket, layout.prefix, layout.root_name, unit)
    if not mine and local.is_file():  # a backup from before the chain: the local manifest is its one generation
        mine = {"": hashlib.sha256(local.read_bytes()).hexdigest()}
    result = judge(history, mine)
    if recorded is not None:
        against_record(history, recorded, result)
    return result


def against_record(history: History, recorded: dict[str, Any], result: ChainCheck) -> None:
    """The recorded generation must be in the bucket, unaltered, on the unit's chain; newer ones are noted."""
    key, sha = str(recorded.get("key", "")), str(recorded.get("sha256", ""))
    found = next((g for g in history.generations if g.key == key), None)
    if found is None:
        result.problems.append(msg("the generation in your recovery record ({key}) is missing", key=key))
    elif found.sha256 != sha:
        result.problems.append(msg("the generation in your recovery record ({key}) was altered", key=key))
    elif not found.current:
        result.problems.append(
            msg("the generation in your recovery record ({key}) is no longer on the unit's chain", key=key)
        )
    else:
        newer = [g for g in history.generations if g.current and g.seq > found.seq]
        result.note = (
            msg(
                "{count} generation(s) newer than your recovery record: uploads since you saved it, or forged; if "
                "in doubt, restore as of the record's date (--as-of)",
                count=len(newer),
            )
            if newer
            else msg("the newest generation is the one in your recovery record")
        )


def recovery_record(rows_by_unit: dict[str, list[GenerationRow]], bucket: str, layout: KeyLayout, when: str) -> str:
    """The recovery record's JSON: each unit's newest generation on its chain (key, SHA-256, number)."""
    units = {}
    for unit, rows in rows_by_unit.items():
        current = [r for r in rows if r.current]
        if current:
            units[unit] = {"key": current[-1].key, "sha256": current[-1].sha256, "generation": current[-1].generation}
    body = {
        "format": RECORD_FORMAT,
        "bucket": bucket,
        "prefix": layout.prefix,
        "root_name": layout.root_name,
        "saved": when,
        "units": units,
    }
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


def read_recovery_record(text: str) -> dict[str, dict[str, Any]]:
    """Unit -> its entry; ValueError when *text* is not a recovery record."""
    body = json.loads(text)
    if not isinstance(body, dict) or body.get("format") != RECORD_FORMAT or not isinstance(body.get("units"), dict):
        raise ValueError("not a glacier_gui recovery record")
    return {str(u): dict(e) for u, e in body["units"].items() if isinstance(e, dict)}


def judge(history: History, mine: dict[str, str]) -> ChainCheck:
    """The check of *history* against *mine* (key -> SHA-256 of the generations this computer wrote; ``""`` as a
    key: a generation of any key with that SHA-256)."""
    result = ChainCheck()
    shas = set(mine.values())
    for g in history.generations:
        here = g.key in mine or ("" in mine and g.sha256 == mine[""])
        result.rows.append(
            GenerationRow(
                g.seq,
                g.key,
                format_time(g.modified) if g.modified is not None else "",
                g.files,
                g.size,
                g.chains,
                g.current,
                here,
                g.why,
                g.sha256,
            )
        )
        if not g.current:
            result.problems.append(
                msg("manifest generation {n} ({key}) does not chain: {why}", n=g.seq, key=g.key, why=g.why)
            )
        if mine and g.key in mine and g.sha256 != mine[g.key]:
            result.problems.append(
                msg("manifest generation {n} ({key}) was altered since this computer wrote it", n=g.seq, key=g.key)
            )
        elif mine and not here and g.sha256 not in shas:
            result.problems.append(
                msg(
                    "manifest generation {n} ({key}) was not written by this computer: by another computer of "
                    "yours, or by someone else with the key",
                    n=g.seq,
                    key=g.key,
                )
            )
    by_key = {g.key: g for g in history.generations}
    for g in history.generations:
        before = by_key.get(g.manifest.previous_key) if g.current and g.manifest and g.manifest.previous_key else None
        if before is not None and before.manifest is not None and g.manifest is not None:
            dropped = set(before.manifest.files) - set(g.manifest.files)
            if dropped:  # an upload keeps every file of the generation before (a deleted photo stays listed)
                result.problems.append(
                    msg(
                        "manifest generation {n} ({key}) no longer lists {count} file(s) that generation {m} listed "
                        "(e.g. {path}): the app never drops a file; restore as of an earlier date (--as-of)",
                        n=g.seq,
                        key=g.key,
                        count=len(dropped),
                        m=before.seq,
                        path=sorted(dropped)[0],
                    )
                )
    present = {g.key for g in history.generations}
    for key in mine:
        if key and key not in present:
            result.problems.append(msg("manifest generation {key}, written by this computer, is missing", key=key))
    if not mine and history.head is not None:
        result.note = msg(
            "from this computer, a forged newest generation that follows the chain cannot be told apart from a "
            "real one; if the newest date is not an upload of yours, restore as of an earlier date (--as-of)"
        )
    return result
