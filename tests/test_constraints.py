"""constraints.txt (docs/dependencies.md): exact pins only, for every dependency, inside pyproject's ranges.

Regenerating it takes a network and a minute (``build_spec/update_constraints.py``); these checks take none,
and catch a hand edit or a range changed in pyproject.toml without a new file.
"""

from __future__ import annotations

import datetime
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build_spec"))
from update_constraints import CONSTRAINTS, canonical, drift, read_pins, render  # noqa: E402

sys.path.remove(str(ROOT / "build_spec"))

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def requirements() -> list[Requirement]:
    """Every requirement of pyproject.toml for Python 3.11 on Linux: dependencies, every extra, the build backend."""
    texts = list(PYPROJECT["project"]["dependencies"]) + list(PYPROJECT["build-system"]["requires"])
    for extra in PYPROJECT["project"]["optional-dependencies"].values():
        texts += extra
    found = [Requirement(text) for text in texts]
    where = {"python_version": "3.11", "sys_platform": "linux", "platform_system": "Linux"}
    return [r for r in found if r.marker is None or r.marker.evaluate(where)]


def test_the_file_holds_only_comments_and_exact_pins_and_no_address() -> None:
    lines = CONSTRAINTS.read_text(encoding="utf-8").splitlines()
    for line in lines:
        assert not line or line.startswith("#") or re.fullmatch(r"[a-z0-9][a-z0-9-]*==[A-Za-z0-9.+!-]+", line), line
    assert not re.search(r"https?:|file:|--index|--extra-index|--find-links", "\n".join(lines))


def test_the_file_says_where_it_was_made() -> None:
    head = [line for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any(re.match(r"# Python: 3\.\d+\.\d+ ", line) for line in head), head
    assert any(line.startswith("# Platform: ") for line in head), head
    assert any("build_spec/update_constraints.py" in line for line in head), head


def test_every_dependency_is_pinned_inside_its_range() -> None:
    pins = read_pins()
    outside = [
        f"{r} (pinned {pins.get(canonical(r.name))})"
        for r in requirements()
        if canonical(r.name) not in pins or not r.specifier.contains(pins[canonical(r.name)], prereleases=True)
    ]
    assert not outside, "regenerate constraints.txt (build_spec/update_constraints.py): " + ", ".join(outside)


def test_the_installer_and_the_build_backend_are_pinned_too() -> None:
    assert {"pip", "setuptools", "pyinstaller"} <= set(read_pins())


def test_render_and_read_agree(tmp_path: Path) -> None:
    pins = {"moto": "5.2.6", "pyside6-essentials": "6.11.3"}
    where = {"python": "3.11.7 (CPython)", "platform": "Linux x86_64 (test)", "pip": "26.3"}
    written = tmp_path / "constraints.txt"
    written.write_text(render(pins, where, datetime.date(2026, 12, 7)), encoding="utf-8")
    assert read_pins(written) == pins
    assert drift(pins, {"moto": "5.2.7"}) == ["moto: 5.2.6 -> 5.2.7", "pyside6-essentials: 6.11.3 -> (not resolved)"]
    assert canonical("PySide6_Essentials") == "pyside6-essentials"
