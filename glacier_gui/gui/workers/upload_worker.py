"""Workers that talk to S3: upload the marked units, and the settings dialog's Test connection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glacier_gui.core import backup
from glacier_gui.core.cost import UnknownPriceError, load_prices
from glacier_gui.core.plan import UploadPlan, plan_upload
from glacier_gui.core.progress import TransferProgress
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.connection import CheckResult, run_connection_checks
from glacier_gui.core.scan import ScanResult, scan_units
from glacier_gui.core.settings import Settings
from glacier_gui.core.status import StatusTable
from glacier_gui.core.upload import UnitResult, UploadReport
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


class UploadEstimateWorker(Worker):
    """Scan just the units about to be uploaded and estimate requests and cost; ``finished(UploadEstimateOutcome)``."""

    name = "upload estimate"

    def __init__(self, settings: Settings, units: list[str]) -> None:
        super().__init__()
        self.settings = settings
        self.units = units

    def work(self) -> UploadEstimateOutcome:
        s = self.settings
        scan = scan_units(s.require_root(), self.units, s.level, backup.skip_rules(s), cancel=self.cancel_token)
        try:
            plan = plan_upload(
                scan.units, load_prices(), s.effective_region, s.storage_class, s.part_size, s.pack_below
            )
        except UnknownPriceError as exc:  # an estimate is a help, not a condition of uploading
            return UploadEstimateOutcome(self.units, scan, None, str(exc))
        return UploadEstimateOutcome(self.units, scan, plan)


class ClientWorker(Worker):
    """Make the S3 client ahead of the first upload; ``finished(client)``.

    botocore decodes its large S3 model as JSON in C, holding the GIL for tens of milliseconds; doing it
    once when the window opens keeps that stall out of an upload.  The client is reused by later uploads.
    """

    name = "prepare S3 client"

    def __init__(self, settings: Settings, credentials: dict[str, str] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.credentials = credentials

    def work(self) -> Any:
        return make_client(self.settings, credentials=self.credentials)


class ConnectionWorker(Worker):
    """Run the Test connection checks; ``finished(list[CheckResult])``."""

    name = "test connection"

    def __init__(self, settings: Settings, credentials: dict[str, str] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.credentials = credentials

    def work(self) -> list[CheckResult]:
        client = make_client(self.settings, credentials=self.credentials)
        return run_connection_checks(self.settings, client)
