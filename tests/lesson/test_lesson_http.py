"""Lesson certificates and the assignment-type and completion rules, over HTTP against the demo workbench.

The demo course (``cert_xblock.platform.twin.demo_coursework``): Week 1 holds Homework 1 (10 points) and the lesson
block
(80% of Week 1); Homework 2 (10) is in Week 2, the Final Exam (20) in Final; ten units in all. The rules block asks
50% overall, a Homework average of 60% and 80% of the units completed.
"""
from __future__ import annotations

import html
import json
import re

import requests

from tests.block.helpers import rows

from .helpers import COMPLETION, COURSE_BLOCK, LESSON, RULES, add_worker


def unmet_items(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", item).strip() for item in
            re.findall(r'<li class="cert-xblock__unmet-item"[^>]*>(.*?)</li>', html, re.S)]


def meter(html: str) -> tuple[str, str]:
    label = re.search(r'class="cert-xblock__grade-label">([^<]*)<', html).group(1)
    value = re.search(r'class="cert-xblock__grade-value">([^<]*)<', html).group(1)
    return label, value


def test_a_learner_who_passed_the_section_but_not_the_course_gets_only_the_lesson_certificate(
        workbench, learner_session):
    # 9/10 in Week 1's homework is 90% of Week 1; the course grade is 64%, below its 70%.
    add_worker(workbench, "lena", percent=0.64, scores={"hw1": "9/10", "hw2": "4/10", "final_exam": "12.6/20"})
    course = learner_session("lena", COURSE_BLOCK).post("grade_me").json()
    assert (course["status"], course["reason"]) == ("not_eligible", "not_passed")
    lesson_page = learner_session("lena", LESSON)
    assert meter(lesson_page.page_html) == ("Your grade in “Week 1: Foundations”:", "90%")
    lesson = lesson_page.post("grade_me").json()
    assert lesson["status"] == "issued"
    held = rows(workbench, "SELECT c.block_id, c.title, c.grade_percent FROM cert_xblock_issuedcertificate c "
                           "JOIN auth_user u ON u.id = c.user_id WHERE u.username = ?", "lena")
    assert held == [(lesson_page.usage_id, "Certificate: Week 1, Foundations", 0.9)], "the lesson's grade is kept"


def test_a_learner_who_passed_both_gets_both_certificates(workbench, learner_session):
    add_worker(workbench, "mona", percent=0.92, letter="A", scores={"hw1": "10/10", "hw2": "9/10",
                                                                     "final_exam": "18/20"})
    blocks = {learner_session("mona", scenario).usage_id for scenario in (COURSE_BLOCK, LESSON)}
    for scenario in (COURSE_BLOCK, LESSON):
        assert learner_session("mona", scenario).post("grade_me").json()["status"] == "issued"
    held = rows(workbench, "SELECT c.block_id FROM cert_xblock_issuedcertificate c JOIN auth_user u "
                           "ON u.id = c.user_id WHERE u.username = ? AND c.live = 1", "mona")
    assert {block_id for (block_id,) in held} == blocks and len(held) == 2


def test_a_learner_below_the_lesson_bar_is_told_their_section_grade_and_the_gap(workbench, learner_session):
    add_worker(workbench, "lars", percent=0.80, letter="B", scores={"hw1": "7/10", "hw2": "10/10",
                                                                     "final_exam": "17/20"})
    page = learner_session("lars", LESSON)
    assert meter(page.page_html) == ("Your grade in “Week 1: Foundations”:", "70%")
    body = page.post("grade_me").json()
    assert (body["status"], body["reason"]) == ("not_eligible", "requirements_unmet")
    assert body["progress"] == {"rule": "section_grade", "subject": "Week 1: Foundations", "percent": 70.0,
                                "required": 80.0}
    assert [(item["rule"], item["gap"]) for item in body["unmet"]] == [("section_grade", 10.0)]
    assert unmet_items(body["html"]) == ["You need 80% in Week 1: Foundations; you have 70%. 10% to go."]


def rules_standing(learner_session, username: str) -> tuple[dict, list[str]]:
    """The rules block's answer to a click, and the unmet rules the page lists before it."""
    page = learner_session(username, RULES)
    return page.post("grade_me").json(), unmet_items(page.page_html)


