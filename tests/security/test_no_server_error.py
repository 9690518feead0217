"""The five ways an adversarial run reached a 5xx (issue 21), each through the door it was found at: now a 4xx that
names what is wrong, or a per-row report, and nothing changed by a refused request."""
from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cert_xblock.models import AllowlistEntry, CertificateVersion, IssuedCertificate, StaffAction
from cert_xblock.platform.twin.models import CourseEnrollment
from tests.staff.conftest import BLOCK_ID, COURSE

from .doors import CSRF, REST_WRITES, csrf_client, demo_usage

pytestmark = pytest.mark.django_db
ROOT = f"/api/cert_xblock/v1/courses/{COURSE}/blocks/{BLOCK_ID}/"
DEEP = b"[" * 5_000 + b"]" * 5_000  # under every size limit, past Python's recursion limit
SURROGATE = "\ud800"  # a lone surrogate: json.dumps writes it as \ud800, valid JSON but no UTF-8 text


def state() -> tuple:
    """What a refused request must leave as it was."""
    return (tuple(IssuedCertificate.objects.order_by("pk").values_list("pk", "status", "version", "file_name")),
            tuple(AllowlistEntry.objects.order_by("pk").values_list("pk", "notes")),
            StaffAction.objects.count(), CertificateVersion.objects.count())


# 1. REST bodies were parsed (for the CSRF check) before the permission check ---------------------------------------
@pytest.mark.parametrize("write", sorted(REST_WRITES))
def test_a_learners_deeply_nested_body_is_refused_by_the_table_unparsed(course, write):
    response = csrf_client(course.users["ada"]).post(ROOT + write, DEEP, content_type="application/json")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Only the course team can manage this course's certificates."})


@pytest.mark.parametrize("write", sorted(REST_WRITES))
def test_staffs_deeply_nested_body_is_a_400_that_says_so(course, write):
    before = state()
    response = csrf_client(course.staff).post(ROOT + write, DEEP, content_type="application/json",
                                          HTTP_X_CSRFTOKEN=CSRF)
    assert (response.status_code, response.json()) == (400, {"detail": "The request body is nested too deeply."})
    assert state() == before


@pytest.mark.parametrize("write", sorted(REST_WRITES))
def test_an_oversized_body_is_a_json_413_with_its_reason(course, write):
    body = b'{"note": "' + b"x" * 3_000_000 + b'"}'
    response = csrf_client(course.staff).post(ROOT + write, body, content_type="application/json",
                                          HTTP_X_CSRFTOKEN=CSRF)
    assert response.status_code == 413 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "The request body is too large."}


def test_staff_without_the_csrf_token_are_refused_after_the_table_without_the_body_read(course):
    response = csrf_client(course.staff).post(ROOT + "revoke", DEEP, content_type="application/json")
    assert response.status_code == 403 and response.json()["detail"].startswith("CSRF Failed")


# 2. Lone surrogates reached the database write (and regenerate-all printed 100 PDFs first) -------------------------
@pytest.mark.parametrize("write, field, body", [
    ("allowlist", "user", {"user": SURROGATE, "note": "x"}),
    ("allowlist", "note", {"user": "ben", "note": SURROGATE}),
    ("revoke", "reason", {"user": "ada", "reason": SURROGATE}),
    ("regenerate", "reason", {"user": "ada", "reason": SURROGATE}),
    ("regenerate-all", "reason", {"reason": SURROGATE}),
])
def test_a_lone_surrogate_is_a_400_naming_the_field_before_any_work(course, write, field, body):
    course.issue("ada")
    course.issue("chen")
    before = state()
    response = csrf_client(course.staff).post(ROOT + write, json.dumps(body), content_type="application/json",
                                          HTTP_X_CSRFTOKEN=CSRF)
    assert response.status_code == 400
    assert response.json() == {"detail": f"'{field}' holds a character that is not text (U+D800): remove it and "
                                         "send it again."}
    assert state() == before  # no PDF printed again, no version, no audit row


def test_a_lone_surrogate_sent_to_the_block_handler_is_a_400_naming_the_field(client):
    usage = demo_usage(client)
    before = state()
    for operation, field, body in (("allowlist_add", "user", {"user": SURROGATE}),
                                   ("allowlist_add", "note", {"user": "ben", "note": SURROGATE}),
                                   ("regenerate_all", "reason", {"reason": SURROGATE})):
        response = client.post(f"/handler/{usage}/staff/{operation}/?student=cara", data=json.dumps(body),
                               content_type="application/json")
        assert response.status_code == 400, (operation, response.content)
        assert response.json() == {"error": f"'{field}' holds a character that is not text (U+D800): remove it "
                                            "and send it again."}
    response = client.get(f"/handler/{usage}/staff/learners/?student=cara&search=%EF%BF%BE")  # U+FFFE
    assert response.status_code == 400 and "'search'" in response.json()["error"]
    assert state() == before


# 3. An allowlist CSV field over 131,072 characters raised csv.Error ------------------------------------------------
def test_a_csv_line_too_long_is_reported_on_its_row_and_the_rest_applied(course):
    body = f"ben,Group A\n{'x' * 140_000},note\nchen\n".encode()
    response = csrf_client(course.staff).post(ROOT + "allowlist/csv", body, content_type="text/csv",
                                          HTTP_X_CSRFTOKEN=CSRF)
    assert response.status_code == 200, response.content[:300]
    rows = response.json()["rows"]
    assert [(r["line"], r["outcome"]) for r in rows] == [(1, "added"), (2, "error"), (3, "added")]
    assert rows[1]["message"] == ("This line is too long for a username or email and a note: at most 1,024 "
                                  "characters.")
    assert set(AllowlistEntry.objects.values_list("user__username", flat=True)) == {"ben", "chen"}


# 4. 999 or more email rows: one OR per row was too deep an expression for sqlite -----------------------------------
def test_a_csv_of_1500_emails_is_looked_up_and_applied(course):
    users = get_user_model().objects
    learners = [users.create(username=f"crowd{n}", email=f"Crowd{n}@Example.org") for n in range(1_500)]
    CourseEnrollment.objects.bulk_create(CourseEnrollment(user=u, course_id=COURSE, mode="audit") for u in learners)
    body = "".join(f"crowd{n}@example.org\n" for n in range(1_500)).encode() + b"nobody@example.org\n"
    response = csrf_client(course.staff).post(ROOT + "allowlist/csv", body, content_type="text/csv",
                                          HTTP_X_CSRFTOKEN=CSRF)
    assert response.status_code == 200, response.content[:300]
    assert (response.json()["applied"], response.json()["errors"]) == (1_500, 1)
    assert AllowlistEntry.objects.count() == 1_500


# 5. A page number past the database's integer ---------------------------------------------------------------------
@pytest.mark.parametrize("page", ["368934881474191034", "9" * 30])
def test_a_huge_page_number_is_a_400_naming_it(course, page):
    client = Client()
    client.force_login(course.staff)
    response = client.get(ROOT + "learners", {"page": page})
    assert (response.status_code, response.json()) == (
        400, {"detail": "'page' must be a whole number between 1 and 1000000000."})


def test_a_huge_after_for_regenerate_all_is_a_400_naming_it(course):
    course.issue("ada")
    before = state()
    response = csrf_client(course.staff).post(ROOT + "regenerate-all", json.dumps({"reason": "x", "after": 2**70}),
                                          content_type="application/json", HTTP_X_CSRFTOKEN=CSRF)
    assert response.status_code == 400 and "'after'" in response.json()["detail"]
    assert state() == before
