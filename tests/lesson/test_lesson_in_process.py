"""Lesson blocks and rules in this process, on the twin's tables: what the chunk reads, what the batch finds,
and the staff operations."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cert_xblock import platform, staff
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.issuing.issuance import assess
from cert_xblock.models import IssuedCertificate
from cert_xblock.platform.twin.models import PersistentSubsectionGrade, PersistentSubsectionGradeOverride

from .seeding import seed

pytestmark = pytest.mark.django_db
GOOD = {"hw1": (9, 10), "hw2": (8, 10), "final_exam": (16, 20)}


@pytest.fixture
def files(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "cert_xblock.records.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


def standing(course, block, username):
    return assess(platform.learner_by_id(course.users[username]), block.ref, block.rules)


def test_the_section_grade_counts_points_and_a_never_attempted_subsection_as_zero_of_its_points():
    course = seed("P1", {"only_hw1": (0.5, {"hw1": (9, 10)}, 0), "none": (0.0, {}, 0)})
    decision = standing(course, course.lesson, "only_hw1").decision
    assert (decision.current_percent, decision.required_percent, decision.eligible) == (90.0, 80.0, True)
    nothing = standing(course, course.lesson, "none").decision
    assert (nothing.current_percent, nothing.unmet[0].subject) == (0.0, "Week 1: Foundations")


def test_an_instructors_override_counts_as_the_platform_reads_it():
    course = seed("P2", {"lou": (0.5, {"hw1": (5, 10)}, 0)})
    assert standing(course, course.lesson, "lou").decision.current_percent == 50.0
    grade = PersistentSubsectionGrade.objects.get(user_id=course.users["lou"], usage_key__endswith="hw1")
    PersistentSubsectionGradeOverride.objects.create(grade=grade, earned_graded_override=8.5)
    assert standing(course, course.lesson, "lou").decision.current_percent == 85.0


def reads_per_chunk(block, user_ids):
    with CaptureQueriesContext(connection) as queries:
        report = batch.issue_chunk(block, user_ids, "count", dry_run=True)
    return len(queries), report


@pytest.mark.parametrize("which", ["lesson", "rules", "completion"])
def test_a_chunk_reads_the_same_number_of_queries_for_1_or_50_learners(which):
    course = seed("Q", {f"l{i}": (0.5 + i / 200, {"hw1": (i % 11, 10), "hw2": (6, 10)}, i % 11)
                        for i in range(50)})
    block = getattr(course, which)
    ids = sorted(course.users.values())
    one, _ = reads_per_chunk(block, ids[:1])
    fifty, report = reads_per_chunk(block, ids)
    assert one == fifty
    assert report.would_issue + sum(report.skipped.values()) == 50
    assert report.would_issue and report.skipped["requirements_unmet"], "both outcomes are in the chunk"


def test_the_batch_finds_lesson_candidates_from_subsection_grades_and_issues_those_who_qualify(files):
    course = seed("B1", {"ace": (0.4, {"hw1": (9, 10)}, 0), "low": (0.9, {"hw1": (3, 10), **{
        k: v for k, v in GOOD.items() if k != "hw1"}}, 10), "later": (0.8, {"hw2": (10, 10)}, 0),
        "idle": (0.0, {}, 0)})
    # Week 1 at 80%: ace 9/10; low 3/10; later and idle have nothing in Week 1.
    ids = batch.candidate_ids(course.lesson)
    assert ids == [course.users["ace"]]
    report = batch.issue_chunk(course.lesson, ids, "run")
    assert report.issued == 1
    assert list(IssuedCertificate.objects.values_list("user_id", "block_id")) == [
        (course.users["ace"], course.lesson.ref.block_id)]
    assert batch.candidate_ids(course.lesson) == [], "a holder is no longer a candidate"


@pytest.mark.parametrize("earned, candidate", [(7.9999, True), (7.99, False), (8, True)])
def test_lesson_candidates_in_sql_agree_with_the_chunk_at_the_bar(earned, candidate):
    course = seed(f"M{int(earned * 10000)}", {"edge": (0.5, {"hw1": (earned, 10)}, 0)})
    eligible = standing(course, course.lesson, "edge").decision.eligible
    assert eligible is candidate
    assert (batch.candidate_ids(course.lesson) == [course.users["edge"]]) is candidate


def test_an_override_makes_a_learner_a_lesson_candidate():
    course = seed("O1", {"otto": (0.5, {"hw1": (2, 10)}, 0)})
    assert batch.candidate_ids(course.lesson) == []
    grade = PersistentSubsectionGrade.objects.get(user_id=course.users["otto"])
    PersistentSubsectionGradeOverride.objects.create(grade=grade, earned_graded_override=9)
    assert batch.candidate_ids(course.lesson) == [course.users["otto"]]


def test_staff_count_list_issue_now_and_regenerate_a_lesson_block(files):
    course = seed("S1", {"ace": (0.4, {"hw1": (9, 10)}, 0), "bo": (0.45, {"hw1": (10, 10)}, 0),
                         "low": (0.9, {"hw1": (3, 10)}, 10)})
    block = course.lesson
    assert {key: value for key, value in staff.counts(block).items() if key in ("eligible", "issued")} == {
        "eligible": 2, "issued": 0}
    listed = {row["username"]: (row["status"], row["grade"], row["message"])
              for row in staff.learners(block)["results"]}
    assert listed["S1-low"] == ("not_eligible", 30.0, "You need 80% in Week 1: Foundations; you have 30%. 50% to go.")
    assert listed["S1-ace"][:2] == ("eligible", 90.0), "the section grade, not the course's 40%"

    actor = staff.Actor("cara", None, request_id="run-1")
    staff.start_issue_now(block, actor)
    assert sorted(IssuedCertificate.objects.values_list("user_id", flat=True)) == sorted(
        [course.users["ace"], course.users["bo"]])
    assert staff.counts(block)["issued"] == 2

    certificate = IssuedCertificate.objects.get(user_id=course.users["ace"])
    fresh = staff.regenerate(block.ref, block.rules, certificate, "Title corrected", actor)
    assert (fresh.verify_id, fresh.version) == (certificate.verify_id, 2)


def test_a_certificate_without_a_grade_rule_is_earned_by_completion_and_found_by_it(files):
    # The demo's units in course order hold 1, 1, 1, 2, 1, 1, 1, 1, 2, 1 completable blocks.
    course = seed("N1", {"eight": (0.2, {}, 8), "seven": (0.95, GOOD, 7), "three": (0.95, GOOD, 3)})
    block = course.completion
    assert standing(course, block, "eight").decision.eligible, "a failing course grade does not matter"
    seven = standing(course, block, "seven").decision
    assert (seven.eligible, seven.message()) == (
        False, "You need to complete 80% of the course; you have completed 70%. 10% to go.")
    # The SQL only narrows to learners with a completion (a learner's own structure may hold fewer units than the
    # course's, so no larger count is safe); each candidate is then decided on their own units.
    assert batch.candidate_ids(block) == sorted(course.users.values())
    report = batch.issue_chunk(block, batch.candidate_ids(block), "run")
    assert (report.issued, dict(report.skipped)) == (1, {"requirements_unmet": 2})


def test_no_grade_rule_and_no_other_rule_still_asks_the_courses_passing_grade():
    from cert_xblock.config.values import CertificateSettings, validate_settings
    from cert_xblock.issuing.issuance import BlockRef

    bare = CertificateSettings(grade_rule="none")
    assert [(p.field, p.message) for p in validate_settings(bare)] == [
        ("grade_rule", "Without a grade rule, ask for a completion or a minimum per assignment type.")]
    course = seed("N2", {"low": (0.3, {}, 10)})
    decision = assess(platform.learner_by_id(course.users["low"]), BlockRef("stale-block", course.course_key),
                      bare).decision
    assert (decision.eligible, decision.reason.value) == (False, "not_passed")


def test_studio_still_saves_when_the_course_structure_cannot_be_read_and_the_operator_is_told(monkeypatch, caplog):
    from cert_xblock.issuing.kinds.coursework import studio_problems

    course = seed("U1", {})

    def unreadable(course_key):
        raise RuntimeError("block structure cache is down")

    monkeypatch.setattr(platform, "course_outline", unreadable)
    assert studio_problems(course.lesson.ref.block_id, course.course_key, course.rules.rules, str) == []
    assert "cannot read the course structure of course-v1:LessonX+U1+2026" in caplog.text
