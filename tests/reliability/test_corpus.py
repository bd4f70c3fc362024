"""The bad-input corpus under pytest: one test per case, known bugs (none today) as strict xfails.

The cases run once per session, in parallel threads (a session fixture), because most of their time is spent
waiting for subprocesses; each test then reports its own case.  A case found failing because of a bug that is
not fixed at once gets ``known="issue N: ..."`` (a strict xfail): when it starts passing, the run fails until
the fix removes that text.
"""

from __future__ import annotations

import re

import pytest

from tests.reliability.corpus import CaseResult, load_cases, run_cases

CASES = load_cases()


def _param(case):  # noqa: ANN001, ANN202 - pytest.param plumbing
    marks = [pytest.mark.xfail(strict=True, reason=case.known)] if case.known else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.fixture(scope="session")
def corpus_results(request: pytest.FixtureRequest, s3_url: str, tmp_path_factory) -> dict[str, CaseResult]:  # noqa: ANN001
    wanted = {
        item.callspec.params["case"].id
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_corpus_case" and hasattr(item, "callspec")
    }
    cases = [c for c in CASES if c.id in wanted]
    results = run_cases(cases, s3_url, workers=4, workdir=tmp_path_factory.mktemp("corpus"))
    return {r.id: r for r in results}


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_corpus_case(case, corpus_results: dict[str, CaseResult]) -> None:  # noqa: ANN001
    r = corpus_results[case.id]
    assert r.ok, f"{case.id} ({case.description}): expected {r.expected}, got {r.got}"


def test_the_corpus_is_complete() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) >= 60 and len(set(ids)) == len(ids)
    assert all(re.match(r"issue \d+: ", c.known) for c in CASES if c.known)
