"""Rule sentences say what is true (issue 20, item 9): "no grade yet" is never "you have 0%", and a learner at or
above the passing grade whom the platform reports as not passed is told why, not "0% to go"."""
from __future__ import annotations

from datetime import UTC, datetime

from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.eligibility import Facts, Reason, Requirement, Rule, course_grade_requirement, decide
from cert_xblock.issuing.kinds.lesson import section_requirement
from cert_xblock.issuing.kinds.rules import assignment_requirements
from cert_xblock.platform.grades import ZERO_GRADE
from cert_xblock.platform.types import (
    AssignmentType,
    CourseOutline,
    Enrollment,
    GradeSnapshot,
    Section,
    Subsection,
    SubsectionScore,
)

NOW = datetime(2026, 12, 4, tzinfo=UTC)
VERIFIED = Enrollment("verified", True, earns_certificate=True)
WEEK = Section("week1", "Week 1", (Subsection("hw1", "Homework 1", True, "Homework", 10),))
COURSE = CourseOutline((WEEK,), (AssignmentType("Homework", 1, 0, 1.0),))


def told(rules: CertificateSettings, grade: GradeSnapshot) -> str:
    return decide(rules, Facts(grade=grade, enrollment=VERIFIED, course_passing_percent=0.7), NOW).message()


def test_no_course_grade_yet_is_said_so_for_both_grade_rules():
    assert told(CertificateSettings(grade_rule="minimum_percent", minimum_percent=70), ZERO_GRADE) == (
        "You need 70% to earn this certificate; you have no grade in this course yet.")
    assert told(CertificateSettings(), ZERO_GRADE) == (
        "You need 70% to earn this certificate; you have no grade in this course yet.")


def test_with_a_further_rule_the_course_grade_sentence_says_no_grade_yet_too():
    rules = CertificateSettings(completion_percent=50)
    requirements = (course_grade_requirement(rules, ZERO_GRADE, 0.7), Requirement(Rule.COMPLETION, False, 20, 50))
    facts = Facts(grade=ZERO_GRADE, enrollment=VERIFIED, course_passing_percent=0.7, requirements=requirements)
    message = decide(rules, facts, NOW).message()
    assert message.startswith("You need 70% in the course; you have no grade in it yet. You need to complete 50%")
    assert "you have 0%" not in message


def test_no_grade_in_the_lessons_or_the_assignment_types_subsections_is_not_zero():
    lesson = section_requirement((WEEK,), {}, 70.0)
    assert lesson.message() == "You need 70% in Week 1; you have no grade there yet."
    [homework] = assignment_requirements(CertificateSettings(grade_rule="none", assignment_minimums="Homework: 60"),
                                         COURSE, {})
    assert homework.message() == "You need 60% in Homework; you have no grade there yet."
    [graded] = assignment_requirements(CertificateSettings(grade_rule="none", assignment_minimums="Homework: 60"),
                                       COURSE, {"hw1": SubsectionScore(0, 10)})
    assert graded.message() == "You need 60% in Homework; you have 0%. 60% to go.", "a real 0 is a grade"


def test_a_grade_above_the_cutoff_the_platform_reports_as_not_passed_is_explained_truthfully():
    not_passed = GradeSnapshot(percent=0.9, passed=False, letter=None, attempted=True)
    decision = decide(CertificateSettings(), Facts(grade=not_passed, enrollment=VERIFIED,
                                                   course_passing_percent=0.7), NOW)
    assert decision.reason is Reason.NOT_PASSED
    message = decision.message()
    assert message.startswith("Your grade of 90% reaches the passing grade of 70%, but the course does not record "
                              "you as passing yet")
    assert "0% to go" not in message
