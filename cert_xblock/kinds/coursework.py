"""A chunk's coursework, read once through the seam, and the lesson and rule requirements built from it.

``Coursework`` reads lazily and at most once per chunk: the course outline, every learner's persisted subsection
grades (one prefetch) and completed blocks (one query). So a chunk of 1 or of 500 learners costs the same queries,
and a block that needs none of them (a course certificate without rules) reads nothing.
"""
from __future__ import annotations

from functools import cached_property

from opaque_keys.edx.keys import CourseKey

from .. import compat
from ..config import CertificateSettings
from ..eligibility import Requirement
from ..platform_types import CourseInfo, CourseOutline, Section, SubsectionScore
from .lesson import lesson_sections, required_section_percent, section_requirement
from .rules import assignment_requirements, completion_requirement, units_of


class Coursework:
    """What the platform knows of a chunk of learners' work in one course, each part read on first use."""

    def __init__(self, course_key: CourseKey, user_ids: list[int]):
        self.course_key, self.user_ids = course_key, user_ids

    @cached_property
    def outline(self) -> CourseOutline:
        return compat.course_outline(self.course_key)

    @cached_property
    def scores(self) -> dict[int, dict[str, SubsectionScore]]:
        return compat.subsection_scores(self.user_ids, self.course_key)

    @cached_property
    def completed(self) -> dict[int, set[str]]:
        return compat.completed_blocks(self.user_ids, self.course_key)


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
