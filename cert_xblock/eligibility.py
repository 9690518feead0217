"""Who may have the certificate, decided from plain facts: no I/O, no Django, no clock of its own.

The caller gathers the facts (grade, enrollment, allowlist and revocation state, the time) and gets back
a ``Decision`` carrying a human reason, so every branch can be tested exhaustively and the learner is
always told why.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .config import CertificateSettings
from .platform_types import Enrollment, GradeSnapshot

AUDIT = "audit"


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NOT_AVAILABLE = "not_available"


class Reason(StrEnum):
    GRADE_MET = "grade_met"
    ALLOWLISTED = "allowlisted"
    STAFF_OVERRIDE = "staff_override"
    BELOW_MINIMUM = "below_minimum"
    NOT_PASSED = "not_passed"
    NOT_ENROLLED = "not_enrolled"
    AUDIT_MODE = "audit_mode"
    MODE_NOT_CERTIFIED = "mode_not_certified"
    REVOKED = "revoked"
    NOT_YET_AVAILABLE = "not_yet_available"


@dataclass(frozen=True)
class Facts:
    grade: GradeSnapshot
    enrollment: Enrollment | None
    allowlisted: bool = False
    revoked: bool = False
    course_passing_percent: float | None = None  # 0..1, the course's own cutoff, for the message
    staff_override: bool = False  # course staff issuing by hand


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reason: Reason
    current_percent: float  # 0..100
    required_percent: float | None  # 0..100, None when the course's cutoff is unknown
    available_from: datetime | None = None

    @property
    def eligible(self) -> bool:
        return self.outcome is Outcome.ELIGIBLE

    @property
    def gap(self) -> float | None:
        """Percentage points still missing, never negative."""
        if self.required_percent is None:
            return None
        return max(0.0, round(self.required_percent - self.current_percent, 2))

    def message(self, _: Callable[[str], str] = lambda s: s) -> str:
        """The reason in the learner's words, through the translation function ``_``."""
        values = {
            "current": _percent_text(self.current_percent),
            "required": _percent_text(self.required_percent) if self.required_percent is not None else "",
            "gap": _percent_text(self.gap) if self.gap is not None else "",
            "date": self.available_from.strftime("%Y-%m-%d") if self.available_from else "",
        }
        templates = {
            Reason.GRADE_MET: _("Congratulations! Your grade of {current} meets the requirement."),
            Reason.ALLOWLISTED: _("Course staff have granted you this certificate."),
            Reason.STAFF_OVERRIDE: _("Course staff issued this certificate."),
            Reason.BELOW_MINIMUM: _("You need {required} to earn this certificate; you have {current}. "
                                    "{gap} to go."),
            Reason.NOT_PASSED: _("You need a passing grade of {required} to earn this certificate; you have "
                                 "{current}. {gap} to go.") if self.required_percent is not None
            else _("You have not passed the course yet; your grade is {current}."),
            Reason.NOT_ENROLLED: _("Enroll in the course to earn this certificate."),
            Reason.AUDIT_MODE: _("Certificates are for learners in a certificate track; you are auditing "
                                 "this course."),
            Reason.MODE_NOT_CERTIFIED: _("Certificates are for learners in a certificate track; your track in "
                                         "this course does not earn one."),
            Reason.REVOKED: _("Your certificate for this course was revoked. Contact the course team."),
            Reason.NOT_YET_AVAILABLE: _("Certificates become available on {date}."),
        }
        return templates[self.reason].format(**values)


def _percent_text(value: float | None) -> str:
    if value is None:
        return ""
    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return f"{number:f}%"


def grade_text(fraction: float) -> str:
    """A stored grade (0..1) as printed on certificates and the verify page: the figure the learner's view shows."""
    return _percent_text(to_percent(fraction))


def to_percent(fraction: float) -> float:
    """A platform grade (0..1, two decimals) as a percentage without float noise: 0.29 → 29.0."""
    return float((Decimal(str(fraction)) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def mode_certified(enrollment: Enrollment, rules: CertificateSettings) -> bool:
    """The platform's certificate-eligible-mode rule, with one exception the author may make: audit learners
    (the block's "Certify audit learners"). Honor where the platform disables honor certificates stays refused."""
    return enrollment.earns_certificate or (enrollment.mode == AUDIT and rules.allow_audit)


def decide(rules: CertificateSettings, facts: Facts, now: datetime) -> Decision:
    """Whether the learner gets the certificate now, and why (or why not)."""
    current = to_percent(facts.grade.percent)
    if rules.grade_rule == "minimum_percent":
        required: float | None = float(rules.minimum_percent)
    else:
        required = to_percent(facts.course_passing_percent) if facts.course_passing_percent is not None else None

    def decision(outcome: Outcome, reason: Reason) -> Decision:
        return Decision(outcome, reason, current, required, rules.available_from_datetime)

    available_from = rules.available_from_datetime
    if available_from is not None and now < available_from and not facts.staff_override:
        return decision(Outcome.NOT_AVAILABLE, Reason.NOT_YET_AVAILABLE)
    if facts.staff_override:
        return decision(Outcome.ELIGIBLE, Reason.STAFF_OVERRIDE)
    if facts.enrollment is None or not facts.enrollment.is_active:
        return decision(Outcome.NOT_ELIGIBLE, Reason.NOT_ENROLLED)
    if facts.revoked:
        return decision(Outcome.NOT_ELIGIBLE, Reason.REVOKED)
    if facts.allowlisted:
        return decision(Outcome.ELIGIBLE, Reason.ALLOWLISTED)
    if not mode_certified(facts.enrollment, rules):
        return decision(Outcome.NOT_ELIGIBLE,
                        Reason.AUDIT_MODE if facts.enrollment.mode == AUDIT else Reason.MODE_NOT_CERTIFIED)
    if rules.grade_rule == "minimum_percent":
        met = Decimal(str(current)) >= Decimal(str(required))
        return decision(Outcome.ELIGIBLE, Reason.GRADE_MET) if met else decision(
            Outcome.NOT_ELIGIBLE, Reason.BELOW_MINIMUM)
    if facts.grade.passed:
        return decision(Outcome.ELIGIBLE, Reason.GRADE_MET)
    return decision(Outcome.NOT_ELIGIBLE, Reason.NOT_PASSED)
