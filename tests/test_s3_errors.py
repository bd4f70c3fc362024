"""One reading of S3's errors, checked against what a real HTTP S3 (moto's server) answers."""

from __future__ import annotations

from pathlib import Path

import botocore.exceptions
import pytest

from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.s3.errors import NOT_FOUND, S3_ERRORS, RemoteError, S3RequestError, error_code, explain
from glacier_gui.core.s3.objects import (
    check_bucket,
    get_bytes,
    get_chunks,
    head_object,
    list_objects,
    restore_object,
)
from glacier_gui.core.s3.probe import ManifestMissing, load_manifest
from glacier_gui.core.settings import Settings

PACKAGE = Path(__file__).resolve().parents[1] / "glacier_gui"


def test_a_missing_key_reads_as_not_found_whichever_request_asks(settings: Settings, s3, bucket: str) -> None:
    client = make_client(settings)
    with pytest.raises(botocore.exceptions.ClientError) as head:
        client.head_object(Bucket=bucket, Key="no/such.jpg")
    assert error_code(head.value) == "404" and error_code(head.value) in NOT_FOUND  # a HEAD has no error body
    assert head_object(client, bucket, "no/such.jpg") is None

    with pytest.raises(S3RequestError) as get:
        get_bytes(client, bucket, "no/such.jpg")
    assert get.value.code == "NoSuchKey" and error_code(get.value) in NOT_FOUND
    assert str(get.value).startswith("S3 error NoSuchKey")

    s3.put_object(Bucket=bucket, Key="here.txt", Body=b"0123456789")
    assert get_bytes(client, bucket, "here.txt") == b"0123456789"
    assert b"".join(get_chunks(client, bucket, "here.txt", 2, 5)) == b"2345"
    assert head_object(client, bucket, "here.txt")["ContentLength"] == 10  # type: ignore[index]


def test_a_missing_bucket_reads_as_not_found_and_is_named(settings: Settings) -> None:
    client = make_client(settings)
    gone = "no-such-bucket-here"
    with pytest.raises(S3RequestError, match="'no-such-bucket-here' does not exist") as checked:
        check_bucket(client, gone)
    assert checked.value.code in NOT_FOUND
    with pytest.raises(S3RequestError, match="does not exist") as get:
        get_bytes(client, gone, "a.json")
    assert get.value.code == "NoSuchBucket" and get.value.code in NOT_FOUND
    with pytest.raises(S3_ERRORS) as listed:  # listings keep botocore's exception: S3_ERRORS catches it
        list(list_objects(client, gone, ""))
    assert error_code(listed.value) == "NoSuchBucket"
    assert explain(listed.value, gone) == str(get.value)


def test_a_missing_manifest_and_a_missing_bucket_are_told_apart(settings: Settings, data_dir: Path) -> None:
    client = make_client(settings)
    layout = layout_for(settings)
    with pytest.raises(ManifestMissing, match="has no manifest"):
        load_manifest(client, settings.bucket, layout, data_dir, "2022/0501_旅行")
    with pytest.raises(RemoteError, match="does not exist") as wrong_bucket:
        load_manifest(client, "no-such-bucket-here", layout, data_dir, "2022/0501_旅行")
    assert not isinstance(wrong_bucket.value, ManifestMissing)


def test_a_refused_restore_carries_its_code(settings: Settings, s3, bucket: str) -> None:
    client = make_client(settings)
    s3.put_object(Bucket=bucket, Key="cold.jpg", Body=b"c", StorageClass="DEEP_ARCHIVE")
    assert restore_object(client, bucket, "cold.jpg", 1, "Bulk") is False  # 202: started
    s3.put_object(Bucket=bucket, Key="warm.jpg", Body=b"w")
    with pytest.raises(S3RequestError) as refused:
        restore_object(client, bucket, "warm.jpg", 1, "Bulk")
    assert refused.value.code == "InvalidObjectState"


def test_error_code_is_empty_for_what_is_not_an_s3_answer() -> None:
    assert error_code(ValueError("x")) == ""
    assert error_code(botocore.exceptions.EndpointConnectionError(endpoint_url="http://127.0.0.1:9")) == ""
    assert error_code(RemoteError("plain")) == ""
