"""Fixtures shared by every test folder: real services (see ``tests/services.py``) and a learner session."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import requests

from . import services


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked ``needs_mariadb`` belong to the MariaDB pass: the sqlite pass deselects them (not a skip)."""
    if services.MARIADB:
        return
    later = [item for item in items if item.get_closest_marker("needs_mariadb")]
    if later:
        config.hook.pytest_deselected(items=later)
        items[:] = [item for item in items if not item.get_closest_marker("needs_mariadb")]


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    """Each test starts with no look-ups counted against its client (django-ratelimit keeps them in the cache)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> Iterator[str]:
    """A real Redis server on 127.0.0.1; its URL."""
    with services.redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory) -> Iterator[str]:
    """A real S3 server (moto_server) over HTTP on 127.0.0.1; its endpoint URL."""
    with services.s3_server(tmp_path_factory.mktemp("moto")) as url:
        yield url


@pytest.fixture(scope="session")
def workbench(tmp_path_factory) -> Iterator[services.Workbench]:
    """The demo workbench server, migrated and seeded, with its own sqlite database and media folder."""
    with services.workbench_server(tmp_path_factory.mktemp("workbench")) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    with services.chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


class LearnerSession:
    """One learner talking to the workbench over HTTP, with the CSRF cookie the page sets, as a browser would."""

    def __init__(self, server: services.Workbench, student: str, scenario: str = "cert_xblock.0"):
        self.server, self.student, self.scenario = server, student, scenario
        self.http = requests.Session()
        page = self.http.get(server.url(f"/scenario/{scenario}/"), params={"student": student}, timeout=30)
        page.raise_for_status()
        self.page_html = page.text
        self.usage_id = re.search(r"data-usage='([^']+)'[^>]*data-block-type='cert_xblock'", page.text).group(1)

    def handler_url(self, handler: str) -> str:
        return self.server.url(f"/handler/{self.usage_id}/{handler}/?student={self.student}")

    def post(self, handler: str, body: bytes | str = b"{}", **kwargs) -> requests.Response:
        headers = {"X-CSRFToken": self.http.cookies.get("csrftoken", ""), "Referer": self.server.base + "/",
                   "Content-Type": "application/json"}
        return self.http.post(self.handler_url(handler), data=body, headers=headers, timeout=60, **kwargs)

    def get(self, handler: str, **kwargs) -> requests.Response:
        return self.http.get(self.handler_url(handler), timeout=60, **kwargs)


@pytest.fixture
def learner_session(workbench):
    """A factory: ``learner_session("ada")`` is Ada's browser-like session on the first demo scenario."""
    return lambda student, scenario="cert_xblock.0": LearnerSession(workbench, student, scenario)
