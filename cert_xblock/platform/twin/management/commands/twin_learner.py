"""``manage.py twin_learner USERNAME``: add or change a learner of the twin's demo course.

For trying the block with your own learners, and for tests that need a fresh one.
"""
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.twin.models import (
    CourseAccessRole,
    CourseEnrollment,
    CourseOverview,
    PersistentCourseGrade,
    UserPreference,
    UserProfile,
)


class Command(BaseCommand):
    help = "Create or update a learner in the twin's demo course, with an optional persisted grade."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="Full name as printed on certificates")
        parser.add_argument("--mode", default="verified", help="Enrollment mode (audit is not certificate-eligible)")
        parser.add_argument("--percent", type=float, help="Persisted course grade, 0..1; omit for no grade yet")
        parser.add_argument("--letter", default="", help="Letter grade; empty means failing (platform semantics)")
        parser.add_argument("--language", default="", help="Preferred language (the pref-lang preference), e.g. fr")
        parser.add_argument("--course", help="Another course of the twin (it must exist, e.g. the demo's "
                                                 "pathway course); default: the demo course")
        parser.add_argument("--role", choices=["staff", "instructor"],
                            help="Also make them course staff or instructor of the demo course (the staff view)")

    def handle(self, *args, **options):
        if options["percent"] is not None and not 0 <= options["percent"] <= 1:
            raise CommandError("--percent is a fraction between 0 and 1")
        course_key = CourseKey.from_string(options["course"] or settings.CERT_XBLOCK_TWIN_COURSE)
        if options["course"] and not CourseOverview.objects.filter(id=course_key).exists():
            raise CommandError(f"no course {course_key} in the twin: run seed_demo first")
        user, _ = get_user_model().objects.get_or_create(
            username=options["username"], defaults={"email": f"{options['username']}@example.com"})
        UserProfile.objects.update_or_create(user=user, defaults={"name": options["name"]})
        if options["language"]:
            UserPreference.objects.update_or_create(user=user, key="pref-lang",
                                                    defaults={"value": options["language"]})
        CourseEnrollment.objects.update_or_create(user=user, course_id=course_key,
                                                  defaults={"mode": options["mode"], "is_active": True})
        if options["percent"] is not None:
            letter = options["letter"]
            PersistentCourseGrade.objects.update_or_create(user_id=user.pk, course_id=course_key, defaults={
                "percent_grade": options["percent"], "letter_grade": letter, "grading_policy_hash": "cli",
                "passed_timestamp": datetime.now(UTC) if letter else None,
            })
        if options["role"]:
            CourseAccessRole.objects.get_or_create(user=user, org=course_key.org, course_id=course_key,
                                                   role=options["role"])
        self.stdout.write(f"{user.username} (id {user.pk}) in {course_key}")
