"""The block's rules in the author's words, for Studio's unit page: what earns this certificate, at a glance.

Built from the settings alone (no platform read), so the unit page stays as cheap as it was; what only the platform
can check (unknown courses, sections, assignment types, plug-ins) is listed beside it as problems.
"""
from __future__ import annotations

from collections.abc import Callable

from cert_xblock.config.values import CertificateSettings
from cert_xblock.core.i18n import format_number


def rules_summary(values: CertificateSettings, _: Callable[[str], str], language: str = "en") -> list[str]:
    """One sentence per thing the certificate asks, primary first, in the author's language through ``_``."""
    def percent(value: float) -> str:
        return f"{format_number(value, language)}%"

    lesson = values.kind == "lesson"
    if values.eligibility_source:
        sentences = [_("Earned when the eligibility source {name} says the learner qualifies.").format(
            name=values.eligibility_source)]
    elif values.grade_rule == "none":
        sentences = [_("Earned without a grade: by completion and assignment types.")]
    elif values.grade_rule == "minimum_percent":
        sentences = [(_("Earned with {percent} or more in the lesson's graded work.") if lesson
                      else _("Earned with a grade of {percent}% or more.")).format(
            percent=percent(values.minimum_percent) if lesson else values.minimum_percent)]
    else:
        sentences = [_("Earned with the course's passing grade in the lesson's graded work.") if lesson
                     else _("Earned with the course's passing grade.")]
    if lesson:
        sections = values.section_ids
        sentences.append(_("A lesson certificate for the listed sections: {count}.").format(count=len(sections))
                         if sections else _("A lesson certificate for the section that holds this block."))
    if values.kind == "pathway":
        sentences.append(_("A pathway certificate: these courses must be passed too: {courses}.").format(
            courses=", ".join(values.pathway_course_ids)))
    for assignment_type, minimum in values.assignment_minimum_map.items():
        sentences.append(_("An average of {percent} or more in {type}.").format(percent=percent(minimum),
                                                                                  type=assignment_type))
    if values.completion_percent:
        sentences.append((_("{percent} of the lesson completed.") if lesson
                          else _("{percent} of the course completed.")).format(
            percent=percent(values.completion_percent)))
    return sentences
