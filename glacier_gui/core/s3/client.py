"""The S3 client and the key layout: how the app reaches the bucket and where each thing lives in it.

Key layout (DESIGN.md §4), chosen so any S3 client can find the photos without this app:

* data:      ``<prefix><root-name>/<unit>/<relative path>`` (NFC, ``/``), mtime in ``x-amz-meta-mtime``
  (seconds since the epoch, the same metadata rclone uses);
* a changed file, kept beside its older version (nothing is ever replaced):
  ``<prefix><root-name>/<unit>/.versions/<UTC time, 20261207T093000Z>/<relative path>``;
* manifests: ``<prefix>.glacier_gui/<root-name>/manifests/<unit>.json`` in STANDARD, readable without a restore,
  then one write-once generation per upload that changed something, ``<unit>.json@000001`` and on
  (``core/ledger/generations.py``).

The requests themselves are in :mod:`.objects`, the errors in :mod:`.errors`; the names re-exported below keep
older imports working until every importer asks those modules directly.
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass
from typing import Any

from glacier_gui.core.album.scan import ROOT_UNIT, nfc
from glacier_gui.core.inflight import connections, fetch_connections
from glacier_gui.core.s3.errors import RemoteError
from glacier_gui.core.s3.tuning import tune_client
from glacier_gui.core.settings import Settings

RESERVED_PREFIX = ".glacier_gui/"
VERSIONS_FOLDER = ".versions/"  # in a unit's folder: later versions of its changed files
MTIME_META = "mtime"
# botocore's own tries per request.  Few: a blip is absorbed here, a longer outage is waited out by the upload
# engine's own backoff (core/s3/outage.py, setting outage_wait), which reports it once instead of per request.
MAX_ATTEMPTS = 3  # the first try and two retries


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

    def version_key(self, unit: str, rel: str, stamp: str) -> str:
        """Where a changed file goes when its key holds an older version: ``<unit>/.versions/<stamp>/<rel>``."""
        return f"{self.unit_prefix(unit)}{VERSIONS_FOLDER}{stamp}/{nfc(rel)}"

    def versions_prefix(self, unit: str) -> str:
        return self.unit_prefix(unit) + VERSIONS_FOLDER

    def aws_arn(self, unit: str) -> str:
        """What the original wrote in ``aws_arn``: ``<prefix><root>/<unit>`` (``test/a``)."""
        return self.unit_prefix(unit).rstrip("/")

    def manifest_key(self, unit: str) -> str:
        return f"{self.prefix}{RESERVED_PREFIX}{nfc(self.root_name)}/manifests/{nfc(unit)}.json"

    def manifests_prefix(self) -> str:
        return f"{self.prefix}{RESERVED_PREFIX}{nfc(self.root_name)}/manifests/"

    def reserved_prefix(self) -> str:
        """``<prefix>.glacier_gui/<root>/``: this album's manifests, thumbnails and connection-test object."""
        return f"{self.prefix}{RESERVED_PREFIX}{nfc(self.root_name)}/"


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
    # botocore's own session, not boto3's: the client is the same, without boto3's resource models and
    # transfer-method injection (0.05 s of every run's start; nothing here uses them).  Imported here: commands
    # that never reach S3 start faster.
    import botocore.exceptions
    import botocore.session

    session = botocore.session.Session(profile=profile)
    if credentials:
        session.set_credentials(
            credentials["aws_access_key_id"],
            credentials["aws_secret_access_key"],
            credentials.get("aws_session_token"),
        )
    # Every request an upload can have in flight, or a download (its files and the ranges of large ones).
    pool = max_connections or max(connections(settings.concurrency), fetch_connections(settings.fetch_concurrency))
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
        retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
        connect_timeout=15,
        read_timeout=120,
        s3=s3_options,
        user_agent_appid="glacier_gui",
    )
    try:
        client = session.create_client("s3", region_name=settings.region or None, endpoint_url=endpoint, config=config)
    except botocore.exceptions.ProfileNotFound:
        raise RemoteError(f"AWS profile {settings.profile!r} is not in your AWS config (~/.aws/config)") from None
    except botocore.exceptions.BotoCoreError as exc:
        raise RemoteError(f"cannot set up the S3 client: {exc}") from None
    tune_client(client)
    # The client was made from these very credentials; the lean PUT path (leanput.py) signs with them too, and
    # they refresh themselves, so SSO or assumed-role keys keep working through a long upload.
    client._glacier_gui_credentials = session.get_credentials()
    return client


def session_credentials(client: Any) -> Any | None:
    """The credentials object *client* signs with, when :func:`make_client` made it (None otherwise).

    Ask it ``get_frozen_credentials()`` for each request: refreshable credentials renew themselves there.
    """
    return getattr(client, "_glacier_gui_credentials", None)


def _is_loopback_http(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "http" and (parts.hostname or "") in ("127.0.0.1", "localhost", "::1")


def library_versions() -> str:
    """The S3 libraries this build carries (imported here, so a bundle missing one fails the smoke test)."""
    import boto3
    import botocore
    import s3transfer

    return f"boto3 {boto3.__version__}, botocore {botocore.__version__}, s3transfer {s3transfer.__version__}"
