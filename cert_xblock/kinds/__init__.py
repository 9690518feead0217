"""What a block's certificate asks of each learner: its kind (course, lesson, pathway) and its further rules.

``requirements_for`` turns the block's Studio settings and a chunk of learners' course grades into each learner's
``Requirement`` list for ``eligibility.decide``. The first requirement is the primary one (the course grade, a
lesson's section grade, or an installed eligibility source's verdict); the rest are the pathway's courses, the
per-assignment-type minimums and completion. Everything is read for the whole chunk at once, so a batch chunk
costs the same number of queries whoever is in it.
"""
from __future__ import annotations

from collections.abc import Mapping

from opaque_keys.edx.keys import CourseKey

from ..config import CertificateSettings
from ..eligibility import Requirement, course_grade_requirement
from ..platform_types import CourseInfo, GradeSnapshot
from .pathway import pathway_requirements

Requirements = dict[int, tuple[Requirement, ...]]


def course_grade_alone(rules: CertificateSettings) -> bool:
    """A course certificate with no further rule: the course grade decides, as it always has."""
    return (rules.kind == "course" and not rules.assignment_minimum_map and not rules.completion_percent
            and not rules.eligibility_source)


def requirements_for(block_id: str, course_key: CourseKey, rules: CertificateSettings,
                     grades: dict[int, GradeSnapshot], course: CourseInfo,
                     languages: Mapping[int, str] | None = None) -> Requirements | None:
    """Each learner's requirements, primary first; None where the course grade alone decides (``decide`` then
    builds that one requirement itself). ``languages`` (by user id) is what an eligibility source writes in."""
    if course_grade_alone(rules):
        return None
    if rules.eligibility_source:
        # The installed source's verdict replaces the grade rule as the primary requirement (the whole chunk in
        # one call to the plug-in); a missing or failing source gives a requirement that is never met.
        from .. import plugins

        verdicts = plugins.requirements(rules.eligibility_source, course_key, block_id, grades, languages)
        lists: dict[int, list[Requirement]] = {user_id: [verdicts[user_id]] for user_id in grades}
    else:
        lists = {user_id: [course_grade_requirement(rules, grade, course.lowest_passing_grade)]
                 for user_id, grade in grades.items()}
    if rules.kind == "pathway":
        for user_id, requirement in pathway_requirements(rules, course_key, grades).items():
            lists[user_id].append(requirement)
    return {user_id: tuple(requirements) for user_id, requirements in lists.items()}
