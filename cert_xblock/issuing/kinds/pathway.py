"""The pathway kind: this course and every listed course, each passed as the platform says.

The block lives in the pathway's final course and its own grade rule is the primary requirement; this module adds
one ``Rule.PATHWAY`` requirement per learner, read for a whole chunk with one bulk ``CourseGradeFactory`` read per
listed course (so a chunk costs the same number of queries whoever is in it), and narrows the batch's candidate
query with one subquery per listed course on the platform's ``(course_id, passed_timestamp)`` index.
A listed course the site does not know is refused where Studio saves; a block saved before the course vanished
gets a ``Rule.PATHWAY_BROKEN`` requirement, never met, so its learners are told and nothing is issued.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.config.values import CertificateSettings, FieldProblem
from cert_xblock.issuing.eligibility import Requirement, Rule
from cert_xblock.platform.types import GradeSnapshot


def listed_courses(rules: CertificateSettings, course_key: CourseKey) -> tuple[list[CourseKey], list[str]]:
    """The pathway's other courses in the author's order, and the lines that are no course key at all (a copy
    saved before validation refused them). The block's own course, listed by mistake, is left out: its grade is
    the primary requirement already."""
    keys, malformed = [], []
    for text in rules.pathway_course_ids:
        try:
            key = CourseKey.from_string(text)
        except InvalidKeyError:
            malformed.append(text)
            continue
        if key != course_key:
            keys.append(key)
    return keys, malformed


def pathway_requirements(rules: CertificateSettings, course_key: CourseKey,
                         grades: dict[int, GradeSnapshot]) -> dict[int, Requirement]:
    """Each learner's pathway requirement: met when they passed every listed course (the platform's ``passed``),
    else naming the courses still to pass by their display names."""
    courses, malformed = listed_courses(rules, course_key)
    missing = malformed + [str(key) for key in courses if not platform.course_exists(key)]
    if missing:
        return dict.fromkeys(grades, Requirement(Rule.PATHWAY_BROKEN, met=False, remaining=tuple(missing)))
    names = {key: platform.get_course_info(key).display_name for key in courses}
    passed = {key: {user_id for user_id, grade in platform.read_course_grades(grades, key).items() if grade.passed}
              for key in courses}
    return {user_id: _standing(user_id, courses, passed, names) for user_id in grades}


def _standing(user_id: int, courses: list[CourseKey], passed: dict[CourseKey, set[int]],
              names: dict[CourseKey, str]) -> Requirement:
    remaining = tuple(names[key] for key in courses if user_id not in passed[key])
    # ``subject``: every listed course by name, what a pathway certificate names as completed (``issuing.wording``).
    return Requirement(Rule.PATHWAY, met=not remaining, remaining=remaining,
                       subject=", ".join(names[key] for key in courses))


def narrow_candidates(rules: CertificateSettings, course_key: CourseKey, grades: Any) -> Any:
    """The batch's candidate grades of this course, kept only for learners who passed every listed course: one
    subquery per course on the platform's passed index, so the database, not Python, does the intersection."""
    courses, malformed = listed_courses(rules, course_key)
    if malformed:
        return grades.none()
    for key in courses:
        grades = grades.filter(user_id__in=platform.passed_grades(key).order_by().values("user_id"))
    return grades


def unknown_courses(rules: CertificateSettings, course_key: CourseKey,
                    _: Callable[[str], str]) -> list[FieldProblem]:
    """The listed courses this site does not have, each a problem on the pathway field: Studio refuses to save
    them (a typo would otherwise make a certificate nobody can earn)."""
    if rules.kind != "pathway":
        return []
    return [FieldProblem("pathway_courses", _("There is no course {course} on this site.").format(course=key))
            for key in listed_courses(rules, course_key)[0] if not platform.course_exists(key)]
