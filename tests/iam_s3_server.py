"""moto's S3 server with IAM deciding the way AWS does: by IAM action and resource, derived from the request.

moto enforces IAM policies, but it names the action it checks in its own way, and that way changed between
releases: 5.2.1 named most S3 requests by their IAM action (``s3:ListBucket``) but a HEAD of the bucket
``s3:HeadBucket``; 5.2.6 names every request by its API operation (``s3:ListObjectsV2``, ``s3:UploadPart``),
so the README's policy, which is right for AWS, was denied.  The least-privilege tests must prove the policy
against AWS's rules, not against moto's naming, so this server replaces the action (and the resource) that moto
would check with the one AWS checks, worked out here from the request alone: its method, whether it names an
object, and its sub-resource (``?uploads``, ``?uploadId``, ``?restore`` ...).  That table is
:func:`aws_action`; ``tests/test_least_privilege.py`` checks it against AWS's documented action for every S3
operation the app makes, with the operations' HTTP shapes taken from botocore's service model.

Run as a script: it starts the server on a free port of 127.0.0.1, prints one JSON line (``port``, ``moto``
version), and serves until its stdin closes.  Requests are path-style (``/bucket/key``), as boto3 sends them
to an IP address.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
from collections.abc import Iterable
from typing import Any

# Sub-resources that choose the action, in the order they are tested: (method, on an object?) -> [(sub-resource,
# action)], then the default for that method.  From AWS's "Actions, resources, and condition keys for Amazon S3"
# and the "Required permissions" of each S3 API operation.
_BY_SUBRESOURCE: dict[tuple[str, bool], list[tuple[str, str]]] = {
    ("GET", False): [
        ("uploads", "s3:ListBucketMultipartUploads"),
        ("lifecycle", "s3:GetLifecycleConfiguration"),
        ("location", "s3:GetBucketLocation"),
        ("versioning", "s3:GetBucketVersioning"),
        ("versions", "s3:ListBucketVersions"),
        ("policy", "s3:GetBucketPolicy"),
        ("acl", "s3:GetBucketAcl"),
        ("tagging", "s3:GetBucketTagging"),
        ("encryption", "s3:GetEncryptionConfiguration"),
        ("publicAccessBlock", "s3:GetBucketPublicAccessBlock"),
        ("object-lock", "s3:GetBucketObjectLockConfiguration"),
    ],
    ("PUT", False): [
        ("lifecycle", "s3:PutLifecycleConfiguration"),
        ("versioning", "s3:PutBucketVersioning"),
        ("policy", "s3:PutBucketPolicy"),
        ("acl", "s3:PutBucketAcl"),
        ("tagging", "s3:PutBucketTagging"),
        ("encryption", "s3:PutEncryptionConfiguration"),
        ("publicAccessBlock", "s3:PutBucketPublicAccessBlock"),
        ("object-lock", "s3:PutBucketObjectLockConfiguration"),
    ],
    ("DELETE", False): [
        ("lifecycle", "s3:PutLifecycleConfiguration"),
        ("policy", "s3:DeleteBucketPolicy"),
        ("tagging", "s3:PutBucketTagging"),
        ("encryption", "s3:PutEncryptionConfiguration"),
        ("publicAccessBlock", "s3:PutBucketPublicAccessBlock"),
    ],
    ("POST", False): [("delete", "s3:DeleteObject")],
    ("GET", True): [
        ("uploadId", "s3:ListMultipartUploadParts"),
        ("acl", "s3:GetObjectAcl"),
        ("tagging", "s3:GetObjectTagging"),
        ("attributes", "s3:GetObjectAttributes"),
        ("versionId", "s3:GetObjectVersion"),
    ],
    ("PUT", True): [("acl", "s3:PutObjectAcl"), ("tagging", "s3:PutObjectTagging")],
    ("POST", True): [
        ("uploads", "s3:PutObject"),
        ("uploadId", "s3:PutObject"),
        ("restore", "s3:RestoreObject"),
        ("select", "s3:GetObject"),
    ],
    ("DELETE", True): [
        ("uploadId", "s3:AbortMultipartUpload"),
        ("tagging", "s3:DeleteObjectTagging"),
        ("versionId", "s3:DeleteObjectVersion"),
    ],
}
_DEFAULT: dict[tuple[str, bool], str] = {
    ("HEAD", False): "s3:ListBucket",  # HeadBucket: AWS checks ListBucket (moto 5.2.1 checked "s3:HeadBucket")
    ("GET", False): "s3:ListBucket",  # ListObjects, ListObjectsV2
    ("PUT", False): "s3:CreateBucket",
    ("DELETE", False): "s3:DeleteBucket",
    ("HEAD", True): "s3:GetObject",  # HeadObject
    ("GET", True): "s3:GetObject",
    ("PUT", True): "s3:PutObject",  # PutObject, CopyObject (its target), UploadPart (?partNumber&uploadId)
    ("DELETE", True): "s3:DeleteObject",
}


def aws_action(method: str, subresources: Iterable[str], on_object: bool, on_bucket: bool = True) -> str:
    """The IAM action AWS checks for an S3 request; ``s3:Unmapped(...)`` (granted by no narrow policy) if unknown."""
    method = method.upper()
    if not on_bucket:
        return "s3:ListAllMyBuckets" if method == "GET" else f"s3:Unmapped({method} /)"
    present = set(subresources)
    for name, action in _BY_SUBRESOURCE.get((method, on_object), []):
        if name in present:
            return action
    default = _DEFAULT.get((method, on_object))
    if default is None:
        return f"s3:Unmapped({method} {'object' if on_object else 'bucket'} ?{'&'.join(sorted(present))})"
    return default


def bucket_and_key(path: str) -> tuple[str, str]:
    """The bucket and the (decoded) key of a path-style request path (``/bucket/a%20key?x`` -> bucket, a key)."""
    bucket, _, key = path.partition("?")[0].lstrip("/").partition("/")
    return urllib.parse.unquote(bucket), urllib.parse.unquote(key)


def _encode(part: str) -> str:
    return urllib.parse.quote(urllib.parse.unquote(part), safe="-_.~")


def _patch_moto() -> None:
    """Two patches of moto's IAM check; both only touch names moto 5.2.1 to 5.2.6 share."""
    from moto.iam import access_control

    # moto signs its own copy of the request again to check the signature.  5.2.1 uses the URL as its web
    # server decoded it (``prefix=10_Album/2022/...``), where botocore signed the encoded one
    # (``prefix=10_Album%2F2022%2F...``): every listing with a prefix would be refused.  Encode it again (5.2.6
    # passes the raw path, which this leaves as botocore encoded it).
    original_init = access_control.IAMRequestBase.__init__

    def init(self: Any, account_id: str, method: str, path: str, *args: Any, **kwargs: Any) -> None:
        path, _, query = path.partition("?")
        path = urllib.parse.quote(urllib.parse.unquote(path), safe="/-_.~")
        if query:
            path += "?" + "&".join("=".join(map(_encode, pair.split("=", 1))) for pair in query.split("&"))
        original_init(self, account_id, method, path, *args, **kwargs)

    access_control.IAMRequestBase.__init__ = init

    original_check = access_control.S3IAMRequest.check_action_permitted

    def check_action_permitted(self: Any, resource: str) -> None:
        # The sub-resources: from the query of the path (moto 5.2.1 passes it there) and from the parsed query
        # (``data``; 5.2.6 passes the path without its query).  With no query, moto's data holds the headers,
        # whose capitalised names never collide with a sub-resource's.
        query = self._path.partition("?")[2]
        names = {pair.split("=", 1)[0] for pair in query.split("&") if pair}
        if isinstance(self._data, dict):
            names |= set(self._data)
        bucket, key = bucket_and_key(self._path)
        self._action = aws_action(self._method, names, on_object=bool(key), on_bucket=bool(bucket))
        original_check(self, f"arn:aws:s3:::{bucket}/{key}" if key else f"arn:aws:s3:::{bucket}" if bucket else "*")

    access_control.S3IAMRequest.check_action_permitted = check_action_permitted


def main() -> None:
    from importlib.metadata import version

    from moto.server import ThreadedMotoServer

    _patch_moto()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    print(json.dumps({"port": server._server.server_address[1], "moto": version("moto")}), flush=True)
    sys.stdin.read()  # until the test closes stdin
    server.stop()


if __name__ == "__main__":
    main()
