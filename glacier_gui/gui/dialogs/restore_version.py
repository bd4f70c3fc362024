"""The restore dialog's choice of backup version, and the plan it reads in the background.

A unit's manifest is a chain of generations, one per upload that changed it (``core/ledger/generations.py``).
The dialog restores the newest that chains by default; this choice offers each earlier date a generation was
stored, so a family can get the files back as they were then - the remedy when the newest was not made by them
(``docs/security.md``).  The dates come from one LIST per unit, beside the plan; choosing one plans again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from glacier_gui.gui.workers.restore_worker import backup_dates, plan_units


class VersionChoice(QComboBox):
    """ "The newest", then "As it was on <date>" for each earlier generation date; its data: the as-of time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreVersion")
        self.addItem(self.tr("The newest"), None)
        self.setToolTip(
            self.tr(
                "Each upload that changed a unit is kept as a version of its file list. Choose an earlier one to get "
                "the files back as they were then (for example if the newest was not made by you)."
            )
        )

    def show_dates(self, dates: object) -> None:
        """One choice per date a manifest of the units was stored (the newest is the default)."""
        assert isinstance(dates, list)
        for when in dates[1:]:
            self.addItem(self.tr("As it was on {0}").format(when.astimezone().strftime("%Y-%m-%d %H:%M:%S")), when)


def start_plan(dialog: Any) -> None:
    """Plan *dialog*'s units as of the version chosen (a ``RestoreDialog``): its manifests and the objects'
    states, in the background; the first time, the dates to offer as well.  The choice waits while it plans."""
    s, choice = dialog.session, dialog.version_combo
    settings, data_dir, units, client, cancel = s.settings, s.data_dir, dialog.units, s.client_source(), dialog._cancel
    as_of: datetime | None = choice.currentData()
    if choice.count() == 1:
        s.runner.run_task(lambda: backup_dates(settings, units, client), choice.show_dates, lambda _m: None)
    choice.setEnabled(False)  # one plan at a time: the dialog enables it again when the plan has arrived
    dialog.task = s.runner.run_task(
        lambda: plan_units(settings, data_dir, units, client, cancel, as_of),
        dialog.show_plan,
        dialog._failed,
        name="restore plan",
        cancel=cancel,
    )
