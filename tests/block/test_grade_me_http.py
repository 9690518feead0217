"""The Grade Me click over real HTTP against the running demo workbench (issue 2's must-shows)."""
from __future__ import annotations

import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.pdf import pdf_text

from .helpers import add_learner, certificate_files, certificates_of, grade_modified, rows

COURSE_NAME = "Certificates 101: Open Learning in Practice"


def test_passing_learner_gets_a_certificate_with_their_name_and_the_course(workbench, learner_session):
    add_learner(workbench, "zoe", "Zoë Ångström-Nakamura", percent=0.91, letter="A")
    learner = learner_session("zoe")
    response = learner.post("grade_me")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "issued"
    assert body["grade"] == {"percent": 91.0, "passed": True, "letter": "A", "attempted": True}
    certificate = body["certificate"]
    assert set(certificate) >= {"id", "download_url", "verify_url", "issued_at"}
    assert certificate["verify_url"] == f"{workbench.base}/certificates/verify/{certificate['id']}"

    pdf = learner.http.get(workbench.url(certificate["download_url"]), timeout=30)
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "attachment" in pdf.headers["Content-Disposition"]
    text = pdf_text(pdf.content)
    assert "Zoë Ångström-Nakamura" in text
    assert COURSE_NAME in text

    [(verify_id, status, file_name, request_id, name)] = certificates_of(workbench, "zoe")
    assert (verify_id, status, name, request_id) == (certificate["id"], "issued", "Zoë Ångström-Nakamura",
                                                     body["request_id"])
    assert (workbench.var / "cert_xblock_private" / file_name).read_bytes() == pdf.content


def test_second_click_returns_the_same_certificate(workbench, learner_session):
    add_learner(workbench, "yuki", "Yuki Tanaka", percent=0.8, letter="B")
    learner = learner_session("yuki")
    first = learner.post("grade_me").json()["certificate"]
    second = learner.post("grade_me").json()
    assert second["status"] == "issued"
    assert second["certificate"]["id"] == first["id"]
    assert len(certificates_of(workbench, "yuki")) == 1


def test_twenty_concurrent_clicks_leave_one_row_and_one_file(workbench, learner_session):
    add_learner(workbench, "rush", "Rushing Learner", percent=0.99, letter="A")
    sessions = [learner_session("rush") for _ in range(20)]
    files_before = set(certificate_files(workbench))
    start = threading.Barrier(len(sessions))

    def click(session):
        start.wait()
        return session.post("grade_me")

    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        responses = list(pool.map(click, sessions))

    assert [r.status_code for r in responses] == [200] * 20
    ids = {r.json()["certificate"]["id"] for r in responses}
    assert len(ids) == 1, "every click must get the one certificate"
    [(verify_id, *_)] = certificates_of(workbench, "rush")
    new_files = set(certificate_files(workbench)) - files_before
    assert [f.name for f in new_files] == [f"{verify_id}.pdf"]


def test_learner_below_threshold_sees_how_far_they_are_and_nothing_is_written(workbench, learner_session):
    files_before = certificate_files(workbench)
    response = learner_session("ben").post("grade_me")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "not_eligible"
    assert body["grade"] == {"percent": 64.0, "passed": False, "letter": None, "attempted": True}
    assert body["required_percent"] == 70.0 and body["gap"] == 6.0
    assert body["message"] == "You need a passing grade of 70% to earn this certificate; you have 64%. 6% to go."
    assert certificates_of(workbench, "ben") == []
    assert certificate_files(workbench) == files_before


def test_minimum_percent_rule_and_its_message(workbench, learner_session):
    add_learner(workbench, "mid", "Mid Grade", percent=0.75, letter="C")  # passes the course, not the 80% bar
    body = learner_session("mid", "cert_xblock.1").post("grade_me").json()
    assert body["status"] == "not_eligible"
    assert body["message"] == "You need 80% to earn this certificate; you have 75%. 5% to go."


def test_learner_with_no_grade_yet_is_told_so_not_zero(workbench, learner_session):
    body = learner_session("chen").post("grade_me").json()
    assert body["status"] == "not_eligible"
    assert body["grade"] == {"percent": 0.0, "passed": False, "letter": None, "attempted": False}
    assert body["message"] == ("You have no grade in this course yet. Complete graded work to earn this "
                               "certificate.")
    assert re.search(r'cert-xblock__grade-value">No grade yet<', body["html"])


