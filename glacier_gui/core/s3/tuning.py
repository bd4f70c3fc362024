"""Less CPU per S3 request: botocore does work on every call that gives the same answer each time.

At thousands of small files the upload is bound by Python's CPU per request, not by the network (DESIGN.md §8:
rclone spends about 1 ms per file).  Profiling a ``put_object`` of 100 KiB showed, besides the HTTP exchange:

* endpoint rules evaluated afresh for every request (~10-20 % of its CPU): botocore caches the answer, but the
  cache key holds the object ``Key``, which no S3 endpoint rule reads, so every new key misses;
* the User-Agent header built twice per request from ~90 sanitised pieces (~8 %), though it only changes when
  the set of SDK "features" in use changes;
* an ``Expect: 100-continue`` round trip before every PUT body (waiting time, and one more read per request);
* listings: ``LastModified`` of every key parsed by ``dateutil`` (about 60 % of the CPU of a 1,000-key page),
  where ``datetime.fromisoformat`` reads S3's ISO 8601 form in a fraction of the time.

Each tuning here is exact (the requests on the wire are what botocore would send, minus the 100-continue for
small bodies) and defensive: it touches botocore internals only when they look as expected, and otherwise leaves
the client as it is (slower, never wrong).  ``tuned(client)`` says which ones are active (a test checks it).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import botocore.context
import botocore.utils

log = logging.getLogger(__name__)

# botocore waits for "100 Continue" before every PUT/POST body.  That pays off only for big bodies (an error
# before a large upload); the AWS Go SDK likewise waits only above 2 MB.  Parts of large files keep it.
EXPECT_CONTINUE_ABOVE = 2 * 1024 * 1024

# Endpoint rule parameters that name the object, not where it lives.
_OBJECT_PARAMS = ("Key", "Prefix")


def tune_client(client: Any) -> None:
    """Apply every tuning that fits this botocore version to *client* (an S3 client)."""
    client.meta.events.register_last(
        "before-call.s3", _no_expect_for_small_bodies, unique_id="glacier_gui-no-expect-small"
    )
    active = ["no-expect-small"]
    for name, tuning in (
        ("endpoint-cache", _cache_endpoints_per_bucket),
        ("user-agent-cache", _cache_user_agent),
        ("fast-timestamps", _fast_timestamps),
    ):
        try:
            if tuning(client):
                active.append(name)
        except Exception as exc:  # a botocore we do not know: keep its own behaviour
            log.debug("S3 tuning %s not applied: %s", name, exc)
    client._glacier_gui_tuned = tuple(active)


def tuned(client: Any) -> tuple[str, ...]:
    """Names of the tunings active on *client*."""
    return tuple(getattr(client, "_glacier_gui_tuned", ()))


def _no_expect_for_small_bodies(params: dict[str, Any], **_kwargs: Any) -> None:
    # Registered last on the same event as botocore's own handler, which adds the header to every body.
    headers = params.get("headers", {})
    if "Expect" in headers:
        length = botocore.utils.determine_content_length(params.get("body"))
        if length is not None and length <= EXPECT_CONTINUE_ABOVE:
            del headers["Expect"]


def _cache_endpoints_per_bucket(client: Any) -> bool:
    """Leave ``Key``/``Prefix`` out of the endpoint parameters when no rule of the loaded rule set reads them, so
    botocore's own cache of resolved endpoints hits (one entry per bucket and operation kind).

    Only the parameters are trimmed: botocore still gathers them for every request, so a region learnt from a
    redirect (``AWS::Region`` set by its S3 region redirector) still changes the endpoint, as it should."""
    resolver = client._ruleset_resolver
    model = client.meta.service_model
    rules = client._loader.load_service_model(model.service_name, "endpoint-rule-set-1", model.api_version)
    text = json.dumps(rules)
    unused = tuple(p for p in _OBJECT_PARAMS if f'"ref": "{p}"' not in text and f'"{p}"' in text)
    if not unused:
        return False
    original = resolver._get_provider_params

    def provider_params(*args: Any, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = original(*args, **kwargs)
        for name in unused:
            params.pop(name, None)
        return params

    resolver._get_provider_params = provider_params
    return True


def _cache_user_agent(client: Any) -> bool:
    """Build the User-Agent string once per set of features in use instead of twice per request."""
    creator = client._user_agent_creator
    if not hasattr(creator, "_client_features"):
        return False
    build = creator.to_string
    cache: dict[tuple[frozenset[str], frozenset[str]], str] = {}

    def to_string() -> str:
        ctx = botocore.context.get_context()
        key = (frozenset(creator._client_features or ()), frozenset(ctx.features) if ctx is not None else frozenset())
        value = cache.get(key)
        if value is None:
            value = cache[key] = build()
        return value

    creator.to_string = to_string  # the instance attribute wins over the method, also for botocore's own handler
    return True


def _fast_timestamps(client: Any) -> bool:
    """Parse S3's ``2024-05-01T12:00:00.000Z`` with the standard library; anything else as botocore does."""
    client._endpoint._response_parser_factory.set_parser_defaults(timestamp_parser=parse_timestamp)
    return True


def parse_timestamp(value: Any) -> datetime:
    """An aware UTC datetime for S3's ISO 8601 timestamps (the same instant botocore's parser gives)."""
    if isinstance(value, str) and value.endswith("Z") and len(value) >= 20 and value[10] == "T":
        try:
            return datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)  # the same instant as botocore's tzutc()
        except ValueError:
            pass
    parsed: datetime = botocore.utils.parse_timestamp(value)
    return parsed
