"""What a certificate says it is for, in its reader's language: the kind's own sentence and subject, the title.

A lesson certificate names the lesson (its sections) as what was completed, a pathway certificate the pathway's
courses, a course certificate the course. The subject is kept in the record's ``course_name`` snapshot, so the PDF,
the verify page and the email all say the same; the sentence before it follows the block's kind. (The default
title is translated where it is shown: ``core.i18n.shown_title``.)
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.config.values import CertificateSettings
from cert_xblock.core import i18n
from cert_xblock.core.i18n import gettext_for, gettext_noop
from cert_xblock.issuing.eligibility import Facts, Rule
from cert_xblock.issuing.kinds.lesson import lesson_sections
from cert_xblock.issuing.kinds.pathway import listed_courses
from cert_xblock.rendering import Wording

_COMPLETED = {
    "lesson": gettext_noop("has successfully completed the lesson"),
    "pathway": gettext_noop("has successfully completed the pathway"),
}
# The separator between the lesson (or the pathway's courses) and the course: a mark, not a word to translate.
SEPARATOR = " · "


def completion_sentence(kind: str, _: Callable[[str], str]) -> str | None:
    """The sentence before the subject for a lesson or pathway certificate; None: the course's default sentence."""
    return _(_COMPLETED[kind]) if kind in _COMPLETED else None


def certificate_wording(language: str, issued_on: date, kind: str = "course") -> Wording:
    """The certificate's fixed sentences in its language, with the kind's own sentence before the subject."""
    wording = i18n.certificate_wording(language, issued_on)
    sentence = completion_sentence(kind, gettext_for(language))
    return replace(wording, completion=sentence) if sentence else wording


def certified_subject(rules: CertificateSettings, block_id: str, course_key: CourseKey, course_name: str,
                      facts: Facts | None = None) -> str:
    """What the certificate names as completed: the course; a lesson's sections then the course; a pathway's
    courses, this one last.

    ``facts`` (an issue's) already hold the lesson's section names and the pathway's course names, read for the
    whole chunk; without them (a reprint, Studio's sample) they are read here.
    """
    if rules.kind == "lesson":
        subject = _requirement_subject(facts, (Rule.SECTION_GRADE, Rule.COMPLETION))
        if subject is None:
            sections = lesson_sections(block_id, rules, platform.course_outline(course_key))
            subject = ", ".join(section.display_name for section in sections)
        return SEPARATOR.join(part for part in (subject, course_name) if part)
    if rules.kind == "pathway":
        subject = _requirement_subject(facts, (Rule.PATHWAY,))
        if subject is None:
            subject = ", ".join(platform.get_course_info(key).display_name
                                for key in listed_courses(rules, course_key)[0] if platform.course_exists(key))
        return ", ".join(part for part in (subject, course_name) if part)
    return course_name


def _requirement_subject(facts: Facts | None, rules: tuple[Rule, ...]) -> str | None:
    for requirement in (facts.requirements or ()) if facts is not None else ():
        if requirement.rule in rules and requirement.subject:
            return requirement.subject
    return None
