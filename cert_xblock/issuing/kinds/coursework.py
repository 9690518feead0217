"""A chunk's coursework, read once through the seam, and the lesson and rule requirements built from it.

``Coursework`` reads lazily and at most once per chunk: the course outline, each learner's own outline (the
course as the platform's access transformers leave it for them: ``platform.learner_outlines``), every learner's
persisted subsection grades (one prefetch) and completed blocks (one query). So a chunk of 1 or of 500 learners
costs the same queries, and a block that needs none of them (a course certificate without rules) reads nothing.

Every rule is decided on the learner's own outline: the lesson's points, the assignment types' marks and the
units completion counts are those the learner can see, as the platform grades them. The course-wide outline only
says where the block sits and which sections a lesson names. The batch's SQL narrowing (``lesson_candidates``,
``rule_candidates``) is a superset of whom the platform could certify, never a decision.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property
from typing import Any

from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.config.values import CertificateSettings, FieldProblem
from cert_xblock.issuing.eligibility import Requirement
from cert_xblock.issuing.kinds.lesson import (
    lesson_sections,
    lesson_subsection_keys,
    required_section_percent,
    section_requirement,
)
from cert_xblock.issuing.kinds.rules import (
    assignment_requirements,
    completion_requirement,
    units_of,
    unknown_assignment_types,
)
from cert_xblock.platform.types import CourseInfo, CourseOutline, Section, SubsectionScore

log = logging.getLogger(__name__)
# A fraction of a percentage point the chunk's rounding (to 0.01 points) may add: kept as candidates.
_MARGIN = 0.0001


class Coursework:
    """What the platform knows of a chunk of learners' work in one course, each part read on first use."""

    def __init__(self, course_key: CourseKey, user_ids: list[int]):
        self.course_key, self.user_ids = course_key, user_ids

    @cached_property
    def outline(self) -> CourseOutline:
        return platform.course_outline(self.course_key)

    @cached_property
    def outlines(self) -> dict[int, CourseOutline]:
        return platform.learner_outlines(self.user_ids, self.course_key)

    def outline_of(self, user_id: int) -> CourseOutline:
        """The learner's own outline (the course-wide one for a learner the platform did not answer for)."""
        return self.outlines.get(user_id, self.outline)

    def sections_of(self, user_id: int, sections: tuple[Section, ...]) -> tuple[Section, ...]:
        """These sections as the learner has them; a section the learner cannot see is left out."""
        return self.outline_of(user_id).sections_named([section.usage_key for section in sections])

    @cached_property
    def scores(self) -> dict[int, dict[str, SubsectionScore]]:
        return platform.subsection_scores(self.user_ids, self.course_key)

    @cached_property
    def completed(self) -> dict[int, set[str]]:
        return platform.completed_blocks(self.user_ids, self.course_key)


def section_requirements(block_id: str, rules: CertificateSettings, course: CourseInfo, work: Coursework
                         ) -> dict[int, Requirement]:
    """Each learner's lesson requirement: their grade in the lesson's sections against the block's rule."""
    sections = lesson_sections(block_id, rules, work.outline)
    required = required_section_percent(rules, course)
    names = ", ".join(section.display_name for section in sections)
    return {user_id: section_requirement(work.sections_of(user_id, sections), work.scores.get(user_id, {}), required,
                                         names=names, lesson_exists=bool(sections))
            for user_id in work.user_ids}


def further_requirements(block_id: str, rules: CertificateSettings, work: Coursework
                         ) -> dict[int, list[Requirement]]:
    """Each learner's assignment-type minimums, then completion, as the block asks for them."""
    result: dict[int, list[Requirement]] = {user_id: [] for user_id in work.user_ids}
    if rules.assignment_minimum_map:
        for user_id in work.user_ids:
            result[user_id] += assignment_requirements(rules, work.outline_of(user_id), work.scores.get(user_id, {}))
    if rules.completion_percent:
        sections: tuple[Section, ...] = (lesson_sections(block_id, rules, work.outline) if rules.kind == "lesson"
                                         else work.outline.sections)
        subject = ", ".join(section.display_name for section in sections) if rules.kind == "lesson" else ""
        for user_id in work.user_ids:
            own = work.sections_of(user_id, sections) if rules.kind == "lesson" else work.outline_of(user_id).sections
            result[user_id].append(completion_requirement(rules.completion_percent, units_of(own),
                                                          work.completed.get(user_id, set()), subject))
    return result


