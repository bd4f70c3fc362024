"""The log file shared by several processes (the window and a scheduled run) rotates without losing either
process's logging: two real processes, and the Windows case (a file another process has open cannot be
renamed) through the rename the handler makes."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glacier_gui.core import logs
from glacier_gui.core.logs import LogFileHandler

REPO = Path(__file__).resolve().parents[1]
MAX_BYTES = 20_000
BACKUPS = 15  # room for all both processes write (2 x 1501 lines of ~80 bytes): every line must be kept

WRITER = """
import logging, sys, time
from pathlib import Path
from glacier_gui.core.logs import LogFileHandler

path, tag, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
handler = LogFileHandler(path, maxBytes=int(sys.argv[4]), backupCount=int(sys.argv[5]), encoding="utf-8")
log = logging.getLogger(tag)
log.addHandler(handler)
log.setLevel(logging.INFO)
while not go.exists():
    time.sleep(0.01)
for n in range(1500):
    log.info("%s line %05d %s", tag, n, "x" * 60)
    if n % 50 == 0:
        time.sleep(0.002)  # let the other process write in between
log.info("%s END", tag)
handler.close()
print("failed" if handler.failed else "ok")
"""


def log_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + "*"))


def test_two_processes_rotate_one_log_and_both_keep_logging(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "glacier_gui.log"
    path.parent.mkdir()
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), tag, str(go), str(MAX_BYTES), str(BACKUPS)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        for tag in ("window", "scheduled")
    ]
    time.sleep(0.5)  # both started
    go.touch()
    outputs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert outputs == ["ok", "ok"]
    files = log_files(path)
    names = [f.name for f in files]
    assert not [n for n in names if n.endswith(".rotating")]
    backups = len(names) - 1
    assert 8 <= backups <= BACKUPS  # rotated many times, by both
    assert names == ["glacier_gui.log"] + sorted((f"glacier_gui.log.{n}" for n in range(1, backups + 1)), key=str)
    text = {f.name: f.read_text(encoding="utf-8") for f in files}
    lines = [line for body in text.values() for line in body.splitlines()]
    # Both processes logged to the end and nothing was lost or written twice: neither stopped logging, and neither
    # went on writing into a file that had been rotated away.
    for tag in ("window", "scheduled"):
        assert sorted(line for line in lines if line.startswith(f"{tag} line ")) == [
            f"{tag} line {n:05d} {'x' * 60}" for n in range(1500)
        ]
        assert lines.count(f"{tag} END") == 1
    # No rotation happened twice for one (the backups are whole files, not slivers of a double rotation).
    for n in range(1, backups + 1):
        assert len(text[f"glacier_gui.log.{n}"].encode()) >= MAX_BYTES * 0.8, names


def test_a_log_another_process_holds_open_is_not_rotated_and_logging_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "glacier_gui.log"
    older = Path(f"{path}.1")
    older.write_text("yesterday's log\n", encoding="utf-8")
    real_replace = os.replace
    tries: list[str] = []

    def windows_replace(src: str, dst: str) -> None:
        if os.fspath(src) == str(path):
            tries.append(dst)
            raise PermissionError(32, "The process cannot access the file because it is being used by another process")
        real_replace(src, dst)

    monkeypatch.setattr(logs.os, "replace", windows_replace)
    handler = LogFileHandler(path, maxBytes=5_000, backupCount=BACKUPS, encoding="utf-8")
    log = logging.getLogger("test_log_rotation.held")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        for n in range(400):
            log.info("line %04d %s", n, "y" * 40)  # 400 x ~50 bytes: four times maxBytes
        assert not handler.failed
        assert "line 0399" in path.read_text(encoding="utf-8") and path.stat().st_size > 15_000
        assert older.read_text(encoding="utf-8") == "yesterday's log\n"  # the backups were not shifted
        assert not Path(f"{path}.2").exists()
        assert 2 <= len(tries) <= 40  # tried again as the file grew, not before every record
        monkeypatch.setattr(logs.os, "replace", real_replace)  # the other process has closed the file
        log.info("after the other process ended %s", "z" * 5000)
        log.info("the first line of a fresh log")
        fresh = path.read_text(encoding="utf-8")
        assert fresh.splitlines()[-1].endswith("the first line of a fresh log") and "line 0399" not in fresh
        assert "line 0399" in older.read_text(encoding="utf-8")
        assert Path(f"{path}.2").read_text(encoding="utf-8") == "yesterday's log\n"
    finally:
        log.removeHandler(handler)
        handler.close()
    assert not list(tmp_path.glob("*.rotating"))
