"""Bucket creation for the first-run wizard, against moto's real HTTP S3 on 127.0.0.1."""

from __future__ import annotations

import json
import uuid

import pytest
from botocore.exceptions import ClientError

from glacier_gui.core.s3.bucket_setup import (
    ABORT_RULE_ID,
    BucketOptions,
    BucketSetupError,
    abort_rule_days,
    create_backup_bucket,
    list_bucket_names,
)
from glacier_gui.core.s3.policy import write_once_bucket_policy


def _name() -> str:
    return f"wizard-{uuid.uuid4().hex[:12]}"


@pytest.mark.parametrize("region", ["us-east-1", "ap-northeast-1"])
def test_a_new_bucket_is_private_encrypted_and_aborts_stale_uploads(s3, region: str) -> None:
    name = _name()
    done = create_backup_bucket(s3, name, region)
    assert done[0] == f"created bucket {name} in {region}" and len(done) == 5
    assert name in list_bucket_names(s3)
    location = s3.get_bucket_location(Bucket=name)["LocationConstraint"]
    assert (location or "us-east-1") == region
    block = s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"]
    assert block == dict.fromkeys(
        ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"), True
    )
    rules = s3.get_bucket_encryption(Bucket=name)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    lifecycle = s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"]
    assert [r["ID"] for r in lifecycle] == [ABORT_RULE_ID]
    assert abort_rule_days(s3, name) == 7
    assert abort_rule_days(s3, name, prefix="backup/") == 7
    assert s3.get_bucket_versioning(Bucket=name).get("Status") is None  # off unless asked
    assert json.loads(s3.get_bucket_policy(Bucket=name)["Policy"]) == write_once_bucket_policy(name)
    assert done[-1] == "set a bucket policy that refuses any write that could replace an object"


def test_object_lock_only_when_asked_in_governance_mode(s3) -> None:
    name = _name()
    done = create_backup_bucket(s3, name, "us-east-1", BucketOptions(object_lock_years=7, write_once_policy=False))
    assert "turned on Object Lock (governance mode, 7 years)" in done
    lock = s3.get_object_lock_configuration(Bucket=name)["ObjectLockConfiguration"]
    retention = lock["Rule"]["DefaultRetention"]
    assert lock["ObjectLockEnabled"] == "Enabled" and (retention["Mode"], retention["Years"]) == ("GOVERNANCE", 7)
    assert s3.get_bucket_versioning(Bucket=name)["Status"] == "Enabled"  # S3 turns it on with Object Lock
    plain = _name()
    create_backup_bucket(s3, plain, "us-east-1", BucketOptions(write_once_policy=False))
    with pytest.raises(ClientError):
        s3.get_object_lock_configuration(Bucket=plain)


def test_a_key_that_may_not_set_the_bucket_policy_still_gets_its_bucket(s3, monkeypatch) -> None:
    def refuse(**_kw):
        raise ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "PutBucketPolicy")

    monkeypatch.setattr(s3, "put_bucket_policy", refuse)
    name = _name()
    done = create_backup_bucket(s3, name, "us-east-1")
    assert "the write-once bucket policy was not set (the key may not (s3:PutBucketPolicy))" in done[-1]
    assert name in list_bucket_names(s3)


def test_versioning_only_when_asked(s3) -> None:
    name = _name()
    done = create_backup_bucket(s3, name, "us-east-1", BucketOptions(versioning=True, abort_incomplete_days=3))
    assert "turned on versioning" in done
    assert s3.get_bucket_versioning(Bucket=name)["Status"] == "Enabled"
    assert abort_rule_days(s3, name) == 3


def test_an_existing_bucket_is_refused_by_name(s3, bucket: str) -> None:
    with pytest.raises(BucketSetupError, match=f"{bucket}.*already exists in your account"):
        create_backup_bucket(s3, bucket, "us-east-1")


@pytest.mark.parametrize("bad", ["Family_Photos", "ab", "-starts-with-dash", "x" * 64])
def test_a_bad_name_is_refused_before_anything_is_sent(s3, bad: str) -> None:
    with pytest.raises(BucketSetupError, match="bucket"):
        create_backup_bucket(s3, bad, "us-east-1")
    assert bad not in list_bucket_names(s3)


def test_an_empty_name_asks_for_one(s3) -> None:
    with pytest.raises(BucketSetupError, match="enter a bucket name"):
        create_backup_bucket(s3, "", "us-east-1")


def test_a_bucket_without_the_rule_reports_zero_days(s3, bucket: str) -> None:
    assert abort_rule_days(s3, bucket) == 0
    s3.put_bucket_lifecycle_configuration(
        Bucket=bucket,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "only-logs",
                    "Status": "Enabled",
                    "Filter": {"Prefix": "logs/"},
                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
                }
            ]
        },
    )
    assert abort_rule_days(s3, bucket) == 0  # a rule for another prefix does not cover our uploads
    assert abort_rule_days(s3, bucket, prefix="logs/photos/") == 1
