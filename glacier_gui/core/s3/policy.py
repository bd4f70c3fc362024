"""The IAM policy the app needs on one bucket, written once: the wizard's "Copy policy", the README and the tests.

The everyday backup needs to list the bucket, write and read objects, start restores and clean up its own
unfinished multipart uploads; it never deletes an object, so the policy has no ``s3:DeleteObject`` and a leaked
key cannot wipe the backup.  ``s3:GetLifecycleConfiguration`` lets Test connection see whether the bucket
aborts stale multipart uploads by itself (which the README recommends and the wizard sets up).  Nothing more:
``tests/test_least_privilege.py`` runs every operation with exactly this policy, and finds a check that needs
each action in it.
"""

from __future__ import annotations

import json
from typing import Any

PLACEHOLDER_BUCKET = "YOUR-BUCKET"

BUCKET_ACTIONS = (
    "s3:ListBucket",
    "s3:ListBucketMultipartUploads",
    "s3:GetLifecycleConfiguration",
)
OBJECT_ACTIONS = (
    "s3:PutObject",
    "s3:GetObject",
    "s3:RestoreObject",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
)


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
    """The JSON text to paste into the AWS console's policy editor (the README shows it for ``album-backup``)."""
    return json.dumps(policy_document(bucket), indent=2) + "\n"
