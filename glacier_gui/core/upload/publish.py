"""Recording a unit's upload: a new generation of its manifest in the bucket, chained to the one before.

The engine calls :func:`publish_manifest` once a unit's files verified.  Nothing is replaced: the new generation
goes to a key not used yet (the first to ``<unit>.json``, later ones to ``<unit>.json@<n>``), write-once, and
names the unit's current generation (key and SHA-256 of its bytes), so the history is a chain
(``core/ledger/generations.py``).  When the files are those of the current generation, nothing is written.

The current generation is the one this computer wrote last when the bucket's newest is that one (no GET: its bytes
are the local manifest's); otherwise the bucket's chain is read (another computer uploaded the unit, or this is
the first upload since the single manifest of older versions).  Two computers finishing the same unit at once
both aim at the same new key: S3 lets one write it (412 for the other), and the other reads the chain again and
follows it.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from glacier_gui.core.clock import iso_utc, utc_now
from glacier_gui.core.ledger.generations import Generation, generation_key, record_path, record_written, written_here
from glacier_gui.core.ledger.manifest import Manifest, load_local_manifest, local_manifest_path, save_local_manifest
from glacier_gui.core.s3.errors import already_exists
from glacier_gui.core.s3.history import generation_objects, read_history
from glacier_gui.core.s3.transfer import Transfer
from glacier_gui.core.upload.job import UploadOptions

log = logging.getLogger(__name__)

TRIES = 3  # new keys tried when another writer takes the one aimed at


def publish_manifest(transfer: Transfer, opt: UploadOptions, unit: str, manifest: Manifest) -> int:
    """Write *manifest* as the unit's next generation unless nothing changed; the requests made."""
    layout = opt.layout
    local_path = local_manifest_path(opt.data_dir, opt.bucket, layout.prefix, layout.root_name, unit)
    record = record_path(opt.data_dir, opt.bucket, layout.prefix, layout.root_name, unit)
    requests = 0
    for attempt in range(TRIES):
        listed = transfer.request(lambda: generation_objects(transfer.client, opt.bucket, layout, unit))
        requests += 1
        head, files_at_head, read = _current(transfer, opt, unit, listed, local_path, record)
        requests += read
        if files_at_head is not None:  # a generation never drops a file of the one before (verify checks it)
            for path, entry in files_at_head.files.items():
                manifest.files.setdefault(path, entry)
        if head is not None and files_at_head is not None and files_at_head.same_files(manifest):
            log.info("%s: nothing changed since manifest generation %d: no new generation", unit, head.seq)
            return requests
        seq = max(g.seq for g in listed) + 1 if listed else 0  # the first one takes the plain manifest key
        manifest.generation = seq
        manifest.previous_key = head.key if head is not None else ""
        manifest.previous_sha256 = head.sha256 if head is not None else ""
        manifest.updated = iso_utc(utc_now())
        data = manifest.to_json()
        key = generation_key(layout.manifest_key(unit), seq)
        try:
            transfer.put_json(key, data)
        except Exception as exc:
            if not already_exists(exc) or attempt == TRIES - 1:
                raise
            log.info("%s: manifest generation %d was written meanwhile by someone else: following it", unit, seq)
            requests += 1
            continue
        requests += 1
        record_written(record, key, hashlib.sha256(data).hexdigest(), manifest.updated)
        save_local_manifest(local_path, manifest, data)
        return requests
    return requests  # not reached: the last attempt returns or raises


def _current(
    transfer: Transfer,
    opt: UploadOptions,
    unit: str,
    listed: list[Generation],
    local_path: Path,
    record: Path,
) -> tuple[Generation | None, Manifest | None, int]:
    """The unit's current generation, the manifest it holds, and the GETs it took to know."""
    mine = written_here(record)
    newest = listed[-1] if listed else None
    if newest is not None and newest.key in mine:
        local = load_local_manifest(local_path)
        data = local_path.read_bytes() if local is not None else b""
        if local is not None and hashlib.sha256(data).hexdigest() == mine[newest.key]:
            newest.sha256 = mine[newest.key]
            return newest, local, 0
    if not listed:
        return None, None, 0
    history = transfer.request(lambda: read_history(transfer.client, opt.bucket, opt.layout, unit))
    head = history.head
    # A manifest this computer wrote before it kept a record (the single manifest of older versions): its bytes are
    # the local copy's.  Recorded now, so verify knows it as this computer's once newer ones follow.
    if (
        head is not None
        and head.key not in mine
        and local_path.is_file()
        and hashlib.sha256(local_path.read_bytes()).hexdigest() == head.sha256
    ):
        record_written(record, head.key, head.sha256, head.manifest.updated if head.manifest else "")
    if head is None:
        log.warning("%s: no manifest generation in the bucket chains; the new one starts a new chain", unit)
    return head, head.manifest if head is not None else None, len(listed)
