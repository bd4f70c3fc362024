"""The lean PutObject path: byte-for-byte the signature botocore computes, real uploads, and the fallback."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import uuid
from pathlib import Path

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.credentials
import botocore.exceptions
import moto.settings
import pytest

from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.leanput import FastPut
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup


@pytest.mark.parametrize(
    "region, addressing", [("us-east-1", "virtual"), ("ap-northeast-1", "virtual"), ("ap-northeast-1", "path")]
)
def test_signature_matches_botocores(region: str, addressing: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """What AWS would check: the Authorization equals botocore's for the same request and body (no network)."""
    client = boto3.client(
        "s3",
        region_name=region,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        config=botocore.config.Config(s3={"addressing_style": addressing}),
    )
    lean = FastPut(client, "album-backup")
    body = "運動会のリレー".encode() * 500
    digest = hashlib.sha256(body).digest()
    b64 = base64.b64encode(digest).decode()
    frozen = botocore.credentials.ReadOnlyCredentials(
        "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token/with+chars="
    )
    moment = datetime.datetime(2026, 11, 26, 8, 30, 15)
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: moment)
    key = "10_Album/2022/0601_運動会/リレー 1 (copy)~+&.jpg"
    path, headers = lean.signed_request(key, body, digest, b64, "DEEP_ARCHIVE", {"mtime": "1652105412.345128"}, frozen)
    assert headers["x-amz-date"] == "20261126T083015Z" and headers["x-amz-security-token"] == frozen.token

    # The same URL botocore builds for this key (its own encoding of Japanese, spaces, '+', '&', '~').
    from urllib.parse import urlsplit

    botocore_url = urlsplit(client.generate_presigned_url("put_object", Params={"Bucket": "album-backup", "Key": key}))
    assert (botocore_url.netloc, botocore_url.path) == (headers["host"], path)

    # botocore signing the real body (hashing it itself) must agree with our signature over the known SHA-256.
    request = botocore.awsrequest.AWSRequest(
        method="PUT",
        url=f"https://{headers['host']}{path}",
        data=body,
        headers={k: v for k, v in headers.items() if k not in ("authorization", "host")},
    )
    botocore.auth.S3SigV4Auth(frozen, "s3", region).add_auth(request)
    assert request.headers["X-Amz-Content-SHA256"] == digest.hex()
    assert headers["authorization"] == request.headers["Authorization"]
    if addressing == "path":
        assert path.startswith("/album-backup/10_Album/")
    else:
        assert headers["host"].startswith("album-backup.s3.") and path.startswith("/10_Album/")


def test_uploads_go_the_lean_way_and_arrive_complete(settings: Settings, data_dir: Path, s3, bucket: str) -> None:
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload(["2022/0501_旅行"])
    client = make_client(settings)
    botocore_puts: list[str] = []
    client.meta.events.register("before-send.s3.PutObject", lambda request, **kw: botocore_puts.append(request.url))
    report = backup.upload_marked(settings, table, data_dir, client, scan=summary.scan)
    assert not report.failed
    assert len(botocore_puts) == 1 and ".glacier_gui/" in botocore_puts[0]  # only the manifest: JSON, STANDARD
    head = s3.head_object(Bucket=bucket, Key="10_Album/2022/0501_旅行/sub/DSC_0002.jpg", ChecksumMode="ENABLED")
    assert head["StorageClass"] == "DEEP_ARCHIVE" and head["ContentLength"] == 500
    assert (
        head["Metadata"]["mtime"]
        and head["ChecksumSHA256"] == base64.b64encode(hashlib.sha256(b"d" * 500).digest()).decode()
    )


def test_an_error_hands_the_file_to_botocore_and_turns_the_lean_path_off(settings: Settings, s3_url: str) -> None:
    client = make_client(settings)
    lean = FastPut(client, "no-such-bucket-anywhere")
    body = b"x" * 10
    digest = hashlib.sha256(body).digest()
    assert lean.put("a/b.jpg", body, digest, base64.b64encode(digest).decode(), "DEEP_ARCHIVE", {}) is None
    assert not lean.enabled


