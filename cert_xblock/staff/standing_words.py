"""Why a learner stands where they do, in the course team's words (not the learner's "you need…").

The staff list shows this beside each status, so nobody has to hover for a tooltip: the unmet rule and its gap,
"Audit enrolment", "Not enrolled", "No grade yet". The figures are the decision's own (the platform's grade, the
kinds' requirements); nothing is recomputed here.
"""
from __future__ import annotations

from collections.abc import Callable

from cert_xblock.core.figures import percent_text
from cert_xblock.issuing.eligibility import Decision, Reason, Requirement, Rule

Translate = Callable[[str], str]
_UNGRADED = (Reason.BELOW_MINIMUM, Reason.NOT_PASSED)


def standing_words(decision: Decision | None, attempted: bool, _: Translate) -> str:
    """The reason for a learner's status in a few words; "" for a certificate holder (no decision)."""
    if decision is None:
        return ""
    if not attempted and decision.reason in _UNGRADED:
        return _("No grade yet")
    if decision.reason is Reason.REQUIREMENTS_UNMET:
        return "; ".join(requirement_words(r, attempted, _) for r in decision.unmet)
    if decision.reason in _UNGRADED and decision.required_percent is not None:
        return _gap(_("Course grade"), decision.current_percent, decision.required_percent, decision.gap, _)
    fixed = {
        Reason.GRADE_MET: _("Grade met"),
        Reason.REQUIREMENTS_MET: _("Every requirement met"),
        Reason.ALLOWLISTED: _("On the allowlist"),
        Reason.STAFF_OVERRIDE: _("Issued by the course team"),
        Reason.NOT_PASSED: _("Course not passed ({current})"),
        Reason.NOT_ENROLLED: _("Not enrolled"),
        Reason.AUDIT_MODE: _("Audit enrolment"),
        Reason.MODE_NOT_CERTIFIED: _("Enrolment track earns no certificate"),
        Reason.REVOKED: _("Revoked"),
        Reason.NOT_YET_AVAILABLE: _("Certificates open on {date}"),
    }
    return fixed[decision.reason].format(
        current=percent_text(decision.current_percent),
        date=decision.available_from.strftime("%Y-%m-%d") if decision.available_from else "")


def requirement_words(requirement: Requirement, attempted: bool, _: Translate) -> str:
    """One unmet requirement: what it is about, where the learner is, what it asks and the gap."""
    if requirement.rule in (Rule.PLUGIN, Rule.PLUGIN_BROKEN):
        return requirement.text
    if requirement.rule is Rule.PATHWAY:
        return _("Courses still to pass: {remaining}").format(remaining=", ".join(requirement.remaining))
    if requirement.rule is Rule.PATHWAY_BROKEN:
        return _("Pathway course missing: {remaining}").format(remaining=", ".join(requirement.remaining))
    if requirement.rule is Rule.COURSE_GRADE and not attempted:
        return _("No grade yet")
    subject = {
        Rule.COURSE_GRADE: _("Course grade"),
        Rule.COMPLETION: _("Completion of {subject}").format(subject=requirement.subject) if requirement.subject
        else _("Course completion"),
    }.get(requirement.rule, requirement.subject)
    return _gap(subject, requirement.current, requirement.required, requirement.gap, _)


def _gap(subject: str, current: float | None, required: float | None, gap: float | None, _: Translate) -> str:
    return _("{subject} {current} of {required} · {gap} to go").format(
        subject=subject, current=percent_text(current), required=percent_text(required), gap=percent_text(gap))
