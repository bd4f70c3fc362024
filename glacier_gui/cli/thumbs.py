"""``glacier-gui browse`` and ``glacier-gui thumbs``: look at the album without a restore, and make missing packs.

``browse`` reads only the thumbnail packs (STANDARD class, a GET each; never a restore), so it works on a new
computer with an empty data folder: the bucket and the album root's *name* are all the keys need, and when the
bucket holds a single album even the name is found by itself.  ``thumbs`` makes the packs of units uploaded
before thumbnails existed, reading the photos from the album on this computer.
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from glacier_gui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    TerminalProgress,
    UsageError,
    progress_enabled,
    settings_from_args,
)
from glacier_gui.core.paths import display
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.textfmt import format_size
from glacier_gui.core.thumbs.fill import backfill
from glacier_gui.core.thumbs.pack import extract_pack
from glacier_gui.core.thumbs.store import ThumbsMissing, album_roots, local_pack, units_with_packs


# ---- browse ---------------------------------------------------------------------------------------------
def add_browse_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write a unit's thumbnails to a folder as <relative path>.jpg, from the bucket alone (no restore; the "
        "album need not be on this computer). --root may be just the album's folder name, e.g. 10_Album."
    )
    parser.add_argument("--unit", metavar="UNIT", help="the unit to browse; without it, list the units to browse")
    parser.add_argument("--out", type=Path, metavar="DIR", help="where the thumbnails go (needed with --unit)")


def run_browse(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    if args.unit and args.out is None:
        raise UsageError("name the folder the thumbnails go to: --out DIR")
    bucket = settings.require_bucket()
    client = make_client(settings)
    settings = _with_album_root(client, settings)
    if not args.unit:
        units = units_with_packs(client, settings)
        if not units:
            print(f"no unit of {settings.root_name} has thumbnails in s3://{bucket} yet")
        for unit in units:
            print(unit)
        return EXIT_OK
    try:
        pack = local_pack(client, settings, args.data_dir, args.unit)
    except ThumbsMissing as exc:  # the unit the user named has no pack (or does not exist): their input
        raise UsageError(str(exc)) from None
    report = extract_pack(pack, args.out)
    print(f"{len(report.written)} thumbnail(s) of {args.unit} written to {display(args.out)}")
    if report.refused:
        print(f"{len(report.refused)} name(s) in the pack refused (they would land outside the folder)")
    return EXIT_OK


def _with_album_root(client: object, settings: Settings) -> Settings:
    """The settings with an album root name: the one given, else the only album the bucket holds."""
    if settings.root_name:
        return settings
    roots = album_roots(client, settings.require_bucket(), settings.prefix)
    if len(roots) == 1:
        print(f"album root: {roots[0]} (the only album in the bucket)")
        return replace(settings, album_root=roots[0])
    if not roots:
        raise UsageError(
            f"nothing uploaded by glacier-gui in s3://{settings.bucket}/{settings.prefix}: check --bucket and --prefix"
        )
    raise UsageError(f"the bucket holds several albums ({', '.join(roots)}): name one with --root NAME")


# ---- thumbs ---------------------------------------------------------------------------------------------
def add_thumbs_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Make and upload the thumbnail packs of units uploaded before thumbnails existed, reading the photos "
        "from the album on this computer. Units whose pack is in the bucket are skipped unless --force."
    )
    parser.add_argument("--unit", action="append", metavar="UNIT", help="default: every unit uploaded to the bucket")
    parser.add_argument("--force", action="store_true", help="make the packs again even where the bucket has one")


def run_thumbs(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    settings.require_root()
    settings.require_bucket()
    client = make_client(settings)
    cancel = CancelToken()
    now = {"line": ""}

    def progress(unit: str, done: int, total: int) -> None:
        now["line"] = f"thumbnails of {unit}: {done}/{total}"

    try:
        with TerminalProgress(lambda: now["line"], progress_enabled(args)):
            results = backfill(client, settings, args.data_dir, args.unit, args.force, progress, cancel)
    except KeyboardInterrupt:
        cancel.cancel()
        raise
    for r in results:
        if r.error:
            print(f"FAIL {r.unit}: {r.error}")
        elif r.skipped:
            print(f"SKIP {r.unit}: {r.skipped}")
        else:
            s = r.stats
            where = f" ({s.album} read from the album, {s.cached} from this computer's cache)" if s else ""
            print(f"OK   {r.unit}: {s.total if s else 0} thumbnail(s), {format_size(r.size)}{where}")
    sent = sum(1 for r in results if r.sent)
    failed = sum(1 for r in results if r.error)
    print(f"{sent} pack(s) sent ({settings.thumbnail_class}), {len(results) - sent - failed} skipped, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK
