"""rclone's --bwlimit syntax, timetables, and the shared upload limiter (its accuracy is a benchmark, not a test)."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from datetime import datetime

import pytest

from glacier_gui.core.bwlimit import (
    UNLIMITED,
    BwLimitError,
    LimitedReader,
    Limiter,
    Slot,
    parse_bwlimit,
    parse_rate,
    rate_at,
)
from glacier_gui.core.progress import Cancelled, CancelToken

KiB, MiB = 1024, 1024 * 1024
# 2024-01-01 is a Monday.
MON, TUE, FRI, SAT, SUN = 1, 2, 5, 6, 7


def at(day: int, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(2024, 1, day, hh, mm, ss)


# --- rclone's documented examples, verbatim (https://rclone.org/docs/#bwlimit-bandwidth-spec) ---------------


def test_doc_single_rate_is_mib_per_second() -> None:
    # "--bwlimit 10M would mean limit the upload and download bandwidth to 10 MiB/s."
    assert rate_at(parse_bwlimit("10M"), at(MON, 12)) == (10 * MiB, None)


def test_doc_up_down_pairs_use_the_upload_side() -> None:
    # "--bwlimit 10M:100k would mean limit the upload bandwidth to 10 MiB/s and the download bandwidth to 100 KiB/s"
    assert parse_bwlimit("10M:100k").slots == (Slot(0, 10 * MiB),)
    # "--bwlimit 10M:off ... would limit the upload bandwidth to 10 MiB/s but the download bandwidth would be unlimited"
    assert parse_bwlimit("10M:off").slots == (Slot(0, 10 * MiB),)
    assert parse_bwlimit("off:10M").always_off


def test_doc_bits_conversion_example() -> None:
    # "5/8 = 0.625 MiB/s so you would use a --bwlimit 0.625M parameter"
    assert parse_rate("0.625M") == 655360


def test_doc_daily_timetable() -> None:
    table = parse_bwlimit("08:00,512k 12:00,10M 13:00,512k 18:00,30M 23:00,off")
    # "the transfer bandwidth will be set to 512 KiB/s at 8am every day. At noon, it will rise to 10 MiB/s, and drop
    # back to 512 KiB/sec at 1pm. At 6pm, the bandwidth limit will be set to 30 MiB/s, and at 11pm it will be
    # completely disabled (full speed). Anything between 11pm and 8am will remain unlimited."
    for day in (MON, TUE, SAT, SUN):
        assert rate_at(table, at(day, 8)) == (512 * KiB, at(day, 12))
        assert rate_at(table, at(day, 12)) == (10 * MiB, at(day, 13))
        assert rate_at(table, at(day, 13)) == (512 * KiB, at(day, 18))
        assert rate_at(table, at(day, 18)) == (30 * MiB, at(day, 23))
        assert rate_at(table, at(day, 23)) == (None, at(day + 1, 8))
        assert rate_at(table, at(day, 3)) == (None, at(day, 8))


def test_doc_weekday_timetable() -> None:
    table = parse_bwlimit("Mon-00:00,512 Fri-23:59,10M Sat-10:00,1M Sun-20:00,off")
    # "the transfer bandwidth will be set to 512 KiB/s on Monday. It will rise to 10 MiB/s before the end of Friday.
    # At 10:00 on Saturday it will be set to 1 MiB/s. From 20:00 on Sunday it will be unlimited."
    assert rate_at(table, at(MON, 0)) == (512 * KiB, at(FRI, 23, 59))
    assert rate_at(table, at(TUE, 15, 30, 12)) == (512 * KiB, at(FRI, 23, 59))
    assert rate_at(table, at(FRI, 23, 59)) == (10 * MiB, at(SAT, 10))
    assert rate_at(table, at(SAT, 10)) == (1 * MiB, at(SUN, 20))
    # Sunday night wraps around the week to Monday 00:00.
    assert rate_at(table, at(SUN, 20)) == (None, datetime(2024, 1, 8, 0, 0))
    assert rate_at(table, at(SUN, 23, 59, 59)) == (None, datetime(2024, 1, 8, 0, 0))


def test_doc_dayless_entries_extend_to_the_whole_week() -> None:
    short = parse_bwlimit("Mon-00:00,512 12:00,1M Sun-20:00,off")
    # The docs' "equivalent" line is printed without a space after "512", which rclone itself rejects; with the
    # space restored it is the same timetable.
    with pytest.raises(BwLimitError, match="Mon-00:00,512Mon-12:00,1M"):
        parse_bwlimit(
            "Mon-00:00,512Mon-12:00,1M Tue-12:00,1M Wed-12:00,1M Thu-12:00,1M Fri-12:00,1M Sat-12:00,1M "
            "Sun-12:00,1M Sun-20:00,off"
        )
    long = parse_bwlimit(
        "Mon-00:00,512 Mon-12:00,1M Tue-12:00,1M Wed-12:00,1M Thu-12:00,1M Fri-12:00,1M Sat-12:00,1M "
        "Sun-12:00,1M Sun-20:00,off"
    )
    assert short.slots == long.slots
    # Monday morning 512 KiB/s; then 1 MiB/s every day from noon until Sunday 20:00 (repeats are not "changes").
    assert rate_at(short, at(MON, 9)) == (512 * KiB, at(MON, 12))
    assert rate_at(short, at(MON, 12)) == (1 * MiB, at(SUN, 20))
    # Tuesday 09:00 is before Tuesday's noon slot: Monday's 1M still applies.
    assert rate_at(short, at(TUE, 9)) == (1 * MiB, at(SUN, 20))


# --- units, as rclone's SizeSuffix reads them -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("512", 512 * KiB),  # default unit KiB/s
        ("512k", 512 * KiB),
        ("512K", 512 * KiB),
        ("4M", 4 * MiB),
        ("4m", 4 * MiB),
        ("1G", 1024 * MiB),
        ("1T", 1024**4),
        ("1P", 1024**5),
        ("1000B", 1000),
        ("1000b", 1000),
        ("1.5M", 3 * MiB // 2),
        (".5k", 512),
        ("2Ki", 2 * KiB),
        ("2MiB", 2 * MiB),
        ("0", None),  # 0 means no limit
        ("off", None),
        ("OFF", None),
    ],
)
def test_units(text: str, expected: int | None) -> None:
    assert parse_rate(text) == expected


def test_constant_limits() -> None:
    assert parse_bwlimit("off").always_off
    assert parse_bwlimit("0").always_off
    assert rate_at(parse_bwlimit("666:333"), at(SAT, 1)) == (666 * KiB, None)
    assert not parse_bwlimit("4M").always_off


def test_semicolons_separate_entries_too() -> None:
    assert parse_bwlimit("08:00,512k;23:00,off").slots == parse_bwlimit("08:00,512k 23:00,off").slots


def test_weekday_names_whole_or_short_any_case() -> None:
    assert parse_bwlimit("monday-10:00,1M SUN-11:00,off").slots == parse_bwlimit("Mon-10:00,1M Sun-11:00,off").slots


def test_later_entry_for_the_same_minute_wins() -> None:
    assert rate_at(parse_bwlimit("08:00,1M 08:00,2M"), at(MON, 9))[0] == 2 * MiB


@pytest.mark.parametrize(
    ("text", "bad_part"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("bad", '"bad"'),
        ("bad,bad", '"bad,bad"'),
        ("bad bad", '"bad"'),
        ("1000X", '"1000X"'),
        ("-5M", '"-5M"'),
        ("2401,666", '"2401,666"'),
        ("24:00,666", '"24:00,666"'),
        ("10:60,666", '"10:60,666"'),
        ("1061,666", '"1061,666"'),
        ("bad-10:20,666", '"bad"'),
        ("Mon-bad,666", '"Mon-bad,666"'),
        ("Mon-10:20,bad", '"Mon-10:20,bad"'),
        ("08:00,512k 12:00", '"12:00"'),
        ("08:00,1M:2M:3M", '"08:00,1M:2M:3M"'),
        ("08:00,1M:zz", '"08:00,1M:zz"'),
    ],
)
def test_errors_name_the_bad_token(text: str, bad_part: str) -> None:
    with pytest.raises(BwLimitError, match=bad_part):
        parse_bwlimit(text)
    assert issubclass(BwLimitError, ValueError)


def test_rate_at_boundaries_and_seconds() -> None:
    table = parse_bwlimit("08:00,1M 20:00,off")
    assert rate_at(table, at(MON, 7, 59, 59)) == (None, at(MON, 8))
    assert rate_at(table, at(MON, 8, 0, 0)) == (1 * MiB, at(MON, 20))
    assert rate_at(table, at(MON, 19, 59, 59)) == (1 * MiB, at(MON, 20))
    # Saturday night into Sunday morning, and Sunday night into Monday (week wrap).
    assert rate_at(table, at(SAT, 23)) == (None, at(SUN, 8))
    assert rate_at(table, at(SUN, 21)) == (None, datetime(2024, 1, 8, 8, 0))


def test_rate_at_single_weekly_change_wraps_a_whole_week() -> None:
    table = parse_bwlimit("Wed-10:00,1M Wed-10:01,1M")  # the same rate twice: never changes
    assert rate_at(table, at(MON, 0)) == (1 * MiB, None)
    table = parse_bwlimit("Wed-10:00,1M Thu-10:00,off")
    assert rate_at(table, datetime(2024, 1, 4, 10, 0)) == (None, datetime(2024, 1, 10, 10, 0))


# --- the limiter ------------------------------------------------------------------------------------------------


def run_in_thread(fn: Callable[[], None]) -> tuple[threading.Thread, threading.Event, list[BaseException]]:
    """Start *fn*; the event is set when it returns or raises (errors are kept for the test to check)."""
    done, errors = threading.Event(), []

    def body() -> None:
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            errors.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    return thread, done, errors


def test_unlimited_passes_at_once_and_counts() -> None:
    limiter = Limiter()
    started = time.monotonic()
    for _ in range(100):
        limiter.consume(64 * KiB)
    assert time.monotonic() - started < 1.0
    assert limiter.total_bytes == 100 * 64 * KiB


def test_a_rate_holds_bytes_back() -> None:
    limiter = Limiter(40 * KiB)
    started = time.monotonic()
    limiter.consume(20 * KiB)  # the bucket starts empty: half a second at 40 KiB/s
    elapsed = time.monotonic() - started
    assert 0.45 <= elapsed < 5.0
    assert limiter.total_bytes == 20 * KiB


def test_set_rate_reaches_a_thread_already_waiting() -> None:
    limiter = Limiter(1 * KiB)
    _, done, errors = run_in_thread(lambda: limiter.consume(1 * MiB))  # would take 17 minutes
    assert not done.wait(0.3)
    limiter.set_rate(None)
    assert done.wait(2.0)
    assert not errors
    assert limiter.total_bytes == 1 * MiB


def test_set_timetable_reaches_a_thread_already_waiting() -> None:
    limiter = Limiter(1 * KiB)
    _, done, errors = run_in_thread(lambda: limiter.consume(1 * MiB))
    assert not done.wait(0.3)
    limiter.set_timetable(parse_bwlimit("off"))
    assert done.wait(2.0)
    assert not errors


def test_timetable_change_releases_waiters_when_its_time_comes() -> None:
    wall = [at(MON, 8, 59, 59)]
    limiter = Limiter(timetable=parse_bwlimit("08:00,1 09:00,off"), now=lambda: wall[0])
    assert limiter.current_limit() == (1 * KiB, at(MON, 9))
    _, done, errors = run_in_thread(lambda: limiter.consume(1 * MiB))
    assert not done.wait(0.3)
    wall[0] = at(MON, 9, 0, 0)
    assert done.wait(2.5)  # re-read at least once a second
    assert not errors
    assert limiter.current_limit() == (None, at(TUE, 8))


def test_pause_stops_every_consumer_and_resume_releases_them() -> None:
    limiter = Limiter()
    limiter.pause()
    assert limiter.paused
    waits = [run_in_thread(lambda: limiter.consume(10)) for _ in range(4)]
    assert not any(done.wait(0.1) for _, done, _ in waits)
    time.sleep(0.3)
    assert limiter.total_bytes == 0
    limiter.resume()
    assert all(done.wait(2.0) for _, done, _ in waits)
    assert limiter.total_bytes == 40
    assert not any(errors for _, _, errors in waits)


def test_pause_reaches_a_thread_that_was_already_moving() -> None:
    limiter = Limiter(64 * KiB)
    stop = threading.Event()
    passed: list[int] = []

    def pump() -> None:
        while not stop.is_set():
            limiter.consume(4 * KiB, stop)
            passed.append(4 * KiB)

    thread, done, errors = run_in_thread(pump)
    deadline = time.monotonic() + 5
    while not passed and time.monotonic() < deadline:
        time.sleep(0.02)
    assert passed
    limiter.pause()
    time.sleep(0.3)  # a slice granted just before the pause may still finish
    frozen = len(passed)
    time.sleep(0.6)
    assert len(passed) == frozen
    limiter.resume()
    deadline = time.monotonic() + 5
    while len(passed) == frozen and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(passed) > frozen
    stop.set()
    assert done.wait(2.0)
    assert not errors or isinstance(errors[0], Cancelled)


@pytest.mark.parametrize("kind", ["token", "event", "callable"])
def test_cancel_frees_a_waiting_consumer(kind: str) -> None:
    limiter = Limiter(1 * KiB)
    token, event, flag = CancelToken(), threading.Event(), [False]
    cancel = {"token": token, "event": event, "callable": lambda: flag[0]}[kind]
    _, done, errors = run_in_thread(lambda: limiter.consume(1 * MiB, cancel))
    assert not done.wait(0.3)
    token.cancel()
    event.set()
    flag[0] = True
    assert done.wait(2.0)
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)


def test_cancel_frees_a_consumer_while_paused() -> None:
    limiter = Limiter()
    limiter.pause()
    token = CancelToken()
    _, done, errors = run_in_thread(lambda: limiter.consume(10, token))
    assert not done.wait(0.3)
    token.cancel()
    assert done.wait(2.0)
    assert isinstance(errors[0], Cancelled)
    # The cancelled waiter left the queue: others still get through after resume.
    limiter.resume()
    limiter.consume(10)
    assert limiter.total_bytes == 10


def test_threads_share_the_rate_fairly() -> None:
    limiter = Limiter(256 * KiB)
    stop = threading.Event()
    counts = [0, 0, 0]

    def pump(i: int) -> Callable[[], None]:
        size = (1 * MiB, 64 * KiB, 16 * KiB)[i]  # a thread that asks for big pieces must not take others' share

        def run() -> None:
            while not stop.is_set():
                limiter.consume(size, stop)
                counts[i] += size

        return run

    runs = [run_in_thread(pump(i)) for i in range(3)]
    time.sleep(1.5)
    stop.set()
    assert all(done.wait(3.0) for _, done, _ in runs)
    total = sum(counts)
    assert total > 0
    # The 1 MiB thread is only counted when its whole MiB passed, so judge it by the limiter's total instead.
    granted_to_small = counts[1] + counts[2]
    assert limiter.total_bytes - granted_to_small > 0.2 * limiter.total_bytes, (counts, limiter.total_bytes)
    assert min(counts[1], counts[2]) > 0.2 * limiter.total_bytes, (counts, limiter.total_bytes)


def test_measured_rate_over_the_window() -> None:
    clock = [100.0]
    limiter = Limiter(clock=lambda: clock[0], window_seconds=3.0)
    assert limiter.rate_bytes_per_second() == 0.0
    for _ in range(4):
        limiter.consume(1000)
        clock[0] += 1.0
    # Samples at 100, 101, 102, 103; now 104: the window (101..104] holds 3,000 bytes over 3 s.
    assert limiter.rate_bytes_per_second() == pytest.approx(1000.0)
    clock[0] += 10
    assert limiter.rate_bytes_per_second() == 0.0
    assert limiter.total_bytes == 4000


def test_measured_rate_at_the_start_uses_the_elapsed_time() -> None:
    clock = [0.0]
    limiter = Limiter(clock=lambda: clock[0])
    limiter.consume(1000)
    clock[0] = 1.0
    assert limiter.rate_bytes_per_second() == pytest.approx(1000.0)


def test_unlimited_timetable_constant() -> None:
    assert UNLIMITED.always_off
    assert Limiter(timetable=UNLIMITED).current_limit() == (None, None)


# --- the reader wrapper ---------------------------------------------------------------------------------------


def test_limited_reader_reads_through_the_limiter_and_rewinds() -> None:
    limiter = Limiter()
    raw = io.BytesIO(b"x" * 10_000)
    body = LimitedReader(raw, limiter)
    assert len(body) == 10_000 and bool(body)
    assert body.read(4000) == b"x" * 4000
    assert body.tell() == 4000
    assert len(body) == 6000  # what is left, as botocore measures a seekable stream
    assert body.read() == b"x" * 6000
    assert body.read(10) == b""
    assert limiter.total_bytes == 10_000
    body.seek(0)  # a retry rewinds: the bytes are sent, and charged, again
    assert body.read(None) == b"x" * 10_000
    assert limiter.total_bytes == 20_000
    assert not hasattr(body, "fileno")
    body.close()
    assert body.closed


def test_limited_reader_with_an_empty_body() -> None:
    body = LimitedReader(io.BytesIO(b""), Limiter())
    assert bool(body) and len(body) == 0 and body.read() == b""


def test_botocore_measures_the_wrapped_body() -> None:
    from botocore.utils import determine_content_length

    raw = io.BytesIO(b"y" * 5000)
    raw.seek(1000)
    assert determine_content_length(LimitedReader(raw, Limiter())) == 4000
    assert determine_content_length(LimitedReader(io.BytesIO(b""), Limiter())) == 0


def test_limited_reader_cancel() -> None:
    limiter = Limiter(1 * KiB)
    token = CancelToken()
    body = LimitedReader(io.BytesIO(b"z" * MiB), limiter, token)
    _, done, errors = run_in_thread(lambda: body.read(MiB))
    assert not done.wait(0.3)
    token.cancel()
    assert done.wait(2.0)
    assert isinstance(errors[0], Cancelled)


def test_a_put_through_botocore_is_charged_once_when_nothing_pre_reads(s3_url: str, bucket: str) -> None:
    """botocore reads a body an extra time to hash it when it signs the payload (plain HTTP) or computes its own
    checksum.  Set up as the engine does (our ChecksumSHA256 header; no payload signing, as over HTTPS or with
    ``payload_signing_enabled=False``), every byte is charged exactly once and the object arrives intact."""
    import base64
    import hashlib

    import boto3
    import botocore.config

    client = boto3.client(
        "s3",
        endpoint_url=s3_url,
        region_name="us-east-1",
        config=botocore.config.Config(s3={"payload_signing_enabled": False}),
    )
    data = bytes(range(256)) * 4096  # 1 MiB
    limiter = Limiter()
    body = LimitedReader(io.BytesIO(data), limiter)
    digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
    client.put_object(Bucket=bucket, Key="limited.bin", Body=body, ChecksumSHA256=digest)
    assert limiter.total_bytes == len(data)
    assert client.get_object(Bucket=bucket, Key="limited.bin")["Body"].read() == data
