"""``glacier-gui restore start|status|fetch``: get units back from Deep Archive, watch the restore, download.

A restore takes hours to days, so it is a job saved in the data dir: ``start`` estimates, asks and requests
(``--all``: every unit with a manifest in the bucket, the "restore everything" of a dead NAS), ``status`` asks S3
how far it is (``--offline``: from the jobs' summary files), ``fetch`` downloads and verifies what is ready
(``--wait`` polls until done).
Setting flags (``--bucket`` ...) go after the action: ``glacier-gui restore start --bucket B ...``.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict, replace
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
    parse_as_of,
    progress_enabled,
    say_paused,
    settings_from_args,
    transfer_line,
)
from glacier_gui.core.clock import parse_iso
from glacier_gui.core.cost import load_prices
from glacier_gui.core.homelink.link import home_link, link_line, pause_on_signals
from glacier_gui.core.i18n import Text
from glacier_gui.core.inflight import RESTORE_REQUESTS
from glacier_gui.core.paths import check_unit
from glacier_gui.core.progress import CancelToken, TransferProgress
from glacier_gui.core.restore.fetch import FetchReport, fetch_until_done
from glacier_gui.core.restore.job import (
    JobHead,
    JobSummary,
    RestoreJob,
    job_head,
    job_summary,
    jobs_dir,
    list_job_heads,
    list_jobs,
    load_job,
)
from glacier_gui.core.restore.plan import (
    DEFAULT_DAYS,
    DEFAULT_TIER,
    TIERS,
    JobEstimate,
    estimate_job,
    objects_to_request,
    plan_restore,
    refresh_job,
)
from glacier_gui.core.restore.request import REQUESTS_UNIT, hours_from_prices, request_restores, request_seconds
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.outage import OutageGate
from glacier_gui.core.s3.probe import ManifestMissing, list_manifest_units, load_manifests
from glacier_gui.core.setting_checks import parse_duration
from glacier_gui.core.textfmt import format_duration, format_size, format_usd


# ---- restore ------------------------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Get units back from Deep Archive: start a restore, watch it, download when ready."
    actions = parser.add_subparsers(dest="restore_action", metavar="ACTION", parser_class=type(parser))
    actions.required = True
    start = actions.add_parser("start", help="estimate, confirm and request a restore")
    which = start.add_mutually_exclusive_group(required=True)
    which.add_argument("--unit", action="append", metavar="UNIT", help="unit to restore (repeatable)")
    which.add_argument(
        "--all", action="store_true", help="restore everything: every unit with a manifest in the bucket"
    )
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
    start.add_argument(
        "--as-of",
        metavar="DATE",
        help="restore each unit as its backup was on DATE (YYYY-MM-DD, or YYYY-MM-DDTHH:MM; local time): the newest "
        "manifest generation S3 stored by then (default: the newest that chains)",
    )
    start.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_common_options(start)
    resume = actions.add_parser(
        "resume", help="go on requesting where a stopped or interrupted 'restore start' left off"
    )
    resume.add_argument("--job", metavar="ID", help="only this job")
    add_common_options(resume)
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
        "resume": restore_resume,
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
    as_of = parse_as_of(args.as_of) if args.as_of else None
    client = make_client(settings)
    if args.all:
        if args.file:
            raise UsageError("--file picks files of named units: use it with --unit, not with --all")
        units = list_manifest_units(client, bucket, layout)
        if not units:
            raise UsageError(f"no unit has a manifest in s3://{bucket}/{layout.manifests_prefix()}: nothing to restore")
        print(f"restore everything: {len(units)} unit(s) in s3://{bucket}/{layout.prefix}{layout.root_name}/")
    else:
        units = [check_unit(unit.replace("\\", "/")) for unit in dict.fromkeys(args.unit)]  # 2022\\a on Windows
    try:
        manifests = load_manifests(client, bucket, layout, args.data_dir, units, as_of=as_of)
    except ManifestMissing as exc:  # the unit named is not in the backup: bad input, not an S3 failure
        raise UsageError(str(exc)) from None
    if as_of is not None:
        for unit, m in manifests.items():
            print(f"{unit}: as of {args.as_of}: manifest generation {m.generation} of {m.updated or '?'}")
    job = plan_restore(client, manifests, layout, bucket, dest, args.tier, args.days, _files_by_unit(args.file, units))
    prices = load_prices()
    region = settings.effective_region
    _print_plan(job, estimate_job(job, prices, region))
    _print_tiers(job, prices, region)
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
    return _request(args, settings, client, job, prices, region)


def restore_resume(args: argparse.Namespace) -> int:
    """The request phase again for jobs with objects not requested yet (or whose answer a kill lost)."""
    jobs = [j for j in _jobs(args) if objects_to_request(j) or j.unsettled]
    if not jobs:
        print("nothing to resume: every restore job has all its requests made")
        return EXIT_OK
    settings = settings_from_args(args)
    client = make_client(settings)
    prices, region = load_prices(), settings.effective_region
    code = EXIT_OK
    for job in jobs:
        print(f"job {job.id}: {len(objects_to_request(job))} object(s) still to request")
        code = max(code, _request(args, settings, client, job, prices, region))
    return code


def _request(args: argparse.Namespace, settings: Any, client: Any, job: RestoreJob, prices: Any, region: str) -> int:
    """The request phase of a saved job, with a progress line; what it did, in a few lines."""
    progress, cancel = TransferProgress(), CancelToken()
    gate = OutageGate(parse_duration(settings.outage_wait), cancel)
    try:
        with TerminalProgress(lambda: request_line(progress), progress_enabled(args)):
            report = request_restores(client, job, hours_from_prices(prices, region), progress, cancel, gate)
    except KeyboardInterrupt:
        cancel.cancel()
        print(f"stopped: what was requested is recorded in {job.path}; 'glacier-gui restore resume' goes on")
        raise
    print(
        f"restore job {job.id}: {report.requested} restore(s) requested, {report.already} already under way "
        f"or restored, {len(report.failed)} failed"
        + (f", {report.checked} checked after an interrupted run" if report.checked else "")
    )
    if report.stopped:
        print(f"  STOPPED {report.stopped}; 'glacier-gui restore resume' goes on from here")
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


def _print_tiers(job: RestoreJob, prices: Any, region: str) -> None:
    """Bulk against Standard for this job, and how long the request phase itself should take."""
    lines = []
    for tier in TIERS:
        other = replace(job, tier=tier)
        estimate = estimate_job(other, prices, region)
        mark = " (chosen)" if tier == job.tier else ""
        lines.append(f"{tier}{mark}: {format_usd(estimate.total)}, ready within {estimate.hours_max:g} h")
    print("  tiers: " + "; ".join(lines))
    todo = len(objects_to_request(job))
    if todo:
        print(
            f"  requests: {todo} RestoreObject, {RESTORE_REQUESTS} at a time: about "
            f"{format_duration(request_seconds(todo))} before the {job.tier} wait starts for the last one"
        )


def request_line(progress: TransferProgress) -> str:
    """The request phase on one line: bar, objects asked, rate, time left (and an outage, when there is one)."""
    s = progress.snapshot()
    unit = s.units.get(REQUESTS_UNIT)
    done, total = (unit.files_done, unit.files_total) if unit else (0, 0)
    width = 24
    bar = int(width * done / total) if total else 0
    rate = done / s.elapsed if s.elapsed > 0.5 else 0.0
    eta = s.eta_seconds
    line = (
        f"[{'#' * bar}{'.' * (width - bar)}] {done}/{total} restore requests, {rate:.0f}/s, "
        f"ETA {format_duration(eta) if eta is not None else '--'}"
    )
    return line + (f"  {s.outage}" if s.outage else "")


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
    if args.offline and not args.json:  # the summary files: fast however big the jobs are
        heads = [h for h in list_job_heads(args.data_dir) if not args.job or h.id == args.job]
        if args.job and not heads:
            load_job(args.data_dir, args.job)  # raises the usual "no restore job" with the known ids
    else:
        jobs = _jobs(args)
        if not args.offline:
            client = make_client(settings_from_args(args))
            for job in jobs:
                if not job_summary(job).done or job.checked == "":
                    refresh_job(client, job)
        if args.json:
            print(json.dumps([_job_json(job, job_summary(job)) for job in jobs], ensure_ascii=False, indent=1))
            return EXIT_OK if all(job_summary(job).ok for job in jobs) else EXIT_FAILED
        heads = [job_head(job) for job in jobs]
    if not heads:
        print("no restore jobs; start one with 'glacier-gui restore start --unit UNIT --dest DIR' (or --all)")
        return EXIT_OK
    for head in heads:
        _print_summary(head, head.summary)
    return EXIT_OK if all(h.summary.ok for h in heads) else EXIT_FAILED


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


def _print_summary(job: JobHead, s: JobSummary) -> None:
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
    for relpath, state, error in job.problems[:10]:
        print(f"  {state.upper()} {relpath}: {error}")
    ready = bool(s.objects.get("ready"))
    state = "done" if s.done else ("ready: run 'glacier-gui restore fetch'" if ready else "waiting for S3")
    print(f"  {state}; last checked with S3 {_when(parse_iso(job.checked))}")


def restore_fetch(args: argparse.Namespace) -> int:
    jobs = [j for j in _jobs(args) if any(f.state == "pending" for f in j.files)]
    if not jobs:
        print("nothing to fetch: no restore job has files waiting")
        return EXIT_OK
    settings = settings_from_args(args)
    client = make_client(settings)
    progress = TransferProgress()
    cancel = CancelToken()
    link = home_link()
    link.apply(settings)  # the bandwidth limit holds for downloads too; Ctrl+Z pauses them

    def render() -> str:
        extra = link_line(link.state())
        return transfer_line(progress) + (f"  {extra}" if extra else "")

    try:
        with (
            pause_on_signals(link, functools.partial(say_paused, what="downloaded")),
            TerminalProgress(render, progress_enabled(args)),
        ):
            totals = _fetch_rounds(client, jobs, args, progress, cancel, settings.fetch_concurrency)
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
    client: Any,
    jobs: list[RestoreJob],
    args: argparse.Namespace,
    progress: TransferProgress,
    cancel: CancelToken,
    concurrency: int,
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
        client,
        jobs,
        args.overwrite,
        args.poll,
        progress,
        cancel,
        on_round=say_waiting,
        wait=args.wait,
        concurrency=concurrency,
    )
