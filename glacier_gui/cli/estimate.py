"""``glacier-gui estimate``: what an upload costs, before you commit to it, and what getting it back costs.

Without what-if arguments it estimates the units marked for upload (from a scan of just those folders);
``--files N --size SIZE`` asks "what if" (``2TB`` is 2,000 GB as in the original README's arithmetic,
``2TiB`` the binary size) and also prints what restoring and downloading everything would cost, in Bulk and
in Standard.  Prices come from ``resources/pricing.json``; ``--prices FILE`` overrides figures.
"""

from __future__ import annotations

import argparse
import json
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path

from glacier_gui.cli.common import EXIT_OK, UsageError, settings_from_args, size_arg
from glacier_gui.core.album.scan import scan_units
from glacier_gui.core.cost import PriceBook, RestoreEstimate, UnknownPriceError, load_prices
from glacier_gui.core.cost.estimates import restore_everything
from glacier_gui.core.restore.plan import DEFAULT_DAYS
from glacier_gui.core.settings import Settings
from glacier_gui.core.textfmt import format_size, format_usd
from glacier_gui.core.upload import backup
from glacier_gui.core.upload.estimate import SUGGESTED_PACK_BELOW, UploadPlan, plan_uniform, plan_upload


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Estimate requests and cost of an upload (the marked units, or a what-if)."
    parser.add_argument("--files", type=int, metavar="N", help="what-if: number of files")
    parser.add_argument("--size", type=size_arg, metavar="SIZE", help="what-if: total size, e.g. 2TB")
    parser.add_argument("--units", type=int, default=1, metavar="N", help="what-if: number of units (folders)")
    parser.add_argument("--unit", action="append", metavar="UNIT", help="estimate these units instead")
    parser.add_argument("--prices", type=Path, metavar="FILE", help="JSON file overriding figures of pricing.json")
    parser.add_argument("--json", action="store_true", help="print JSON")


def prices_for(args: argparse.Namespace) -> PriceBook:
    try:
        return load_prices(overrides=getattr(args, "prices", None))
    except FileNotFoundError as exc:
        raise UsageError(f"price file not found: {exc.filename}") from None


