"""The IAM policy text the wizard copies: valid JSON, the documented actions plus the lifecycle read, no delete.

The policy is shown in ``docs/reference.md`` (AWS set-up); it was in the README before the README became a front door.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from glacier_gui.core.s3.policy import PLACEHOLDER_BUCKET, iam_policy, policy_document

README = Path(__file__).resolve().parents[1] / "docs" / "reference.md"  # the page that shows the policy


def _readme_policy() -> dict:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## AWS set-up") :]
    block = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert block, "the README's AWS set-up section has a JSON policy"
    return json.loads(block.group(1))


def _actions(policy: dict) -> dict[str, set[str]]:
    return {s["Sid"]: set(s["Action"]) for s in policy["Statement"]}


def test_the_policy_is_valid_json_for_the_bucket() -> None:
    policy = json.loads(iam_policy("album-backup"))
    assert policy == policy_document("album-backup")
    assert policy["Version"] == "2012-10-17"
    resources = {s["Sid"]: s["Resource"] for s in policy["Statement"]}
    assert resources == {"Bucket": "arn:aws:s3:::album-backup", "Objects": "arn:aws:s3:::album-backup/*"}
    assert all(s["Effect"] == "Allow" for s in policy["Statement"])


def test_an_empty_name_gives_the_placeholder() -> None:
    policy = json.loads(iam_policy("  "))
    assert policy["Statement"][0]["Resource"] == f"arn:aws:s3:::{PLACEHOLDER_BUCKET}"
    assert PLACEHOLDER_BUCKET == "YOUR-BUCKET"


def test_the_readme_shows_exactly_this_policy() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## AWS set-up") :]
    block = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert block, "the README's AWS set-up section has a JSON policy"
    assert block.group(1) == iam_policy("album-backup")


def test_nothing_that_deletes_and_the_lifecycle_rule_can_be_read() -> None:
    actions = {sid["Sid"]: set(sid["Action"]) for sid in policy_document("album-backup")["Statement"]}
    assert "s3:GetLifecycleConfiguration" in actions["Bucket"]
    everything = set().union(*actions.values())
    assert not {a for a in everything if "Delete" in a or a.endswith("*")}
