"""The course team's REST endpoints: the same operations as the block, for course staff only, streamed reports."""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from cert_xblock.models import AllowlistEntry, IssuedCertificate, StaffAction

from .conftest import BLOCK, BLOCK_ID, COURSE

pytestmark = pytest.mark.django_db
ROOT = f"/api/cert_xblock/v1/courses/{COURSE}/blocks/{BLOCK_ID}"


@pytest.fixture
def staff_client(client, course):
    client.force_login(course.staff)
    return client


def test_course_staff_allowlist_a_learner_and_see_the_list(staff_client):
    response = staff_client.post(f"{ROOT}/allowlist", {"user": "ben", "note": "Group A"},
                                 content_type="application/json")
    assert response.status_code == 200 and response.json()["outcome"] == "added"
    assert response.json()["request_id"] == StaffAction.objects.get().request_id
    entries = staff_client.get(f"{ROOT}/allowlist").json()["entries"]
    assert [(e["username"], e["note"], e["added_by"]) for e in entries] == [("ben", "Group A", "cara")]
    removed = staff_client.post(f"{ROOT}/allowlist/remove", {"user": "ben"}, content_type="application/json")
    assert removed.status_code == 200 and not AllowlistEntry.objects.exists()


def test_a_csv_upload_answers_a_report_per_row(staff_client):
    response = staff_client.post(f"{ROOT}/allowlist/csv?note=Cohort", b"\xef\xbb\xbfben\nghost\n\nben\n",
                                 content_type="text/csv")
    body = response.json()
    assert response.status_code == 200 and (body["applied"], body["errors"]) == (1, 2)
    assert [r["outcome"] for r in body["rows"]] == ["added", "error", "skipped", "error"]


def test_revoke_and_restore_through_the_api(staff_client, course):
    certificate = course.issue("ada")
    refused = staff_client.post(f"{ROOT}/revoke", {"certificate": certificate.verify_id},
                                content_type="application/json")
    assert refused.status_code == 400 and "reason" in refused.json()["error"]
    revoked = staff_client.post(f"{ROOT}/revoke", {"user": "ada", "reason": "Cheating"},
                                content_type="application/json")
    assert revoked.status_code == 200 and revoked.json()["certificate"]["status"] == "revoked"
    again = staff_client.post(f"{ROOT}/revoke", {"user": "ada", "reason": "Cheating"},
                              content_type="application/json")
    assert again.status_code == 404
    restored = staff_client.post(f"{ROOT}/restore", {"user": "ada", "reason": "Appeal"},
                                 content_type="application/json")
    assert restored.status_code == 200 and IssuedCertificate.objects.get().live == 1


def test_the_holder_cannot_download_a_revoked_certificate_from_the_api(client, course):
    from cert_xblock import staff

    certificate = course.issue("ada")
    client.force_login(course.users["ada"])
    download = f"/api/cert_xblock/v1/me/certificates/{certificate.verify_id}/download"
    assert client.get(download).status_code == 200
    staff.revoke(BLOCK.ref, certificate, "Fraud", staff.Actor("cara"))
    assert client.get(download).status_code == 404


def test_regenerate_and_history(staff_client, course):
    certificate = course.issue("chen")
    response = staff_client.post(f"{ROOT}/regenerate", {"certificate": certificate.verify_id, "reason": "Typo"},
                                 content_type="application/json")
    assert response.status_code == 200
    assert [v["version"] for v in response.json()["versions"]] == [2, 1]
    history = staff_client.get(f"{ROOT}/history", {"certificate": certificate.verify_id}).json()
    assert [a["kind"] for a in history["actions"]] == ["regenerate"]
    assert staff_client.post(f"{ROOT}/regenerate-all", {"reason": "Design"},
                             content_type="application/json").json()["regenerated"] == 1
    assert staff_client.post(f"{ROOT}/regenerate-all", {"reason": "Design", "after": "x"},
                             content_type="application/json").status_code == 400


def test_issue_now_certifies_the_remaining_eligible_learners_and_reports_done(staff_client, course):
    staff_client.post(f"{ROOT}/allowlist", {"user": "dana"}, content_type="application/json")
    started = staff_client.post(f"{ROOT}/issue-now", {}, content_type="application/json")
    assert started.status_code == 200
    run = staff_client.get(f"{ROOT}/issue-now", {"request_id": started.json()["run"]["request_id"]}).json()["run"]
    assert (run["state"], run["issued"], run["failed"], run["queued"]) == ("done", 3, 0, 0)
    holders = set(IssuedCertificate.objects.values_list("user__username", flat=True))
    assert holders == {"ada", "chen", "dana"}, "dana is below the bar but allowlisted"
    assert IssuedCertificate.objects.get(user__username="dana").request_id == run["request_id"]


