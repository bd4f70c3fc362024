"""The IAM policy text the wizard copies: valid JSON, no delete, and object creation only with If-None-Match, in the
shape of AWS's "Enforce conditional writes on Amazon S3 buckets"; the bucket policy the wizard sets, likewise.

The policy is shown in ``docs/reference.md`` (AWS set-up) and ``docs/security.md`` (the write-once section).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from glacier_gui.core.s3.policy import PLACEHOLDER_BUCKET, iam_policy, policy_document, write_once_bucket_policy

SECURITY = Path(__file__).resolve().parents[1] / "docs" / "security.md"
README = Path(__file__).resolve().parents[1] / "docs" / "reference.md"  # the page that shows the policy


def _actions(policy: dict) -> dict[str, set[str]]:
    return {s["Sid"]: set(s["Action"]) for s in policy["Statement"]}


def test_the_policy_is_valid_json_for_the_bucket() -> None:
    policy = json.loads(iam_policy("album-backup"))
    assert policy == policy_document("album-backup")
    assert policy["Version"] == "2012-10-17"
    resources = {s["Sid"]: s["Resource"] for s in policy["Statement"]}
    objects = "arn:aws:s3:::album-backup/*"
    assert resources == {
        "Bucket": "arn:aws:s3:::album-backup",
        "Objects": objects,
        "CreateOnlyNewObjects": objects,
        "MultipartUploadParts": objects,
    }
    assert all(s["Effect"] == "Allow" for s in policy["Statement"])


def test_an_empty_name_gives_the_placeholder() -> None:
    policy = json.loads(iam_policy("  "))
    assert policy["Statement"][0]["Resource"] == f"arn:aws:s3:::{PLACEHOLDER_BUCKET}"
    assert PLACEHOLDER_BUCKET == "YOUR-BUCKET"


def test_the_reference_shows_exactly_this_policy() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## AWS set-up") :]
    block = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert block, "docs/reference.md's AWS set-up section has a JSON policy"
    assert block.group(1) == iam_policy("album-backup")


def test_the_security_doc_shows_exactly_this_policy() -> None:
    text = SECURITY.read_text(encoding="utf-8")
    section = text[text.index("## The bucket layout and write-once") :]
    block = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert block, "docs/security.md's write-once section has the JSON policy"
    assert block.group(1) == iam_policy("album-backup")


def test_object_creation_is_allowed_only_with_if_none_match_as_aws_documents() -> None:
    """AWS's example 1: PutObject is allowed when ``s3:if-none-match`` is present (``Null`` false), or when the
    request creates no object (``s3:ObjectCreationOperation`` false: CreateMultipartUpload, UploadPart); no other
    statement allows PutObject, and none allows any s3:* wildcard."""
    statements = policy_document("album-backup")["Statement"]
    writes = [s for s in statements if "s3:PutObject" in s["Action"]]
    assert [s["Condition"] for s in writes] == [
        {"Null": {"s3:if-none-match": "false"}},
        {"Bool": {"s3:ObjectCreationOperation": "false"}},
    ]
    assert all(s["Action"] == ["s3:PutObject"] and s["Effect"] == "Allow" for s in writes)
    assert all("Condition" not in s for s in statements if s not in writes)  # the rest: no write at all
    everything = {a for s in statements for a in s["Action"]}
    assert not {a for a in everything if a.startswith("s3:Put") and a != "s3:PutObject"}


def test_the_bucket_policy_denies_every_creation_without_the_header() -> None:
    [deny] = write_once_bucket_policy("album-backup")["Statement"]
    assert deny["Effect"] == "Deny" and deny["Principal"] == "*" and deny["Action"] == "s3:PutObject"
    assert deny["Resource"] == "arn:aws:s3:::album-backup/*"
    assert deny["Condition"] == {"Null": {"s3:if-none-match": "true"}, "Bool": {"s3:ObjectCreationOperation": "true"}}


def test_nothing_that_deletes_and_the_lifecycle_rule_can_be_read() -> None:
    actions = {sid["Sid"]: set(sid["Action"]) for sid in policy_document("album-backup")["Statement"]}
    assert "s3:GetLifecycleConfiguration" in actions["Bucket"]
    everything = set().union(*actions.values())
    assert not {a for a in everything if "Delete" in a or a.endswith("*")}
