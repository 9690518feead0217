"""How a grade reads: a platform grade (0..1) as a percentage without float noise, and as text.

Shared by the decision (``issuing.eligibility``), the public record, the learner and staff views, and reports, so one
grade reads the same everywhere.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent_text(value: float | None) -> str:
    """A percentage as learners read it, to one decimal without trailing zeros: 66.67 → "66.7%", 70.0 → "70%"."""
    if value is None:
        return ""
    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return f"{number:f}%"


def grade_text(fraction: float) -> str:
    """A stored grade (0..1) as printed on certificates and the verify page: the figure the learner's view shows."""
    return percent_text(to_percent(fraction))


def to_percent(fraction: float) -> float:
    """A platform grade (0..1, two decimals) as a percentage without float noise: 0.29 → 29.0."""
    return float((Decimal(str(fraction)) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
