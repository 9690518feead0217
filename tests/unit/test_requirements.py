"""Requirements beyond the course grade: every unmet one is named with its gap, and any unmet one refuses."""
from __future__ import annotations

from datetime import UTC, datetime

from cert_xblock.config.values import CertificateSettings, validate_settings
from cert_xblock.core.i18n import gettext_for
from cert_xblock.issuing.eligibility import Facts, Outcome, Reason, Requirement, Rule, decide
from cert_xblock.platform.types import Enrollment, GradeSnapshot

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
VERIFIED = Enrollment("verified", True, earns_certificate=True)
PASSED = GradeSnapshot(percent=0.92, passed=True, letter="Pass", attempted=True)
RULES = CertificateSettings(kind="course", assignment_minimums="Homework: 60")


def facts(*requirements: Requirement, **kwargs) -> Facts:
    return Facts(grade=PASSED, enrollment=kwargs.pop("enrollment", VERIFIED), course_passing_percent=0.5,
                 requirements=requirements, **kwargs)


def test_every_unmet_requirement_is_named_with_its_gap():
    decision = decide(RULES, facts(
        Requirement(Rule.COURSE_GRADE, True, 92.0, 50.0),
        Requirement(Rule.ASSIGNMENT_TYPE, False, 55.0, 60.0, subject="Homework"),
        Requirement(Rule.PATHWAY, False, remaining=("Data 101", "Stats 201")),
    ), NOW)
    assert (decision.outcome, decision.reason) == (Outcome.NOT_ELIGIBLE, Reason.REQUIREMENTS_UNMET)
    assert decision.message() == ("You need 60% in Homework; you have 55%. 5% to go. "
                                  "Pass these courses too: Data 101, Stats 201.")
    assert [requirement.rule for requirement in decision.unmet] == [Rule.ASSIGNMENT_TYPE, Rule.PATHWAY]


def test_a_requirement_met_exactly_at_its_minimum_qualifies_and_just_below_does_not():
    met = decide(RULES, facts(Requirement(Rule.SECTION_GRADE, True, 80.0, 80.0, subject="Week 1")), NOW)
    assert (met.outcome, met.reason) == (Outcome.ELIGIBLE, Reason.REQUIREMENTS_MET)
    short = decide(RULES, facts(Requirement(Rule.SECTION_GRADE, False, 79.9, 80.0, subject="Week 1")), NOW)
    assert short.outcome is Outcome.NOT_ELIGIBLE
    assert short.message() == "You need 80% in Week 1; you have 79.9%. 0.1% to go."


def test_a_broken_plugin_never_qualifies_and_its_words_are_shown():
    decision = decide(RULES, facts(Requirement(Rule.PLUGIN_BROKEN, False, text="The source is not installed.")),
                      NOW)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.message() == "The source is not installed."


def test_allowlist_and_enrollment_still_come_before_the_requirements():
    unmet = Requirement(Rule.COMPLETION, False, 10.0, 100.0, subject="the course")
    assert decide(RULES, facts(unmet, allowlisted=True), NOW).reason is Reason.ALLOWLISTED
    assert decide(RULES, facts(unmet, enrollment=None), NOW).reason is Reason.NOT_ENROLLED


def test_requirement_messages_are_translated():
    decision = decide(RULES, facts(Requirement(Rule.ASSIGNMENT_TYPE, False, 55.0, 60.0, subject="Homework")), NOW)
    assert decision.message(gettext_for("fr")) == "Il vous faut 60% en Homework ; vous avez 55%. Encore 5%."


def test_studio_refuses_malformed_kind_settings_naming_the_field():
    problems = validate_settings(CertificateSettings(
        kind="pathway", pathway_courses="", assignment_minimums="Homework sixty", completion_percent=101,
        lesson_sections="block-v1:Org+C+R+type@problem+block@p1"))
    named = {problem.field for problem in problems}
    assert named == {"pathway_courses", "assignment_minimums", "completion_percent", "lesson_sections"}
    assert validate_settings(CertificateSettings(kind="pathway", pathway_courses="course-v1:Org+Data+2026",
                                                 assignment_minimums="Final Exam: 70\nHomework: 60")) == []
    assert CertificateSettings(assignment_minimums="Final Exam: 70\nHomework:60").assignment_minimum_map == {
        "Final Exam": 70.0, "Homework": 60.0}
