"""Least privilege: the README's IAM policy (``core/s3/policy.py``, the one the wizard copies) is enough, and
every action in it is needed - without any one of them, a named check of the connection test says which one is missing.

moto enforces IAM here: its server runs in a subprocess with ``INITIAL_NO_AUTH_ACTION_COUNT``, so only the
first requests (creating the users and their keys through moto's IAM API) go unchecked; everything after is
signed by an IAM user and allowed or denied by its policy.  The IAM action and resource of each S3 request are
AWS's, not moto's (``tests/iam_s3_server.py``; moto's own naming changed between 5.2.1 and 5.2.6), and the
table that derives them is checked here against AWS's documented action of every operation the app makes.
The moto version the server ran is printed at the end of the run.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore import xform_name

from glacier_gui.core.progress import CancelToken
from glacier_gui.core.restore.fetch import fetch_ready
from glacier_gui.core.restore.plan import plan_restore, refresh_job
from glacier_gui.core.restore.request import request_restores
from glacier_gui.core.restore.verify import verify_units
from glacier_gui.core.s3.bucket_setup import abort_rule
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.s3.connection import connection_ok, run_connection_checks
from glacier_gui.core.s3.errors import S3RequestError
from glacier_gui.core.s3.policy import policy_document
from glacier_gui.core.s3.probe import load_manifest
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.conftest import MOTO_SERVED, write
from tests.iam_s3_server import aws_action

SERVER_SCRIPT = Path(__file__).with_name("iam_s3_server.py")

UNIT = "2022/0601_運動会"

# Which check of the connection test fails, naming the action, when the policy lacks it.  Every action of the
# policy file must be here: an action no check needs would be a permission the app does not use.  AWS checks
# s3:ListBucket for HeadBucket too, so without it the very first check (is the bucket there?) fails.
CHECK_FOR_ACTION = {
    "s3:ListBucket": "bucket",
    "s3:ListBucketMultipartUploads": "multipart",
    "s3:PutObject": "write",
    "s3:GetObject": "read",
    "s3:ListMultipartUploadParts": "parts",
    "s3:AbortMultipartUpload": "abort",
    "s3:RestoreObject": "restore",
    "s3:GetLifecycleConfiguration": "lifecycle",
}

UNCHECKED_SETUP_ACTIONS = 5  # see iam_server: the IAM calls made before enforcement starts


def policy_actions() -> list[str]:
    # PutObject is in two statements (with If-None-Match; multipart parts): listed once.
    return list(
        dict.fromkeys(a for statement in policy_document("album-backup")["Statement"] for a in statement["Action"])
    )


@dataclass
class IamServer:
    url: str
    admin: dict[str, str]
    user: dict[str, str]

    def client(self, service: str, keys: dict[str, str]) -> Any:
        return boto3.client(service, endpoint_url=self.url, region_name="us-east-1", **keys)

    def grant(self, bucket: str, without: str = "") -> None:
        """The album user's policy: the app's, for *bucket*, less the action *without*."""
        policy = policy_document(bucket)
        for statement in policy["Statement"]:
            statement["Action"] = [a for a in statement["Action"] if a != without]
        policy["Statement"] = [s for s in policy["Statement"] if s["Action"]]  # a statement left with no action
        self.client("iam", self.admin).put_user_policy(
            UserName="album", PolicyName="album-backup", PolicyDocument=json.dumps(policy)
        )


def keys_of(answer: dict[str, Any]) -> dict[str, str]:
    key = answer["AccessKey"]
    return {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}


@pytest.fixture(scope="module")
def iam_server(request: pytest.FixtureRequest) -> Iterator[IamServer]:
    env = os.environ | {"INITIAL_NO_AUTH_ACTION_COUNT": str(UNCHECKED_SETUP_ACTIONS)}
    proc = subprocess.Popen(
        [sys.executable, str(SERVER_SCRIPT)], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        started = json.loads(proc.stdout.readline())
        request.config.stash[MOTO_SERVED] = started["moto"]
        url = f"http://127.0.0.1:{started['port']}"
        iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1")  # not checked yet: any key
        iam.create_user(UserName="admin")
        everything = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        iam.put_user_policy(UserName="admin", PolicyName="all", PolicyDocument=json.dumps(everything))
        admin = keys_of(iam.create_access_key(UserName="admin"))
        iam.create_user(UserName="album")
        user = keys_of(iam.create_access_key(UserName="album"))
        server = IamServer(url, admin, user)
        # From here on, IAM decides: a request signed with a key moto does not know is refused.
        with pytest.raises(Exception, match="InvalidAccessKeyId|InvalidClientTokenId"):
            boto3.client("s3", endpoint_url=url, region_name="us-east-1").list_buckets()
        yield server
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(timeout=30)


@pytest.fixture
def iam_settings(iam_server: IamServer, album: Path, data_dir: Path) -> Settings:
    bucket = f"lp-{uuid.uuid4().hex[:12]}"
    admin_s3 = iam_server.client("s3", iam_server.admin)
    admin_s3.create_bucket(Bucket=bucket)
    admin_s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [abort_rule()]})
    iam_server.grant(bucket)
    return Settings(
        album_root=str(album),
        level=2,
        bucket=bucket,
        endpoint_url=iam_server.url,
        region="us-east-1",
        concurrency=2,
        part_size_mib=5,
        status_file=str(data_dir / "status.csv"),
    )


def test_the_policy_grants_no_delete() -> None:
    actions = policy_actions()
    assert not [a for a in actions if "Delete" in a or a.endswith("*")]


def test_every_action_of_the_policy_has_a_check_that_needs_it() -> None:
    assert sorted(policy_actions()) == sorted(CHECK_FOR_ACTION)


# AWS's documented permission for each S3 operation the app makes (the album user's, and the bucket wizard's
# with an administrator's key): "Required permissions" in the S3 API reference.
AWS_ACTION_OF_OPERATION = {
    "ListBuckets": "s3:ListAllMyBuckets",
    "HeadBucket": "s3:ListBucket",
    "ListObjectsV2": "s3:ListBucket",
    "ListMultipartUploads": "s3:ListBucketMultipartUploads",
    "GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
    "PutBucketLifecycleConfiguration": "s3:PutLifecycleConfiguration",
    "CreateBucket": "s3:CreateBucket",
    "PutBucketVersioning": "s3:PutBucketVersioning",
    "PutBucketEncryption": "s3:PutEncryptionConfiguration",
    "PutPublicAccessBlock": "s3:PutBucketPublicAccessBlock",
    "PutBucketPolicy": "s3:PutBucketPolicy",  # the wizard's write-once bucket policy (set-up key)
    "PutObjectLockConfiguration": "s3:PutBucketObjectLockConfiguration",  # the wizard's Object Lock (set-up key)
    "PutObject": "s3:PutObject",
    "CreateMultipartUpload": "s3:PutObject",
    "UploadPart": "s3:PutObject",
    "CompleteMultipartUpload": "s3:PutObject",
    "AbortMultipartUpload": "s3:AbortMultipartUpload",
    "ListParts": "s3:ListMultipartUploadParts",
    "GetObject": "s3:GetObject",
    "HeadObject": "s3:GetObject",
    "RestoreObject": "s3:RestoreObject",
}


def _s3_model() -> Any:
    return boto3.session.Session().client("s3", region_name="us-east-1").meta.service_model


@pytest.mark.parametrize(("operation", "action"), sorted(AWS_ACTION_OF_OPERATION.items()))
def test_the_server_checks_the_action_aws_checks(operation: str, action: str) -> None:
    """The request botocore sends for *operation* (method, path, required query) is checked as AWS's action."""
    model = _s3_model().operation_model(operation)
    path, _, query = model.http["requestUri"].partition("?")
    subresources = [pair.split("=")[0] for pair in query.split("&") if pair]
    shape = model.input_shape
    for name in shape.required_members if shape is not None else []:
        if shape.members[name].serialization.get("location") == "querystring":
            subresources.append(shape.members[name].serialization["name"])
    on_bucket = "{Bucket}" in path
    assert aws_action(model.http["method"], subresources, "{Key+}" in path, on_bucket) == action


