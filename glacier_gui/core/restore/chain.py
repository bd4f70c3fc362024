"""Verify's look at a unit's manifest history: does the bucket hold the generations this computer wrote, and do
they chain?  (The chain rules are ``core/ledger/generations.py``; the files themselves are checked by ``verify``.)

On the computer that made the backup, each generation in the bucket is compared with the record of the ones it
wrote (key and SHA-256): one it did not write, one of its own that is missing or altered, and one that does not
chain are problems.  A backup made before generations existed has no record: its local manifest's bytes stand for
the one generation it wrote.

From a new computer there is no record: every generation that does not chain is a problem, and the rest is shown
as the unit's history (date, number of files).  A forged newest generation that chains cannot be told apart there:
the check says so, with the remedy (restore as of an earlier date).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glacier_gui.core.clock import format_time
from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.generations import History, record_path, written_here
from glacier_gui.core.ledger.manifest import local_manifest_path
from glacier_gui.core.s3.client import KeyLayout
from glacier_gui.core.s3.history import read_history


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


@dataclass
class ChainCheck:
    rows: list[GenerationRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    note: str = ""  # not a failure: what this check cannot know


def check_chain(client: Any, bucket: str, layout: KeyLayout, data_dir: Path, unit: str) -> ChainCheck:
    """Read the unit's generations and judge them (see the module's docstring)."""
    history = read_history(client, bucket, layout, unit)
    mine = written_here(record_path(data_dir, bucket, layout.prefix, layout.root_name, unit))
    local = local_manifest_path(data_dir, bucket, layout.prefix, layout.root_name, unit)
    if not mine and local.is_file():  # a backup from before the chain: the local manifest is its one generation
        mine = {"": hashlib.sha256(local.read_bytes()).hexdigest()}
    return judge(history, mine)


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
