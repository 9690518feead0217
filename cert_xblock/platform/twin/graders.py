"""Twin of the platform's grading arithmetic: ``compute_percent`` (lms/djangoapps/grades/scores.py) and
``AssignmentFormatGrader`` (xmodule/graders.py), the parts ``cert_xblock.platform.grading`` calls.

``compute_percent`` rounds to ``MARK_DECIMALS`` places as master does (4; releases before the change used 2, and
``CERT_XBLOCK_TWIN_MARK_DECIMALS`` plays them). The grader pads the type's marks to ``min_count`` with zeros,
drops the ``drop_count`` lowest and averages the rest; when the drops are as many as the marks or more, every mark
is dropped and the average is 0, as the platform's ``total_with_drops`` leaves it.
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
