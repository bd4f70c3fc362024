"""Test connection: check the bucket and each permission the app needs, in plain words.

Used by the settings dialog's *Test connection* button (in a worker) and usable from scripts.  Each check
returns ``(check, ok, message)``; a failed check says what is missing (e.g. the IAM action to allow).  The
write check puts a tiny object under the app's reserved prefix in STANDARD class and reads it back; it is
the only object the test leaves (overwritten next time, a few bytes, never in an archive class).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from glacier_gui.core.s3.client import RESERVED_PREFIX
from glacier_gui.core.s3.errors import DENIED, NOT_FOUND, S3_ERRORS, RemoteError, error_code, explain
from glacier_gui.core.s3.objects import get_bytes
from glacier_gui.core.scan import nfc
from glacier_gui.core.settings import Settings

TEST_OBJECT_BODY = b"glacier_gui connection test: this small object can be deleted at any time.\n"


class CheckResult(NamedTuple):
    check: str
    ok: bool
    message: str


def connection_test_key(settings: Settings) -> str:
    """``<prefix>.glacier_gui/<root>/connection-test.txt``."""
    root = nfc(settings.root_name) or "_"
    return f"{settings.prefix}{RESERVED_PREFIX}{root}/connection-test.txt"


def run_connection_checks(settings: Settings, client: Any) -> list[CheckResult]:
    """Run every check against *client*; stops early only when the bucket itself cannot be reached."""
    bucket = settings.bucket
    results: list[CheckResult] = []
    if not bucket:
        return [CheckResult("bucket", False, "no bucket is set: enter the bucket name")]

    def attempt(check: str, ok_message: str, action: str, call: Callable[[], object]) -> bool:
        try:
            call()
        except S3_ERRORS as exc:
            if error_code(exc) in DENIED:
                message = f"not allowed: the IAM policy must allow {action} on bucket {bucket!r}"
            else:
                message = explain(exc, bucket)
            results.append(CheckResult(check, False, message))
            return False
        results.append(CheckResult(check, True, ok_message))
        return True

    try:
        client.head_bucket(Bucket=bucket)
    except S3_ERRORS as exc:
        code = error_code(exc)
        if code in NOT_FOUND:
            message = f"bucket {bucket!r} does not exist (or is in another account): check the name and region"
        elif code in DENIED:
            message = f"bucket {bucket!r} exists but access is denied: check the credentials and IAM policy"
        else:
            message = explain(exc, bucket)
        return [CheckResult("bucket", False, message)]
    results.append(CheckResult("bucket", True, f"bucket {bucket!r} is reachable"))

    attempt(
        "list",
        "listing objects is allowed",
        "s3:ListBucket",
        lambda: client.list_objects_v2(Bucket=bucket, MaxKeys=1, Prefix=settings.prefix),
    )
    key = connection_test_key(settings)
    wrote = attempt(
        "write",
        "writing objects is allowed",
        "s3:PutObject",
        lambda: client.put_object(Bucket=bucket, Key=key, Body=TEST_OBJECT_BODY, StorageClass="STANDARD"),
    )
    if wrote:

        def read_back() -> None:
            if get_bytes(client, bucket, key) != TEST_OBJECT_BODY:
                raise RemoteError("the object read back differs from what was written")

        attempt("read", "reading objects back is allowed", "s3:GetObject", read_back)
    else:
        results.append(CheckResult("read", False, "not tested: writing failed"))
    attempt(
        "multipart",
        "listing unfinished multipart uploads is allowed (resume works)",
        "s3:ListBucketMultipartUploads",
        lambda: client.list_multipart_uploads(Bucket=bucket, MaxUploads=1),
    )
    return results


def connection_ok(results: list[CheckResult]) -> bool:
    return bool(results) and all(r.ok for r in results)
