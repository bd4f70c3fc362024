"""Uploading: the upload of the marked units (a long job, with a progress snapshot the window polls), and the
estimate shown before it (a single call for ``run_task``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glacier_gui.core.album.root import check_root
from glacier_gui.core.album.scan import ScanResult, scan_units
from glacier_gui.core.cost import UnknownPriceError, load_prices
from glacier_gui.core.i18n import message_of
from glacier_gui.core.ledger.status import StatusTable
from glacier_gui.core.progress import CancelToken, TransferProgress
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from glacier_gui.core.upload.engine import UnitResult, UploadReport
from glacier_gui.core.upload.estimate import UploadPlan, plan_upload
from glacier_gui.gui.workers.base import Worker


class UploadWorker(Worker):
    """Upload the units in state Upload (or *units*) with the core engine.

    The rows are updated in place by the core (under the table's lock) and saved after each unit.
    ``progress(UnitResult)`` is emitted once per finished unit; byte progress is read by the window from the
    shared :attr:`progress` on a timer, never per chunk.
    """

    name = "upload"

    def __init__(
        self,
        settings: Settings,
        table: StatusTable,
        data_dir: Path,
        units: list[str] | None = None,
        credentials: dict[str, str] | None = None,
        client: Any = None,
        scan: ScanResult | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.table = table
        self.data_dir = data_dir
        self.units = units
        self.credentials = credentials
        self.client = client
        self.scan = scan  # from the estimate: the NAS is not walked twice
        self.progress = TransferProgress()

    def _unit_done(self, result: UnitResult) -> None:
        self.signals.progress.emit(result)

    def work(self) -> UploadReport:
        if self.client is None:
            self.client = make_client(self.settings, credentials=self.credentials)  # the window keeps it for later
        client = self.client
        return backup.upload_marked(
            self.settings,
            self.table,
            self.data_dir,
            client,
            units=self.units,
            progress=self.progress,
            cancel=self.cancel_token,
            scan=self.scan,
            on_unit_done=self._unit_done,
        )


@dataclass
class UploadEstimateOutcome:
    units: list[str]
    scan: ScanResult  # handed to the upload so the NAS is scanned once
    plan: UploadPlan | None  # None when the price book has no figures for the region
    problem: str = ""  # why there is no plan


def estimate_upload(settings: Settings, units: list[str], cancel: CancelToken | None = None) -> UploadEstimateOutcome:
    """Scan just the units about to be uploaded and estimate requests and cost."""
    s = settings
    root = s.require_root()
    check_root(root)  # a NAS that is off: said before any estimate, and nothing is marked failed
    scan = scan_units(root, units, s.level, backup.skip_rules(s), cancel=cancel)
    try:
        plan = plan_upload(
            scan.units,
            load_prices(),
            s.effective_region,
            s.storage_class,
            s.part_size,
            s.pack_below,
            thumbnail_class=s.thumbnail_target,
        )
    except UnknownPriceError as exc:  # an estimate is a help, not a condition of uploading
        return UploadEstimateOutcome(units, scan, None, message_of(exc))  # the dialog translates it
    return UploadEstimateOutcome(units, scan, plan)