def test_summary_and_learners(staff_client, course):
    course.issue("ada")
    summary = staff_client.get(f"{ROOT}/summary").json()
    assert summary["counts"]["issued"] == 1 and summary["counts"]["eligible"] == 1
    learners = staff_client.get(f"{ROOT}/learners", {"status": "issued"}).json()
    assert [r["username"] for r in learners["results"]] == ["ada"]
    assert staff_client.get(f"{ROOT}/learners", {"page": "0"}).status_code == 400


def test_the_learner_list_says_no_grade_yet_as_null_never_zero(staff_client, course):
    from cert_xblock.platform.twin.models import PersistentCourseGrade

    PersistentCourseGrade.objects.filter(user_id=course.users["ben"].pk).delete()
    [ben] = staff_client.get(f"{ROOT}/learners", {"search": "ben"}).json()["results"]
    assert (ben["grade"], ben["figure"], ben["reason"], ben["mode"]) == (None, "grade", "No grade yet", "verified")


def test_reports_are_streamed(staff_client, course):
    from cert_xblock import staff

    staff.allowlist_add(BLOCK.ref, "ada", "Oral exam", staff.Actor("cara"))
    course.issue("ada")
    staff.revoke(BLOCK.ref, course.issue("chen"), "=cmd|' /C calc'!A0", staff.Actor("cara"))
    response = staff_client.get(f"{ROOT}/report.csv")
    assert response.status_code == 200 and response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {(r["username"], r["status"]) for r in rows} == {("ada", "issued"), ("chen", "revoked")}
    ada = next(r for r in rows if r["username"] == "ada")
    assert (ada["allowlisted"], ada["allowlisted_by"], ada["allowlist_note"]) == ("yes", "cara", "Oral exam")
    chen = next(r for r in rows if r["username"] == "chen")
    assert (chen["last_staff_action"], chen["last_action_by"]) == ("Revoked the certificate", "cara")
    assert chen["revoke_reason"].startswith("'="), "a formula is kept as text"
    stamp = datetime.now(UTC).date().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="certificates-StaffX-S1-2026-final-{stamp}.csv"'
    archive = staff_client.get(f"{ROOT}/report.zip")
    assert archive.streaming and archive["Content-Type"] == "application/zip"
    assert archive["Content-Disposition"] == f'attachment; filename="certificates-StaffX-S1-2026-final-{stamp}.zip"'
    with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as opened:
        [name] = opened.namelist()
        assert name.startswith("ada-") and opened.read(name).startswith(b"%PDF")


def test_a_block_of_another_course_is_not_found(staff_client):
    response = staff_client.get(f"/api/cert_xblock/v1/courses/course-v1:StaffX+S2+2026/blocks/{BLOCK_ID}/summary")
    assert response.status_code in (403, 404)


def test_malformed_requests_get_a_reason_never_a_500(staff_client, course):
    cases = [
        ("post", f"{ROOT}/revoke", b"[1, 2]", "application/json", 400),
        ("post", f"{ROOT}/revoke", b"{not json", "application/json", 400),
        ("post", f"{ROOT}/revoke", b"user=ada", "multipart/form-data; boundary=x", 415),
        ("post", f"{ROOT}/allowlist", b'{"user": ["ada"]}', "application/json", 400),
        ("post", f"{ROOT}/allowlist", b'{"user": "ada", "note": 5}', "application/json", 400),
        ("post", f"{ROOT}/allowlist/csv", b'{"user": "ada"}', "application/json", 415),
        ("post", f"{ROOT}/allowlist/csv", b"x" * (1024 * 1024 + 10), "text/csv", 413),
        ("put", f"{ROOT}/revoke", b"{}", "application/json", 405),
        ("post", f"{ROOT}/summary", b"{}", "application/json", 405),
        ("get", f"{ROOT}/issue-now?request_id=nope", b"", "", 404),
    ]
    for method, url, body, content_type, status in cases:
        response = getattr(staff_client, method)(url, body, content_type=content_type) if method != "get" \
            else staff_client.get(url)
        assert response.status_code == status, (url, body[:30], response.content[:200])
    assert not StaffAction.objects.exists() and not AllowlistEntry.objects.exists()


