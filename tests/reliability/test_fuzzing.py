"""Fuzzing (hypothesis) on the MariaDB pass: learners' names, Studio settings, and the payloads of every block
handler, REST endpoint and verify page. No server error, no renderer crash, and every refusal says why.

In-process callers keep it fast: Django's test client through the demo's URLs (the workbench runtime runs the
block's handlers in this process, as the demo server does), the settings parser and the name rules called
directly, and the renderer for a sample of long and strange names. Examples are derandomized, so a failure
reproduces; each test reports how many cases it ran to the figures table.
"""
from __future__ import annotations

import json
from itertools import count
from urllib.parse import quote, unquote, urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cert_xblock.config.values import CertificateSettings, apply_posted
from cert_xblock.issuing.names import NameRefused, certificate_name, refusal_message
from cert_xblock.rendering import Design, RenderError, render_certificate
from tests.security.doors import demo_usage

from . import figures
from .helpers import needs_mariadb

pytestmark = [needs_mariadb, pytest.mark.django_db]

# Every Unicode category but surrogates (no UTF-8 text, so no learner's name, holds one).
ANY_CHARACTER = st.characters(categories=[
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
    "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn",
])  # fmt: skip
NAMES = st.one_of(st.text(alphabet=ANY_CHARACTER, max_size=500), st.text(alphabet=ANY_CHARACTER, max_size=40),
                  st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=60))
TEXT = st.text(alphabet=ANY_CHARACTER, max_size=80)
JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False), TEXT)
JSON = st.recursive(JSON_LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)
KEYS = st.sampled_from(["values", "defaults", "user", "reason", "certificate", "after", "note", "request_id",
                        "username", "status", "page", "code", *CertificateSettings.field_names()])
OBJECTS = st.dictionaries(st.one_of(KEYS, TEXT), st.one_of(JSON, st.dictionaries(KEYS, JSON, max_size=6)),
                          max_size=6)
