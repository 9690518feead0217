"""Grading arithmetic: the platform's own per-assignment-type figure and its rounding of a mark, never re-derived.

On master the Progress page's per-type figures come from the course home progress API,
``aggregate_assignment_type_grade_summary(course_grade, grading_policy, has_staff_access)``
(lms/djangoapps/course_home_api/progress/api.py): every graded subsection of the type is one mark, ``earned /
possible`` (a graded subsection worth no points is a 0), padded with zeros to ``min_count``, the ``drop_count``
lowest dropped, and scores whose correctness the learner may not see yet (``show_correctness``) kept out of the
numerator; ``average_grade`` is rounded away from zero to 4 decimals. Releases without that API show the grader's
figure: ``AssignmentFormatGrader(type, min_count, drop_count).grade(grade_sheet)['percent']`` (xmodule/graders.py)
over the subsections with points, each mark rounded by ``compute_percent`` (lms/djangoapps/grades/scores.py: 4
decimals on master, 2 on older releases), more drops than marks giving 0 (``total_with_drops``). The seam asks
whichever the platform has; both read the same duck-typed subsection grades (``graded_total``, ``format``,
``show_correctness``, ``due``, ``show_grades``), built here from the learner's persisted grades on their own
structure, as ``CourseGrade.chapter_grades`` would hold them.
"""
from __future__ import annotations

from collections import OrderedDict, namedtuple
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cert_xblock.platform import backend
from cert_xblock.platform.types import AssignmentType

# The shape of ``AggregatedScore`` as ``graded_total`` carries it (xmodule/graders.py).
GradedTotal = namedtuple("GradedTotal", ["earned", "possible"])


@dataclass(frozen=True)
class GradedMark:
    """One graded subsection of a type, as the learner has it: points, and when its correctness shows."""

    usage_key: str
    display_name: str
    earned: float
    possible: float
    show_correctness: str = "always"
    due: datetime | None = None


@dataclass(frozen=True)
class _SubsectionGrade:
    """What the platform's aggregations read of one ``SubsectionGrade``."""

    location: str
    display_name: str
    format: str
    graded_total: GradedTotal
    percent_graded: float
    show_correctness: str
    due: datetime | None
    graded: bool = True

    def show_grades(self, has_staff_access: bool) -> bool:
        """``SubsectionGradeBase.show_grades`` (lms/djangoapps/grades/subsection_grade.py)."""
        from xblock.scorable import ShowCorrectness

        if self.show_correctness == ShowCorrectness.NEVER_BUT_INCLUDE_GRADE:
            return True
        return ShowCorrectness.correctness_available(self.show_correctness, self.due, has_staff_access)


def mark(earned: float, possible: float) -> float:
    """One subsection's mark (0..1) as the platform rounds it: ``compute_percent``; 0.0 when nothing is possible."""
    return float(backend.current().compute_percent(earned, possible))


def assignment_type_fraction(kind: AssignmentType, marks: list[GradedMark]) -> float:
    """The learner's figure (0..1) for one assignment type, as the platform's Progress page computes it.

    ``marks``: each graded subsection of the type in the learner's own structure, in course order.
    """
    chosen = backend.current()
    grades = [_SubsectionGrade(m.usage_key, m.display_name, kind.type, GradedTotal(m.earned, m.possible),
                               mark(m.earned, m.possible), m.show_correctness, m.due) for m in marks]
    summary = chosen.aggregate_assignment_type_grade_summary
    if summary is not None:
        course_grade = type("CourseGradeView", (), {"chapter_grades": {"all": {"sections": grades}}})()
        policy = {"GRADER": [{"type": kind.type, "min_count": kind.min_count, "drop_count": kind.drop_count,
                              "weight": kind.weight, "short_label": kind.short_label}]}
        rows = summary(course_grade, policy, has_staff_access=False)["results"]
        return float(next((row["average_grade"] for row in rows if row["type"] == kind.type), 0.0))
    sheet: dict[str, Any] = {kind.type: OrderedDict((g.location, g) for g in grades if g.graded_total.possible > 0)}
    grader = chosen.AssignmentFormatGrader(kind.type, kind.min_count, kind.drop_count,
                                           short_label=kind.short_label or None)
    return float(grader.grade(sheet)["percent"])
