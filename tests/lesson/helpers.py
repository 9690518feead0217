"""The demo's lesson and rules scenarios by name, and learners with exact subsection grades and completions."""
from __future__ import annotations

from cert_xblock.deploy.demo.scenarios import COMPLETION_SCENARIO, LESSON_SCENARIO, RULES_SCENARIO, SCENARIOS
from tests import services
from tests.block.helpers import add_learner


def scenario(description: str) -> str:
    """The workbench's name for a demo scenario (``cert_xblock.<position>``), whatever its position."""
    return f"cert_xblock.{[text for text, _ in SCENARIOS].index(description)}"


LESSON = scenario(LESSON_SCENARIO)
RULES = scenario(RULES_SCENARIO)
COMPLETION = scenario(COMPLETION_SCENARIO)
COURSE_BLOCK = "cert_xblock.0"  # the course's passing grade (70%)


def add_worker(server: services.Workbench, username: str, *, percent: float, letter: str = "",
               scores: dict[str, str], units: int = 0) -> None:
    """A verified learner with a persisted course grade, subsection grades ("hw1": "6/10") and completed units."""
    add_learner(server, username, username.title(), percent=percent, letter=letter)
    args = ["twin_coursework", username, "--units", str(units)]
    for subsection, points in scores.items():
        args += ["--score", f"{subsection}={points}"]
    services.django_admin(args, server.env)
