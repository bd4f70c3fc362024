"""S3 failures in one vocabulary, so code outside ``core/s3`` never needs botocore to catch or read them.

* :class:`RemoteError` - an S3 problem already put in the user's words (the CLI and the GUI show its text);
* :class:`S3RequestError` - S3 refused one request: the same plain words plus the S3 error code, for callers
  that decide on it (``RestoreAlreadyInProgress``, ``InvalidObjectState``); core/s3 functions raise it;
* :data:`S3_ERRORS` - every exception an S3 call can raise, for a ``try`` around raw client calls;
* :func:`error_code` and :data:`NOT_FOUND` / :data:`DENIED` - the one reading of an error code;
* :class:`Unreachable` - S3 could not be reached at all (network, DNS, timeouts, server errors): waiting may help;
* :func:`explain` - one plain sentence for any exception (status.csv's last_error, the log, the CLI); a refusal
  by IAM names the permission the request needs (``s3:PutObject``), from :data:`IAM_ACTIONS`.
"""

from __future__ import annotations

import botocore.exceptions

from glacier_gui.core.i18n import message_of, msg

# "There is nothing at this name": a HEAD has no body, so S3 can only say 404 there; GET/LIST name the thing.
NOT_FOUND = frozenset({"404", "NotFound", "NoSuchKey", "NoSuchBucket"})
DENIED = frozenset({"403", "Forbidden", "AccessDenied", "AllAccessDisabled"})
# A write with ``If-None-Match: *`` found an object under its key: S3 kept the object, ours was not written.
EXISTS = frozenset({"412", "PreconditionFailed"})
BAD_KEYS = frozenset({"InvalidAccessKeyId", "SignatureDoesNotMatch"})
# S3 (or something on the way) could not serve the request right now: nothing is wrong with the request itself.
SERVER_ERRORS = frozenset(
    {"500", "502", "503", "504", "InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout", "BadGateway"}
)

# The IAM action each S3 operation of the app needs (AWS's "Actions defined by Amazon S3" table), so a refusal
# can name what the policy lacks.  HeadBucket needs s3:ListBucket; the parts of a multipart upload need
# s3:PutObject like a single PUT.
IAM_ACTIONS = {
    "HeadBucket": "s3:ListBucket",
    "ListObjectsV2": "s3:ListBucket",
    "ListObjects": "s3:ListBucket",
    "PutObject": "s3:PutObject",
    "CreateMultipartUpload": "s3:PutObject",
    "UploadPart": "s3:PutObject",
    "CompleteMultipartUpload": "s3:PutObject",
    "AbortMultipartUpload": "s3:AbortMultipartUpload",
    "ListParts": "s3:ListMultipartUploadParts",
    "ListMultipartUploads": "s3:ListBucketMultipartUploads",
    "GetObject": "s3:GetObject",
    "HeadObject": "s3:GetObject",
    "RestoreObject": "s3:RestoreObject",
    "GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
}


class RemoteError(Exception):
    """An S3 problem in the user's words (bucket missing, access denied, no credentials, endpoint down)."""


class Unreachable(RemoteError):
    """S3 could not be reached (connection refused or reset, timeouts, DNS) or answered with a server error:
    nothing is wrong with the request, and waiting for the network may help (``core/s3/outage.py``)."""


def already_exists(exc: BaseException) -> bool:
    """*exc* is S3's answer to a write-once request whose key is taken (412 Precondition Failed)."""
    return isinstance(exc, botocore.exceptions.ClientError) and error_code(exc) in EXISTS


class S3RequestError(RemoteError):
    """S3 answered one request with an error: :func:`explain`'s sentence, and the S3 error ``code``."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code

    @classmethod
    def of(cls, exc: BaseException, bucket: str = "") -> S3RequestError:
        return cls(explain(exc, bucket), error_code(exc))


def no_such_bucket(bucket: str) -> S3RequestError:
    """A bucket that is not there, whichever request found out (a HEAD can only answer a bare 404)."""
    return S3RequestError(
        msg("bucket {bucket!r} does not exist (or is in another account)", bucket=bucket), "NoSuchBucket"
    )


S3_ERRORS: tuple[type[Exception], ...] = (
    botocore.exceptions.ClientError,
    botocore.exceptions.BotoCoreError,
    RemoteError,
)


def error_code(exc: BaseException) -> str:
    """The S3 error code (``NoSuchKey``, ``404``, ``AccessDenied`` ...) of a refused request, ``""`` otherwise."""
    if isinstance(exc, S3RequestError):
        return exc.code
    if isinstance(exc, botocore.exceptions.ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


def explain(exc: BaseException, bucket: str = "") -> str:
    """One plain sentence for an S3/boto error (used in status.csv's last_error, the log and the CLI)."""
    if isinstance(exc, RemoteError):
        return message_of(exc)  # keeps a msg() text translatable
    if isinstance(exc, botocore.exceptions.NoCredentialsError):
        return msg("no AWS credentials found: set up a profile (aws configure) or choose one in Settings")
    if isinstance(exc, botocore.exceptions.EndpointConnectionError):
        return msg(
            "cannot reach S3 ({endpoint}): check the network", endpoint=exc.kwargs.get("endpoint_url", "endpoint")
        )
    if isinstance(exc, botocore.exceptions.ClientError):
        code = error_code(exc)
        message = exc.response.get("Error", {}).get("Message", "")
        if code == "NoSuchBucket":
            return message_of(no_such_bucket(bucket))
        if code in DENIED:
            action = IAM_ACTIONS.get(exc.operation_name, "")
            if action:
                return msg(
                    "access denied by S3 for bucket {bucket!r}: the IAM policy must allow {action} ({message})",
                    bucket=bucket,
                    action=action,
                    message=message,
                )
            return msg(
                "access denied by S3 for bucket {bucket!r}: the IAM policy lacks a permission ({message})",
                bucket=bucket,
                message=message,
            )
        if code in BAD_KEYS:
            return msg("the AWS access key is not valid: check the profile's credentials")
        return msg("S3 error {code}: {message}", code=code, message=message)
    if isinstance(exc, botocore.exceptions.BotoCoreError):
        return msg("S3 connection problem: {problem}", problem=str(exc))
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    return f"{type(exc).__name__}: {exc}"
