"""``manage.py twin_coursework USERNAME``: a demo learner's subsection grades and completed units.

For trying lesson certificates and the assignment-type and completion rules with your own learners, and for tests
that need a learner exactly at or just below a threshold. The learner must exist (``twin_learner``).
"""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.twin.demo_coursework import set_work


def _score(text: str) -> tuple[str, tuple[float, float]]:
    try:
        subsection, points = text.split("=")
        earned, possible = (float(part) for part in points.split("/"))
    except ValueError:
        raise CommandError(f"--score takes SUBSECTION=EARNED/POSSIBLE, e.g. hw1=6/10, not {text!r}") from None
    return subsection, (earned, possible)


class Command(BaseCommand):
    help = "Set a demo learner's persisted subsection grades and how many units they have completed."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--score", action="append", default=[],
                            help="A subsection grade, e.g. hw1=6/10 (demo subsections: hw1, hw2, final_exam)")
        parser.add_argument("--units", type=int, help="Units completed, counted in course order (the demo has 10)")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no learner {options['username']}: add them with twin_learner first")
        course_key = CourseKey.from_string(settings.CERT_XBLOCK_TWIN_COURSE)
        set_work(course_key, user, dict(_score(text) for text in options["score"]), options["units"])
        self.stdout.write(f"{user.username}: {len(options['score'])} subsection grades, units {options['units']}")
