"""Counting upload requests: single PUTs, and 1 create + N parts + 1 complete per multipart upload.

The one home of the part-size rules: an object larger than the part size goes up in parts
(:func:`uses_multipart`), the part size doubles until at most 10,000 parts (:func:`effective_part_size`).
The upload engine decides each file with :func:`plan_object`, and the estimates count with it too, so an
estimate counts exactly what the engine sends.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from glacier_gui.core.cost.prices import (
    DEFAULT_PART_SIZE,
    MAX_OBJECT_SIZE,
    MAX_PART_SIZE,
    MAX_PARTS,
    MAX_SINGLE_PUT_SIZE,
    MIN_PART_SIZE,
)
from glacier_gui.core.textfmt import format_size

# ---------------------------------------------------------------------------------------------------------
# Counting upload requests
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestCount:
    """PUT-class requests needed to upload some objects (all billed at the PUT/COPY/POST/LIST rate)."""

    objects: int = 0
    single_puts: int = 0
    multipart_uploads: int = 0
    parts: int = 0

    @property
    def total(self) -> int:
        """All billed requests: single PUTs + (create + parts + complete) per multipart upload."""
        return self.single_puts + self.parts + 2 * self.multipart_uploads

    def __add__(self, other: RequestCount) -> RequestCount:
        return RequestCount(
            objects=self.objects + other.objects,
            single_puts=self.single_puts + other.single_puts,
            multipart_uploads=self.multipart_uploads + other.multipart_uploads,
            parts=self.parts + other.parts,
        )


def uses_multipart(size: int, part_size: int) -> bool:
    """Whether an object of *size* bytes goes up in parts: when it is larger than one part.

    An object of exactly *part_size* bytes is one PUT.  Above 5 GiB, S3's largest single PUT, it is always
    parts (a valid *part_size* is at most 5 GiB, so the first rule already says so).
    """
    return size > part_size or size > MAX_SINGLE_PUT_SIZE


@dataclass(frozen=True)
class ObjectPlan:
    """How one object goes up: one PUT (``parts == 0``), or *parts* parts of *part_size* bytes (the last shorter)."""

    size: int
    part_size: int = 0  # the effective part size; 0 for a single PUT
    parts: int = 0

    @property
    def multipart(self) -> bool:
        return self.parts > 0

    @property
    def requests(self) -> int:
        """PUT-class requests: 1, or create + parts + complete."""
        return self.parts + 2 if self.multipart else 1


def plan_object(size: int, part_size: int) -> ObjectPlan:
    """How an object of *size* bytes goes up with the configured *part_size*: what the engine sends for it."""
    _check_part_size(part_size)
    _check_object_size(size)
    if not uses_multipart(size, part_size):
        return ObjectPlan(size)
    return ObjectPlan(size, effective_part_size(size, part_size), part_count(size, part_size))


def effective_part_size(size: int, part_size: int) -> int:
    """Return the part size used for an object of *size* bytes, given the configured *part_size*.

    As boto3's transfer manager does, the part size is doubled until the object needs at most
    :data:`MAX_PARTS` (10,000) parts.  *part_size* must lie within S3's 5 MiB - 5 GiB.
    """
    _check_part_size(part_size)
    _check_object_size(size)
    chunk = part_size
    while math.ceil(size / chunk) > MAX_PARTS:
        chunk *= 2
    return chunk


def part_count(size: int, part_size: int) -> int:
    """Return the number of parts a multipart upload of *size* bytes uses (at least 1)."""
    return max(1, math.ceil(size / effective_part_size(size, part_size)))


def requests_for_sizes(sizes: Iterable[int], *, part_size: int = DEFAULT_PART_SIZE) -> RequestCount:
    """Count the requests to upload one object per size in *sizes*, as :func:`plan_object` sends each.

    An object up to *part_size* bytes is one PUT; a larger one is a multipart upload of 1 create +
    :func:`part_count` parts + 1 complete.
    """
    _check_part_size(part_size)
    total = RequestCount()
    for size in sizes:
        total = total + _requests_for_object(size, 1, part_size)
    return total


def requests_for_uniform(count: int, total_bytes: int, *, part_size: int = DEFAULT_PART_SIZE) -> RequestCount:
    """Count requests for *count* objects of equal size adding up to *total_bytes* (a what-if estimate).

    When *total_bytes* does not divide evenly, sizes differ by one byte, so the sizes add up exactly.
    """
    _check_part_size(part_size)
    if count < 0 or total_bytes < 0:
        raise ValueError(f"count and total size must not be negative (got {count}, {total_bytes})")
    if count == 0:
        if total_bytes:
            raise ValueError(f"{total_bytes} bytes cannot be spread over zero objects")
        return RequestCount()
    small, larger = divmod(total_bytes, count)
    result = _requests_for_object(small, count - larger, part_size)
    if larger:
        result = result + _requests_for_object(small + 1, larger, part_size)
    return result


def _requests_for_object(size: int, copies: int, part_size: int) -> RequestCount:
    plan = plan_object(size, part_size)
    if not plan.multipart:
        return RequestCount(objects=copies, single_puts=copies)
    return RequestCount(objects=copies, multipart_uploads=copies, parts=copies * plan.parts)


def _check_object_size(size: int) -> None:
    if size < 0:
        raise ValueError(f"an object size cannot be negative (got {size})")
    if size > MAX_OBJECT_SIZE:
        raise ValueError(f"S3 objects are at most 5 TiB; {format_size(size)} would not upload")


def _check_part_size(part_size: int) -> None:
    if not MIN_PART_SIZE <= part_size <= MAX_PART_SIZE:
        raise ValueError(f"part size must be between 5 MiB and 5 GiB (got {format_size(part_size)})")