def studio_problems(block_id: str, course_key: CourseKey, rules: CertificateSettings, _: Callable[[str], str]
                    ) -> list[FieldProblem]:
    """What only the course can refuse, each naming its field: assignment types its grading policy lacks, sections
    it does not have, a lesson block that is in no section. Read where Studio saves and validates the block."""
    if rules.kind != "lesson" and not rules.assignment_minimum_map:
        return []
    try:
        outline = platform.course_outline(course_key)
    except Exception:  # a course whose structure cannot be read here must still save
        # The learner view still names a type or section the course lacks (never met); the operator gets the why.
        log.warning("cert_xblock block=%s cannot read the course structure of %s to check its settings", block_id,
                    course_key, exc_info=True)
        return []
    problems = []
    unknown = unknown_assignment_types(rules, outline)
    if unknown:
        known = ", ".join(kind.type for kind in outline.assignment_types) or "-"
        problems.append(FieldProblem("assignment_minimums", _(
            "The course's grading policy has no assignment type {types}; its types are: {known}.").format(
            types=", ".join(f"'{name}'" for name in unknown), known=known)))
    if rules.kind == "lesson":
        listed = {section.usage_key for section in outline.sections}
        missing = [key for key in rules.section_ids if key not in listed]
        if missing:
            problems.append(FieldProblem("lesson_sections", _("The course has no section {key}.").format(
                key=missing[0][:120])))
        elif not lesson_sections(block_id, rules, outline):
            problems.append(FieldProblem("lesson_sections", _(
                "This block is in no section of the course: list the lesson's sections.")))
    return problems


def lesson_candidates(block_id: str, course_key: CourseKey, rules: CertificateSettings) -> Any:
    """User ids (a queryset) who may reach the lesson's bar, in one SQL pass: a superset, never a decision.

    Per learner, the sum of earned points (an override's value where there is one) against the sum of the
    possible points of their persisted rows in the lesson's subsections. A learner's own denominator is at least
    that (a subsection they can see and never attempted adds its points; one hidden from them adds none), so
    nobody the platform's figure would pass is left out. A learner with no row at all has no grade and is never a
    candidate. The margin keeps a learner whom the chunk's rounding (to 0.01 points) would pass; the chunk then
    decides each candidate on their own outline.
    """
    from django.db.models import F, Sum, Value
    from django.db.models.functions import Coalesce

    sections = lesson_sections(block_id, rules, platform.course_outline(course_key))
    required = required_section_percent(rules, platform.get_course_info(course_key)) / 100 - _MARGIN
    rows = platform.subsection_grade_rows(course_key, lesson_subsection_keys(sections)).order_by().values("user_id")
    return rows.annotate(
        earned=Sum(Coalesce("override__earned_graded_override", "earned_graded")),
        possible=Sum(Coalesce("override__possible_graded_override", "possible_graded")),
    ).filter(earned__gt=0, earned__gte=Value(required) * F("possible")).values("user_id")


def rule_candidates(block_id: str, course_key: CourseKey, rules: CertificateSettings) -> Any:
    """User ids (a queryset) who may have earned a certificate without a grade rule, in one SQL statement.

    Completion: learners with a completed block (a lesson: one of its own blocks); a learner's own structure may
    hold fewer units than the course's, so no larger count is safe.
    Assignment-type minimums: learners with a persisted grade in a subsection of a type whose minimum is above 0.
    Both narrow; neither: every enrolled learner. The chunk decides with the bulk reads.
    """
    from django.db.models import Count

    outline = platform.course_outline(course_key)
    sections = lesson_sections(block_id, rules, outline) if rules.kind == "lesson" else outline.sections
    candidates = None
    if rules.completion_percent:
        # A learner's own units are fewer than the course's where content is hidden from them, so the only safe
        # bound is one completed block, and none where a unit holds nothing completable (complete as it is).
        units = units_of(sections)
        fewest = 1 if units and all(unit.completable for unit in units) else 0
        scope = [key for unit in units for key in unit.completable] if rules.kind == "lesson" else None
        if fewest > 0:
            candidates = platform.completion_rows(course_key, scope).order_by().values("user_id").annotate(
                done=Count("block_key")).filter(done__gte=fewest).values("user_id")
    minimums = rules.assignment_minimum_map
    keys = [sub.usage_key for section in outline.sections for sub in section.subsections
            if sub.graded and minimums.get(sub.format, 0) > 0]
    if keys:
        graded = platform.subsection_grade_rows(course_key, keys).values("user_id")
        candidates = graded if candidates is None else candidates.filter(user_id__in=graded)
    return candidates if candidates is not None else platform.enrollments(course_key).values("user_id")
