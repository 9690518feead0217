"""``criteria.narrative``: the block's rules as sentences, in the certificate's language.

A verifier reads what was required to earn the achievement; the words are the block's settings as stored
(``config.values.CertificateSettings``), not a copy of eligibility's logic: they say what an author asked for.
"""
from __future__ import annotations

from collections.abc import Callable

from cert_xblock.config.values import CertificateSettings
from cert_xblock.core.figures import percent_text
from cert_xblock.core.i18n import gettext_for


def narrative(rules: CertificateSettings | None, course_name: str, language: str) -> str:
    """One paragraph; a certificate whose block was never synced says only that it was earned in the course."""
    _ = gettext_for(language)
    sentences = [_("Awarded by the course {course} to learners who met its requirements.").format(course=course_name)]
    if rules is not None:
        sentences += _rule_sentences(rules, _)
    return " ".join(sentences)


def _rule_sentences(rules: CertificateSettings, _: Callable[[str], str]) -> list[str]:
    sentences = []
    if rules.kind == "lesson":
        sentences.append(_("The requirements apply to the sections of the course the certificate covers."))
    if rules.grade_rule == "course_passing":
        sentences.append(_("A passing grade in the course."))
    elif rules.grade_rule == "minimum_percent":
        sentences.append(_("A grade of at least {percent}.").format(percent=percent_text(rules.minimum_percent)))
    for assignment, minimum in rules.assignment_minimum_map.items():
        sentences.append(_("At least {percent} in {assignment}.").format(percent=percent_text(minimum),
                                                                         assignment=assignment))
    if rules.completion_percent:
        sentences.append(_("At least {percent} of the course completed.").format(
            percent=percent_text(rules.completion_percent)))
    if rules.kind == "pathway" and rules.pathway_course_ids:
        sentences.append(_("Passing these courses as well: {courses}.").format(
            courses=", ".join(rules.pathway_course_ids)))
    return sentences
