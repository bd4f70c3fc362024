"""``glacier-gui verify`` and ``rebuild-status``: check the backup, and recover status.csv, from the bucket alone.

Both read only manifests and listings (LIST and HEAD requests, never a restore), so they are cheap enough to
run any time: ``verify`` compares what the manifests promise with what S3 holds, ``rebuild-status`` writes a
lost status.csv again from the manifests.
"""

from __future__ import annotations

import argparse
import json
from contextlib import ExitStack
from dataclasses import replace

from glacier_gui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    bad_input_as_usage,
    hold_status_lock,
    key_layout,
    read_table,
    settings_from_args,
)
from glacier_gui.core.clock import format_time
from glacier_gui.core.ledger.status import State
from glacier_gui.core.paths import check_unit
from glacier_gui.core.restore.rebuild import rebuild_status
from glacier_gui.core.restore.verify import UnitCheck, verify_units
from glacier_gui.core.s3.albums import AlbumSummary, list_albums, summarize_album
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.textfmt import format_size
from glacier_gui.core.thumbs.store import missing_packs


# ---- verify -------------------------------------------------------------------------------------------
def add_verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check without a restore that every file of a unit is in the bucket with the right size, "
        "checksum and storage class (LIST and HEAD requests only)."
    )
    parser.add_argument("--unit", action="append", metavar="UNIT", help="default: every Synchronized unit")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-checksums", action="store_true", help="listing only: presence, size, class")


@bad_input_as_usage
def run_verify(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    bucket = settings.require_bucket()
    units = [check_unit(unit) for unit in args.unit or []]  # a name from the command line becomes keys and paths
    if not units:
        table = read_table(settings, args.data_dir)
        units = table.units_in(State.SYNCHRONIZED)
        if not units:
            raise UsageError(f"no Synchronized unit in {table.path}: name units with --unit")
    client = make_client(settings)
    checks = verify_units(client, bucket, key_layout(settings), args.data_dir, units, checksums=not args.no_checksums)
    no_pack = missing_packs(client, settings, [c.unit for c in checks if not c.error])  # warnings, not failures
    if args.json:
        print(
            json.dumps(
                [c.as_dict() | {"warnings": _list(no_pack.get(c.unit))} for c in checks], ensure_ascii=False, indent=1
            )
        )
    else:
        for c in checks:
            _print_check(c, not args.no_checksums)
            if c.unit in no_pack:
                print(f"WARN {c.unit}: {no_pack[c.unit]}")
        bad = [c for c in checks if not c.ok]
        print(f"{len(checks)} unit(s) verified, {len(bad)} with problems")
    return EXIT_OK if all(c.ok for c in checks) else EXIT_FAILED


def _list(warning: str | None) -> list[str]:
    return [warning] if warning else []


def _print_check(c: UnitCheck, checksums: bool) -> None:
    if c.error:
        print(f"FAIL {c.unit}: {c.error}")
        return
    what = f"{c.files} file(s), {format_size(c.bytes)}, {c.objects} object(s)"
    if c.ok:
        note = "present, sizes and classes match" + (
            ", S3 confirms every SHA-256" if checksums else " (listing only: the bytes were not checked)"
        )
        print(f"OK   {c.unit}: {what}: {note}")
        return
    print(f"FAIL {c.unit}: {what}: {len(c.problems)} problem(s)")
    for p in c.problems[:20]:
        print(f"  {p.kind:<13} {p.path} (s3 key {p.key}): {p.detail}")


# ---- rebuild-status -----------------------------------------------------------------------------------
def add_rebuild_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Rebuild a lost status.csv from the manifests in the bucket.  On a new computer: --list shows the albums "
        "the bucket holds, --album NAME rebuilds one of them, whatever the local album folder is called (or "
        "without one: no NAS is needed to get photos back)."
    )
    parser.add_argument("--force", action="store_true", help="replace an existing status.csv (kept as .bak)")
    parser.add_argument("--list", action="store_true", help="list the albums the bucket holds, then stop")
    parser.add_argument(
        "--album", metavar="NAME", help="the album's name in the bucket (as --list shows it; sets --bucket-album)"
    )


@bad_input_as_usage
def run_rebuild(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    if args.album is not None:
        settings = replace(settings, bucket_album=args.album).validate()
    if args.list or not settings.root_name:
        albums = list_albums(make_client(settings), settings.require_bucket(), settings.prefix)
        _print_albums(settings.require_bucket(), albums)
        if args.list:
            return EXIT_OK
    elif args.album is not None and args.level is None:  # a new computer: the units' depth gives the level
        found = summarize_album(make_client(settings), settings.require_bucket(), settings.prefix, args.album)
        settings = replace(settings, level=found.level)
    key_layout(settings)  # no album named: the usage error says how to name one
    # The writers' lock, without reading status.csv: a broken file may be the very reason for the rebuild.
    hold_status_lock(settings, args.data_dir, held)
    client = make_client(settings)
    report = rebuild_status(client, settings, args.data_dir, force=args.force)
    t = report.table
    print(f"status.csv rebuilt from the bucket for album {settings.root_name}: {len(t)} unit(s) -> {t.path}")
    print(
        f"  {len(report.synchronized)} Synchronized, {len(report.changed)} changed locally (Check), "
        f"{len(report.missing_local)} only in the backup (Check_NotExists), {len(report.new_local)} never "
        "uploaded (Check)"
    )
    if not report.local_checked:
        print("  the album root could not be read: local columns are empty; run 'glacier-gui scan' when it can")
    if args.album is not None:
        print(f"  the other commands find this album with --bucket-album {settings.bucket_album}")
    for line in report.refused:
        print(f"  REFUSED manifest of unit {line}: no row for it")
    return EXIT_FAILED if report.refused else EXIT_OK


def _print_albums(bucket: str, albums: list[AlbumSummary]) -> None:
    if not albums:
        print(f"bucket {bucket} holds no album backed up by this app")
        return
    print(f"albums in bucket {bucket}:")
    print(f"  {'album':<24} {'folders':>7} {'files':>7} {'size':>10}  last backup")
    for a in albums:
        last = format_time(a.last_backup)[:16] if a.last_backup else "-"
        print(f"  {a.name:<24} {a.units:>7} {a.files:>7} {format_size(a.size):>10}  {last}")