def test_a_proxy_in_the_environment_leaves_it_to_botocore(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    assert not FastPut(make_client(settings), settings.bucket).enabled


def test_passing_server_errors_fall_back_per_file_then_for_the_run(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    lean = FastPut(make_client(settings), settings.bucket)
    body = b"y" * 10
    digest = hashlib.sha256(body).digest()
    b64 = base64.b64encode(digest).decode()
    answers = iter([(503, {}), (200, {"ETag": "e", "ChecksumSHA256": b64}), (500, {}), (503, {}), (500, {})])
    monkeypatch.setattr(lean, "_send", lambda *a: next(answers))
    assert lean.put("k", body, digest, b64, "DEEP_ARCHIVE", {}) is None and lean.enabled  # one 503: this file only
    assert lean.put("k", body, digest, b64, "DEEP_ARCHIVE", {}) == {"ETag": "e", "ChecksumSHA256": b64}
    for _ in range(3):
        assert lean.put("k", body, digest, b64, "DEEP_ARCHIVE", {}) is None
    assert not lean.enabled  # three in a row: botocore (with its retries) for the rest of the run


# ---- signatures S3 checks: moto with authentication on ----------------------------------------------------
@pytest.fixture
def iam_keys(s3_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A maker of real access keys for one IAM user allowed everything; moto checks every signature meanwhile.

    moto compares the signature with its own (botocore's S3SigV4Auth) over the path it decoded, so keys here
    stay plain: botocore's own PutObject of a Japanese key, or one with a space, is refused by moto in this mode too.
    """
    iam = boto3.client("iam", endpoint_url=s3_url, region_name="us-east-1")
    user = f"lean-{uuid.uuid4().hex[:8]}"
    iam.create_user(UserName=user)
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    iam.put_user_policy(UserName=user, PolicyName="all", PolicyDocument=json.dumps(policy))
    keys = [iam.create_access_key(UserName=user)["AccessKey"] for _ in range(2)]
    monkeypatch.setattr(moto.settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    return user, keys


def _put(lean: FastPut, key: str, body: bytes) -> dict[str, str] | None:
    digest = hashlib.sha256(body).digest()
    return lean.put(key, body, digest, base64.b64encode(digest).decode(), "DEEP_ARCHIVE", {"mtime": "1652105412.5"})


def test_s3_checks_the_signature_and_accepts_it(settings: Settings, s3_url: str, bucket: str, iam_keys) -> None:
    _user, (key, _) = iam_keys
    keys = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
    client = make_client(settings, credentials=keys)
    assert _put(FastPut(client, bucket), "2022/0601/IMG_0001.jpg", b"photo" * 100) is not None
    head = client.head_object(Bucket=bucket, Key="2022/0601/IMG_0001.jpg")
    assert head["StorageClass"] == "DEEP_ARCHIVE" and head["Metadata"] == {"mtime": "1652105412.5"}

    wrong = make_client(settings, credentials=keys | {"aws_secret_access_key": "not-the-secret"})
    lean = FastPut(wrong, bucket)
    assert _put(lean, "2022/0601/IMG_0002.jpg", b"x") is None and not lean.enabled  # 403: botocore takes over


def test_refreshed_credentials_sign_the_next_put(
    settings: Settings, s3_url: str, bucket: str, iam_keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys that rotate during an upload (SSO, assumed roles): each PUT signs with the keys valid at that moment."""
    user, (first, second) = iam_keys
    # botocore's environment provider re-reads these variables whenever the expiry is near (here: always).
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", first["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", first["SecretAccessKey"])
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=5)
    monkeypatch.setenv("AWS_CREDENTIAL_EXPIRATION", soon.isoformat())
    lean = FastPut(make_client(settings), bucket)
    sent: list[str] = []
    send = lean._send
    monkeypatch.setattr(
        lean, "_send", lambda path, headers, body: sent.append(headers["authorization"]) or send(path, headers, body)
    )

    assert _put(lean, "a/one.jpg", b"1" * 10) is not None
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", second["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", second["SecretAccessKey"])
    iam = boto3.client(
        "iam",
        endpoint_url=s3_url,
        region_name="us-east-1",
        aws_access_key_id=second["AccessKeyId"],
        aws_secret_access_key=second["SecretAccessKey"],
    )
    iam.delete_access_key(UserName=user, AccessKeyId=first["AccessKeyId"])  # the old key stops working
    assert _put(lean, "a/two.jpg", b"2" * 10) is not None and lean.enabled
    assert [a.split("Credential=")[1].split("/")[0] for a in sent] == [first["AccessKeyId"], second["AccessKeyId"]]


def test_the_lean_put_never_replaces_an_object(settings: Settings, bucket: str) -> None:
    """The bucket is append-only: the lean PUT is conditional, and a 412 leaves the object as it was and keeps the
    lean path on (a resumed run meets its own objects; botocore sends that one file again and the engine reads
    S3's PreconditionFailed as usual)."""
    client = make_client(settings)
    lean = FastPut(client, bucket)

    def stored() -> tuple[int, str]:  # DEEP_ARCHIVE cannot be read back: its size and SHA-256 tell
        head = client.head_object(Bucket=bucket, Key="2022/0601/IMG_0001.jpg", ChecksumMode="ENABLED")
        return head["ContentLength"], head["ChecksumSHA256"]

    first = (len(b"first photo"), base64.b64encode(hashlib.sha256(b"first photo").digest()).decode())
    assert _put(lean, "2022/0601/IMG_0001.jpg", b"first photo") is not None
    assert _put(lean, "2022/0601/IMG_0001.jpg", b"garbage") is None and lean.enabled
    assert stored() == first


def test_the_lean_put_signs_if_none_match() -> None:
    client = boto3.client(
        "s3", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret" * 6
    )
    frozen = botocore.credentials.ReadOnlyCredentials("AKIDEXAMPLE", "secret" * 6, None)
    digest = hashlib.sha256(b"x").digest()
    _path, headers = FastPut(client, "b").signed_request(
        "k", b"x", digest, base64.b64encode(digest).decode(), "DEEP_ARCHIVE", {}, frozen
    )
    assert headers["if-none-match"] == "*"
    assert "if-none-match" in headers["authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
