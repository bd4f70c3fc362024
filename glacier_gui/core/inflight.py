"""How many requests an upload or a restore keeps in flight: the one home of these numbers.

Over a home link what sets the pace is keeping the pipe full across the round trip, not CPU per request.
``tests/benchmarks/bench_link.py`` (80 ms round trip, 100 Mbit/s; figures in ``tests/benchmarks/README.md``)
found that photos of 2-6 MiB fill the link with 4 requests in flight, while a 100 KiB file spends most of its
request waiting on the round trip and needs 12-16.  So the setting ``concurrency`` counts what costs memory -
parts of large files and whole files above :data:`SMALL_FILE` (each held in memory while it is sent) - and
files up to :data:`SMALL_FILE` get :data:`SMALL_FILE_FACTOR` times as many workers.  A folder's own round trips
(its plan listing, its verify listing, its manifest) run beside the uploads on small pools of their own.
"""

from __future__ import annotations

SMALL_FILE = 2**20  # bytes: a file up to this size goes up with a single small PUT
SMALL_FILE_FACTOR = 2  # small files in flight per unit of concurrency
# A folder of four photos costs three round trips of its own: with 2 planners, 100 such folders could not be
# listed in less than 100 x 80 ms / 2 = 4 s over an 80 ms link, whatever the concurrency.
PLANNERS = 4  # units planned at once (one listing each)
LOOKAHEAD = 8  # planned units waiting for the upload queue: bounded, so memory stays bounded
FINISHERS = 16  # units verified and recorded at once (a listing, the thumbnail pack, a manifest PUT: in that order)


# A restore request has no body: each costs a round trip and S3's work, so only many in flight fill the time.
# 24 requests over an 80 ms round trip: about 300 a second, 200,000 objects in about 12 minutes
# (``tests/benchmarks/bench_restore.py``; figures in ``tests/benchmarks/README.md``).
RESTORE_REQUESTS = 24
ROUND_TRIP = 0.25  # seconds a RestoreObject takes from a home in Japan to a US region (80 ms RTT + S3's work)
# Downloads: files (or ranges of one large file) in flight; the setting ``fetch_concurrency`` overrides it.
FETCH_CONCURRENCY = 8


def file_workers(concurrency: int) -> int:
    """Files sent at once: ``concurrency`` of them above :data:`SMALL_FILE`, this many in all."""
    return SMALL_FILE_FACTOR * concurrency


def connections(concurrency: int) -> int:
    """The S3 client's connection pool for an upload at *concurrency*: every request that can be in flight
    (and at least a restore's requests, which share the client in the window)."""
    return max(file_workers(concurrency) + PLANNERS + FINISHERS, RESTORE_REQUESTS)


def fetch_connections(fetch_concurrency: int) -> int:
    """Connections a download at *fetch_concurrency* uses at most: its files and the ranges of large ones."""
    return 2 * fetch_concurrency
