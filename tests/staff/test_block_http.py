"""The block's staff/<operation> handler over HTTP: only the course team, every request parsed, nothing changed
on a refusal."""
from __future__ import annotations

import pytest

from tests.block.helpers import add_learner, rows

OPERATIONS = {  # operation → (method, body)
    "summary": ("GET", None), "learners": ("GET", None), "history": ("GET", None), "allowlist": ("GET", None),
    "allowlist_add": ("POST", '{"user": "ben", "note": "x"}'), "allowlist_remove": ("POST", '{"user": "ben"}'),
    "allowlist_csv": ("POST", "ben\n"), "revoke": ("POST", '{"user": "ada", "reason": "x"}'),
    "restore": ("POST", '{"user": "ada", "reason": "x"}'), "regenerate": ("POST", '{"user": "ada", "reason": "x"}'),
    "regenerate_all": ("POST", '{"reason": "x"}'), "issue_now": ("POST", "{}"), "progress": ("GET", None),
    "report.csv": ("GET", None), "report.zip": ("GET", None), "no_such_operation": ("GET", None),
}
REFUSAL = "Only the course team can manage this course's certificates."


def _state(server):
    """What a staff operation could change. (The issue email's delivery columns are left out: the worker of this
    workbench sends Ada's email whenever it gets to it, which is no staff operation.)"""
    certificates = rows(server, "SELECT id, verify_id, short_code, status, live, name, file_name, file_size, version, "
                                "regenerated_at, revoked_at, revoke_reason FROM cert_xblock_issuedcertificate "
                                "ORDER BY id")
    return [certificates] + [rows(server, f"SELECT * FROM {table} ORDER BY id") for table in (
        "cert_xblock_allowlistentry", "cert_xblock_staffaction", "cert_xblock_batchrun",
        "cert_xblock_certificateversion")]


def _call(session, operation, method, body):
    if method == "GET":
        return session.get(f"staff/{operation}")
    headers = {"Content-Type": "text/csv"} if operation == "allowlist_csv" else {}
    return session.http.post(session.handler_url(f"staff/{operation}"), data=body, timeout=60, headers={
        "X-CSRFToken": session.http.cookies.get("csrftoken", ""), "Referer": session.server.base + "/",
        "Content-Type": "application/json", **headers})


@pytest.mark.parametrize("student", ["anonymous", "ada", "ben"])
def test_learners_and_anonymous_callers_are_refused_every_staff_operation(staff_workbench, staff_session, student):
    ada = staff_session("ada")
    ada.post("grade_me")  # ada holds a certificate, so a revoke or regenerate would have something to change
    before = _state(staff_workbench)
    session = staff_session(student)
    for operation, (method, body) in OPERATIONS.items():
        response = _call(session, operation, method, body)
        assert response.status_code == 403, (student, operation, response.text[:200])
        assert response.json()["error"] == REFUSAL
    assert _state(staff_workbench) == before


@pytest.mark.parametrize("student", ["cara", "ivan", "olga", "staff"])
def test_course_staff_instructors_org_staff_and_global_staff_see_the_dashboard(staff_session, student):
    session = staff_session(student)
    assert "cert-xblock-staff" in session.page_html
    summary = session.get("staff/summary")
    assert summary.status_code == 200 and set(summary.json()["counts"]) >= {
        "eligible", "issued", "not_yet_eligible", "allowlisted", "revoked", "failed"}


def test_a_learner_sees_no_dashboard(staff_session):
    assert "cert-xblock-staff" not in staff_session("ben").page_html


@pytest.mark.parametrize(("operation", "body", "content_type", "status"), [
    ("revoke", "[1]", "application/json", 400),
    ("revoke", "{nope", "application/json", 400),
    ("revoke", '{"user": "ada"}', "application/json", 400),
    ("revoke", '{"user": {"a": 1}, "reason": "x"}', "application/json", 400),
    ("revoke", '{"user": "ada", "reason": 5}', "application/json", 400),
    ("allowlist_add", '{"user": "ben", "note": [1]}', "application/json", 400),
    ("allowlist_add", "x" * 70_000, "application/json", 413),
    ("allowlist_add", "--x\r\n", "multipart/form-data; boundary=x", 415),
    ("allowlist_csv", "ben\n", "application/json", 415),
    ("allowlist_csv", "", "text/csv", 400),
    ("learners", None, None, 405),
])
def test_malformed_staff_requests_get_a_reason_and_change_nothing(staff_workbench, staff_session, operation, body,
                                                                  content_type, status):
    session = staff_session("cara")
    before = _state(staff_workbench)
    response = session.http.post(session.handler_url(f"staff/{operation}"), data=(body or "").encode(), timeout=60,
                                 headers={"X-CSRFToken": session.http.cookies.get("csrftoken", ""),
                                          "Referer": session.server.base + "/",
                                          **({"Content-Type": content_type} if content_type else {})})
    assert response.status_code == status, response.text[:300]
    assert response.json()["error"]
    assert _state(staff_workbench) == before


def test_bad_list_arguments_are_named(staff_session):
    session = staff_session("cara")
    response = session.http.get(session.handler_url("staff/learners") + "&status=everyone", timeout=60)
    assert response.status_code == 400 and "'status' must be one of" in response.json()["error"]


def test_reports_come_from_the_block_too(staff_workbench, staff_session):
    add_learner(staff_workbench, "reporter", "Rita Reporter", percent=0.95, letter="A")
    staff_session("reporter").post("grade_me")
    session = staff_session("cara")
    report = session.get("staff/report.csv")
    assert report.status_code == 200 and report.headers["Content-Type"].startswith("text/csv")
    assert "reporter" in report.content.decode("utf-8-sig")
    archive = session.get("staff/report.zip")
    assert archive.status_code == 200 and archive.content[:2] == b"PK"


def test_studio_preview_shows_no_dashboard(settings):
    from cert_xblock.staff.handlers import shows_dashboard

    assert shows_dashboard()
    settings.SERVICE_VARIANT = "cms"
    assert not shows_dashboard()
