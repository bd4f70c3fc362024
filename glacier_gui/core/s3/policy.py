"""The IAM policy the app needs on one bucket, written once: the wizard's "Copy policy", the README and the tests.

The everyday backup needs to list the bucket, write and read objects, start restores and clean up its own
unfinished multipart uploads; it never deletes an object, so the policy has no ``s3:DeleteObject`` and a leaked
key cannot wipe the backup.  ``s3:GetLifecycleConfiguration`` lets Test connection see whether the bucket
aborts stale multipart uploads by itself (which the README recommends and the wizard sets up).
"""

from __future__ import annotations

import json
from typing import Any

PLACEHOLDER_BUCKET = "YOUR-BUCKET"

BUCKET_ACTIONS = (
    "s3:ListBucket",
    "s3:ListBucketMultipartUploads",
    "s3:GetBucketLocation",
    "s3:GetLifecycleConfiguration",
)
OBJECT_ACTIONS = (
    "s3:PutObject",
    "s3:GetObject",
    "s3:GetObjectAttributes",
    "s3:RestoreObject",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
)
_LINE_WIDTH = 100


def policy_document(bucket: str) -> dict[str, Any]:
    """The policy as a mapping (the shape AWS's JSON has), for *bucket* or the placeholder when empty."""
    name = bucket.strip() or PLACEHOLDER_BUCKET
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Bucket",
                "Effect": "Allow",
                "Action": list(BUCKET_ACTIONS),
                "Resource": f"arn:aws:s3:::{name}",
            },
            {
                "Sid": "Objects",
                "Effect": "Allow",
                "Action": list(OBJECT_ACTIONS),
                "Resource": f"arn:aws:s3:::{name}/*",
            },
        ],
    }


def iam_policy(bucket: str) -> str:
    """The JSON text to paste into the AWS console's policy editor (actions kept on short lines, as the README)."""
    return _render(policy_document(bucket), 0) + "\n"


def _render(value: Any, indent: int) -> str:
    """JSON with two-space indents, except that a list of strings stays on as few lines as fit."""
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k)}: {_render(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        words = [json.dumps(v) for v in value]
        one_line = "[" + ", ".join(words) + "]"
        if indent + len(one_line) <= _LINE_WIDTH:
            return one_line
        lines: list[str] = []
        for word in words:
            if lines and len(inner) + len(lines[-1]) + len(word) + 2 <= _LINE_WIDTH:
                lines[-1] += f" {word},"
            else:
                lines.append(f"{word},")
        lines[-1] = lines[-1].rstrip(",")
        return "[\n" + "\n".join(inner + line for line in lines) + f"\n{pad}]"
    if isinstance(value, list):
        return "[\n" + ",\n".join(inner + _render(v, indent + 2) for v in value) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)
