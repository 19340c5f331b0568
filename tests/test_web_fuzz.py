"""API and page fuzzing with schemathesis against /openapi.json (with the pages and the diagram
described too): no 5xx, answers match their schemas, errors name the parameter.

Bounded (a few dozen examples per operation) so the whole file runs in seconds.
"""

from __future__ import annotations

import blocmap

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from blocmap.web.app import create_app  # noqa: E402

schema = schemathesis.openapi.from_asgi("/openapi.json?include=pages", create_app(blocmap.load()))


@schema.parametrize()
@settings(max_examples=int(__import__("os").environ.get("BLOCMAP_FUZZ_EXAMPLES", "25")), deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_keeps_its_word(case):
    # A schema-valid string is not always a known organization or a day; such a request
    # must get a clean 4xx (checked below), so "valid data accepted" does not apply.
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    assert response.status_code < 500
    if response.status_code >= 400 and (case.path.startswith("/api") or response.status_code == 405):
        body = response.json()
        assert body["status"] == response.status_code and body["error"]
    elif response.status_code >= 400:
        assert "Traceback" not in response.text and "<h1" in response.text
