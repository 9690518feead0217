"""What each endpoint returns: the learner's own certificates, a learner's standing, a course's pages."""
from __future__ import annotations

from datetime import timedelta

from cert_xblock.models import IssuedCertificate

from .conftest import BLOCK, COURSE, NOW, PDF, certificate

API = "/api/cert_xblock/v1"


def test_my_certificates_are_mine_only_newest_first(client, people):
    certificate(people.other_learner)
    client.force_login(people.learner)
    data = client.get(f"{API}/me/certificates").json()
    assert data["count"] == 2
    # Both were issued at the same moment: the later record comes first.
    assert [row["course_name"] for row in data["results"]] == ["Another course", "REST in Practice"]
    assert {row["name"] for row in data["results"]} == {"Ada"}
    first = data["results"][0]
    assert first["status"] == "valid" and first["verify_url"].endswith(f"/certificates/verify/{first['id']}")
    assert "username" not in first and "email" not in first
    assert first["download_url"].endswith(f"/api/cert_xblock/v1/me/certificates/{first['id']}/download")


def test_course_staff_page_through_the_course_and_filter_by_status(client, people):
    certificate(people.other_learner, status=IssuedCertificate.Status.REVOKED, live=None, revoked_at=NOW)
    certificate(people.course_staff, expires_at=NOW - timedelta(days=1))
    client.force_login(people.course_staff)
    first = client.get(f"{API}/courses/{COURSE}/certificates", {"page_size": 2}).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    for status, username in (("valid", "ada"), ("revoked", "ben"), ("expired", "cara")):
        rows = client.get(f"{API}/courses/{COURSE}/certificates", {"status": status}).json()["results"]
        assert [(row["username"], row["status"]) for row in rows] == [(username, status)]


def test_bad_requests_say_what_is_wrong(client, people):
    client.force_login(people.course_staff)
    bad_status = client.get(f"{API}/courses/{COURSE}/certificates", {"status": "lost"})
    assert bad_status.status_code == 400
    assert bad_status.json()["detail"] == "Unknown status 'lost': use one of valid, expired, revoked."
    bad_course = client.get(f"{API}/courses/not-a-course/certificates")
    assert bad_course.status_code == 400 and bad_course.json()["detail"] == "'not-a-course' is not a valid course id."
    nobody = client.get(f"{API}/courses/{COURSE}/learners/nobody")
    assert nobody.status_code == 404 and nobody.json()["detail"] == "No learner has the username 'nobody'."


def test_a_learner_sees_where_they_stand_with_each_block(client, people):
    client.force_login(people.other_learner)
    data = client.get(f"{API}/courses/{COURSE}/learners/ben").json()
    assert (data["username"], data["course_id"], data["has_valid_certificate"]) == ("ben", str(COURSE), False)
    [block] = data["blocks"]
    assert (block["block_id"], block["display_name"], block["status"]) == (BLOCK, "Final certificate", "not_eligible")
    assert "41%" in block["message"] and "60%" in block["message"]


def test_course_staff_see_a_learner_holding_a_certificate(client, people):
    client.force_login(people.course_staff)
    data = client.get(f"{API}/courses/{COURSE}/learners/ada").json()
    assert data["has_valid_certificate"] is True
    assert [row["course_id"] for row in data["certificates"]] == [str(COURSE)]
    assert [block["status"] for block in data["blocks"]] == ["issued"]
    # Staff see the record, not a link to the learner's file.
    assert data["certificates"][0]["download_url"] is None


def test_a_learner_downloads_their_own_pdf_with_a_named_attachment(client, people):
    client.force_login(people.learner)
    response = client.get(f"{API}/me/certificates/{'a' * 32}/download")
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="REST-in-Practice-Ada-certificate.pdf"'


def test_the_rest_download_is_named_after_the_blocks_own_title_as_the_blocks_link_is(client, people):
    # A course with several blocks: each certificate downloads under its own name, from the API too.
    certificate(people.learner, block_id=BLOCK.replace("final", "honours"), verify_id="b" * 32, title="Honours")
    client.force_login(people.learner)
    response = client.get(f"{API}/me/certificates/{'b' * 32}/download")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Honours-REST-in-Practice-Ada-certificate.pdf"'


def test_the_openapi_schema_describes_the_three_endpoints(client, db):
    schema = client.get(f"{API}/schema").json()
    assert schema["openapi"].startswith("3.")
    assert sorted(path for path in schema["paths"] if "/blocks/" not in path) == [  # staff: tests/staff
        f"{API}/courses/{{course_id}}/certificates/", f"{API}/courses/{{course_id}}/learners/{{username}}/",
        f"{API}/me/certificates/", f"{API}/me/certificates/{{verify_id}}/download/"]


def test_a_browser_asking_for_html_still_gets_json(client, people):
    client.force_login(people.learner)
    response = client.get(f"{API}/me/certificates", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_refusals_and_bad_requests_speak_the_callers_language(client, people):
    client.force_login(people.other_learner)
    refused = client.get(f"{API}/courses/{COURSE}/certificates", HTTP_ACCEPT_LANGUAGE="fr")
    assert refused.json()["detail"] == "Seule l’équipe pédagogique du cours peut voir les certificats d’un cours."
    client.force_login(people.course_staff)
    bad = client.get(f"{API}/courses/{COURSE}/certificates", {"status": "perdu"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert bad.json()["detail"] == "Statut inconnu « perdu » : utilisez l’un de valid, expired, revoked."
