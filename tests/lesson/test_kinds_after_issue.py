"""A lesson or completion certificate keeps its own figure after the issue, and its PDF names what was completed;
over HTTP against the demo workbench, the PDF read by poppler."""
from __future__ import annotations

from tests.block.helpers import add_learner
from tests.security.test_names_in_browser import poppler_text

from .helpers import COMPLETION, LESSON, add_worker
from .test_lesson_http import meter

PATHWAY = "cert_xblock.4"


def test_the_lesson_view_shows_the_lessons_grade_after_the_issue_too(workbench, learner_session):
    # 90% in Week 1, 64% in the course: the lesson's figure before the click, after it and after a reload.
    add_worker(workbench, "lior", percent=0.64, scores={"hw1": "9/10", "hw2": "4/10", "final_exam": "12.6/20"})
    page = learner_session("lior", LESSON)
    assert meter(page.page_html) == ("Your grade in “Week 1: Foundations”:", "90%")
    issued = page.post("grade_me").json()
    assert issued["status"] == "issued"
    assert meter(issued["html"]) == ("Your grade in “Week 1: Foundations”:", "90%")
    assert meter(learner_session("lior", LESSON).page_html) == ("Your grade in “Week 1: Foundations”:", "90%")


def test_the_completion_view_shows_the_completion_after_the_issue_too(workbench, learner_session):
    add_worker(workbench, "coby", percent=0.25, units=9, scores={"hw1": "2/10"})
    page = learner_session("coby", COMPLETION)
    assert meter(page.page_html) == ("Completed:", "90%")
    assert meter(page.post("grade_me").json()["html"]) == ("Completed:", "90%")
    assert meter(learner_session("coby", COMPLETION).page_html) == ("Completed:", "90%")


def test_a_lesson_certificate_names_the_lesson_as_what_was_completed(workbench, learner_session):
    add_worker(workbench, "lumi", percent=0.64, scores={"hw1": "9/10", "hw2": "4/10", "final_exam": "12.6/20"})
    session = learner_session("lumi", LESSON)
    issued = session.post("grade_me").json()
    text = " ".join(poppler_text(session.http.get(workbench.url(issued["certificate"]["download_url"]),
                                                  timeout=30).content).split())
    assert "has successfully completed the lesson" in text
    assert "Week 1: Foundations · Certificates 101" in text


def test_a_pathway_certificate_names_the_pathway_and_its_courses(workbench, learner_session):
    add_learner(workbench, "pavo", "Pavo Kent", percent=0.82, letter="B")
    add_learner(workbench, "pavo", "Pavo Kent", percent=0.9, letter="A", course="course-v1:DemoX+CERT100+2026")
    session = learner_session("pavo", PATHWAY)
    issued = session.post("grade_me").json()
    assert issued["status"] == "issued"
    text = " ".join(poppler_text(session.http.get(workbench.url(issued["certificate"]["download_url"]),
                                                  timeout=30).content).split())
    assert "has successfully completed the pathway" in text
    assert "Foundations of Open Learning, Certificates 101" in text


def test_studios_sample_of_a_lesson_certificate_names_the_lesson_too(workbench, learner_session):
    sample = learner_session("staff", LESSON).get("preview")
    assert sample.headers["Content-Type"] == "application/pdf"
    text = " ".join(poppler_text(sample.content).split())
    assert "has successfully completed the lesson Week 1: Foundations · Certificates 101" in text
