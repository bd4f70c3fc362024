"""The fault proxy itself (it must be right before its verdicts count), and one upload through its faults.

The upload is the CI-sized version of the campaign's headline run: 10 % resets, 10 % 5xx answers, one lost
answer for each upload operation and one hung connection (dropped by the proxy after a few seconds here; the
full campaign lets it wait out the app's own read timeout), then ``verify``.
"""

from __future__ import annotations

import threading

import boto3
import botocore.config
import botocore.exceptions
import pytest

from tests.reliability.fault_upload import FaultResult, mixed_plan, run_fault_upload
from tests.reliability.faultproxy import FaultPlan, FaultProxy, Rule, classify


@pytest.mark.parametrize(
    "method, target, op",
    [
        ("POST", "/b/k.mp4?uploads", "CreateMultipartUpload"),
        ("PUT", "/b/k.mp4?partNumber=2&uploadId=abc", "UploadPart"),
        ("POST", "/b/k.mp4?uploadId=abc", "CompleteMultipartUpload"),
        ("PUT", "/b/10_Album/2022/%E9%81%8B.jpg", "PutObject"),
        ("GET", "/b?list-type=2&prefix=10_Album/", "ListObjectsV2"),
        ("HEAD", "/b/k.jpg", "HeadObject"),
        ("GET", "/b/k.jpg", "GetObject"),
        ("GET", "/b?uploads", "ListMultipartUploads"),
        ("DELETE", "/b/k.mp4?uploadId=abc", "AbortMultipartUpload"),
        ("HEAD", "/b", "HeadBucket"),
    ],
)
def test_requests_are_classified_by_s3_operation(method: str, target: str, op: str) -> None:
    assert classify(method, target, {})[0] == op


DROPPED = (botocore.exceptions.ConnectionError, botocore.exceptions.HTTPClientError)  # reset or closed


def _client(url: str):  # noqa: ANN202
    config = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"}, read_timeout=10)
    return boto3.client("s3", endpoint_url=url, region_name="us-east-1", config=config)


def test_faults_reach_the_client_as_s3_would_send_them(s3_url: str, bucket: str) -> None:
    rules = [Rule("error", "PutObject"), Rule("reset", "PutObject"), Rule("lose", "PutObject")]
    with FaultProxy(s3_url, FaultPlan(rules=rules)) as proxy:
        s3 = _client(proxy.url)
        with pytest.raises(botocore.exceptions.ClientError) as err:
            s3.put_object(Bucket=bucket, Key="a", Body=b"1")
        assert err.value.response["Error"]["Code"] in ("InternalError", "SlowDown")
        with pytest.raises(DROPPED):
            s3.put_object(Bucket=bucket, Key="b", Body=b"2")  # reset before S3 saw it
        with pytest.raises(DROPPED):
            s3.put_object(Bucket=bucket, Key="c", Body=b"3" * 2_000_000)  # lost answer (Expect: 100-continue)
        s3.put_object(Bucket=bucket, Key="d", Body=b"4")  # the rules are used up: keep-alive works again
        direct = _client(s3_url)
        keys = [o["Key"] for o in direct.list_objects_v2(Bucket=bucket)["Contents"]]
        assert keys == ["c", "d"]  # the lost answer's work was done, the reset's was not
        assert proxy.counts["error PutObject"] == proxy.counts["reset PutObject"] == proxy.counts["lose PutObject"] == 1
        proxy.set_outage(True)
        with pytest.raises(DROPPED):
            _client(proxy.url).head_bucket(Bucket=bucket)
        assert proxy.counts["outage-refused"] >= 1


def test_hold_keeps_the_answer_until_released(s3_url: str, bucket: str) -> None:
    with FaultProxy(s3_url, FaultPlan(rules=[Rule("hold", "CompleteMultipartUpload")])) as proxy:
        s3 = _client(proxy.url)
        upload = s3.create_multipart_upload(Bucket=bucket, Key="v")["UploadId"]
        part = s3.upload_part(Bucket=bucket, Key="v", UploadId=upload, PartNumber=1, Body=b"x" * 100)
        done: list[object] = []
        parts = {"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]}
        thread = threading.Thread(
            target=lambda: done.append(
                s3.complete_multipart_upload(Bucket=bucket, Key="v", UploadId=upload, MultipartUpload=parts)
            )
        )
        thread.start()
        assert proxy.wait_for("hold", timeout=10)
        assert not done and _client(s3_url).head_object(Bucket=bucket, Key="v")["ContentLength"] == 100
        proxy.release_held()
        thread.join(10)
        assert done and done[0]["Key"] == "v"  # type: ignore[index]


@pytest.fixture(scope="module")
def mixed(s3_url: str, tmp_path_factory) -> FaultResult:  # noqa: ANN001
    plan = mixed_plan(7, hang_seconds=3)
    return run_fault_upload(s3_url, "fault-mixed", "mixed faults", plan, tmp_path_factory.mktemp("fault"))


def test_upload_through_resets_5xx_lost_answers_and_a_hung_connection(mixed: FaultResult) -> None:
    assert "lose CompleteMultipartUpload" in mixed.counts and "hang PutObject" in mixed.counts, mixed.counts
    assert mixed.upload_code == 0 and mixed.verify_code == 0 and not mixed.problems, f"{mixed.got()} [{mixed.counts}]"


def test_a_lost_create_answer_leaves_no_open_multipart_upload(mixed: FaultResult) -> None:
    """The upload S3 created for the lost answer is nobody's: the faulty run keeps it (the age guard, see
    fault_upload.py), the next run aborts it, and no open upload remains."""
    assert "lose CreateMultipartUpload" in mixed.counts, mixed.counts
    assert mixed.orphans >= 1, f"the lost answer left no upload to abort, so this test proves nothing: {mixed.got()}"
    assert mixed.next_code == 0 and not [p for p in mixed.problems if p.startswith("open multipart")], mixed.got()
