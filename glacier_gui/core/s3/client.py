"""The one place that talks to S3: the client, key naming, listing and object checks.

Key layout (DESIGN.md §4), chosen so any S3 client can find the photos without this app:

* data:      ``<prefix><root-name>/<unit>/<relative path>`` (NFC, ``/``), mtime in ``x-amz-meta-mtime``
  (seconds since the epoch, the same metadata rclone uses);
* manifests: ``<prefix>.glacier_gui/<root-name>/manifests/<unit>.json`` in STANDARD, readable without a restore;
* status:    ``<prefix>.glacier_gui/<root-name>/status.csv`` in STANDARD.
"""

from __future__ import annotations

import os
import unicodedata
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import botocore.exceptions

from glacier_gui.core.s3.tuning import tune_client
from glacier_gui.core.scan import ROOT_UNIT
from glacier_gui.core.settings import Settings

RESERVED_PREFIX = ".glacier_gui/"
MTIME_META = "mtime"


class RemoteError(Exception):
    """An S3 problem in the user's words (bucket missing, access denied, no credentials, endpoint down)."""


@dataclass(frozen=True)
class RemoteObject:
    key: str
    size: int
    storage_class: str
    etag: str
    last_modified: datetime | None = None


@dataclass(frozen=True)
class KeyLayout:
    """Where a unit's files, manifest and status copy live in the bucket."""

    prefix: str
    root_name: str

    def unit_prefix(self, unit: str) -> str:
        base = f"{self.prefix}{nfc(self.root_name)}/"
        return base if unit == ROOT_UNIT else f"{base}{nfc(unit)}/"

    def data_key(self, unit: str, rel: str) -> str:
        return self.unit_prefix(unit) + nfc(rel)

    def aws_arn(self, unit: str) -> str:
        """What the original wrote in ``aws_arn``: ``<prefix><root>/<unit>`` (``test/a``)."""
        return self.unit_prefix(unit).rstrip("/")

    def manifest_key(self, unit: str) -> str:
        return f"{self.prefix}{RESERVED_PREFIX}{nfc(self.root_name)}/manifests/{nfc(unit)}.json"

    def manifests_prefix(self) -> str:
        return f"{self.prefix}{RESERVED_PREFIX}{nfc(self.root_name)}/manifests/"

    def status_key(self) -> str:
        return f"{self.prefix}{RESERVED_PREFIX}{nfc(self.root_name)}/status.csv"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def layout_for(settings: Settings) -> KeyLayout:
    return KeyLayout(settings.prefix, settings.root_name)


def make_client(
    settings: Settings, max_connections: int | None = None, credentials: dict[str, str] | None = None
) -> Any:
    """One S3 client for the whole run (clients are thread-safe; sessions are not).

    *credentials* (``aws_access_key_id``/``aws_secret_access_key``) are for the demo; with
    ``credential_source == "keyring"`` the keys stored in the OS keyring are used; otherwise boto3's own
    chain (profile, SSO, environment) applies.
    """
    profile = settings.profile or None
    if credentials is None and settings.credential_source == "keyring":
        # Keys typed into the settings dialog live in the OS keyring; they replace the profile chain.
        from glacier_gui.core.s3.credentials import CredentialError, load_keys

        try:
            credentials = load_keys()
        except CredentialError as exc:
            raise RemoteError(str(exc)) from None
        if credentials is None:
            raise RemoteError("no AWS keys are stored in the OS keyring: enter them in Settings, or use a profile")
        profile = None
    try:
        import boto3  # here, not at the top: commands that never reach S3 start 0.1 s faster

        session = boto3.session.Session(profile_name=profile, **(credentials or {}))
    except botocore.exceptions.ProfileNotFound:
        raise RemoteError(f"AWS profile {settings.profile!r} is not in your AWS config (~/.aws/config)") from None
    pool = max_connections or settings.concurrency + 4
    endpoint = settings.endpoint_url or os.environ.get("AWS_ENDPOINT_URL_S3") or None
    s3_options: dict[str, Any] = {"addressing_style": "path"} if settings.endpoint_url else {}
    if endpoint and _is_loopback_http(endpoint):
        # Over HTTPS botocore already sends UNSIGNED-PAYLOAD when a checksum header is present; over plain HTTP it
        # would SHA-256 every body a second time for the signature.  Only on loopback (tests, benchmarks, a local
        # server), where nobody can alter the request on the way; the ChecksumSHA256 header still guards the bytes.
        s3_options["payload_signing_enabled"] = False
    from botocore.config import Config

    config = Config(
        max_pool_connections=pool,
        retries={"max_attempts": 8, "mode": "standard"},
        connect_timeout=15,
        read_timeout=120,
        s3=s3_options,
        user_agent_appid="glacier_gui",
    )
    try:
        client = session.client("s3", region_name=settings.region or None, endpoint_url=endpoint, config=config)
    except botocore.exceptions.ProfileNotFound:
        raise RemoteError(f"AWS profile {settings.profile!r} is not in your AWS config (~/.aws/config)") from None
    except botocore.exceptions.BotoCoreError as exc:
        raise RemoteError(f"cannot set up the S3 client: {exc}") from None
    tune_client(client)
    return client


