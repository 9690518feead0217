"""Who qualifies, and what the learner is told: the pure decision, every branch."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cert_xblock.config.values import CertificateSettings
from cert_xblock.core.figures import grade_text, to_percent
from cert_xblock.core.i18n import gettext_for
from cert_xblock.issuing.eligibility import Facts, Outcome, Reason, decide
from cert_xblock.platform.types import Enrollment, GradeSnapshot

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
VERIFIED = Enrollment("verified", True, earns_certificate=True)
AUDIT = Enrollment("audit", True, earns_certificate=False)
HONOR_DISABLED = Enrollment("honor", True, earns_certificate=False)  # FEATURES['DISABLE_HONOR_CERTIFICATES']


def grade(percent: float, letter: str | None = None) -> GradeSnapshot:
    return GradeSnapshot(percent=percent, passed=bool(letter), letter=letter, attempted=percent > 0)


def facts(percent: float = 0.0, letter: str | None = None, **kwargs) -> Facts:
    return Facts(grade=grade(percent, letter), enrollment=kwargs.pop("enrollment", VERIFIED),
                 course_passing_percent=kwargs.pop("cutoff", 0.7), **kwargs)


MINIMUM_70 = CertificateSettings(grade_rule="minimum_percent", minimum_percent=70)
COURSE_RULE = CertificateSettings()


def test_learner_below_threshold_is_told_how_far_they_are():
    decision = decide(MINIMUM_70, facts(0.64), NOW)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert (decision.current_percent, decision.required_percent, decision.gap) == (64.0, 70.0, 6.0)
    assert decision.message() == "You need 70% to earn this certificate; you have 64%. 6% to go."


def test_printed_grades_match_what_the_learner_view_shows():
    # The view shows 87.5% for a stored 0.875; certificates and the verify page must not say 88%.
    assert [grade_text(g) for g in (0.875, 0.865, 0.91, 0.29, 0.0)] == ["87.5%", "86.5%", "91%", "29%", "0%"]


def test_exactly_the_minimum_qualifies_without_float_noise():
    # 0.29 * 100 is 28.999999999999996 in floating point; the learner still has 29%.
    assert to_percent(0.29) == 29.0
    assert decide(CertificateSettings(grade_rule="minimum_percent", minimum_percent=29), facts(0.29), NOW).eligible
    assert decide(MINIMUM_70, facts(0.70), NOW).eligible


def test_course_rule_follows_the_platforms_passed_flag_not_the_percent():
    assert decide(COURSE_RULE, facts(0.71, "Pass"), NOW).reason is Reason.GRADE_MET
    failing = decide(COURSE_RULE, facts(0.64, None), NOW)
    assert failing.reason is Reason.NOT_PASSED
    assert "You need a passing grade of 70%" in failing.message()
    above_but_not_passed = decide(COURSE_RULE, facts(0.71, None), NOW)
    assert above_but_not_passed.reason is Reason.NOT_PASSED
    assert "does not record you as passing yet" in above_but_not_passed.message()


def test_course_rule_without_known_cutoff_still_explains():
    decision = decide(COURSE_RULE, facts(0.4, None, cutoff=None), NOW)
    assert decision.required_percent is None and decision.gap is None
    assert decision.message() == "You have not passed the course yet; your grade is 40%."


def test_no_grade_yet_is_never_read_as_zero_percent():
    decision = decide(MINIMUM_70, facts(0.0), NOW)
    assert decision.message() == "You need 70% to earn this certificate; you have no grade in this course yet."


def test_certificates_are_not_available_before_the_date_even_for_top_grades():
    rules = CertificateSettings(available_from="2026-12-01")
    decision = decide(rules, facts(0.99, "A"), NOW)
    assert decision.outcome is Outcome.NOT_AVAILABLE
    assert decision.message() == "Certificates become available on 2026-12-01."
    assert decide(rules, facts(0.99, "A"), datetime(2026, 12, 1, tzinfo=UTC)).eligible


@pytest.mark.parametrize("enrollment, reason", [
    (None, Reason.NOT_ENROLLED),
    (Enrollment("verified", False, earns_certificate=True), Reason.NOT_ENROLLED),
    (AUDIT, Reason.AUDIT_MODE),
    (HONOR_DISABLED, Reason.MODE_NOT_CERTIFIED),
])
def test_enrollment_gates_the_certificate(enrollment, reason):
    assert decide(COURSE_RULE, facts(0.95, "A", enrollment=enrollment), NOW).reason is reason


def test_audit_learners_qualify_when_the_author_allows_it():
    rules = CertificateSettings(allow_audit=True)
    assert decide(rules, facts(0.95, "A", enrollment=AUDIT), NOW).eligible


def test_an_honor_learner_is_refused_where_the_platform_disables_honor_certificates_whatever_the_author_allows():
    decision = decide(CertificateSettings(allow_audit=True), facts(0.95, "A", enrollment=HONOR_DISABLED), NOW)
    assert (decision.outcome, decision.reason) == (Outcome.NOT_ELIGIBLE, Reason.MODE_NOT_CERTIFIED)
    assert decision.message() == ("Certificates are for learners in a certificate track; your track in this "
                                  "course does not earn one.")
    honor = Enrollment("honor", True, earns_certificate=True)
    assert decide(COURSE_RULE, facts(0.95, "A", enrollment=honor), NOW).eligible, "where the platform certifies it"


def test_allowlist_grants_regardless_of_grade_but_revocation_wins():
    assert decide(MINIMUM_70, facts(0.1, allowlisted=True), NOW).reason is Reason.ALLOWLISTED
    assert decide(MINIMUM_70, facts(0.9, allowlisted=True, revoked=True), NOW).reason is Reason.REVOKED


def test_staff_override_issues_even_before_the_date():
    rules = CertificateSettings(available_from="2099-01-01")
    assert decide(rules, facts(0.0, staff_override=True, enrollment=None), NOW).reason is Reason.STAFF_OVERRIDE


def test_a_french_learner_reads_the_reason_in_french():
    decision = decide(MINIMUM_70, facts(0.5), NOW)
    assert decision.message(gettext_for("fr")) == (
        "Il vous faut 70% pour obtenir ce certificat ; vous avez 50%. Encore 20%.")
    assert decision.message(gettext_for("fr-ca")).startswith("Il vous faut"), "regional codes fall back"
    assert decision.message(gettext_for("xx")).startswith("You need"), "unknown languages fall back to English"
