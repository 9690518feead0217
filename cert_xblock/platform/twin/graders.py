"""Twin of the platform's grading arithmetic: ``compute_percent`` (lms/djangoapps/grades/scores.py),
``AssignmentFormatGrader`` (xmodule/graders.py) and the course home progress API's per-type aggregation
(``aggregate_assignment_type_grade_summary``, lms/djangoapps/course_home_api/progress/api.py), the parts
``cert_xblock.platform.grading`` calls.

``compute_percent`` rounds to ``MARK_DECIMALS`` places as master does (4; releases before the change used 2, and
``CERT_XBLOCK_TWIN_MARK_DECIMALS`` plays them). The progress API's aggregation is master's;
``CERT_XBLOCK_TWIN_PROGRESS_API = False`` plays a release without it (``progress_summary`` is then None). The
grader pads the type's marks to ``min_count`` with zeros, drops the ``drop_count`` lowest and averages the rest;
when the drops are as many as the marks or more, every mark is dropped and the average is 0, as the platform's
``total_with_drops`` leaves it.
"""
from __future__ import annotations

from typing import Any

from django.conf import settings

MARK_DECIMALS = 4


def compute_percent(earned: float, possible: float) -> float:
    """A mark, 0..1, rounded as the platform rounds it (``numpy.around``: half to even)."""
    if possible > 0:
        return round(earned / possible, getattr(settings, "CERT_XBLOCK_TWIN_MARK_DECIMALS", MARK_DECIMALS))
    return 0.0


class AssignmentFormatGrader:
    """The platform's grader of one assignment type, with its constructor's signature."""

    def __init__(self, type, min_count, drop_count, category=None, section_type=None,
                 short_label=None, show_only_average=False, hide_average=False, starting_index=1):
        self.type, self.min_count, self.drop_count = type, min_count, drop_count
        self.short_label = short_label or type

    def total_with_drops(self, breakdown: list[dict[str, Any]]) -> tuple[float, list[int]]:
        """The average of the marks left once the lowest ``drop_count`` are dropped, and the dropped indices."""
        lowest_last = sorted(range(len(breakdown)), key=lambda index: -breakdown[index]["percent"])
        dropped = lowest_last[-self.drop_count:] if self.drop_count > 0 else []
        kept = [mark["percent"] for index, mark in enumerate(breakdown) if index not in dropped]
        total = sum(kept)
        if len(breakdown) - self.drop_count > 0:
            total /= len(breakdown) - self.drop_count
        return total, dropped

    def grade(self, grade_sheet: dict[str, Any], generate_random_scores: bool = False) -> dict[str, Any]:
        scores = list(grade_sheet.get(self.type, {}).values())
        count = max(int(float(self.min_count)), len(scores))
        breakdown = [{"percent": scores[index].percent_graded if index < len(scores) else 0.0}
                     for index in range(count)]
        total, _dropped = self.total_with_drops(breakdown)
        return {"percent": total, "section_breakdown": breakdown}


def progress_summary() -> Any:
    """The twin's ``aggregate_assignment_type_grade_summary``, or None when it plays a release without it."""
    return aggregate_assignment_type_grade_summary if getattr(settings, "CERT_XBLOCK_TWIN_PROGRESS_API", True) else None


def round_away_from_zero(number: float, digits: int = 0) -> float:
    """``openedx.core.lib.grade_utils.round_away_from_zero``: halves away from zero, not to even."""
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(str(number)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def aggregate_assignment_type_grade_summary(course_grade: Any, grading_policy: dict, has_staff_access: bool = False
                                            ) -> dict[str, Any]:
    """The course home progress API's per-type figures (lms/djangoapps/course_home_api/progress/api.py): per type,
    ``min_count`` zero placeholders replaced by the subsections as they come (a graded subsection without points is
    a 0), the ``drop_count`` lowest removed, then the average of the scores the learner may see over all kept."""
    from xblock.scorable import ShowCorrectness

    policy = {entry.get("type"): entry for entry in grading_policy.get("GRADER", [])}
    buckets: dict[str, dict[str, Any]] = {}
    for chapter in course_grade.chapter_grades.values():
        for grade in chapter.get("sections", []):
            if not getattr(grade, "graded", False) or not getattr(grade, "format", ""):
                continue
            total = int(float(policy.get(grade.format, {}).get("min_count", 0) or 0))
            bucket = buckets.setdefault(grade.format, {"scores": [0] * total, "visible": [None] * total,
                                                       "total": total, "created": 0})
            if bucket["created"] < bucket["total"] and bucket["scores"]:
                bucket["scores"].pop(0)
                bucket["visible"].pop(0)
            earned, possible = grade.graded_total.earned or 0.0, grade.graded_total.possible or 0.0
            bucket["scores"].append(earned / possible if possible else 0.0)
            bucket["visible"].append(ShowCorrectness.correctness_available(grade.show_correctness, grade.due,
                                                                           has_staff_access))
            bucket["created"] += 1
    results = []
    for name, bucket in buckets.items():
        droppable = int(float(policy.get(name, {}).get("drop_count", 0) or 0))
        scores, visible = bucket["scores"], bucket["visible"]
        while droppable > 0 and scores:
            lowest = scores.index(min(scores))
            scores.pop(lowest)
            visible.pop(lowest)
            droppable -= 1
        shown = sum(score for score, seen in zip(scores, visible, strict=True) if seen)
        results.append({"type": name, "average_grade": round_away_from_zero(shown / len(scores), 4) if scores
                        else 0.0})
    return {"results": results}
