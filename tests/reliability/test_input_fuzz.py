"""Hostile input at every door into the course team's operations: every REST endpoint and every staff handler, as
anonymous (REST), a learner and course staff, with each class of input the adversarial run of issue 21 used —
depth, size, invalid Unicode (lone surrogates, non-characters), huge numbers, long fields, many rows.

No response is a 5xx, every refusal says why, and a refused request changes nothing (certificates, their versions,
the allowlist, the audit trail, batch runs: compared after every request). Runs in both passes of the test command
(sqlite, and MariaDB where ``CERT_XBLOCK_MARIADB`` is set), in process through the demo's URLs, deterministically:
the cases are a fixed product, so a failure names its request and reproduces.
"""
from __future__ import annotations

import json
from itertools import count
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from cert_xblock.models import AllowlistEntry, BatchRun, CertificateVersion, IssuedCertificate, StaffAction
from tests.security.doors import CSRF, DEMO_COURSE, csrf_client, demo_usage, staff_root

from . import figures

pytestmark = pytest.mark.django_db
API = "/api/cert_xblock/v1"
FIELDS = ("user", "note", "reason", "certificate", "request_id", "search", "status", "page", "page_size", "after")
NUMBERS = ("page", "page_size", "after")
BAD_TEXT = ("\ud800", "ab\udfffcd", "\U0010fffe")  # lone surrogates, a non-character
HUGE = (2**64, 10**30, -1, 1e308, "368934881474191034", "9" * 25)
LONG = (600, 60_000)  # past every field's limit (a note is 255, a reason 500), within the 64 KB body
# Course staff get every case at every door; the table refuses learners and anonymous callers first, so they get
# every STRIDE-th (one or more of each class of input), keeping the run to about a minute on 2 cores.
STRIDE = 8


def _json(body: dict | list) -> tuple[str, bytes]:
    return "application/json", json.dumps(body).encode()


