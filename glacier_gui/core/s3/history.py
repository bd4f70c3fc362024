"""Reading a unit's manifest generations from the bucket (the chain itself is ``core/ledger/generations.py``).

One listing of the unit's manifest key as a prefix finds every generation (the old single manifest and the
``@<n>`` ones); each is read with a GET (manifests are in STANDARD: no restore) and hashed, a few at a time.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.generations import Generation, History, generation_seq, resolve, unit_of_key
from glacier_gui.core.ledger.manifest import Manifest
from glacier_gui.core.s3.client import KeyLayout
from glacier_gui.core.s3.errors import S3_ERRORS, explain
from glacier_gui.core.s3.objects import get_bytes, list_objects

READERS = 4  # GETs at once (within the client's connection pool)
MAX_MANIFEST = 256 * 2**20  # a manifest larger than this is not read (10^5 files take about 30 MB)


def generation_objects(client: Any, bucket: str, layout: KeyLayout, unit: str) -> list[Generation]:
    """The unit's generations as listed (key, number, date), not read yet; oldest first."""
    base = layout.manifest_key(unit)
    found = []
    for obj in list_objects(client, bucket, base):
        seq = generation_seq(base, obj.key)
        if seq is not None:
            g = Generation(obj.key, seq, obj.last_modified)
            g.error = msg("{size} bytes: too large for a manifest", size=obj.size) if obj.size > MAX_MANIFEST else ""
            found.append(g)
    return sorted(found, key=lambda g: g.seq)


def read_history(client: Any, bucket: str, layout: KeyLayout, unit: str) -> History:
    """Every generation of *unit*, read and hashed, and which of them chain."""
    generations = generation_objects(client, bucket, layout, unit)
    with ThreadPoolExecutor(READERS, "history") as pool:
        list(pool.map(lambda g: _read(client, bucket, g), [g for g in generations if not g.error]))
    return resolve(unit, generations)


def _read(client: Any, bucket: str, g: Generation) -> None:
    try:
        body = get_bytes(client, bucket, g.key)
    except S3_ERRORS as exc:
        g.error = explain(exc, bucket)
        return
    g.sha256 = hashlib.sha256(body).hexdigest()
    try:
        g.manifest = Manifest.from_json(body)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        g.error = msg("not a manifest of this app ({why})", why=str(exc) or type(exc).__name__)


def manifest_units(client: Any, bucket: str, layout: KeyLayout) -> list[str]:
    """Every unit with at least one manifest generation in the bucket under this root, sorted."""
    prefix = layout.manifests_prefix()
    units = {unit_of_key(prefix, o.key) for o in list_objects(client, bucket, prefix)}
    return sorted(u for u in units if u)
