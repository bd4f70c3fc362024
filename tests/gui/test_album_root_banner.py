"""The window when the album root cannot be read: a banner, no state changed, status.csv untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.settings import Settings

_real_scandir = os.scandir


def test_an_unreadable_root_shows_a_banner_and_changes_no_state(
    make_window, settings: Settings, album: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(settings)
    with qtbot.waitSignal(window.backup.scanFinished, timeout=30_000):
        window.backup.start_scan()
    before = Path(settings.status_file).read_bytes()
    assert not window.board.root_banner.isVisibleTo(window)

    def scandir(path: object = ".") -> object:
        if isinstance(path, str | os.PathLike) and os.path.realpath(os.fspath(path)) == os.path.realpath(album):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return _real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    with qtbot.waitSignal(window.backup.scanFinished, timeout=30_000):
        window.backup.start_scan()
    assert window.board.root_banner.isVisibleTo(window)
    text = window.board.root_banner.text()
    assert str(album) in text and "no permission" in text
    assert Path(settings.status_file).read_bytes() == before
    assert {r.status for r in window.session.table.rows} == {State.CHECK}
    assert {r.status for r in load_status(Path(settings.status_file)).rows} == {State.CHECK}

    window.session.model.mark_units(["2021/0401_帰省"])  # an upload now: refused before anything is marked failed
    marked = Path(settings.status_file).read_bytes()
    with qtbot.waitSignal(window.backup.jobFailed, timeout=30_000) as failed:
        window.backup.start_upload()
    assert "cannot be read" in failed.args[0] and str(album) in failed.args[0]
    assert Path(settings.status_file).read_bytes() == marked
    assert window.session.table.get("2021/0401_帰省").status == State.UPLOAD

    monkeypatch.setattr(os, "scandir", _real_scandir)  # the NAS is back
    with qtbot.waitSignal(window.backup.scanFinished, timeout=30_000):
        window.backup.start_scan()
    assert not window.board.root_banner.isVisibleTo(window)
