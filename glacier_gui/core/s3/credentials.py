"""AWS credentials the app may use, without ever writing a secret to a file.

Two sources (the setting ``credential_source``): ``"profile"`` — boto3's own chain with an optional profile
from the user's AWS config (``~/.aws/config``, SSO, environment) — or ``"keyring"`` — an access key pair typed
into the settings dialog and kept in the OS credential store (Windows Credential Manager, macOS Keychain,
Secret Service) under the service name ``glacier_gui``.  Only the *choice* of source is a setting.
"""

from __future__ import annotations

import logging

import botocore.exceptions
import keyring
import keyring.errors

from glacier_gui.core.i18n import msg
from glacier_gui.core.setting_checks import CREDENTIAL_SOURCES

__all__ = [
    "CREDENTIAL_SOURCES",
    "CredentialError",
    "check_keyring",
    "delete_keys",
    "list_profiles",
    "load_keys",
    "store_keys",
    "stored_key_id",
]

log = logging.getLogger(__name__)

KEYRING_SERVICE = "glacier_gui"
_ID_ENTRY = "aws_access_key_id"
_SECRET_ENTRY = "aws_secret_access_key"


class CredentialError(Exception):
    """The OS credential store cannot be used, or holds no keys; the message says what to do."""


PROBE_ENTRY = "glacier_gui_probe"  # written and deleted again by check_keyring


def check_keyring(service: str = KEYRING_SERVICE) -> None:
    """Raise :class:`CredentialError` in plain words when this computer has no credential store that works.

    Asked on the wizard's key page, before anything is typed in vain: a Linux desktop without a Secret
    Service, or a locked one, refuses only when a key is written.  So a probe entry is written, read back and
    deleted (Windows' Credential Manager and the macOS Keychain pass).
    """
    try:
        keyring.set_password(service, PROBE_ENTRY, "probe")
        ok = keyring.get_password(service, PROBE_ENTRY) == "probe"
        keyring.delete_password(service, PROBE_ENTRY)
    except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
        log.info("the OS keyring cannot be used: %s", exc)
        ok = False
    if not ok:
        raise CredentialError(
            msg(
                "this computer has no keyring to keep the access keys safely: choose an AWS profile instead "
                "(put the keys in the AWS credentials file, for example with 'aws configure')"
            )
        )


def store_keys(access_key_id: str, secret_access_key: str, service: str = KEYRING_SERVICE) -> None:
    """Keep an access key pair in the OS keyring (replacing any earlier pair)."""
    access_key_id, secret_access_key = access_key_id.strip(), secret_access_key.strip()
    if not access_key_id or not secret_access_key:
        raise CredentialError(msg("both the access key id and the secret access key are needed"))
    try:
        keyring.set_password(service, _ID_ENTRY, access_key_id)
        keyring.set_password(service, _SECRET_ENTRY, secret_access_key)
    except keyring.errors.KeyringError as exc:
        raise CredentialError(msg("the OS credential store refused the keys: {reason}", reason=str(exc))) from None
    log.info("AWS keys stored in the OS keyring (service %s)", service)


def load_keys(service: str = KEYRING_SERVICE) -> dict[str, str] | None:
    """The stored pair as boto3 session arguments, or None when none is stored."""
    try:
        key_id = keyring.get_password(service, _ID_ENTRY)
        secret = keyring.get_password(service, _SECRET_ENTRY)
    except keyring.errors.KeyringError as exc:
        raise CredentialError(msg("the OS credential store cannot be read: {reason}", reason=str(exc))) from None
    if not key_id or not secret:
        return None
    return {"aws_access_key_id": key_id, "aws_secret_access_key": secret}


def stored_key_id(service: str = KEYRING_SERVICE) -> str:
    """The stored access key id (not secret; shown so the user sees which key is in use), or ""."""
    keys = load_keys(service)
    return keys["aws_access_key_id"] if keys else ""


def delete_keys(service: str = KEYRING_SERVICE) -> None:
    """Remove the stored pair; nothing happens when there is none."""
    for entry in (_ID_ENTRY, _SECRET_ENTRY):
        try:
            keyring.delete_password(service, entry)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            raise CredentialError(
                msg("the OS credential store refused to delete the keys: {reason}", reason=str(exc))
            ) from None


def list_profiles() -> list[str]:
    """Profile names from the user's AWS config and credentials files (empty when there are none)."""
    try:
        import boto3

        return sorted(boto3.session.Session().available_profiles)
    except botocore.exceptions.BotoCoreError as exc:
        log.warning("cannot read the AWS config: %s", exc)
        return []