def payloads() -> list[tuple[str, str, bytes, dict[str, str]]]:
    """(case, content type, body, query) for every class of hostile input."""
    cases: list[tuple[str, str, bytes, dict[str, str]]] = []
    for depth in (9, 1_000, 30_000):  # depth
        cases.append((f"depth {depth} array", "application/json", b"[" * depth + b"]" * depth, {}))
        cases.append((f"depth {depth} object", "application/json",
                      b'{"user":' * depth + b"1" + b"}" * depth, {}))
    for size in (65 * 1024, 1_100_000, 3_000_000):  # size
        cases.append((f"{size} bytes JSON", "application/json", b'{"note": "' + b"x" * size + b'"}', {}))
        cases.append((f"{size} bytes CSV", "text/csv", b"ben,note\n" * (size // 9), {}))
    for field in FIELDS:  # invalid Unicode, in the body and in the query
        for text in BAD_TEXT:
            cases.append((f"{field}={text!a} (body)", *_json({"user": "ada", "reason": "r", field: text}), {}))
            cases.append((f"{field}={text!a} (query)", "application/json", b"{}", {field: text}))
        cases.append((f"key {field}\\ud800", *_json({field + "\ud800": "x", "user": "ada"}), {}))
    for field in NUMBERS:  # huge numbers
        for number in HUGE:
            cases.append((f"{field}={number!s:.30}", *_json({"reason": "r", field: number}), {}))
            cases.append((f"{field}={number!s:.30} (query)", "application/json", b"{}", {field: str(number)}))
    cases.append(("a 5,000-digit number", "application/json", b'{"after": ' + b"9" * 5_000 + b"}", {}))
    for field in FIELDS:  # long fields
        for length in LONG:
            cases.append((f"{field} of {length}", *_json({"user": "ada", "reason": "r", field: "x" * length}), {}))
        cases.append((f"{field} of 5000 (query)", "application/json", b"{}", {field: "y" * 5_000}))
    rows = {  # many rows, and rows no CSV reader can read
        "1,200 unknown emails": "".join(f"nobody{n}@example.org\n" for n in range(1_200)),
        "10,001 rows": "x\n" * 10_001,
        "a 140,000-character field": "z" * 140_000 + "\n",
        "an unterminated quote": '"ben\n' * 3,
        "rows of non-characters": "\ufffe,\ufdd0\n" * 50,
        "rows not UTF-8": None,
    }
    for name, text in rows.items():  # (a CSV body to a JSON door is a 415, and a JSON body to the CSV door)
        body = b"\xff\xfe\xfa\n" * 2_000 if text is None else text.encode("utf-8")
        cases.append((f"CSV: {name}", "text/csv", body, {"note": "Cohort"}))
    cases.append(("CSV note \\ud800", "text/csv", b"ben\n", {"note": "\ud800"}))
    cases.append(("CSV note too long", "text/csv", b"ben\n", {"note": "n" * 600}))
    return cases


def query_string(query: dict[str, str]) -> str:
    """The query as a client sends it: a lone surrogate as the bytes a lax encoder writes (%ED%A0%80)."""
    return urlencode(query, errors="surrogatepass")


def rest_routes(usage: str) -> list[tuple[str, str]]:
    """(method, path) of every REST endpoint, the staff ones with each method they answer."""
    staff = staff_root(usage)
    routes = [("GET", f"{staff}{op}") for op in ("summary", "learners", "history", "allowlist", "issue-now",
                                                  "report.csv")]
    routes += [("POST", f"{staff}{op}") for op in ("allowlist", "allowlist/remove", "allowlist/csv", "revoke",
                                                   "restore", "regenerate", "regenerate-all", "issue-now",
                                                   "issue")]
    routes += [("GET", f"{API}/me/certificates"), ("GET", f"{API}/me/certificates/{'0' * 32}/download"),
               ("GET", f"{API}/courses/{DEMO_COURSE}/certificates"),
               ("GET", f"{API}/courses/{DEMO_COURSE}/learners/ada"),
               ("GET", f"{API}/courses/{DEMO_COURSE}/learners/{quote(chr(0xFFFE))}")]
    return routes


HANDLER_OPERATIONS = [("GET", op) for op in ("summary", "learners", "history", "allowlist", "progress",
                                             "report.csv")] + [
    ("POST", op) for op in ("allowlist_add", "allowlist_remove", "allowlist_csv", "revoke", "restore", "regenerate",
                            "regenerate_all", "issue_now")]


def state() -> tuple:
    """Everything a refused request must leave as it was."""
    return (tuple(IssuedCertificate.objects.order_by("pk").values_list("pk", "status", "version", "file_name",
                                                                        "revoke_reason")),
            tuple(AllowlistEntry.objects.order_by("pk").values_list("pk", "user_id", "notes")),
            tuple(StaffAction.objects.order_by("pk").values_list("pk", flat=True)),
            CertificateVersion.objects.count(), BatchRun.objects.count())


def explained(response) -> str:
    """The reason a refusal gives (its JSON ``detail`` or ``error``), or '' when it gives none."""
    try:
        found = response.json()
    except ValueError:
        return ""
    return str(found.get("detail") or found.get("error") or "") if isinstance(found, dict) else ""


def test_hostile_input_at_every_staff_door_never_reaches_a_server_error(client):
    usage = demo_usage(client)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=("ada", "cara"))}
    callers = {"anonymous": csrf_client(), "learner": csrf_client(users["ada"]), "staff": csrf_client(users["cara"])}
    cases, requests, refused, changed, unexpected = payloads(), count(), count(), [], []
    before = state()

    def send(label: str, call) -> None:
        nonlocal before
        next(requests)
        cache.clear()  # the rate limits would answer instead
        response = call()
        after = state()
        if response.status_code >= 500 or (response.status_code >= 400 and not explained(response)):
            unexpected.append((label, response.status_code, response.content[:200]))
        if response.status_code >= 400:
            next(refused)
            if after != before:
                changed.append(label)
        before = after

    for method, path in rest_routes(usage):
        for who, http in callers.items():
            for case, content_type, body, query in cases if who == "staff" else cases[::STRIDE]:
                url = f"{path}?{query_string(query)}" if query else path
                if method == "GET":
                    send(f"{who} GET {path} {case}", lambda http=http, url=url: http.get(url))
                else:
                    send(f"{who} POST {path} {case}", lambda http=http, url=url, b=body, t=content_type: http.post(
                        url, b, content_type=t, HTTP_X_CSRFTOKEN=CSRF))
    for method, operation in HANDLER_OPERATIONS:
        for student in ("ada", "cara"):
            for case, content_type, body, query in cases if student == "cara" else cases[::STRIDE]:
                url = f"/handler/{usage}/staff/{operation}/?{query_string({**query, 'student': student})}"
                if method == "GET":
                    send(f"{student} handler {operation} {case}", lambda url=url: client.get(url))
                else:
                    send(f"{student} handler {operation} {case}", lambda url=url, b=body, t=content_type: client.post(
                        url, b, content_type=t))

    total = next(requests)
    figures.record("fuzzing: hostile input at every staff door", requests=total, cases=len(cases),
                   unexpected=len(unexpected) + len(changed))
    assert not unexpected, unexpected[:10]
    assert not changed, changed[:10]
    assert total >= 5_000 and next(refused) > 4_000
