"""build_spec/installer.iss names things the app defines elsewhere: the scheduled task, the keyring targets.  Inno
Setup runs only on Windows (the workflow builds, installs and uninstalls for real); here the names are kept in step
with their one home in the code."""

from __future__ import annotations

import re
from pathlib import Path

from glacier_gui.core.homelink.schedule import DEFAULT_TASK_NAME
from glacier_gui.core.s3 import credentials

ISS = Path(__file__).resolve().parents[1] / "build_spec" / "installer.iss"


def section(text: str, name: str) -> str:
    match = re.search(rf"^\[{re.escape(name)}\]\n(.*?)(?=^\[|\Z)", text, re.M | re.S)
    assert match, f"no [{name}] section"
    return match.group(1)


def define(text: str, name: str) -> str:
    match = re.search(rf'^#define {name} "(.*)"$', text, re.M)
    assert match, f"no #define {name}"
    return match.group(1)


def test_uninstall_removes_the_scheduled_task_hidden() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert define(text, "TaskName") == DEFAULT_TASK_NAME
    run = section(text, "UninstallRun")
    assert 'schtasks.exe"; Parameters: "/Delete /TN ""{#TaskName}"" /F"' in run and "runhidden" in run


def test_removing_the_data_also_removes_every_keyring_target() -> None:
    text = ISS.read_text(encoding="utf-8")
    service, entries = credentials.KEYRING_SERVICE, (credentials._ID_ENTRY, credentials._SECRET_ENTRY)
    # python-keyring's Windows backend: the service as target, and entry@service for an entry moved aside.
    expected = {service} | {f"{entry}@{service}" for entry in entries}
    assert set(define(text, "KeyringTargets").split("|")) == expected
    code = section(text, "Code")
    assert "cmdkey.exe" in code and "SW_HIDE" in code and "DeleteStoredKeys();" in code


def test_an_upgrade_deletes_the_old_bundle_internals_first() -> None:
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in section(ISS.read_text(encoding="utf-8"), "InstallDelete")