def _is_loopback_http(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "http" and (parts.hostname or "") in ("127.0.0.1", "localhost", "::1")


def explain(exc: BaseException, bucket: str = "") -> str:
    """One plain sentence for an S3/boto error (used in status.csv's last_error, the log and the CLI)."""
    if isinstance(exc, RemoteError):
        return str(exc)
    if isinstance(exc, botocore.exceptions.NoCredentialsError):
        return "no AWS credentials found: set up a profile (aws configure) or choose one in Settings"
    if isinstance(exc, botocore.exceptions.EndpointConnectionError):
        return f"cannot reach S3 ({exc.kwargs.get('endpoint_url', 'endpoint')}): check the network"
    if isinstance(exc, botocore.exceptions.ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        message = exc.response.get("Error", {}).get("Message", "")
        if code in ("NoSuchBucket",):
            return f"bucket {bucket!r} does not exist (or is in another account)"
        if code in ("AccessDenied", "403", "Forbidden"):
            return f"access denied by S3 for bucket {bucket!r}: the IAM policy lacks a permission ({message})"
        if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch"):
            return "the AWS access key is not valid: check the profile's credentials"
        return f"S3 error {code}: {message}"
    if isinstance(exc, botocore.exceptions.BotoCoreError):
        return f"S3 connection problem: {exc}"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    return f"{type(exc).__name__}: {exc}"


def check_bucket(client: Any, bucket: str) -> None:
    """Raise :class:`RemoteError` in plain words if *bucket* cannot be used."""
    try:
        client.head_bucket(Bucket=bucket)
    except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
        code = getattr(exc, "response", {}).get("Error", {}).get("Code", "")
        if code in ("404", "NoSuchBucket", "NotFound"):
            raise RemoteError(f"bucket {bucket!r} does not exist (or is in another account)") from None
        raise RemoteError(explain(exc, bucket)) from None


def list_requests(objects: int) -> int:
    """ListObjectsV2 requests needed to list *objects* keys (1,000 a page; an empty listing is one request)."""
    return max(1, -(-objects // 1000))


def list_objects(client: Any, bucket: str, prefix: str, recursive: bool = True) -> Iterator[RemoteObject]:
    """Every object under *prefix* (one request per 1,000 keys); only direct children if not *recursive*."""
    paginator = client.get_paginator("list_objects_v2")
    kwargs: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix}
    if not recursive:
        kwargs["Delimiter"] = "/"
    for page in paginator.paginate(**kwargs):
        for item in page.get("Contents", ()):
            yield RemoteObject(
                item["Key"],
                int(item["Size"]),
                item.get("StorageClass", "STANDARD"),
                item.get("ETag", "").strip('"'),
                item.get("LastModified"),
            )


def head_object(client: Any, bucket: str, key: str) -> dict[str, Any] | None:
    """HEAD with checksum mode; None when the object does not exist."""
    try:
        result: dict[str, Any] = client.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
        return result
    except botocore.exceptions.ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return None
        raise
