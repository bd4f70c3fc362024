"""Keyring-backed credentials and the Test connection checks (no Qt), against the moto server."""

from __future__ import annotations

from dataclasses import replace

import botocore.exceptions
import keyring
import keyring.backend
import pytest

from glacier_gui.core.s3 import credentials
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.connection import connection_ok, connection_test_key, run_connection_checks
from glacier_gui.core.s3.errors import RemoteError
from glacier_gui.core.settings import Settings, SettingsError, load_saved_settings, save_settings


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring: tests never touch a real keychain."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError(username)
        del self.entries[(service, username)]


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def test_keys_round_trip_through_the_keyring(memory_keyring):
    assert credentials.load_keys() is None
    credentials.store_keys(" AKIDEXAMPLE ", "s3cr3t")
    assert credentials.load_keys() == {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "s3cr3t"}
    assert credentials.stored_key_id() == "AKIDEXAMPLE"
    assert {s for s, _ in memory_keyring.entries} == {"glacier_gui"}
    credentials.delete_keys()
    credentials.delete_keys()  # twice is fine
    assert credentials.load_keys() is None
    with pytest.raises(credentials.CredentialError, match="both"):
        credentials.store_keys("AKID", "")


def test_credential_source_is_a_validated_setting_without_secrets(tmp_path, memory_keyring):
    s = Settings(credential_source="keyring")
    save_settings(s, tmp_path)
    assert load_saved_settings(tmp_path).credential_source == "keyring"
    credentials.store_keys("AKIDEXAMPLE", "very-secret-value")
    assert "very-secret-value" not in (tmp_path / "settings.json").read_text(encoding="utf-8")
    with pytest.raises(SettingsError, match="credential source"):
        Settings(credential_source="file").validate()


def test_make_client_uses_keyring_keys(settings, memory_keyring):
    s = replace(settings, credential_source="keyring")
    with pytest.raises(RemoteError, match="keyring"):
        make_client(s)
    credentials.store_keys("AKIDKEYRING", "from-the-keyring")
    client = make_client(s)
    assert client._request_signer._credentials.access_key == "AKIDKEYRING"
    client.head_bucket(Bucket=s.bucket)  # moto accepts any key: the client works end to end


def test_connection_checks_pass_against_the_server(settings, s3):
    results = run_connection_checks(settings, make_client(settings))
    assert [r.check for r in results] == [
        "bucket",
        "list",
        "write",
        "read",
        "multipart",
        "parts",
        "abort",
        "restore",
        "lifecycle",
    ]
    assert connection_ok(results), results
    key = connection_test_key(settings)
    assert key == ".glacier_gui/10_Album/connection-test.txt"
    head = s3.head_object(Bucket=settings.bucket, Key=key)
    assert head.get("StorageClass", "STANDARD") == "STANDARD"


def test_connection_checks_name_a_missing_bucket(settings):
    s = replace(settings, bucket="no-such-bucket-here")
    results = run_connection_checks(s, make_client(s))
    assert len(results) == 1 and not results[0].ok
    assert "does not exist" in results[0].message
    assert not connection_ok(run_connection_checks(replace(settings, bucket=""), None))


def test_connection_checks_say_which_permission_is_missing(settings):
    """A client whose PutObject is denied (stub on top of the real one): the message names s3:PutObject."""
    real = make_client(settings)

    class Denying:
        def __getattr__(self, name):
            return getattr(real, name)

        def put_object(self, **kwargs):
            raise botocore.exceptions.ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "PutObject")

    results = {r.check: r for r in run_connection_checks(settings, Denying())}
    assert results["bucket"].ok and results["list"].ok and results["multipart"].ok
    assert not results["write"].ok and "s3:PutObject" in results["write"].message
    assert not results["read"].ok
