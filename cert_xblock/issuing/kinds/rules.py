"""Rules any kind may add: a minimum per assignment type, and a minimum completion.

**Assignment types.** The figure compared is the one the learner sees on the Progress page for that type. On
master that page reads the course home progress API's aggregation (``aggregate_assignment_type_grade_summary`` in
lms/djangoapps/course_home_api/progress/api.py): a graded subsection worth no points is a 0, a score whose
correctness is hidden (``show_correctness``) stays out of the numerator; older releases show the grader's
unweighted average (``AssignmentFormatGrader`` in xmodule/graders.py, marks rounded by ``compute_percent``). It is
*not* the type's weighted share of the course grade. Nothing persists that figure, so the platform's own function
computes it through the seam (``platform.assignment_type_fraction``) over the learner's persisted subsection
grades on their own structure (never attempted: 0 of the points they can see there); padding to ``min_count``
and dropping the ``drop_count`` lowest are the platform's. The minimum is compared with the platform's figure;
the figure shown is rounded to 0.01 points, as the Progress page prints it.

**Completion.** The share of the learner's own units (a lesson: its sections' units) the learner has completed,
as the Progress page's "Course completion" counts them (``get_course_blocks_completion_summary`` in
lms/djangoapps/courseware/courses.py, over ``get_course_blocks(user, …)``): a unit is complete when every
completable child the learner can see is (edx-completion's ``BlockCompletion`` at 1.0; only the children a
randomized library block selected for them, only their A/B group's child), and the page shows it in whole
percents (``calculate_progress_for_learner_in_course``: ``round(complete / total, 2)``), so that is the figure
compared. Content the learner cannot reach yet is not in their units.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from cert_xblock import platform
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.eligibility import Requirement, Rule
from cert_xblock.issuing.kinds.lesson import subsection_points
from cert_xblock.platform.types import AssignmentType, CourseOutline, Section, SubsectionScore, Unit


def _percent(fraction: float) -> float:
    return float((Decimal(str(fraction)) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def assignment_type_fraction(kind: AssignmentType, outline: CourseOutline, scores: dict[str, SubsectionScore]
                             ) -> float:
    """The learner's figure for one assignment type, 0..1, from the platform's own aggregation (``outline`` is
    the learner's own)."""
    from datetime import datetime

    marks = [platform.GradedMark(subsection.usage_key, subsection.display_name,
                                 *subsection_points(subsection, scores), show_correctness=subsection.show_correctness,
                                 due=datetime.fromisoformat(subsection.due) if subsection.due else None)
             for section in outline.sections for subsection in section.subsections
             if subsection.graded and subsection.format == kind.type]
    return platform.assignment_type_fraction(kind, marks)


def assignment_type_average(kind: AssignmentType, outline: CourseOutline, scores: dict[str, SubsectionScore]
                            ) -> float:
    """The learner's average for one assignment type, 0..100 to 0.01 points, as the Progress page shows it."""
    return _percent(assignment_type_fraction(kind, outline, scores))


def unknown_assignment_types(rules: CertificateSettings, outline: CourseOutline) -> list[str]:
    """The types the block names that the course's grading policy does not have (Studio refuses them)."""
    known = {kind.type for kind in outline.assignment_types}
    return [name for name in rules.assignment_minimum_map if name not in known]


def assignment_requirements(rules: CertificateSettings, outline: CourseOutline,
                            scores: dict[str, SubsectionScore]) -> list[Requirement]:
    """One requirement per assignment-type minimum, in the author's order; a type the course lacks is never met
    (Studio refuses it, so only a grading policy changed afterwards leads here)."""
    kinds = {kind.type: kind for kind in outline.assignment_types}
    result = []
    for name, minimum in rules.assignment_minimum_map.items():
        fraction = assignment_type_fraction(kinds[name], outline, scores) if name in kinds else 0.0
        current = _percent(fraction)
        met = name in kinds and Decimal(str(fraction)) * 100 >= Decimal(str(minimum))
        no_grade = not any(sub.usage_key in scores for section in outline.sections for sub in section.subsections
                           if sub.graded and sub.format == name)
        result.append(Requirement(Rule.ASSIGNMENT_TYPE, met, current, float(minimum), subject=name,
                                  no_grade_yet=no_grade))
    return result


def units_of(sections: tuple[Section, ...]) -> list[Unit]:
    """Every unit of these sections, in course order: what completion is counted over."""
    return [unit for section in sections for subsection in section.subsections for unit in subsection.units]


def completion_percent(units: list[Unit], done: set[str]) -> float:
    """Completed units over all units, in whole percents as the Progress page shows them (a unit with nothing
    completable counts as complete, as an empty aggregator does in the completion transformer)."""
    if not units:
        return 0.0
    complete = sum(1 for unit in units if all(block in done for block in unit.completable))
    # ``round(complete_count / num_total_units, 2)``, as ``calculate_progress_for_learner_in_course``
    # (lms/djangoapps/course_home_api/progress/api.py) mirrors the Progress page's donut chart: whole percents.
    return float(Decimal(str(round(complete / len(units), 2))) * 100)


def completion_requirement(required: float, units: list[Unit], done: set[str], subject: str) -> Requirement:
    """The completion rule for one learner; ``subject`` names the lesson's sections ("" for the whole course,
    which the message says in the learner's language)."""
    current = completion_percent(units, done)
    return Requirement(Rule.COMPLETION, Decimal(str(current)) >= Decimal(str(required)), current, float(required),
                       subject=subject)
