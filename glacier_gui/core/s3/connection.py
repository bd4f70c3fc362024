"""Test connection: check the bucket and each permission the app needs, in plain words.

Used by the settings dialog's *Test connection* button (in a worker) and usable from scripts.  Each check
returns ``(check, ok, message, severity)``; a failed check says what is missing (e.g. the IAM action to allow).
A failed ``"warning"`` check does not stop the app from working (it costs money or safety): the lifecycle
rule that aborts unfinished multipart uploads.  The write check puts a tiny object under the app's reserved
prefix in STANDARD class, write-once (``If-None-Match: *``) as every write of the app, and reads it back; it is
the only object the test leaves (a few bytes, never in an archive class) and it is never replaced: the next test
gets S3's 412 "already there", which S3 answers only after the key's permission to write was checked, so it
proves the write permission as well as a new object would.  The resume checks ask about a made-up upload id
and the restore check asks to restore that STANDARD object: S3 checks the permission first, so "no such
upload" or "not valid for the object's storage class" means allowed, and nothing is created or restored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from glacier_gui.core.album.scan import ROOT_UNIT, nfc
from glacier_gui.core.i18n import msg
from glacier_gui.core.s3.bucket_setup import abort_days_in, lifecycle_rules
from glacier_gui.core.s3.client import RESERVED_PREFIX, KeyLayout
from glacier_gui.core.s3.errors import (
    DENIED,
    NOT_FOUND,
    S3_ERRORS,
    RemoteError,
    already_exists,
    error_code,
    explain,
)
from glacier_gui.core.s3.objects import WRITE_ONCE, get_bytes
from glacier_gui.core.settings import Settings

TEST_OBJECT_BODY = b"glacier_gui connection test: this small object can be deleted at any time.\n"
_MADE_UP_UPLOAD_ID = "glacier-gui-connection-test"
# Refusals that come after the permission check: the request was allowed.
_NO_UPLOAD = frozenset({"NoSuchUpload", "404", "NotFound"})
_NOT_ARCHIVED = frozenset({"InvalidObjectState", "NoSuchKey", "404", "NotFound"})


class CheckResult(NamedTuple):
    check: str
    ok: bool
    message: str
    severity: str = "error"  # "warning": when it fails, the app still works (see connection_ok)


def connection_test_key(settings: Settings) -> str:
    """``<prefix>.glacier_gui/<root>/connection-test.txt``."""
    root = nfc(settings.root_name) or "_"
    return f"{settings.prefix}{RESERVED_PREFIX}{root}/connection-test.txt"


def run_connection_checks(settings: Settings, client: Any) -> list[CheckResult]:
    """Run every check against *client*; stops early only when the bucket itself cannot be reached."""
    bucket = settings.bucket
    results: list[CheckResult] = []
    if not bucket:
        return [CheckResult("bucket", False, msg("no bucket is set: enter the bucket name"))]

    def attempt(check: str, ok_message: str, action: str, call: Callable[[], object]) -> bool:
        try:
            call()
        except S3_ERRORS as exc:
            message: str
            if error_code(exc) in DENIED:
                message = msg(
                    "not allowed: the IAM policy must allow {action} on bucket {bucket!r}", action=action, bucket=bucket
                )
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
        message: str
        if code in NOT_FOUND:
            message = msg(
                "bucket {bucket!r} does not exist (or is in another account): check the name and region", bucket=bucket
            )
        elif code in DENIED:
            message = msg(
                "bucket {bucket!r} exists but access is denied: check the credentials, and that the IAM policy "
                "allows s3:ListBucket on it",
                bucket=bucket,
            )
        else:
            message = explain(exc, bucket)
        return [CheckResult("bucket", False, message)]
    results.append(CheckResult("bucket", True, msg("bucket {bucket!r} is reachable", bucket=bucket)))

    attempt(
        "list",
        msg("listing objects is allowed"),
        "s3:ListBucket",
        lambda: client.list_objects_v2(Bucket=bucket, MaxKeys=1, Prefix=settings.prefix),
    )
    key = connection_test_key(settings)
    fresh: list[bool] = []  # written now (else it was there: a 412 after the permission check)

    def write_once() -> None:
        try:
            client.put_object(Bucket=bucket, Key=key, Body=TEST_OBJECT_BODY, StorageClass="STANDARD", **WRITE_ONCE)
            fresh.append(True)
        except S3_ERRORS as exc:
            if not already_exists(exc):
                raise

    wrote = attempt("write", msg("writing objects is allowed"), "s3:PutObject", write_once)
    if wrote:

        def read_back() -> None:
            body = get_bytes(client, bucket, key)
            if fresh and body != TEST_OBJECT_BODY:
                raise RemoteError("the object read back differs from what was written")

        attempt("read", msg("reading objects back is allowed"), "s3:GetObject", read_back)
    else:
        results.append(CheckResult("read", False, msg("not tested: writing failed")))
    attempt(
        "multipart",
        msg("listing unfinished multipart uploads is allowed (orphaned uploads are found and aborted)"),
        "s3:ListBucketMultipartUploads",
        lambda: client.list_multipart_uploads(Bucket=bucket, MaxUploads=1),
    )
    attempt(
        "parts",
        msg("listing the parts of an unfinished upload is allowed (resume works)"),
        "s3:ListMultipartUploadParts",
        lambda: _allowed_if(_NO_UPLOAD, lambda: client.list_parts(Bucket=bucket, Key=key, UploadId=_MADE_UP_UPLOAD_ID)),
    )
    attempt(
        "abort",
        msg("aborting unfinished uploads is allowed (their parts stop being billed)"),
        "s3:AbortMultipartUpload",
        lambda: _allowed_if(
            _NO_UPLOAD, lambda: client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=_MADE_UP_UPLOAD_ID)
        ),
    )
    attempt(
        "restore",
        msg("requesting restores is allowed (getting photos back)"),
        "s3:RestoreObject",
        lambda: _allowed_if(
            _NOT_ARCHIVED,
            lambda: client.restore_object(
                Bucket=bucket, Key=key, RestoreRequest={"Days": 1, "GlacierJobParameters": {"Tier": "Bulk"}}
            ),
        ),
    )
    results.append(_lifecycle_check(client, settings))
    return results


def _allowed_if(codes: frozenset[str], call: Callable[[], object]) -> None:
    """*call*, where a refusal with one of *codes* comes after the permission check: it means allowed."""
    try:
        call()
    except S3_ERRORS as exc:
        if error_code(exc) not in codes:
            raise


def _lifecycle_check(client: Any, settings: Settings) -> CheckResult:
    """A warning unless a lifecycle rule aborts unfinished multipart uploads under the album's data prefix."""
    layout = KeyLayout(settings.prefix, settings.root_name)
    prefix = layout.unit_prefix(ROOT_UNIT) if settings.root_name else settings.prefix
    try:
        days = abort_days_in(lifecycle_rules(client, settings.bucket), prefix)
    except S3_ERRORS as exc:
        why = (
            msg("the IAM policy must allow s3:GetLifecycleConfiguration")
            if error_code(exc) in DENIED
            else explain(exc, settings.bucket)
        )
        return CheckResult(
            "lifecycle",
            False,
            msg(
                "could not read the bucket's lifecycle rules ({why}): without a rule that aborts unfinished "
                "multipart uploads, S3 bills their parts until someone aborts them",
                why=why,
            ),
            "warning",
        )
    if days:
        return CheckResult("lifecycle", True, msg("S3 aborts unfinished uploads after {days} days", days=days))
    return CheckResult(
        "lifecycle",
        False,
        msg(
            "no lifecycle rule aborts unfinished multipart uploads under {prefix!r}: S3 bills the parts of an "
            "upload that never finishes (a crash, a lost answer) until it is aborted; the README shows how to add "
            "the rule (AbortIncompleteMultipartUpload)",
            prefix=prefix or "the bucket",
        ),
        "warning",
    )


def connection_ok(results: list[CheckResult]) -> bool:
    """Everything the app needs works (failed warnings - the lifecycle rule - do not count)."""
    return bool(results) and all(r.ok or r.severity == "warning" for r in results)
