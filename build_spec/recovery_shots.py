"""The recovery path's pictures for docs/recovery.md and README.ja.md: a new PC gets the demo's photos back.

Called by make_screenshots.py once the demo has backed up its album: a second window over a new, empty data
folder (a new computer: no settings, no status.csv) walks the whole path through the window's own widgets - the
empty window, Help's guide, the wizard's recovery pages, the board it opens, Browse, the restore dialog, the
download and Verify - and saves one picture per step, ``recovery-NN-name.png``.  Each step's time on the demo's
local S3 server (moto) is printed; the docs quote them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWizard

from glacier_gui.core.settings import Settings
from glacier_gui.gui.main_window import MainWindow


@dataclass
class Shots:
    """Saves the pictures and times the steps."""

    app: Any
    out: Path
    spin: Callable[..., bool]
    times: list[tuple[str, float]] = field(default_factory=list)
    saved: list[str] = field(default_factory=list)
    _start: float = field(default_factory=time.perf_counter)

    def save(self, widget: Any, name: str) -> None:
        """Let the widget settle, save it, and note the time since the last picture (the step's time)."""
        self.times.append((name, time.perf_counter() - self._start))
        self.spin(self.app, lambda: False, 0.3)
        widget.grab().save(str(self.out / name))
        self.saved.append(name)
        self._start = time.perf_counter()


def recovery_shots(app: Any, settings: Settings, credentials: dict[str, str], work: Path, out: Path, spin: Any) -> bool:
    """The whole recovery path on the demo's bucket; True when every picture was saved."""
    from PySide6.QtCore import QItemSelectionModel

    from glacier_gui.gui.models.status_model import COL_UNIT

    new_pc = work / "new-pc"
    (new_pc / "data").mkdir(parents=True, exist_ok=True)
    fresh = Settings(endpoint_url=settings.endpoint_url, status_file=str(new_pc / "status.csv"))
    window = MainWindow(fresh, new_pc / "data", credentials=credentials, demo=True)
    window.resize(1240, 640)
    window.show()
    shots = Shots(app, out, spin)
    try:
        shots.save(window, "recovery-01-empty-window.png")
        guide = window.show_recovery_guide()
        shots.save(guide, "recovery-02-guide.png")
        guide.start_button.click()
        wizard = window.findChild(QWizard)
        wizard.back()  # the first question, answered by the guide's Start
        shots.save(wizard, "recovery-03-first-question.png")
        wizard.next()
        box = wizard.credentials_page.box
        box.source_combo.setCurrentIndex(box.source_combo.findData("keyring"))
        box.key_id_edit.setText("AKIAIOSFODNN7EXAMPLE")
        box.secret_edit.setText("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        shots.save(wizard, "recovery-04-key.png")
        wizard.next()
        page = wizard.find_page
        page.bucket_combo.setCurrentText(settings.bucket)
        if not spin(app, page.isComplete, 30):
            return False
        shots.save(wizard, "recovery-05-bucket.png")
        wizard.next()
        shots.save(wizard, "recovery-06-album.png")
        wizard.next()
        wizard.destination_page.dest_picker.edit.setText(str(new_pc / "復元した写真"))
        shots.save(wizard, "recovery-07-destination.png")
        rebuilt: list[object] = []
        window.backup.rebuildFinished.connect(rebuilt.append)
        wizard.button(QWizard.WizardButton.FinishButton).click()
        if not spin(app, lambda: bool(rebuilt), 30):
            return False
        window.log_pane.drain()
        shots.save(window, "recovery-08-board.png")

        board = window.board
        rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        board.view.clearSelection()
        board.view.selectionModel().select(board.proxy.index(0, COL_UNIT), rows)
        browse = window.restore_actions.open_browse()
        if browse is None or not spin(app, lambda: not browse.loading, 60):
            return False
        browse.resize(1000, 600)
        shots.save(browse, "recovery-09-browse.png")
        browse.close()

        board.view.selectAll()
        dialog = window.restore_actions.open_restore_dialog()
        if dialog is None or not spin(app, lambda: dialog.full is not None and dialog.request_button.isEnabled()):
            return False
        first = dialog.full.files[0]  # one photo left out: the unit's words follow the ticks
        dialog.set_file_checked(first.unit, first.path, False)
        dialog.tree.expand(dialog.model.find(first.unit))
        shots.save(dialog, "recovery-10-restore.png")
        created: list[object] = []
        dialog.jobCreated.connect(created.append)
        dialog.request_button.click()
        if not spin(app, lambda: bool(created)):
            return False
        note = window.restore_actions.confirmation
        if note is not None:
            shots.save(note, "recovery-11-requested.png")
            note.accept()
        panel = window.restore_actions.panel
        fetched: list[object] = []
        panel.fetched.connect(fetched.append)
        panel.download_button.click()  # the demo server restores at once
        if not spin(app, lambda: bool(fetched), 60):
            return False
        window.resize(1240, 760)
        window.log_pane.drain()
        shots.save(window, "recovery-12-downloaded.png")

        verified: list[object] = []
        window.restore_actions.verifyFinished.connect(verified.append)
        board.view.selectAll()
        window.restore_actions.start_verify()
        if not spin(app, lambda: bool(verified), 60) or window.restore_actions.verify_dialog is None:
            return False
        shots.save(window.restore_actions.verify_dialog, "recovery-13-verify.png")
        return True
    finally:
        print("recovery path on the demo server (moto):")
        for name, seconds in shots.times:
            print(f"  {seconds:6.2f} s  {name}")
        window.shutdown()
        window.close()
