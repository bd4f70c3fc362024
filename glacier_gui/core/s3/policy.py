"""The IAM policy the app needs on one bucket, written once: the wizard's "Copy policy", the docs and the tests.

The everyday backup needs to list the bucket, create and read objects, start restores and clean up its own
unfinished multipart uploads.  It never deletes nor replaces an object, so the policy lets it do neither:

* no ``s3:DeleteObject`` (nor any other delete);
* ``s3:PutObject`` only for requests that carry ``If-None-Match`` - which S3 refuses with 412 when the key holds
  an object - in the shape of AWS's "Enforce conditional writes on Amazon S3 buckets" (example 1): one statement
  allows PutObject when the ``s3:if-none-match`` key is present (``"Null": {"s3:if-none-match": "false"}``), the
  other when the request is not an object creation (``"Bool": {"s3:ObjectCreationOperation": "false"}``), which
  lets CreateMultipartUpload and UploadPart through: they take no conditional header, and the object only comes
  to be at CompleteMultipartUpload, which must carry it.

So a leaked key can add objects but cannot alter or delete one (``docs/security.md``).
``s3:GetLifecycleConfiguration`` lets Test connection see whether the bucket aborts stale multipart uploads by
itself (which the docs recommend and the wizard sets up).  Nothing more: ``tests/test_least_privilege.py`` runs
every operation with exactly this policy, and finds a check that needs each action in it.

:func:`write_once_bucket_policy` is the same rule as a bucket policy (a Deny for everyone), which the wizard sets
when it creates the bucket: it holds whatever IAM policy a key has.
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
    "s3:GetObject",
    "s3:RestoreObject",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
)


WRITE_ACTION = "s3:PutObject"
# AWS's condition keys for conditional writes: the header is there / the request creates an object.
IF_NONE_MATCH_PRESENT = {"Null": {"s3:if-none-match": "false"}}
NOT_OBJECT_CREATION = {"Bool": {"s3:ObjectCreationOperation": "false"}}


def policy_document(bucket: str) -> dict[str, Any]:
    """The policy as a mapping (the shape AWS's JSON has), for *bucket* or the placeholder when empty."""
    name = bucket.strip() or PLACEHOLDER_BUCKET
    objects = f"arn:aws:s3:::{name}/*"
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
                "Resource": objects,
            },
            {
                "Sid": "CreateOnlyNewObjects",
                "Effect": "Allow",
                "Action": [WRITE_ACTION],
                "Resource": objects,
                "Condition": IF_NONE_MATCH_PRESENT,
            },
            {
                "Sid": "MultipartUploadParts",
                "Effect": "Allow",
                "Action": [WRITE_ACTION],
                "Resource": objects,
                "Condition": NOT_OBJECT_CREATION,
            },
        ],
    }


def write_once_bucket_policy(bucket: str) -> dict[str, Any]:
    """A bucket policy that refuses, to everyone, creating an object without ``If-None-Match`` (AWS's Deny form of
    the same rule: no header, and the request creates an object)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DenyWritesThatMayReplace",
                "Effect": "Deny",
                "Principal": "*",
                "Action": WRITE_ACTION,
                "Resource": f"arn:aws:s3:::{bucket}/*",
                "Condition": {"Null": {"s3:if-none-match": "true"}, "Bool": {"s3:ObjectCreationOperation": "true"}},
            }
        ],
    }


def iam_policy(bucket: str) -> str:
    """The JSON text to paste into the AWS console's policy editor (``docs/security.md`` shows it for
    ``album-backup``)."""
    return json.dumps(policy_document(bucket), indent=2) + "\n"