def test_homework_average_just_below_its_minimum_refuses_and_at_it_issues(workbench, learner_session):
    # Homework average (0.60 + 0.59) / 2 = 59.5%, as the Progress page's "Homework Average" shows it.
    add_worker(workbench, "hugo", percent=0.70, letter="Pass", units=10,
               scores={"hw1": "6/10", "hw2": "5.9/10", "final_exam": "16/20"})
    body, listed = rules_standing(learner_session, "hugo")
    assert (body["status"], body["reason"]) == ("not_eligible", "requirements_unmet")
    assert [(item["rule"], item["subject"], item["current"], item["gap"]) for item in body["unmet"]] == [
        ("assignment_type", "Homework", 59.5, 0.5)]
    assert listed == unmet_items(body["html"]) == ["You need 60% in Homework; you have 59.5%. 0.5% to go."]

    add_worker(workbench, "hana", percent=0.70, letter="Pass", units=10,
               scores={"hw1": "6/10", "hw2": "6/10", "final_exam": "16/20"})
    body, listed = rules_standing(learner_session, "hana")
    assert (body["status"], listed) == ("issued", [])


def test_completion_just_below_its_minimum_refuses_and_at_it_issues(workbench, learner_session):
    work = {"hw1": "8/10", "hw2": "8/10", "final_exam": "16/20"}
    add_worker(workbench, "cleo", percent=0.80, letter="B", units=7, scores=work)
    body, listed = rules_standing(learner_session, "cleo")
    assert [(item["rule"], item["current"], item["required"]) for item in body["unmet"]] == [
        ("completion", 70.0, 80.0)]
    assert listed == ["You need to complete 80% of the course; you have completed 70%. 10% to go."]
    assert body["message"] == "You do not meet every requirement of this certificate yet:"

    add_worker(workbench, "cyd", percent=0.80, letter="B", units=8, scores=work)
    body, _ = rules_standing(learner_session, "cyd")
    assert body["status"] == "issued"


def test_studio_refuses_an_assignment_type_the_course_does_not_grade_naming_the_field(workbench, learner_session):
    author = learner_session("staff", RULES)
    response = author.post("submit_studio_edits", json.dumps({"values": {"assignment_minimums": "Quizzes: 50"}}))
    assert response.status_code == 400
    [message] = response.json()["error"]["messages"]
    assert message["field"] == "assignment_minimums"
    assert message["text"] == ("Minimum per assignment type: The course's grading policy has no assignment type "
                               "'Quizzes'; its types are: Homework, Final Exam.")


def test_a_certificate_without_a_grade_is_earned_by_completion_alone_and_meters_it(workbench, learner_session):
    add_worker(workbench, "pia", percent=0.25, units=7, scores={"hw1": "2/10"})
    page = learner_session("pia", COMPLETION)
    assert meter(page.page_html) == ("Completed:", "70%")
    body = page.post("grade_me").json()
    assert body["progress"] == {"rule": "completion", "subject": "", "percent": 70.0, "required": 80.0}
    assert unmet_items(body["html"]) == ["You need to complete 80% of the course; you have completed 70%. 10% to go."]

    add_worker(workbench, "pia", percent=0.25, units=8, scores={"hw1": "2/10"})
    assert learner_session("pia", COMPLETION).post("grade_me").json()["status"] == "issued"


def unit_page(workbench, scenario_name: str) -> list[str]:
    """The sentences Studio's unit page (the block's author view) lists for the course team."""
    page = requests.get(workbench.url(f"/scenario/{scenario_name}/author_view/"), params={"student": "staff"},
                        timeout=30)
    assert page.status_code == 200
    rules = re.search(r'<ul class="cert-xblock-author__rules">(.*?)</ul>', page.text, re.S).group(1)
    return [re.sub(r"\s+", " ", html.unescape(item)).strip() for item in re.findall(r"<li>(.*?)</li>", rules, re.S)]


def test_studio_unit_page_says_what_each_kind_and_rule_asks(workbench):
    assert unit_page(workbench, LESSON)[:2] == ["Earned with 80% or more in the lesson's graded work.",
                                                "A lesson certificate for the section that holds this block."]
    assert unit_page(workbench, RULES) == ["Earned with a grade of 50.0% or more.",
                                           "An average of 60% or more in Homework.", "80% of the course completed."]
    assert unit_page(workbench, COMPLETION)[0] == "Earned without a grade: by completion and assignment types."
    assert unit_page(workbench, "cert_xblock.4") == [
        "Earned with the course's passing grade.",
        "A pathway certificate: these courses must be passed too: course-v1:DemoX+CERT100+2026."]
