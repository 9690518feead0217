"""``manage.py seed_demo``: the demo course and learners in the twin's tables."""
from django.core.management.base import BaseCommand

from cert_xblock.platform.twin.demo_data import LEARNERS, seed_demo


class Command(BaseCommand):
    help = "Create the demo course, learners, enrollments and grades in the standalone twin."

    def handle(self, *args, **options):
        course_key = seed_demo()
        self.stdout.write(f"Demo course {course_key} with learners: {', '.join(u for u, *_ in LEARNERS)}")
