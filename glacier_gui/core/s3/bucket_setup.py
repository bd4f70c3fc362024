"""Make a bucket the way a careful administrator would, so the family never has to open the AWS console.

The first-run wizard offers to create the bucket; the connection test asks whether an existing one has the
rule that matters most for a backup that runs for days (abort incomplete multipart uploads, which are billed
until aborted). A new bucket gets:

* Block Public Access, all four switches on (family photos are never public);
* default encryption (SSE-S3, AES-256; no key management and no extra cost);
* a lifecycle rule that aborts incomplete multipart uploads after 7 days;
* a bucket policy that refuses, to every key, creating an object without ``If-None-Match`` (write-once:
  ``core/s3/policy.py``), when the set-up key may set one (if not, the step says so and the bucket is still used);
* versioning only when asked: with it, a replaced or deleted object keeps its old version, billed as before;
* S3 Object Lock in governance mode for N years, only when asked (it can only be chosen when the bucket is
  created): every version is kept N years even against a delete by a key with full rights.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from glacier_gui.core.i18n import msg
from glacier_gui.core.s3.errors import DENIED, NOT_FOUND, S3_ERRORS, RemoteError, error_code, explain
from glacier_gui.core.s3.policy import write_once_bucket_policy
from glacier_gui.core.settings import Settings, SettingsError

ABORT_RULE_ID = "glacier_gui-abort-incomplete-uploads"
DEFAULT_ABORT_DAYS = 7


class BucketSetupError(RemoteError):
    """The bucket could not be created or configured; the message says why in the user's words."""


@dataclass(frozen=True)
class BucketOptions:
    """What the wizard lets the user choose; everything else is always on."""

    versioning: bool = False
    abort_incomplete_days: int = DEFAULT_ABORT_DAYS
    write_once_policy: bool = True  # the bucket policy that refuses writes without If-None-Match
    object_lock_years: int = 0  # > 0: Object Lock, governance mode, default retention of that many years


def list_bucket_names(client: Any) -> list[str]:
    """The buckets this account owns, sorted (for the wizard's "use an existing bucket" list)."""
    try:
        answer = client.list_buckets()
    except S3_ERRORS as exc:
        if error_code(exc) in DENIED:
            raise BucketSetupError(
                "the AWS user may not list buckets (s3:ListAllMyBuckets): type the bucket name instead"
            ) from None
        raise BucketSetupError(explain(exc)) from None
    return sorted(str(b["Name"]) for b in answer.get("Buckets", ()))


def create_backup_bucket(client: Any, bucket: str, region: str, options: BucketOptions | None = None) -> list[str]:
    """Create *bucket* in *region* and configure it; return what was done, one short line per step.

    Refuses, with a message naming the bucket, a name S3 would refuse, a bucket that already exists (in this
    account or another: bucket names are global), and a region the endpoint does not accept.
    """
    options = options or BucketOptions()
    try:
        replace(Settings(), bucket=bucket).validate()
    except SettingsError as exc:
        raise BucketSetupError(str(exc)) from None
    if not bucket:
        raise BucketSetupError(msg("enter a bucket name"))
    _refuse_existing(client, bucket)
    kwargs: dict[str, Any] = {"Bucket": bucket}
    if region and region != "us-east-1":  # us-east-1 is the one region S3 refuses as a LocationConstraint
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
    if options.object_lock_years > 0:
        kwargs["ObjectLockEnabledForBucket"] = True  # only at creation; S3 turns versioning on with it
    try:
        client.create_bucket(**kwargs)
    except S3_ERRORS as exc:
        raise BucketSetupError(_create_failure(exc, bucket, region)) from None
    done: list[str] = [msg("created bucket {bucket} in {region}", bucket=bucket, region=region or "us-east-1")]
    done += configure_bucket(client, bucket, options)
    return done


def configure_bucket(client: Any, bucket: str, options: BucketOptions) -> list[str]:
    """Apply the safe settings to *bucket* (also usable on an existing bucket the user owns)."""
    steps: list[tuple[str, Any]] = [
        (
            msg("blocked all public access"),
            lambda: client.put_public_access_block(
                Bucket=bucket,
                PublicAccessBlockConfiguration={
                    "BlockPublicAcls": True,
                    "IgnorePublicAcls": True,
                    "BlockPublicPolicy": True,
                    "RestrictPublicBuckets": True,
                },
            ),
        ),
        (
            msg("turned on default encryption (SSE-S3)"),
            lambda: client.put_bucket_encryption(
                Bucket=bucket,
                ServerSideEncryptionConfiguration={
                    "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
                },
            ),
        ),
        (
            msg("added a rule that aborts incomplete uploads after {days} days", days=options.abort_incomplete_days),
            lambda: client.put_bucket_lifecycle_configuration(
                Bucket=bucket, LifecycleConfiguration={"Rules": [abort_rule(options.abort_incomplete_days)]}
            ),
        ),
    ]
    if options.versioning:
        steps.append(
            (
                msg("turned on versioning"),
                lambda: client.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}),
            )
        )
    if options.object_lock_years > 0:
        steps.append(
            (
                msg("turned on Object Lock (governance mode, {years} years)", years=options.object_lock_years),
                lambda: client.put_object_lock_configuration(
                    Bucket=bucket, ObjectLockConfiguration=object_lock_configuration(options.object_lock_years)
                ),
            )
        )
    done = []
    for what, call in steps:
        try:
            call()
        except S3_ERRORS as exc:
            raise BucketSetupError(
                f"bucket {bucket!r} was created, but this step failed: {what.split(' ', 1)[1]}: {explain(exc, bucket)}"
            ) from None
        done.append(what)
    if options.write_once_policy:
        done.append(_set_write_once_policy(client, bucket))
    return done


