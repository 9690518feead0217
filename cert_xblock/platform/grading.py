"""Grading arithmetic: the platform's own rounding of a mark and its own assignment-type average, never re-derived.

A subsection's mark is ``compute_percent(earned, possible)`` (lms/djangoapps/grades/scores.py): ``numpy.around`` to
four decimals on master, to two on older releases, so the seam asks the platform rather than choosing. An
assignment type's average is ``AssignmentFormatGrader(type, min_count, drop_count).grade(grade_sheet)['percent']``
(xmodule/graders.py): marks padded with zeros to ``min_count``, the ``drop_count`` lowest dropped
(``total_with_drops``: more drops than marks leaves nothing, which is 0), the rest averaged. The grade sheet is what
``CourseGrade.graded_subsections_by_format`` hands the grader: per format, subsection grades with ``graded_total``
(earned, possible), ``percent_graded``, ``display_name`` and ``location``.
"""
from __future__ import annotations

from collections import OrderedDict, namedtuple
from dataclasses import dataclass
from typing import Any

from cert_xblock.platform import backend
from cert_xblock.platform.types import AssignmentType

# The shape of ``AggregatedScore`` as ``graded_total`` carries it (xmodule/graders.py).
GradedTotal = namedtuple("GradedTotal", ["earned", "possible"])


@dataclass(frozen=True)
class _SheetEntry:
    """What ``AssignmentFormatGrader.grade`` reads of one ``SubsectionGrade`` on the grade sheet."""

    location: str
    display_name: str
    graded_total: GradedTotal
    percent_graded: float


def mark(earned: float, possible: float) -> float:
    """One subsection's mark (0..1) as the platform rounds it: ``compute_percent``; 0.0 when nothing is possible."""
    return float(backend.current().compute_percent(earned, possible))


def assignment_type_fraction(kind: AssignmentType, marks: list[tuple[str, str, float, float]]) -> float:
    """The learner's average (0..1) for one assignment type, as the platform's grader computes it.

    ``marks`` is (usage key, display name, earned, possible) of each of the learner's subsections of the type that
    the grader sees, in course order.
    """
    chosen = backend.current()
    sheet: dict[str, Any] = {kind.type: OrderedDict(
        (key, _SheetEntry(key, name, GradedTotal(earned, possible), mark(earned, possible)))
        for key, name, earned, possible in marks)}
    grader = chosen.AssignmentFormatGrader(kind.type, kind.min_count, kind.drop_count,
                                           short_label=kind.short_label or None)
    return float(grader.grade(sheet)["percent"])
