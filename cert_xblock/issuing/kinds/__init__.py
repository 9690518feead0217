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

from cert_xblock import plugins
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.eligibility import Requirement, Rule, course_grade_requirement
from cert_xblock.issuing.kinds.coursework import Coursework, further_requirements, section_requirements
from cert_xblock.issuing.kinds.pathway import pathway_requirements
from cert_xblock.platform.types import CourseInfo, GradeSnapshot

Requirements = dict[int, tuple[Requirement, ...]]


def course_grade_alone(rules: CertificateSettings) -> bool:
    """A course certificate with no further rule: the course grade decides, as it always has."""
    return rules.kind == "course" and not rules.assignment_minimum_map and not rules.completion_percent and (
        rules.grade_rule != "none") and not rules.eligibility_source


def asks_a_grade(rules: CertificateSettings) -> bool:
    """Whether the course (a lesson: its sections') grade is a requirement. "none" without any other rule, which
    Studio refuses, still asks the course's passing grade, so a stale setting never certifies on nothing."""
    return rules.grade_rule != "none" or not (rules.assignment_minimum_map or rules.completion_percent)


def requirements_for(block_id: str, course_key: CourseKey, rules: CertificateSettings,
                     grades: dict[int, GradeSnapshot], course: CourseInfo,
                     languages: Mapping[int, str] | None = None) -> Requirements | None:
    """Each learner's requirements, primary first; None where the course grade alone decides (``decide`` then
    builds that one requirement itself). ``languages`` (by user id) is what an eligibility source writes in."""
    if course_grade_alone(rules):
        return None
    work = Coursework(course_key, list(grades))  # reads what the rules need, once for the chunk
    primary: dict[int, Requirement]
    if rules.eligibility_source:
        # An installed source's verdict replaces the grade rule as the primary requirement (the whole chunk in one
        # call to the plug-in); a missing or failing source gives a requirement that is never met.
        primary = source_requirements(rules.eligibility_source, course_key, block_id, grades, languages)
    elif not asks_a_grade(rules):
        primary = {}  # completion and the assignment-type minimums alone decide
    elif rules.kind == "lesson":
        primary = section_requirements(block_id, rules, course, work)
    else:
        primary = {user_id: course_grade_requirement(rules, grade, course.lowest_passing_grade)
                   for user_id, grade in grades.items()}
    lists: dict[int, list[Requirement]] = {user_id: [primary[user_id]] if user_id in primary else []
                                           for user_id in grades}
    if rules.kind == "pathway":
        for user_id, requirement in pathway_requirements(rules, course_key, grades).items():
            lists[user_id].append(requirement)
    for user_id, requirements in further_requirements(block_id, rules, work).items():
        lists[user_id] += requirements
    return {user_id: tuple(requirements) for user_id, requirements in lists.items()}


def source_requirements(name: str, course_key: CourseKey, block_id: str, grades: Mapping[int, GradeSnapshot],
                        languages: Mapping[int, str] | None = None) -> dict[int, Requirement]:
    """The source's verdicts as each learner's primary requirement (``Rule.PLUGIN``; ``Rule.PLUGIN_BROKEN``, never
    met, where the source is missing or failed)."""
    return {user_id: Requirement(Rule.PLUGIN_BROKEN if answer.broken else Rule.PLUGIN, answer.met and not answer.broken,
                                 answer.current, answer.required, subject=answer.title, text=answer.message)
            for user_id, answer in plugins.answers(name, course_key, block_id, grades, languages).items()}