def _set_write_once_policy(client: Any, bucket: str) -> str:
    """Set the write-once bucket policy; what happened, in one line (a key that may not set it is not an error:
    the app's IAM policy already asks for the same condition)."""
    try:
        client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(write_once_bucket_policy(bucket)))
    except S3_ERRORS as exc:
        why = msg("the key may not (s3:PutBucketPolicy)") if error_code(exc) in DENIED else explain(exc, bucket)
        return msg("the write-once bucket policy was not set ({why}); docs/security.md shows it", why=why)
    return msg("set a bucket policy that refuses any write that could replace an object")


def object_lock_configuration(years: int) -> dict[str, Any]:
    """Object Lock in governance mode, every new object kept *years* years, as S3's API spells it."""
    return {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Years": years}}}


def abort_rule(days: int = DEFAULT_ABORT_DAYS) -> dict[str, Any]:
    """The lifecycle rule the README recommends, as S3's API spells it."""
    return {
        "ID": ABORT_RULE_ID,
        "Status": "Enabled",
        "Filter": {"Prefix": ""},
        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": days},
    }


def abort_rule_days(client: Any, bucket: str, prefix: str = "") -> int | None:
    """Days after which S3 aborts incomplete uploads under *prefix*; 0 when no rule does; None when unreadable.

    Any enabled rule counts whose filter covers *prefix* (an empty prefix, no filter, or a prefix of ours).
    """
    try:
        return abort_days_in(lifecycle_rules(client, bucket), prefix)
    except S3_ERRORS:
        return None


def lifecycle_rules(client: Any, bucket: str) -> list[dict[str, Any]]:
    """The bucket's lifecycle rules (none: an empty list); S3's refusal (``AccessDenied``...) is raised."""
    try:
        answer = client.get_bucket_lifecycle_configuration(Bucket=bucket)
    except S3_ERRORS as exc:
        if error_code(exc) == "NoSuchLifecycleConfiguration":
            return []
        raise
    return list(answer.get("Rules", ()))


def abort_days_in(rules: list[dict[str, Any]], prefix: str = "") -> int:
    """Days after which one of *rules* aborts incomplete uploads under *prefix* (the soonest); 0 when none does."""
    days = [
        int(rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"])
        for rule in rules
        if rule.get("Status") == "Enabled"
        and "AbortIncompleteMultipartUpload" in rule
        and prefix.startswith(_rule_prefix(rule))
    ]
    return min(days) if days else 0


def _rule_prefix(rule: dict[str, Any]) -> str:
    filt = rule.get("Filter")
    if filt is None:
        return str(rule.get("Prefix", ""))
    if "Prefix" in filt:
        return str(filt["Prefix"])
    if "And" in filt and not filt["And"].get("Tags"):
        return str(filt["And"].get("Prefix", ""))
    return "\x00"  # filters on tags or sizes: not a rule that covers every upload of ours


def _refuse_existing(client: Any, bucket: str) -> None:
    try:
        client.head_bucket(Bucket=bucket)
    except S3_ERRORS as exc:
        code = error_code(exc)
        if code in NOT_FOUND:
            return
        if code in DENIED:
            raise BucketSetupError(
                msg(
                    "bucket name {bucket!r} is already taken by another AWS account "
                    "(bucket names are shared by everyone): choose another name",
                    bucket=bucket,
                )
            ) from None
        raise BucketSetupError(explain(exc, bucket)) from None
    raise BucketSetupError(
        msg("bucket {bucket!r} already exists in your account: choose it as an existing bucket", bucket=bucket)
    )


def _create_failure(exc: BaseException, bucket: str, region: str) -> str:
    code = error_code(exc)
    if code == "BucketAlreadyOwnedByYou":
        return msg("bucket {bucket!r} already exists in your account: choose it as an existing bucket", bucket=bucket)
    if code == "BucketAlreadyExists":
        return msg("bucket name {bucket!r} is already taken by another AWS account: choose another name", bucket=bucket)
    if code == "InvalidBucketName":
        return msg(
            "S3 refuses the bucket name {bucket!r}: use 3-63 lower-case letters, digits, '.' and '-'", bucket=bucket
        )
    if code in ("IllegalLocationConstraintException", "InvalidLocationConstraint"):
        return msg("S3 does not accept region {region!r} for a new bucket here: choose another region", region=region)
    if code == "TooManyBuckets":
        return msg("this AWS account has reached its limit of buckets: use an existing bucket")
    return explain(exc, bucket)
