"""The demo over real HTTP: anonymous REST callers are asked to authenticate (401 with ``WWW-Authenticate``, as
docs/security.md says), and an error shows a plain page, never Django's debug page, to anyone but a developer."""
from __future__ import annotations

import pytest
import requests

from .doors import DEMO_COURSE

API = "/api/cert_xblock/v1"
BLOCK = "block-v1:DemoX+CERT101+2026+type@cert_xblock+block@x"
DEBUG_PAGE = ("Traceback", "Django tried these URL patterns", "DEBUG = True", "technical_500", "Request Method:")


@pytest.mark.parametrize("method, path", [
    ("GET", f"{API}/me/certificates"), ("GET", f"{API}/me/certificates/{'0' * 32}/download"),
    ("GET", f"{API}/courses/{DEMO_COURSE}/certificates"), ("GET", f"{API}/courses/{DEMO_COURSE}/learners/ada"),
    ("GET", f"{API}/courses/{DEMO_COURSE}/blocks/{BLOCK}/summary"),
    ("POST", f"{API}/courses/{DEMO_COURSE}/blocks/{BLOCK}/revoke"),
    ("POST", f"{API}/courses/{DEMO_COURSE}/blocks/{BLOCK}/allowlist/csv"),
])
def test_an_anonymous_rest_caller_gets_401_asking_for_credentials(workbench, method, path):
    response = requests.request(method, workbench.url(path), data=b"[" * 5000, timeout=30,
                                headers={"Content-Type": "application/json"})
    assert response.status_code == 401, response.text[:300]
    assert response.headers["WWW-Authenticate"]
    assert response.json() == {"detail": "Authentication credentials were not provided."}


@pytest.mark.parametrize("path", ["/no/such/page/", "/scenario/no-such-scenario/", "/handler/no-such-usage/x/"])
def test_an_error_page_is_plain_not_djangos_debug_page(workbench, path):
    response = requests.get(workbench.url(path), params={"student": "ada"}, timeout=30)
    assert 400 <= response.status_code < 600
    assert not any(marker in response.text for marker in DEBUG_PAGE), response.text[:500]
