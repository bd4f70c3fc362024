"""One time module: ISO UTC text for manifests and jobs, the original's local-time text for status.csv."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from glacier_gui.core import clock

JST = timezone(timedelta(hours=9))


@pytest.fixture
def in_tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own zone is Japan's (what status.csv's local times are written in)."""
    if not hasattr(time, "tzset"):
        pytest.skip("the process time zone can only be changed on POSIX")
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_utc_now_is_aware_utc() -> None:
    before = datetime.now(UTC)
    now = clock.utc_now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    assert before <= now <= datetime.now(UTC)


def test_iso_utc_text_is_utc_to_the_second() -> None:
    assert clock.iso_utc(datetime(2024, 5, 1, 21, 30, 15, 999_999, tzinfo=JST)) == "2024-05-01T12:30:15+00:00"
    assert clock.iso_utc(datetime(2024, 5, 1, 12, 30, 15)) == "2024-05-01T12:30:15+00:00"  # no zone: UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T12:30:15+00:00", datetime(2024, 5, 1, 12, 30, 15, tzinfo=UTC)),
        ("2024-05-01T21:30:15+09:00", datetime(2024, 5, 1, 12, 30, 15, tzinfo=UTC)),
        ("2024-05-01T12:30:15", datetime(2024, 5, 1, 12, 30, 15, tzinfo=UTC)),  # no zone: UTC
        ("", None),
        ("next Tuesday", None),
    ],
)
def test_parse_iso(text: str, expected: datetime | None) -> None:
    parsed = clock.parse_iso(text)
    assert parsed == expected
    if parsed is not None:
        assert parsed.tzinfo is not None and clock.iso_utc(parsed) == clock.iso_utc(expected)  # type: ignore[arg-type]


def test_status_time_text_is_the_originals_format() -> None:
    value = datetime(2022, 5, 9, 23, 20, 12, 345128)
    assert clock.format_time(value) == "2022-05-09 23:20:12.345128"
    assert clock.parse_time("2022-05-09 23:20:12.345128") == value
    assert clock.format_time(None) == "" and clock.parse_time("") is None


def test_status_time_of_an_aware_moment_is_local_time(in_tokyo: None) -> None:
    moment = datetime(2022, 5, 9, 14, 20, 12, 345128, tzinfo=UTC)
    assert clock.format_time(moment) == "2022-05-09 23:20:12.345128"
    assert clock.parse_time(clock.format_time(clock.utc_now())) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022/5/9 23:20", datetime(2022, 5, 9, 23, 20)),  # Excel's rewrite
        ("2022-05-09 23:20:12", datetime(2022, 5, 9, 23, 20, 12)),
        ("not a time", None),
    ],
)
def test_parse_time_reads_what_excel_makes_of_it(text: str, expected: datetime | None) -> None:
    assert clock.parse_time(text) == expected
