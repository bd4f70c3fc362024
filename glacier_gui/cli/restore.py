"""``glacier-gui restore start|status|fetch``: get units back from Deep Archive, watch the restore, download.

A restore takes hours to days, so it is a job saved in the data dir: ``start`` estimates, asks and requests,
``status`` asks S3 how far it is, ``fetch`` downloads and verifies what is ready (``--wait`` polls until done).
Setting flags (``--bucket`` ...) go after the action: ``glacier-gui restore start --bucket B ...``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from glacier_gui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    TerminalProgress,
    UsageError,
    add_common_options,
    bad_input_as_usage,
    key_layout,
    progress_enabled,
    settings_from_args,
    transfer_line,
)
from glacier_gui.core.clock import parse_iso
from glacier_gui.core.cost import load_prices
from glacier_gui.core.i18n import Text
from glacier_gui.core.paths import check_unit
from glacier_gui.core.progress import CancelToken, TransferProgress
from glacier_gui.core.restore.fetch import FetchReport, fetch_until_done
from glacier_gui.core.restore.job import JobSummary, RestoreJob, job_summary, jobs_dir, list_jobs, load_job
from glacier_gui.core.restore.plan import (
    DEFAULT_DAYS,
    DEFAULT_TIER,
    TIERS,
    JobEstimate,
    estimate_job,
    hours_from_prices,
    objects_to_request,
    plan_restore,
    refresh_job,
    request_restores,
)
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.probe import ManifestMissing, load_manifest
from glacier_gui.core.textfmt import format_duration, format_size, format_usd


# ---- restore ------------------------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Get units back from Deep Archive: start a restore, watch it, download when ready."
    actions = parser.add_subparsers(dest="restore_action", metavar="ACTION", parser_class=type(parser))
    actions.required = True
    start = actions.add_parser("start", help="estimate, confirm and request a restore")
    start.add_argument("--unit", action="append", required=True, metavar="UNIT", help="unit to restore (repeatable)")
    start.add_argument(
        "--file",
        action="append",
        metavar="PATH",
        help="only this file or folder of the unit (repeatable; with several units: UNIT/PATH)",
    )
    start.add_argument("--dest", required=True, type=Path, metavar="DIR", help="folder to restore into")
    start.add_argument(
        "--tier",
        default=DEFAULT_TIER,
        metavar="|".join(TIERS),
        help="Bulk: within 48 h, cheapest (default); Standard: within 12 h",
    )
    start.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        metavar="N",
        help=f"how long S3 keeps the restored copy (default {DEFAULT_DAYS})",
    )
    start.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_common_options(start)
    status = actions.add_parser("status", help="show restore jobs (asks S3 unless --offline)")
    status.add_argument("--job", metavar="ID", help="only this job")
    status.add_argument("--json", action="store_true")
    status.add_argument("--offline", action="store_true", help="from the saved job files only")
    add_common_options(status)
    fetch = actions.add_parser("fetch", help="download and verify what is ready")
    fetch.add_argument("--job", metavar="ID", help="only this job")
    fetch.add_argument("--wait", action="store_true", help="keep polling until every file is done")
    fetch.add_argument("--overwrite", action="store_true", help="replace existing local files that differ")
    fetch.add_argument(
        "--poll", type=float, default=900.0, metavar="SECONDS", help="with --wait: seconds between checks (default 900)"
    )
    add_common_options(fetch)


@bad_input_as_usage
def run(args: argparse.Namespace, held: ExitStack) -> int:
    action: Callable[[argparse.Namespace], int] = {
        "start": restore_start,
        "status": restore_status,
        "fetch": restore_fetch,
    }[args.restore_action]
    return action(args)


def restore_start(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    bucket = settings.require_bucket()
    layout = key_layout(settings)
    if args.days < 1:
        raise UsageError(f"--days must be at least 1 (got {args.days})")
    dest = Path(args.dest).expanduser().absolute()
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"--dest {dest} is a file, not a folder")
    units = [check_unit(unit.replace("\\", "/")) for unit in dict.fromkeys(args.unit)]  # 2022\\a typed on Windows
    client = make_client(settings)
    try:
        manifests = {unit: load_manifest(client, bucket, layout, args.data_dir, unit)[0] for unit in units}
    except ManifestMissing as exc:  # the unit named is not in the backup: bad input, not an S3 failure
        raise UsageError(str(exc)) from None
    job = plan_restore(client, manifests, layout, bucket, dest, args.tier, args.days, _files_by_unit(args.file, units))
    prices = load_prices()
    region = settings.effective_region
    _print_plan(job, estimate_job(job, prices, region))
    if settings.dry_run:
        print("dry run: nothing was requested")
        return EXIT_OK
    if not objects_to_request(job) and not any(f.state == "pending" for f in job.files):
        print("nothing to request or download")
        return EXIT_FAILED if any(f.state == "failed" for f in job.files) else EXIT_OK
    if not args.yes and not _confirm("Request this restore?"):
        print("nothing was requested")
        return EXIT_OK
    job.path = jobs_dir(args.data_dir) / f"{job.id}.json"
    job.save()  # before any request: a crash half-way is still tracked
    report = request_restores(client, job, hours_from_prices(prices, region))
    print(
        f"restore job {job.id}: {report.requested} restore(s) requested, {report.already} already under way "
        f"or restored, {len(report.failed)} failed"
    )
    for line in report.failed[:10]:
        print(f"  FAIL {line}")
    refused = sum(f.state == "failed" for f in job.files)
    if refused:
        print(f"  {refused} file(s) refused (listed above): the rest is restored")
    print(
        f"job file: {job.path}\nnext: 'glacier-gui restore status' to watch it, "
        "'glacier-gui restore fetch --wait' to download as soon as it is ready"
    )
    return EXIT_FAILED if report.failed or refused else EXIT_OK


def _files_by_unit(files: list[str] | None, units: list[str]) -> dict[str, list[str] | None]:
    """``--file`` arguments per unit: a plain path with one unit, ``UNIT/PATH`` with several."""
    if not files:
        return {}
    picked: dict[str, list[str] | None] = {}
    for item in files:
        item = item.replace("\\", "/").strip("/")
        if len(units) == 1 and not item.startswith(units[0] + "/"):
            unit, path = units[0], item
        else:
            owners = [u for u in units if item.startswith(u + "/")]
            if not owners:
                raise UsageError(
                    f"--file {item!r}: with several units, write it as UNIT/PATH (units: {', '.join(units)})"
                )
            unit = max(owners, key=len)
            path = item[len(unit) + 1 :]
        current = picked.get(unit) or []
        picked[unit] = [*current, path]
    for unit in units:  # a unit named without any --file of its own is restored whole
        picked.setdefault(unit, None)
    return picked


def _print_plan(job: RestoreJob, estimate: JobEstimate) -> None:
    pending = [f for f in job.files if f.state == "pending"]
    refused = [f for f in job.files if f.state == "failed"]
    to_request = objects_to_request(job)
    print(
        f"restore {len(pending)} file(s), {format_size(sum(f.size for f in pending))}, from {len(job.units)} "
        f"unit(s) into {job.dest}"
    )
    print(f"  writes {format_size(sum(f.size for f in pending))} ({sum(f.size for f in pending):,} bytes) to disk")
    print(
        f"  objects: {len(job.objects)} ({len(to_request)} to restore with tier {job.tier} for {job.days} "
        f"day(s), {len(job.objects) - len(to_request)} readable now or already being restored)"
    )
    if refused:
        print(f"  {len(refused)} file(s) refused: they are not restored")
    for f in refused[:20]:
        print(f"  REFUSED {f.relpath}: {f.error}")
    if len(refused) > 20:
        print(f"  ... and {len(refused) - 20} more")
    for part in estimate.parts:
        what = f"{part.storage_class} {part.tier}" if part.tier else "direct download"
        print(
            f"  {what}: {part.object_count} object(s), {format_size(part.total_bytes)}: retrieval "
            f"{format_usd(part.retrieval_cost)}, requests {format_usd(part.request_cost)}, temporary copy "
            f"{format_usd(part.temporary_copy_cost)}, egress {format_usd(part.egress_cost)}"
        )
    print(f"  estimated cost: {format_usd(estimate.total)}")
    if estimate.hours_max:
        typical = f" (typically {estimate.hours_min:g}-{estimate.hours_max:g} h)" if estimate.hours_min else ""
        print(
            f"  expected ready: within {estimate.hours_max:g} hours{typical}; the restored copy then stays "
            f"{job.days} day(s): download it before it expires"
        )


def _confirm(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError("confirmation needed but there is no terminal to ask: add --yes to go ahead")
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes")


def _jobs(args: argparse.Namespace) -> list[RestoreJob]:
    if args.job:
        return [load_job(args.data_dir, args.job)]
    return list_jobs(args.data_dir)


def restore_status(args: argparse.Namespace) -> int:
    jobs = _jobs(args)
    if not jobs:
        print("no restore jobs; start one with 'glacier-gui restore start --unit UNIT --dest DIR'")
        return EXIT_OK
    if not args.offline:
        client = make_client(settings_from_args(args))
        for job in jobs:
            if not job_summary(job).done or job.checked == "":
                refresh_job(client, job)
    summaries = [(job, job_summary(job)) for job in jobs]
    if args.json:
        print(json.dumps([_job_json(job, s) for job, s in summaries], ensure_ascii=False, indent=1))
    else:
        for job, s in summaries:
            _print_summary(job, s)
    return EXIT_OK if all(s.ok for _, s in summaries) else EXIT_FAILED


def _job_json(job: RestoreJob, s: JobSummary) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(job.to_json())
    body.pop("format", None)
    for f in body.get("files", []):
        f["error"] = str(Text.from_json(f.get("error", "")))  # the words, not the translation record
    summary = asdict(s)
    summary["ready_by"] = s.ready_by.isoformat() if s.ready_by else None
    summary["expiry"] = s.expiry.isoformat() if s.expiry else None
    return body | {"summary": summary}


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "-"


def _print_summary(job: RestoreJob, s: JobSummary) -> None:
    objects = ", ".join(f"{n} {state}" for state, n in sorted(s.objects.items()))
    files = ", ".join(f"{n} {state}" for state, n in sorted(s.files.items()))
    print(f"job {job.id} ({', '.join(job.units)}) -> {job.dest}, tier {job.tier}, {job.days} day(s)")
    print(f"  objects: {objects}")
    print(f"  files:   {files}; {format_size(s.bytes_downloaded)} of {format_size(s.bytes_total)} downloaded")
    if s.ready_by is not None:
        left = (s.ready_by - datetime.now(s.ready_by.tzinfo)).total_seconds()
        print(
            f"  expected ready by {_when(s.ready_by)}"
            + (f" (in about {format_duration(left)})" if left > 0 else " (any time now)")
        )
    if s.expiry is not None:
        print(
            f"  restored copy expires {_when(s.expiry)}"
            + (
                "  WARNING: soon, and files are not downloaded yet: run 'glacier-gui restore fetch'"
                if s.expiry_near
                else ""
            )
        )
    for line in s.stuck[:10]:
        print(f"  needs attention: {line}")
    for f in [f for f in job.files if f.state in ("failed", "skipped")][:10]:
        print(f"  {f.state.upper()} {f.relpath}: {f.error}")
    ready = any(o.state == "ready" for o in job.objects)
    state = "done" if s.done else ("ready: run 'glacier-gui restore fetch'" if ready else "waiting for S3")
    print(f"  {state}; last checked with S3 {_when(parse_iso(job.checked))}")


def restore_fetch(args: argparse.Namespace) -> int:
    jobs = [j for j in _jobs(args) if any(f.state == "pending" for f in j.files)]
    if not jobs:
        print("nothing to fetch: no restore job has files waiting")
        return EXIT_OK
    client = make_client(settings_from_args(args))
    progress = TransferProgress()
    cancel = CancelToken()
    try:
        with TerminalProgress(lambda: transfer_line(progress), progress_enabled(args)):
            totals = _fetch_rounds(client, jobs, args, progress, cancel)
    except KeyboardInterrupt:
        cancel.cancel()
        raise
    failed = False
    for job in jobs:
        report, s = totals[job.id], job_summary(job)
        if report.blocked:
            print(f"job {job.id}: nothing downloaded: {report.blocked}")
            failed = True
            continue
        print(
            f"job {job.id}: {report.downloaded} file(s) downloaded and verified ({format_size(report.bytes)}), "
            f"{report.already_there} already there, {len(report.skipped)} skipped, {len(report.failed)} failed, "
            f"{report.waiting} not ready yet"
        )
        for line in report.skipped[:20]:
            print(f"  SKIP {line}")
        for line in report.failed[:20]:
            print(f"  FAIL {line}")
        if s.expiry_near:
            print(f"  WARNING: the restored copy expires {_when(s.expiry)}; fetch before then")
        for line in s.stuck[:10]:
            print(f"  needs attention: {line}")
        failed = failed or bool(report.failed or report.skipped)
    return EXIT_FAILED if failed else EXIT_OK


def _fetch_rounds(
    client: Any, jobs: list[RestoreJob], args: argparse.Namespace, progress: TransferProgress, cancel: CancelToken
) -> dict[str, FetchReport]:
    """Refresh and fetch every job; with --wait again after --poll seconds until none can move any more."""

    def say_waiting(open_jobs: list[RestoreJob], totals: dict[str, FetchReport]) -> None:
        if args.wait and open_jobs:
            waiting = sum(totals[j.id].waiting for j in open_jobs)
            print(
                f"waiting for {waiting} file(s) in {len(open_jobs)} job(s); next check in {format_duration(args.poll)}",
                flush=True,
            )

    return fetch_until_done(
        client, jobs, args.overwrite, args.poll, progress, cancel, on_round=say_waiting, wait=args.wait
    )
