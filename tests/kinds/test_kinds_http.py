"""Pathway and several-blocks certificates through the demo workbench over real HTTP: the learner's click, the
rendered view, the PDF, the verify page, the course team's operations and Studio's save."""
from __future__ import annotations

import json
import re

from tests.block.helpers import add_learner, certificates_of, rows
from tests.conftest import LearnerSession
from tests.pdf import pdf_text

FOUNDATIONS = "course-v1:DemoX+CERT100+2026"
PATHWAY = "cert_xblock.4"
TWO_BLOCKS = "cert_xblock.5"
COURSE_NAME = "Certificates 101: Open Learning in Practice"


class BlockSession(LearnerSession):
    """A learner's session on the ``position``-th Certificate block of a unit holding several."""

    def __init__(self, server, student: str, scenario: str, position: int):
        super().__init__(server, student, scenario)
        self.usage_id = re.findall(r"data-usage='([^']+)'[^>]*data-block-type='cert_xblock'", self.page_html)[position]


def test_a_pathway_certificate_waits_for_every_listed_course_and_names_the_one_left(workbench, learner_session):
    add_learner(workbench, "pia", "Pia Wallin", percent=0.82, letter="B")
    add_learner(workbench, "pia", "Pia Wallin", percent=0.59, letter="", course=FOUNDATIONS)  # 60% passes there

    page = learner_session("pia", PATHWAY)
    assert "Pass these courses too: Foundations of Open Learning." in page.page_html
    body = page.post("grade_me").json()
    assert (body["status"], body["reason"]) == ("not_eligible", "requirements_unmet")
    assert [(u["rule"], u["remaining"]) for u in body["unmet"]] == [("pathway", ["Foundations of Open Learning"])]
    assert body["unmet"][0]["message"] == "Pass these courses too: Foundations of Open Learning."
    assert certificates_of(workbench, "pia") == []

    add_learner(workbench, "pia", "Pia Wallin", percent=0.6, letter="C", course=FOUNDATIONS)
    issued = learner_session("pia", PATHWAY).post("grade_me").json()
    assert issued["status"] == "issued"
    [(verify_id, status, *_)] = certificates_of(workbench, "pia")
    assert (verify_id, status) == (issued["certificate"]["id"], "issued")
    text = " ".join(pdf_text(page.http.get(workbench.url(issued["certificate"]["download_url"]), timeout=30).content
                             ).split())
    assert "Open Learning Pathway Certificate" in text and COURSE_NAME in text and "Pia Wallin" in text
    assert "has successfully completed the pathway" in text, "a pathway certificate says what was completed"
    assert "Foundations of Open Learning, " in text, "and names the pathway's courses, this one last"


def test_a_pathway_learner_who_passed_only_the_other_course_is_told_about_this_one(workbench, learner_session):
    add_learner(workbench, "quim", "Quim Soler", percent=0.55, letter="")
    add_learner(workbench, "quim", "Quim Soler", percent=0.9, letter="A", course=FOUNDATIONS)
    body = learner_session("quim", PATHWAY).post("grade_me").json()
    assert (body["status"], body["reason"]) == ("not_eligible", "not_passed")
    assert "70%" in body["message"] and "55%" in body["message"]
    assert certificates_of(workbench, "quim") == []


def test_studio_refuses_a_pathway_course_the_site_does_not_have_naming_the_field(learner_session):
    author = learner_session("staff", "cert_xblock.3")
    values = {"kind": "pathway", "pathway_courses": f"{FOUNDATIONS}\ncourse-v1:DemoX+NOPE+2026"}
    response = author.post("submit_studio_edits", json.dumps({"values": values, "defaults": []}))
    assert response.status_code == 400
    messages = response.json()["error"]["messages"]
    assert [(m["field"], m["text"]) for m in messages] == [
        ("pathway_courses", "Pathway courses: There is no course course-v1:DemoX+NOPE+2026 on this site.")]
    assert 'kind="pathway"' not in learner_session("staff", "cert_xblock.3").page_html


