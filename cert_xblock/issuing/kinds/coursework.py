"""A chunk's coursework, read once through the seam, and the lesson and rule requirements built from it.

``Coursework`` reads lazily and at most once per chunk: the course outline, every learner's persisted subsection
grades (one prefetch) and completed blocks (one query). So a chunk of 1 or of 500 learners costs the same queries,
and a block that needs none of them (a course certificate without rules) reads nothing.
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
    return {user_id: section_requirement(sections, work.scores.get(user_id, {}), required)
            for user_id in work.user_ids}


def further_requirements(block_id: str, rules: CertificateSettings, work: Coursework
                         ) -> dict[int, list[Requirement]]:
    """Each learner's assignment-type minimums, then completion, as the block asks for them."""
    result: dict[int, list[Requirement]] = {user_id: [] for user_id in work.user_ids}
    if rules.assignment_minimum_map:
        for user_id in work.user_ids:
            result[user_id] += assignment_requirements(rules, work.outline, work.scores.get(user_id, {}))
    if rules.completion_percent:
        sections: tuple[Section, ...] = (lesson_sections(block_id, rules, work.outline) if rules.kind == "lesson"
                                         else work.outline.sections)
        units = units_of(sections)
        subject = ", ".join(section.display_name for section in sections) if rules.kind == "lesson" else ""
        for user_id in work.user_ids:
            result[user_id].append(completion_requirement(rules.completion_percent, units,
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
    """User ids (a queryset) whose persisted grades in the lesson's subsections reach its bar, in one SQL pass.

    ``section_percent`` in SQL: per learner, the sum of earned points (an override's value where there is one)
    against the sum of possible points, where a subsection without a row counts the course's points for it. A
    learner with no row at all has 0% and is never a candidate. The margin keeps a learner whom the chunk's
    rounding (to 0.01 percentage points) would pass; the chunk then decides with the bulk reads.
    """
    from django.db.models import Case, F, FloatField, Sum, Value, When
    from django.db.models.functions import Coalesce
    from opaque_keys.edx.keys import UsageKey

    sections = lesson_sections(block_id, rules, platform.course_outline(course_key))
    points = {sub.usage_key: sub.possible_graded for section in sections for sub in section.subsections
              if sub.graded and sub.possible_graded > 0}
    required = required_section_percent(rules, platform.get_course_info(course_key)) / 100 - _MARGIN
    counted = Case(*[When(usage_key=UsageKey.from_string(key), then=Value(value)) for key, value in points.items()],
                   default=Value(0.0), output_field=FloatField())
    rows = platform.subsection_grade_rows(course_key, lesson_subsection_keys(sections)).order_by().values("user_id")
    return rows.annotate(
        earned=Sum(Coalesce("override__earned_graded_override", "earned_graded")),
        possible=Sum(Coalesce("override__possible_graded_override", "possible_graded")),
        known=Sum(counted),
    ).filter(earned__gt=0, earned__gte=Value(required) * (F("possible") + Value(sum(points.values())) - F("known"))
             ).values("user_id")


def rule_candidates(block_id: str, course_key: CourseKey, rules: CertificateSettings) -> Any:
    """User ids (a queryset) who may have earned a certificate without a grade rule, in one SQL statement.

    Completion: learners with at least as many completed blocks as the fewest a learner needs (the units with the
    fewest completable blocks, enough of them to reach the percentage); a lesson counts only its own blocks.
    Assignment-type minimums: learners with a persisted grade in a subsection of a type whose minimum is above 0.
    Both narrow; neither: every enrolled learner. The chunk decides with the bulk reads.
    """
    from math import ceil

    from django.db.models import Count

    outline = platform.course_outline(course_key)
    sections = lesson_sections(block_id, rules, outline) if rules.kind == "lesson" else outline.sections
    candidates = None
    if rules.completion_percent:
        units = units_of(sections)
        needed = ceil(rules.completion_percent / 100 * len(units) - 1e-9)
        fewest = sum(sorted(len(unit.completable) for unit in units)[:needed])
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