def test_every_s3_operation_the_app_makes_has_its_aws_action_above() -> None:
    """So the table above (and the server's) cannot miss an operation the app starts to use."""
    model = _s3_model()
    names = {xform_name(op): op for op in model.operation_names}
    used = set()
    for path in (Path(__file__).resolve().parents[1] / "glacier_gui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= {names[m] for m in re.findall(r"\.(\w+)\(", text) if m in names}
        used |= {names[m] for m in re.findall(r"get_paginator\(\s*[\"'](\w+)[\"']", text)}
    assert {"HeadBucket", "UploadPart", "RestoreObject", "ListObjectsV2"} <= used  # the scan sees the calls
    assert sorted(used - set(AWS_ACTION_OF_OPERATION)) == []


def test_upload_resume_verify_and_restore_work_with_exactly_the_policy(
    iam_server: IamServer, iam_settings: Settings, data_dir: Path, album: Path, tmp_path: Path
) -> None:
    settings = iam_settings
    video = write(album / "2022" / "0601_運動会" / "video.mp4", os.urandom(5 * 2**20 * 2 + 777))
    client = make_client(settings, credentials=iam_server.user)
    results = run_connection_checks(settings, client)
    assert connection_ok(results) and all(r.ok for r in results), [r for r in results if not r.ok]

    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    cancel = CancelToken()
    real_upload_part = client.upload_part

    def stop_after_one_part(**kwargs: Any) -> Any:
        answer = real_upload_part(**kwargs)
        cancel.cancel()
        return answer

    client.upload_part = stop_after_one_part
    settings.concurrency = 1
    [first] = backup.upload_marked(settings, table, data_dir, client, cancel=cancel, scan=summary.scan).units
    assert not first.ok and "cancel" in first.error
    client.upload_part = real_upload_part
    [resumed] = backup.upload_marked(settings, table, data_dir, client, units=[UNIT]).units
    assert resumed.ok, resumed.error
    assert resumed.parts_resumed >= 1  # the open upload's parts were listed (s3:ListMultipartUploadParts)
    table.mark_upload([UNIT])
    [again] = backup.upload_marked(settings, table, data_dir, client, units=[UNIT]).units
    assert again.ok and again.files_uploaded == 0

    layout = layout_for(settings)
    [check] = verify_units(client, settings.bucket, layout, data_dir, [UNIT])
    assert check.ok, (check.error, check.problems)

    manifest, _ = load_manifest(client, settings.bucket, layout, data_dir, UNIT)
    dest = tmp_path / "restored"
    job = plan_restore(client, {UNIT: manifest}, layout, settings.bucket, dest, "bulk", 1)
    requested = request_restores(client, job)
    assert requested.requested == len(job.objects) and not requested.failed
    refresh_job(client, job)
    fetched = fetch_ready(client, job)
    assert not fetched.failed and fetched.downloaded == len(manifest.files)
    assert (dest / UNIT / "video.mp4").read_bytes() == video.read_bytes()


@pytest.mark.parametrize("missing", sorted(CHECK_FOR_ACTION))
def test_without_any_one_action_a_named_check_says_which(
    iam_server: IamServer, iam_settings: Settings, missing: str
) -> None:
    iam_server.grant(iam_settings.bucket, without=missing)
    results = {
        r.check: r for r in run_connection_checks(iam_settings, make_client(iam_settings, credentials=iam_server.user))
    }
    failed = results[CHECK_FOR_ACTION[missing]]
    assert not failed.ok and missing in failed.message, failed
    others = [r for r in results.values() if not r.ok and r.check != failed.check]
    # Only the missing action's check fails (reading back needs the object written first).
    assert not [r for r in others if not (missing == "s3:PutObject" and r.check == "read")], others


@pytest.mark.parametrize(
    ("missing", "operation"),
    [
        ("s3:PutObject", "upload"),
        ("s3:ListBucket", "upload"),
        ("s3:GetObject", "verify"),
        ("s3:RestoreObject", "restore"),
    ],
)
def test_the_failing_operation_names_the_missing_permission(
    iam_server: IamServer, iam_settings: Settings, data_dir: Path, tmp_path: Path, missing: str, operation: str
) -> None:
    settings = iam_settings
    client = make_client(settings, credentials=iam_server.user)
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    if operation != "upload":
        assert not backup.upload_marked(settings, table, data_dir, client, scan=summary.scan).failed
    iam_server.grant(settings.bucket, without=missing)
    layout = layout_for(settings)
    if operation == "upload" and missing == "s3:ListBucket":
        # The bucket check before anything is sent (HeadBucket) refuses the whole run.
        with pytest.raises(S3RequestError) as refused:
            backup.upload_marked(settings, table, data_dir, client, scan=summary.scan)
        message = str(refused.value)
    elif operation == "upload":
        [unit] = backup.upload_marked(settings, table, data_dir, client, scan=summary.scan).units
        message = unit.error
    elif operation == "verify":
        [check] = verify_units(client, settings.bucket, layout, data_dir, [UNIT])
        message = check.error or "; ".join(p.detail for p in check.problems)
    else:
        manifest, _ = load_manifest(client, settings.bucket, layout, data_dir, UNIT)
        job = plan_restore(client, {UNIT: manifest}, layout, settings.bucket, tmp_path / "dest", "bulk", 1)
        message = "; ".join(request_restores(client, job).failed)
    assert missing in message, message


def test_without_listing_unfinished_uploads_an_upload_still_works(
    iam_server: IamServer, iam_settings: Settings, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    iam_server.grant(iam_settings.bucket, without="s3:ListBucketMultipartUploads")
    table = backup.open_status(iam_settings, data_dir)
    summary = backup.scan_into(iam_settings, table)
    table.mark_upload([UNIT])
    caplog.set_level(logging.INFO, logger="glacier_gui")
    client = make_client(iam_settings, credentials=iam_server.user)
    [unit] = backup.upload_marked(iam_settings, table, data_dir, client, scan=summary.scan).units
    assert unit.ok, unit.error
    lines = [r.getMessage() for r in caplog.records if "s3:ListBucketMultipartUploads" in r.getMessage()]
    assert len(lines) == 1, lines


def test_connection_test_warns_without_a_rule_that_aborts_unfinished_uploads(settings: Settings, s3) -> None:
    def lifecycle() -> Any:
        [result] = [r for r in run_connection_checks(settings, make_client(settings)) if r.check == "lifecycle"]
        return result

    missing = lifecycle()
    assert not missing.ok and missing.severity == "warning"
    assert "bills the parts" in missing.message and "README" in missing.message
    assert connection_ok(run_connection_checks(settings, make_client(settings)))  # a warning, not a failure
    elsewhere = abort_rule() | {"Filter": {"Prefix": "logs/"}}
    s3.put_bucket_lifecycle_configuration(Bucket=settings.bucket, LifecycleConfiguration={"Rules": [elsewhere]})
    assert not lifecycle().ok  # a rule for another prefix does not cover the album
    s3.put_bucket_lifecycle_configuration(Bucket=settings.bucket, LifecycleConfiguration={"Rules": [abort_rule(7)]})
    covered = lifecycle()
    assert covered.ok and "7 days" in covered.message