def run(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    prices = prices_for(args)
    region = settings.effective_region
    if (args.files is None) != (args.size is None):
        raise UsageError("--files and --size go together (e.g. --files 200000 --size 2TB)")
    back: list[RestoreEstimate] = []
    try:
        if args.files is not None:
            plan = plan_uniform(
                args.files,
                args.size,
                prices,
                region,
                settings.storage_class,
                settings.part_size,
                settings.pack_below,
                units=args.units,
                thumbnail_class=settings.thumbnail_target,
            )
            back = restore_everything(
                prices, region, settings.storage_class, plan.objects, plan.bytes, restore_days=DEFAULT_DAYS
            )
        else:
            plan = plan_for_units(settings, args.data_dir, args.unit, prices)
    except UnknownPriceError as exc:
        raise UsageError(str(exc.args[0])) from None
    if args.json:
        body = plan_as_dict(plan)
        if back:
            body["restore_everything"] = [restore_as_dict(e) for e in back]
        print(json.dumps(body, indent=1))
    else:
        print_plan(plan)
        if back:
            print_restore_everything(back)
    return EXIT_OK


def plan_for_units(settings: Settings, data_dir: Path, units: list[str] | None, prices: PriceBook) -> UploadPlan:
    table = backup.open_status(settings, data_dir)
    wanted = units or table.units_to_upload()
    for unit in wanted:
        table.require(unit)
    if not wanted:
        raise UsageError("no unit is in state Upload: mark some, pass --unit, or ask --files N --size SIZE")
    scan = scan_units(settings.require_root(), wanted, settings.level, backup.skip_rules(settings))
    return plan_upload(
        scan.units,
        prices,
        settings.effective_region,
        settings.storage_class,
        settings.part_size,
        settings.pack_below,
        thumbnail_class=settings.thumbnail_target,
    )


def print_plan(plan: UploadPlan) -> None:
    """The estimate as a few lines (also printed by ``upload`` before it sends anything)."""
    e = plan.estimate
    packed = f", packing files below {format_size(plan.pack_below)}" if plan.pack_below else ""
    print(
        f"estimate ({e.region}, {e.storage_class}{packed}): {plan.units} unit(s), {plan.files} files, "
        f"{format_size(plan.bytes)} ({plan.bytes / 1e9:,.1f} GB) in {plan.objects} objects"
    )
    print(
        f"  requests: {plan.total_requests:,} ({plan.requests.total:,} to upload, {plan.housekeeping:,} to list and "
        f"record) -> {format_usd(plan.one_time_cost)} once"
    )
    print(
        f"  storage:  {format_usd(e.storage_monthly)} per month "
        f"(data {format_usd(e.storage_monthly_data)} + per-object overhead {format_usd(e.overhead_monthly)}), "
        f"{format_usd(e.cost_per_year)} per year"
    )
    if e.min_storage_days:
        print(
            f"  minimum:  {e.min_storage_days} days of storage are billed even if deleted earlier: "
            f"{format_usd(e.minimum_commitment)}"
        )
    t = plan.thumbnails
    if t is not None:
        print(
            f"  thumbnails: {t.photos:,} photos -> {format_size(t.total_bytes)} in {t.packs:,} pack(s), "
            f"{t.storage_class}: {format_usd(t.storage_monthly)} per month + {format_usd(t.request_cost)} once "
            "(not in the figures above; --no-thumbnails: none)"
        )
    alt = plan.with_packing
    if alt is not None:
        print(
            f"  tip: packing files below {format_size(SUGGESTED_PACK_BELOW)} into tar volumes (--pack-below 1MiB) "
            f"would need {alt.total_requests:,} requests ({format_usd(alt.one_time_cost)}) and "
            f"{format_usd(alt.estimate.storage_monthly)} per month: {format_usd(plan.packing_saves)} less "
            "in the first year"
        )


def plan_as_dict(plan: UploadPlan) -> dict[str, object]:
    e = plan.estimate
    body: dict[str, object] = {
        "units": plan.units,
        "files": plan.files,
        "bytes": plan.bytes,
        "objects": plan.objects,
        "pack_below": plan.pack_below,
        "region": e.region,
        "storage_class": e.storage_class,
        "requests": plan.total_requests,
        "data_requests": asdict(plan.requests) | {"total": plan.requests.total},
        "request_cost_usd": e.request_cost,
        "housekeeping_requests": plan.housekeeping,
        "housekeeping_cost_usd": plan.housekeeping_cost,
        "one_time_cost_usd": plan.one_time_cost,
        "storage_monthly_usd": e.storage_monthly,
        "storage_monthly_data_usd": e.storage_monthly_data,
        "overhead_monthly_usd": e.overhead_monthly,
        "cost_per_year_usd": e.cost_per_year,
        "min_storage_days": e.min_storage_days,
        "minimum_commitment_usd": e.minimum_commitment,
    }
    if plan.thumbnails is not None:
        body["thumbnails"] = asdict(plan.thumbnails) | {"cost_per_year": plan.thumbnails.cost_per_year}
    if plan.with_packing is not None:
        body["with_packing"] = plan_as_dict(plan.with_packing)
        body["packing_saves_first_year_usd"] = plan.packing_saves
    return body


def print_restore_everything(estimates: list[RestoreEstimate]) -> None:
    """Getting everything back to disk: one line per tier, its total and each charge."""
    first = estimates[0]
    kept = f", restored copies kept {first.restore_days} days" if first.tier else ""
    print(f"  restore:  everything back to disk{kept} (egress: internet transfer out)")
    names = [f"{e.tier}, within {e.hours_max:g} h" if e.tier else "direct download" for e in estimates]
    width = max(len(name) for name in names) + 1
    for name, e in zip(names, estimates, strict=True):
        charges = {
            "retrieval": e.retrieval_cost,
            "requests": e.restore_request_cost if e.tier else None,
            "egress": e.egress_cost,
            "temporary copy": e.temporary_copy_cost if e.tier else None,
            "downloads": e.get_request_cost,
        }
        listed = " + ".join(f"{what} {format_usd(usd)}" for what, usd in charges.items() if usd is not None)
        print(f"    {name + ':':<{width}} {format_usd(e.total)} = {listed}")


def restore_as_dict(e: RestoreEstimate) -> dict[str, object]:
    return {
        "storage_class": e.storage_class,
        "tier": e.tier,
        "objects": e.object_count,
        "bytes": e.total_bytes,
        "restore_days": e.restore_days,
        "hours_min": e.hours_min,
        "hours_max": e.hours_max,
        "retrieval_cost_usd": e.retrieval_cost,
        "restore_request_cost_usd": e.restore_request_cost,
        "get_request_cost_usd": e.get_request_cost,
        "temporary_copy_cost_usd": e.temporary_copy_cost,
        "egress_cost_usd": e.egress_cost,
        "total_usd": e.total,
    }