BODIES = st.one_of(OBJECTS.map(lambda o: json.dumps(o).encode()), JSON.map(lambda o: json.dumps(o).encode()),
                   st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
CONTENT_TYPES = st.sampled_from(["application/json", "text/csv", "application/x-www-form-urlencoded; charset=UTF-8",
                                 "text/plain", "multipart/form-data; boundary=x", ""])
QUERY = st.dictionaries(st.sampled_from(["search", "status", "page", "page_size", "certificate", "user",
                                         "request_id", "after", "code"]), TEXT, max_size=3)
FAST = settings(max_examples=3000, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
NAMES_RULES = settings(FAST, max_examples=4000)
STUDIO = settings(FAST, max_examples=3500)
SERVER = settings(FAST, max_examples=1500)
SLOW = settings(FAST, max_examples=120)

HANDLERS = ["grade_me", "download", "preview", "submit_studio_edits", *(f"staff/{op}" for op in (
    "summary", "learners", "history", "allowlist", "allowlist_add", "allowlist_remove", "allowlist_csv", "revoke",
    "restore", "regenerate", "regenerate_all", "issue_now", "progress", "report.csv", "no_such_operation"))]
PEOPLE = ["ada", "ben", "chen", "dana", "cara", "ivan", "olga", "staff"]


def explains_refusal(response, handler: bool = False) -> None:
    """No 5xx; a refusal (4xx) carries a reason: a JSON error or detail that is not empty, or a page.

    A block handler answers JSON labelled as JSON (never text/html, which a browser would render), a PDF, a CSV
    report or a redirect to the file.
    """
    assert response.status_code < 500, (response.status_code, response.content[:500])
    if handler and response.status_code not in (301, 302, 303, 307):
        kind = response.get("Content-Type", "").split(";")[0]
        assert kind in ("application/json", "application/pdf", "text/csv"), (kind, response.content[:200])
    if response.status_code == 405 and not response.content:
        assert response["Allow"]  # Django's own refusal of a method names the ones allowed
    elif response.status_code >= 400:
        body = response.content.decode("utf-8", "replace")
        assert body.strip(), response.status_code
        if response.get("Content-Type", "").startswith("application/json"):
            found = json.loads(body)
            message = found.get("error") or found.get("detail") or found.get("fields")
            assert message, found


@pytest.fixture
def demo(client):
    """The demo course and its people; the first scenario's block, viewed once (its settings stored)."""
    return demo_usage(client)


def test_any_name_is_printable_or_refused_with_what_to_do():
    cases = count()

    @NAMES_RULES
    @given(NAMES, st.sampled_from(["", "ada_l", "\u200b"]))
    def check(name, username):
        next(cases)
        try:
            printed = certificate_name(name, username)
        except NameRefused as exc:
            assert "account settings" in refusal_message(exc)
            return
        assert printed and printed == printed.strip() and not any(ch in printed for ch in "\x00\n\r\t")

    check()
    figures.record("fuzzing: names (rules)", cases=next(cases))


def test_any_name_renders_or_is_refused_never_a_crash():
    from tests.rendering.conftest import sample

    cases = count()

    @SLOW
    @given(NAMES)
    def check(name):
        next(cases)
        try:
            pdf = render_certificate(sample(learner_name=certificate_name(name, "learner")), Design())
        except RenderError as exc:
            assert str(exc)
            return
        assert pdf.startswith(b"%PDF-")

    check()
    figures.record("fuzzing: names (renderer)", cases=next(cases))


def test_any_studio_settings_are_applied_or_refused_naming_the_field():
    cases, names = count(), set(CertificateSettings.field_names())

    @STUDIO
    @given(st.one_of(OBJECTS, JSON, st.dictionaries(st.sampled_from(sorted(names)), JSON_LEAVES, max_size=8)),
           st.one_of(st.just(()), st.lists(st.one_of(KEYS, TEXT), max_size=3), JSON))
    def check(posted, reset):
        next(cases)
        values, problems = apply_posted(CertificateSettings(), posted, reset=reset)
        for problem in problems:  # named by the field as posted ("" for a setting posted under an empty name)
            assert problem.message and isinstance(problem.field, str)
        if not problems:
            assert isinstance(values, CertificateSettings)

    check()
    figures.record("fuzzing: Studio settings", cases=next(cases))


def test_every_block_handler_answers_any_payload_without_a_server_error(client, demo):
    cases = count()

    @SERVER
    @given(st.sampled_from(HANDLERS), st.sampled_from(PEOPLE), st.sampled_from(["GET", "POST", "PUT"]), BODIES,
           CONTENT_TYPES, QUERY)
    def check(handler, student, method, body, content_type, query):
        next(cases)
        cache.clear()  # the rate limits would answer instead of the handler
        url = f"/handler/{demo}/{handler}/?{urlencode({**query, 'student': student})}"
        if method == "GET":
            response = client.get(url)
        else:
            # Django's test client sends no length with an empty body; a real server's stream reads as empty.
            response = client.generic(method, url, data=body, content_type=content_type,
                                      CONTENT_LENGTH=str(len(body)))
        explains_refusal(response, handler=True)

    check()
    figures.record("fuzzing: block handlers", cases=next(cases), requests=next(cases) - 1)


def test_a_fuzzed_learner_name_through_grade_me_is_issued_or_refused_with_a_reason(client, demo):
    from django.conf import settings as django_settings
    from django.contrib.auth import get_user_model
    from opaque_keys.edx.keys import CourseKey

    from cert_xblock.platform.twin.models import CourseEnrollment, PersistentCourseGrade, UserProfile

    course, cases = CourseKey.from_string(django_settings.CERT_XBLOCK_TWIN_COURSE), count()

    @SLOW
    @given(NAMES)
    def check(name):
        n = next(cases)
        cache.clear()  # the click's rate limit would answer instead
        user = get_user_model().objects.create(username=f"fuzz{n}", email=f"fuzz{n}@example.com")
        UserProfile.objects.create(user=user, name=name)
        CourseEnrollment.objects.create(user=user, course_id=course, mode="verified")
        PersistentCourseGrade.objects.create(user_id=user.pk, course_id=course, percent_grade=0.95, letter_grade="A",
                                             grading_policy_hash="fuzz", passed_timestamp="2026-11-01T00:00:00Z")
        response = client.post(f"/handler/{demo}/grade_me/?student=fuzz{n}", data=b"{}",
                               content_type="application/json")
        explains_refusal(response, handler=True)
        if response.status_code == 200:
            assert response.json()["status"] == "issued"
        else:  # a name that cannot be printed, or characters no installed font has (unassigned, private use)
            assert response.status_code == 422 and response.json()["status"] in ("name_refused", "delayed")

    check()
    figures.record("fuzzing: names through grade_me", cases=next(cases), requests=next(cases) - 1)


def test_every_endpoint_and_verify_page_answers_any_input_without_a_server_error(client, demo):
    from django.contrib.auth import get_user_model

    users = {user.username: user for user in get_user_model().objects.filter(username__in=PEOPLE)}
    course, block = "course-v1:DemoX+CERT101+2026", quote(demo, safe="")
    staff = f"/api/cert_xblock/v1/courses/{course}/blocks/{block}/"
    paths = {  # where → the path, "{t}" standing for the fuzzed text (quoted)
        "verify": "/certificates/verify/{t}", "verify.json": "/certificates/verify/{t}.json",
        "lookup": "/certificates/verify/?code={t}", "mine": "/api/cert_xblock/v1/me/certificates",
        "download": "/api/cert_xblock/v1/me/certificates/" + "0" * 32 + "/download",
        "course": "/api/cert_xblock/v1/courses/{t}/certificates",
        "learner": f"/api/cert_xblock/v1/courses/{course}/learners/{{t}}",
        "other course": f"/api/cert_xblock/v1/courses/{{t}}/blocks/{block}/summary",
        **{f"staff {op}": staff + op for op in (
            "summary", "learners", "history", "allowlist", "allowlist/remove", "allowlist/csv", "revoke", "restore",
            "regenerate", "regenerate-all", "issue-now", "report.csv")},
    }
    cases = count()

    @SERVER
    @given(st.sampled_from(sorted(paths)), TEXT, st.sampled_from(["anonymous", *PEOPLE]),
           st.sampled_from(["GET", "POST"]), BODIES, CONTENT_TYPES, QUERY)
    def check(where, text, who, method, body, content_type, query):
        next(cases)
        cache.clear()
        if who == "anonymous":
            client.logout()
        else:
            client.force_login(users[who])
        path = paths[where].replace("{t}", quote(text, safe="") or "x")
        try:
            resolve(unquote(urlsplit(path).path))
        except Resolver404:  # the text broke the URL itself (a "/" in it): the site's own 404, not ours to word
            ours = False
        else:
            ours = True
        path += ("&" if "?" in path else "?") + urlencode(query) if query else ""
        if method == "GET":
            response = client.get(path, HTTP_ACCEPT="application/json")
        else:
            response = client.generic(method, path, data=body, content_type=content_type,
                                      CONTENT_LENGTH=str(len(body)))
        if ours:
            explains_refusal(response)
        else:
            assert response.status_code == 404

    check()
    figures.record("fuzzing: REST and verify pages", cases=next(cases), requests=next(cases) - 1)