def test_certificates_not_yet_available_say_when(workbench, learner_session):
    body = learner_session("ada", "cert_xblock.2").post("grade_me").json()
    assert body["status"] == "not_available"
    assert body["available_from"] == "2036-01-01"
    assert body["message"] == "Certificates become available on 1 January 2036."


def test_the_grade_is_only_read_never_recomputed(workbench, learner_session):
    add_learner(workbench, "reader", "Read Only", percent=0.9, letter="A")
    before = grade_modified(workbench, "reader")
    learner = learner_session("reader")
    assert learner.post("grade_me").json()["status"] == "issued"
    learner.post("grade_me")
    assert grade_modified(workbench, "reader") == before, "the persisted grade row must be left untouched"


def test_anonymous_visitor_is_asked_to_sign_in_and_nothing_is_written(workbench, learner_session):
    files_before = certificate_files(workbench)
    visitor = learner_session("")
    assert "Sign in to get your certificate." in visitor.page_html
    response = visitor.post("grade_me")
    assert response.status_code == 403
    assert response.json() == {"error": "Sign in to get your certificate.", "status": "anonymous"}
    assert certificate_files(workbench) == files_before


@pytest.mark.parametrize("body, reason", [
    (b"{not json", "The request body is not valid JSON."),
    (b"[1, 2]", "The request body must be a JSON object."),
    (b"\xff\xfe", "The request body is not valid JSON."),
])
def test_malformed_request_gets_400_with_a_reason(workbench, learner_session, body, reason):
    add_learner(workbench, "typo", "Typo Learner", percent=0.95, letter="A")
    learner = learner_session("typo")
    response = learner.post("grade_me", body)
    assert response.status_code == 400
    assert response.json() == {"error": reason}
    assert certificates_of(workbench, "typo") == []


def test_french_learner_gets_french_errors(workbench, learner_session):
    add_learner(workbench, "amelie", "Amélie Poulain", percent=0.5, letter="", language="fr")
    learner = learner_session("amelie")
    assert learner.post("grade_me", b"{oops").json() == {"error": "Le corps de la requête n’est pas du JSON valide."}
    assert 'class="cert-xblock__get"' not in learner.page_html  # not qualified: no button
    assert "Votre note" in learner.page_html
    assert "Il vous faut la note de réussite de 70%" in learner.page_html


def test_get_is_not_allowed_for_grade_me(workbench, learner_session):
    response = learner_session("ben").get("grade_me")
    assert response.status_code == 405


def test_a_learner_can_only_download_their_own_certificate(workbench, learner_session):
    add_learner(workbench, "owner", "Owner Learner", percent=0.9, letter="A")
    owner = learner_session("owner")
    owner.post("grade_me")
    other = learner_session("ben")  # same block, same download URL, different learner
    response = other.get("download")
    assert response.status_code == 404
    assert response.json() == {"error": "You have no certificate from this block yet."}
    assert learner_session("").get("download").status_code == 403


def test_page_shows_where_the_learner_stands_without_a_click(workbench, learner_session):
    add_learner(workbench, "fresh", "Fresh Passer", percent=0.88, letter="B")
    assert '<button type="button" class="cert-xblock__get">Get my certificate</button>' in learner_session(
        "fresh").page_html
    below = learner_session("ben").page_html
    assert "you have 64%" in below and 'class="cert-xblock__get"' not in below
    later = learner_session("ada", "cert_xblock.2").page_html
    assert "Certificates become available on 1 January 2036." in later


def test_clicks_and_downloads_are_tracked_with_the_request_id(workbench, learner_session):
    add_learner(workbench, "tracked", "Tracked Learner", percent=0.9, letter="A")
    learner = learner_session("tracked")
    body = learner.post("grade_me").json()
    learner.http.get(workbench.url(body["certificate"]["download_url"]), timeout=30)
    events = {name: json.loads(data) for name, data in rows(
        workbench, "SELECT name, data FROM cert_xblock_twin_trackedevent WHERE data LIKE ?",
        f"%{body['certificate']['id']}%") + rows(
        workbench, "SELECT name, data FROM cert_xblock_twin_trackedevent WHERE data LIKE ?", f"%{body['request_id']}%")}
    assert events["edx.cert_xblock.certificate.requested"]["outcome"] == "issued"
    assert events["edx.cert_xblock.certificate.issued"]["request_id"] == body["request_id"]
    assert events["edx.cert_xblock.certificate.downloaded"]["certificate_id"] == body["certificate"]["id"]