def test_only_the_course_team_may_call_them(client, course):
    """Every staff endpoint × anonymous, a learner, staff of another course: refused, nothing changed."""
    from cert_xblock.platform.twin.roles import CourseAccessRole

    certificate = course.issue("ada")
    other_staff = get_user_model().objects.create(username="dev")
    CourseAccessRole.objects.create(user=other_staff, course_id="course-v1:StaffX+S2+2026", org="StaffX",
                                    role="instructor")
    posts = {"allowlist": {"user": "ben"}, "allowlist/remove": {"user": "ben"}, "revoke": {"user": "ada",
             "reason": "x"}, "restore": {"user": "ada", "reason": "x"}, "regenerate": {"user": "ada", "reason": "x"},
             "regenerate-all": {"reason": "x"}, "issue-now": {}}
    gets = ["summary", "learners", "history", "allowlist", "issue-now", "report.csv", "report.zip"]
    for who in (None, course.users["ben"], other_staff):
        client.logout()
        if who is not None:
            client.force_login(who)
        for path in gets:
            assert client.get(f"{ROOT}/{path}").status_code == (401 if who is None else 403), (who, path)
        for path, body in posts.items():
            response = client.post(f"{ROOT}/{path}", body, content_type="application/json")
            assert response.status_code == (401 if who is None else 403), (who, path)
            if who is not None:
                assert response.json()["detail"] == "Only the course team can manage this course's certificates."
        assert client.post(f"{ROOT}/allowlist/csv", b"ben\n", content_type="text/csv").status_code in (401, 403)
    assert not StaffAction.objects.exists() and not AllowlistEntry.objects.exists()
    row = IssuedCertificate.objects.get()
    assert (row.status, row.version, row.file_name) == ("issued", 1, certificate.file_name)


def test_the_openapi_schema_lists_the_staff_endpoints(client, db):
    paths = client.get("/api/cert_xblock/v1/schema").json()["paths"]
    block = "/api/cert_xblock/v1/courses/{course_id}/blocks/{block_id}"
    assert sorted(path.removeprefix(block) for path in paths if path.startswith(block)) == [
        "/allowlist/", "/allowlist/csv/", "/allowlist/remove/", "/history/", "/issue-now/", "/issue/", "/learners/",
        "/regenerate-all/", "/regenerate/", "/report.{kind}", "/restore/", "/revoke/", "/summary/"]
    assert set(paths[f"{block}/issue-now/"]) == {"get", "post"}
    assert set(paths[f"{block}/issue/"]) == {"post"}


def test_issue_one_learner_over_http_answers_the_certificate_or_says_why_not(staff_client, course):
    """``POST issue {"user"}``: the staff view's row action, for the API — issued through the one issuance path,
    and a 4xx with the reason for a learner who is unknown, not enrolled, below the bar or already certified."""
    get_user_model().objects.create(username="eve", email="eve@example.org")  # an account, not in the course
    issued = staff_client.post(f"{ROOT}/issue", {"user": "ada@example.org"}, content_type="application/json")
    assert issued.status_code == 200, issued.content
    assert (issued.json()["certificate"]["status"], issued.json()["certificate"]["issued_via"]) == ("issued", "staff")
    row = IssuedCertificate.objects.get(user=course.users["ada"])
    assert (row.issued_via, row.request_id) == ("staff", issued.json()["request_id"])
    action = StaffAction.objects.get()
    assert (action.kind, action.learner_username, action.request_id) == ("issue_now", "ada", row.request_id)
    refused = {user: staff_client.post(f"{ROOT}/issue", {"user": user}, content_type="application/json",
                                       HTTP_ACCEPT_LANGUAGE="en")
               for user in ("ada", "ghost", "eve", "ben", "")}
    assert {user: r.status_code for user, r in refused.items()} == {
        "ada": 409, "ghost": 404, "eve": 409, "ben": 409, "": 400}
    assert refused["ada"].json()["error"] == "ada already holds a valid certificate from this block."
    assert refused["ghost"].json()["error"] == "No learner has the username or email address 'ghost'."
    assert refused["eve"].json()["error"].startswith("eve does not qualify: ")
    assert "not enrolled" in refused["eve"].json()["error"].lower()
    assert refused["ben"].json()["error"].startswith("ben does not qualify: Course grade 42% of 70%")
    assert IssuedCertificate.objects.count() == 1 and StaffAction.objects.count() == 1, "refusals change nothing"


def test_only_the_course_team_may_issue_one_learner(client, course):
    client.force_login(course.users["ben"])
    response = client.post(f"{ROOT}/issue", {"user": "ada"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the course team can manage this course's certificates."
    client.logout()
    assert client.post(f"{ROOT}/issue", {"user": "ada"}, content_type="application/json").status_code == 401
    assert not IssuedCertificate.objects.exists() and not StaffAction.objects.exists()
