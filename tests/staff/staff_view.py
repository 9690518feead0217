"""What the browser tests read of the staff view: a count tile and a learner's row."""
from __future__ import annotations


def tile_count(page, key) -> int:
    """The figure on the dashboard's ``key`` tile (eligible, issued, revoked…)."""
    return int(page.locator(f"[data-count='{key}'] .cert-xblock-staff__count").inner_text())


def learner_row(page, username):
    """The learner list's row of one learner."""
    return page.locator(f".cert-xblock-staff__learners tr[data-username='{username}']")
