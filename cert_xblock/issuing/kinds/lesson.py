"""The lesson kind: a certificate for one or more sections of the course, earned by the graded work in them.

The lesson is the sections the author lists (``lesson_sections``), else the section that holds the block (its
parent chain in the course's structure). The learner's section grade is read, never computed:

    section grade = Σ earned_graded / Σ possible_graded over the lesson's graded subsections

where each subsection counts the learner's persisted subsection grade (an instructor's override applied), or, if
the learner never attempted it and so has no row, 0 earned of the course's points there. This is the sum the
Progress page's "Detailed grades" shows for those sections (each subsection's "earned/possible" points, as
``CourseGrade.chapter_grades`` builds them from ``ReadSubsectionGrade`` or ``ZeroSubsectionGrade`` in
lms/djangoapps/grades/subsection_grade.py); subsections worth no graded points are left out, as
``graded_subsections_by_format`` leaves them out of the course grade. Points weigh, not subsections: a 20-point
exam counts twice a 10-point homework, as it does in the points the learner sees.

The grade rule applies to that percentage: the block's minimum, or with "the course's passing grade" the course's
lowest passing cutoff (``CourseOverview.lowest_passing_grade``), or 50% when the course states none (the
platform's default grading policy cutoff, ``{"Pass": 0.5}`` in xmodule/course_block.py).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from cert_xblock.config.values import CertificateSettings
from cert_xblock.core.figures import to_percent
from cert_xblock.issuing.eligibility import Requirement, Rule
from cert_xblock.platform.types import CourseInfo, CourseOutline, Section, Subsection, SubsectionScore

# The platform's default passing cutoff when a course's grading policy names none (xmodule/course_block.py).
DEFAULT_PASSING = 0.5


def lesson_sections(block_id: str, rules: CertificateSettings, outline: CourseOutline) -> tuple[Section, ...]:
    """The sections the certificate is for: the author's list, else the one holding the block (may be none)."""
    if rules.section_ids:
        return outline.sections_named(rules.section_ids)
    holding = outline.section_holding(block_id)
    return (holding,) if holding is not None else ()


def lesson_subsection_keys(sections: tuple[Section, ...]) -> list[str]:
    """The usage keys of the lesson's graded subsections (the batch looks for grades in these)."""
    return [sub.usage_key for section in sections for sub in section.subsections if sub.graded]


def subsection_points(subsection: Subsection, scores: dict[str, SubsectionScore]) -> tuple[float, float]:
    """Graded points earned and possible in one subsection: the persisted grade, else 0 of the course's points
    (what ``ZeroSubsectionGrade`` counts for a subsection never attempted)."""
    score = scores.get(subsection.usage_key)
    return (score.earned_graded, score.possible_graded) if score is not None else (0.0, subsection.possible_graded)


def section_percent(sections: tuple[Section, ...], scores: dict[str, SubsectionScore]) -> float:
    """The learner's grade in these sections (0..100, two decimals): points earned over points possible."""
    earned = possible = 0.0
    for section in sections:
        for subsection in section.subsections:
            if not subsection.graded:
                continue
            sub_earned, sub_possible = subsection_points(subsection, scores)
            if sub_possible > 0:
                earned, possible = earned + sub_earned, possible + sub_possible
    if possible <= 0:
        return 0.0
    return float((Decimal(str(earned)) * 100 / Decimal(str(possible))).quantize(Decimal("0.01"),
                                                                                  rounding=ROUND_HALF_UP))


def required_section_percent(rules: CertificateSettings, course: CourseInfo) -> float:
    """The percentage the lesson asks for (0..100): the block's minimum or the course's passing cutoff."""
    if rules.grade_rule == "minimum_percent":
        return float(rules.minimum_percent)
    cutoff = course.lowest_passing_grade if course.lowest_passing_grade is not None else DEFAULT_PASSING
    return to_percent(cutoff)


def section_requirement(sections: tuple[Section, ...], scores: dict[str, SubsectionScore], required: float,
                        names: str | None = None, lesson_exists: bool | None = None) -> Requirement:
    """The lesson's primary requirement for one learner, over the lesson's sections as the learner has them
    (``names``: the lesson's names, even where a section is hidden from the learner); a lesson without sections can
    never be met."""
    current = section_percent(sections, scores)
    names = ", ".join(section.display_name for section in sections) if names is None else names
    exists = bool(sections) if lesson_exists is None else lesson_exists
    met = exists and bool(sections) and Decimal(str(current)) >= Decimal(str(required))
    # No persisted grade in any of the lesson's subsections: the platform's "no grade yet", not 0%.
    no_grade = not any(key in scores for key in lesson_subsection_keys(sections))
    return Requirement(Rule.SECTION_GRADE, met, current, required, subject=names, no_grade_yet=no_grade)
