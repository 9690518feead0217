"""Who may have the certificate, decided from plain facts: no I/O, no Django, no clock of its own.

The caller gathers the facts (grade, enrollment, allowlist and revocation state, the time) and gets back
a ``Decision`` carrying a human reason, so every branch can be tested exhaustively and the learner is
always told why.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from cert_xblock.config.values import CertificateSettings
from cert_xblock.core.figures import percent_text, to_percent
from cert_xblock.platform.types import Enrollment, GradeSnapshot

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
    # A requirement other than the course grade is unmet (the decision's ``unmet`` says which, and by how much).
    REQUIREMENTS_UNMET = "requirements_unmet"
    REQUIREMENTS_MET = "requirements_met"  # every requirement met, the primary one not the course grade


class Rule(StrEnum):
    """What one requirement asks of the learner (``issuing.kinds`` builds them from the block's settings)."""

    COURSE_GRADE = "course_grade"  # the course grade against the course's cutoff or the block's minimum
    SECTION_GRADE = "section_grade"  # a lesson block: the graded subsections of its sections
    ASSIGNMENT_TYPE = "assignment_type"  # a minimum for one assignment type (Homework, Final Exam...)
    COMPLETION = "completion"  # a minimum completion of the course or the lesson's sections
    PATHWAY = "pathway"  # every listed course passed
    PATHWAY_BROKEN = "pathway_broken"  # a listed course is not on the site (``remaining`` names it): never met
    PLUGIN = "plugin"  # an installed eligibility source's verdict (cert_xblock.plugins)
    PLUGIN_BROKEN = "plugin_broken"  # that source is missing or failed: never met


@dataclass(frozen=True)
class Requirement:
    """One thing the certificate asks for and where this learner stands with it, as plain data.

    ``current`` and ``required`` are percentages (0..100) where the rule has them; ``subject`` names what the
    rule is about (an assignment type, the lesson, a plug-in's title); ``remaining`` lists what is still to do
    (a pathway's courses not yet passed); ``text`` carries a plug-in's own words, already in the learner's
    language. ``no_grade_yet``: the platform has no grade for the learner there (no persisted grade), which is
    never read out as "you have 0%".
    """

    rule: Rule
    met: bool
    current: float | None = None
    required: float | None = None
    subject: str = ""
    remaining: tuple[str, ...] = ()
    text: str = ""
    no_grade_yet: bool = False

    @property
    def gap(self) -> float | None:
        """Percentage points still missing, never negative (None where the rule has no percentages)."""
        if self.required is None or self.current is None:
            return None
        return max(0.0, round(self.required - self.current, 2))

    def message(self, _: Callable[[str], str] = lambda s: s) -> str:
        """What is unmet, and by how much, in the learner's words through ``_``."""
        values = {"subject": self.subject, "current": percent_text(self.current),
                  "required": percent_text(self.required), "gap": percent_text(self.gap),
                  "remaining": ", ".join(self.remaining)}
        if self.rule is Rule.PLUGIN or self.rule is Rule.PLUGIN_BROKEN:
            return self.text
        if self.no_grade_yet and self.rule in _GRADED_RULES:
            return (_("You need {required} in {subject}; you have no grade there yet.") if self.subject
                    else _("You need {required} in the course; you have no grade in it yet.")).format(**values)
        if self.rule is Rule.COURSE_GRADE and not self.met and self.gap == 0:
            return _pass_not_recorded(_).format(**values)
        templates = {
            Rule.COURSE_GRADE: _("You need {required} in the course; you have {current}. {gap} to go."),
            Rule.SECTION_GRADE: _("You need {required} in {subject}; you have {current}. {gap} to go."),
            Rule.ASSIGNMENT_TYPE: _("You need {required} in {subject}; you have {current}. {gap} to go."),
            Rule.COMPLETION: _("You need to complete {required} of {subject}; you have completed {current}. "
                               "{gap} to go.") if self.subject
            else _("You need to complete {required} of the course; you have completed {current}. {gap} to go."),
            Rule.PATHWAY: _("Pass these courses too: {remaining}."),
            Rule.PATHWAY_BROKEN: _("This certificate cannot be earned until the course team fixes its list of "
                                   "courses: {remaining} cannot be found."),
        }
        return templates[self.rule].format(**values)


_GRADED_RULES = frozenset({Rule.COURSE_GRADE, Rule.SECTION_GRADE, Rule.ASSIGNMENT_TYPE})


def _pass_not_recorded(_: Callable[[str], str]) -> str:
    """A grade at or above the passing grade that the platform does not report as passed: say so, not "0% to go".
    The platform's ``passed`` is its own letter grade, stored when the grade was computed: it can lag a change of
    the grading policy or a grade still being recomputed."""
    return _("Your grade of {current} reaches the passing grade of {required}, but the course does not record you "
             "as passing yet: your grade may still be updating, or the course's grading changed since it was "
             "computed. If this lasts, contact the course team.")


@dataclass(frozen=True)
class Facts:
    grade: GradeSnapshot
    enrollment: Enrollment | None
    allowlisted: bool = False
    revoked: bool = False
    course_passing_percent: float | None = None  # 0..1, the course's own cutoff, for the message
    staff_override: bool = False  # course staff issuing by hand
    # Everything the block asks beyond enrollment, built by ``cert_xblock.issuing.kinds``; None: the course-grade rule
    # alone, decided here from ``grade`` (the course kind with no further rules).
    requirements: tuple[Requirement, ...] | None = None


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reason: Reason
    current_percent: float  # 0..100
    required_percent: float | None  # 0..100, None when the course's cutoff is unknown
    available_from: datetime | None = None
    unmet: tuple[Requirement, ...] = ()  # the requirements not met, in the block's order
    no_grade_yet: bool = False  # the primary figure is the platform's "no grade yet", never read as 0%

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
            "current": percent_text(self.current_percent),
            "required": percent_text(self.required_percent) if self.required_percent is not None else "",
            "gap": percent_text(self.gap) if self.gap is not None else "",
            "date": self.available_from.strftime("%Y-%m-%d") if self.available_from else "",
        }
        templates = {
            Reason.GRADE_MET: _("Congratulations! Your grade of {current} meets the requirement."),
            Reason.REQUIREMENTS_MET: _("Congratulations! You meet every requirement of this certificate."),
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
        if self.reason is Reason.REQUIREMENTS_UNMET:
            return " ".join(requirement.message(_) for requirement in self.unmet)
        if self.reason in (Reason.BELOW_MINIMUM, Reason.NOT_PASSED) and self.no_grade_yet:
            return (_("You need {required} to earn this certificate; you have no grade in this course yet.")
                    if self.required_percent is not None else _("You have no grade in this course yet.")
                    ).format(**values)
        if self.reason is Reason.NOT_PASSED and self.required_percent is not None and self.gap == 0:
            return _pass_not_recorded(_).format(**values)
        return templates[self.reason].format(**values)


def mode_certified(enrollment: Enrollment, rules: CertificateSettings) -> bool:
    """The platform's certificate-eligible-mode rule, with one exception the author may make: audit learners
    (the block's "Certify audit learners"). Honor where the platform disables honor certificates stays refused."""
    return enrollment.earns_certificate or (enrollment.mode == AUDIT and rules.allow_audit)


def course_grade_requirement(rules: CertificateSettings, grade: GradeSnapshot,
                             course_passing_percent: float | None) -> Requirement:
    """The course grade against the block's rule: its own minimum, or the course's pass (the platform's
    ``passed``, which already applies the course's cutoff)."""
    current, no_grade = to_percent(grade.percent), not grade.attempted
    if rules.grade_rule == "minimum_percent":
        required = float(rules.minimum_percent)
        return Requirement(Rule.COURSE_GRADE, Decimal(str(current)) >= Decimal(str(required)), current, required,
                           no_grade_yet=no_grade)
    required_pass = to_percent(course_passing_percent) if course_passing_percent is not None else None
    return Requirement(Rule.COURSE_GRADE, grade.passed, current, required_pass, no_grade_yet=no_grade)


def decide(rules: CertificateSettings, facts: Facts, now: datetime) -> Decision:
    """Whether the learner gets the certificate now, and why (or why not)."""
    requirements = facts.requirements
    if requirements is None:
        requirements = (course_grade_requirement(rules, facts.grade, facts.course_passing_percent),)
    primary = requirements[0] if requirements else None
    current = primary.current if primary is not None and primary.current is not None else to_percent(
        facts.grade.percent)
    required = primary.required if primary is not None else None

    def decision(outcome: Outcome, reason: Reason, unmet: tuple[Requirement, ...] = ()) -> Decision:
        return Decision(outcome, reason, current, required, rules.available_from_datetime, unmet,
                        primary is not None and primary.no_grade_yet)

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
    unmet = tuple(requirement for requirement in requirements if not requirement.met)
    if not unmet:
        by_grade = primary is None or primary.rule is Rule.COURSE_GRADE
        return decision(Outcome.ELIGIBLE, Reason.GRADE_MET if by_grade else Reason.REQUIREMENTS_MET)
    if len(unmet) == 1 and unmet[0] is primary and primary.rule is Rule.COURSE_GRADE:
        # The course grade alone is short: the messages learners have always had, with the course's cutoff.
        reason = Reason.BELOW_MINIMUM if rules.grade_rule == "minimum_percent" else Reason.NOT_PASSED
        return decision(Outcome.NOT_ELIGIBLE, reason, unmet)
    return decision(Outcome.NOT_ELIGIBLE, Reason.REQUIREMENTS_UNMET, unmet)