def test_two_blocks_in_one_course_issue_two_certificates_to_who_meets_both_and_one_to_who_meets_one(workbench):
    add_learner(workbench, "rhea", "Rhea Okafor", percent=0.93, letter="A")
    add_learner(workbench, "saul", "Saul Mendes", percent=0.75, letter="B")
    for student in ("rhea", "saul"):
        for position in (0, 1):
            BlockSession(workbench, student, TWO_BLOCKS, position).post("grade_me")

    def titles(username: str) -> list[str]:
        return [title for (title,) in rows(workbench, "SELECT c.title FROM cert_xblock_issuedcertificate c JOIN "
                                                      "auth_user u ON u.id = c.user_id WHERE u.username = ? "
                                                      "AND c.live = 1 ORDER BY c.title", username)]

    assert titles("rhea") == ["Certificate of Completion", "Certificate of Distinction"]
    assert titles("saul") == ["Certificate of Completion"]
    distinction = BlockSession(workbench, "saul", TWO_BLOCKS, 1).post("grade_me").json()
    assert (distinction["status"], distinction["gap"]) == ("not_eligible", 15.0)
    # The verify pages tell the two apart.
    for (verify_id, title) in rows(workbench, "SELECT c.verify_id, c.title FROM cert_xblock_issuedcertificate c "
                                              "JOIN auth_user u ON u.id = c.user_id WHERE u.username = 'rhea'"):
        page = workbench.get(f"/certificates/verify/{verify_id}")
        assert f'<h1 class="verify__title" dir="auto">{title}</h1>' in page


def test_revoking_one_blocks_certificate_leaves_the_other_blocks_alone(workbench):
    add_learner(workbench, "tove", "Tove Lund", percent=0.95, letter="A")
    for position in (0, 1):
        BlockSession(workbench, "tove", TWO_BLOCKS, position).post("grade_me")
    staff = BlockSession(workbench, "cara", TWO_BLOCKS, 1)
    revoked = staff.post("staff/revoke", json.dumps({"user": "tove", "reason": "Distinction granted in error"}))
    assert revoked.status_code == 200, revoked.text
    by_title = dict(rows(workbench, "SELECT c.title, c.status FROM cert_xblock_issuedcertificate c JOIN auth_user u "
                                    "ON u.id = c.user_id WHERE u.username = 'tove'"))
    assert by_title == {"Certificate of Completion": "issued", "Certificate of Distinction": "revoked"}
    completion = BlockSession(workbench, "cara", TWO_BLOCKS, 0)
    report = completion.get("staff/report.csv").content.decode("utf-8-sig")
    tove = [line for line in report.splitlines() if line.startswith("tove,")]
    assert len(tove) == 1 and ",issued," in tove[0]
    assert BlockSession(workbench, "tove", TWO_BLOCKS, 0).post("grade_me").json()["status"] == "issued"


def test_in_chromium_a_learner_clicks_both_blocks_of_a_unit_and_gets_each_its_pdf(workbench, page):
    add_learner(workbench, "uma", "Uma Raman", percent=0.96, letter="A")
    page.goto(workbench.url(f"/scenario/{TWO_BLOCKS}/?student=uma"))
    blocks = page.locator(".cert-xblock")
    assert blocks.count() == 2
    for position in (0, 1):
        blocks.nth(position).get_by_role("button", name="Get my certificate").click()
        blocks.nth(position).get_by_role("link", name="Download certificate (PDF)").wait_for(state="visible")
    printed = []
    for position in (0, 1):
        with page.expect_download() as download:
            blocks.nth(position).get_by_role("link", name="Download certificate (PDF)").click()
        printed.append(pdf_text(download.value.path().read_bytes()))
    assert "Certificate of Completion" in printed[0] and "Certificate of Distinction" in printed[1]
    assert sorted(title for (title,) in rows(workbench, "SELECT c.title FROM cert_xblock_issuedcertificate c JOIN "
                                                        "auth_user u ON u.id = c.user_id WHERE u.username = 'uma'")
                  ) == ["Certificate of Completion", "Certificate of Distinction"]
