"""The two doors into the course team's operations, in process: the block's ``staff/<operation>`` handler (the demo
workbench's runtime runs it in this process) and the REST API, with a CSRF-checking client as browsers meet it."""
from __future__ import annotations

import re
from urllib.parse import quote

from django.test import Client

from cert_xblock.platform.twin.demo_data import seed_demo

DEMO_COURSE = "course-v1:DemoX+CERT101+2026"
CSRF = "c" * 32  # the token the test's session cookie and header carry
# Every REST write of the course team, and what it is under the block's handler.
REST_WRITES = {"allowlist": "allowlist_add", "allowlist/csv": "allowlist_csv", "allowlist/remove": "allowlist_remove",
               "revoke": "revoke", "restore": "restore", "regenerate": "regenerate",
               "regenerate-all": "regenerate_all", "issue-now": "issue_now"}
REST_READS = {"summary": "summary", "learners": "learners", "history": "history", "allowlist": "allowlist",
              "issue-now": "progress"}


def demo_usage(client: Client) -> str:
    """The demo course seeded and its first scenario's certificate block viewed once (its settings stored); its
    usage id. Ada clicks Grade Me, so the block has one certificate."""
    seed_demo()
    page = client.get("/scenario/cert_xblock.0/", {"student": "ada"})
    usage = re.search(r"data-usage='([^']+)'[^>]*data-block-type='cert_xblock'", page.content.decode()).group(1)
    assert client.post(f"/handler/{usage}/grade_me/?student=ada", data=b"{}",
                       content_type="application/json").status_code == 200
    return usage


def staff_root(usage: str, course: str = DEMO_COURSE) -> str:
    return f"/api/cert_xblock/v1/courses/{course}/blocks/{quote(usage, safe='')}/"


def csrf_client(user=None) -> Client:
    """A client that CSRF-checks as a browser's requests are checked, signed in as ``user`` with the CSRF cookie set
    (the header is the caller's to send: ``HTTP_X_CSRFTOKEN=CSRF``)."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    client.cookies["csrftoken"] = CSRF
    return client
