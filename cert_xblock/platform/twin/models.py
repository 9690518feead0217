"""Tables mirroring edx-platform's, with the same names, columns and indexes cert_xblock relies on."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField


class PersistentCourseGrade(models.Model):
    """Mirror of ``lms.djangoapps.grades.models.PersistentCourseGrade`` (table grades_persistentcoursegrade)."""

    user_id = models.IntegerField(blank=False, db_index=True)
    course_id = CourseKeyField(blank=False, max_length=255)
    course_edited_timestamp = models.DateTimeField(blank=True, null=True)
    course_version = models.CharField(blank=True, max_length=255)
    grading_policy_hash = models.CharField(blank=False, max_length=255)
    percent_grade = models.FloatField(blank=False)
    letter_grade = models.CharField(max_length=255, blank=False)  # '' when failing
    passed_timestamp = models.DateTimeField(blank=True, null=True)  # first pass, kept after
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "grades_persistentcoursegrade"
        unique_together = [("course_id", "user_id")]
        indexes = [
            models.Index(fields=["passed_timestamp", "course_id"], name="course_id_passed_timestamp"),
            models.Index(fields=["modified", "course_id"], name="modified_course_id"),
        ]

    # Per-course prefetch cache, as the platform keeps it on the class.
    _cache_key = "grades_cache.course_grades"
    _prefetched: dict = {}

    @classmethod
    def prefetch(cls, course_key, users) -> None:
        rows = cls.objects.filter(user_id__in=[u.id for u in users], course_id=course_key)
        cls._prefetched[course_key] = {row.user_id: row for row in rows}

    @classmethod
    def clear_prefetched_data(cls, course_key) -> None:
        cls._prefetched.pop(course_key, None)

    @classmethod
    def read(cls, user_id: int, course_id) -> PersistentCourseGrade:
        """The persisted row; raises DoesNotExist when the learner has none (as the platform does)."""
        cached = cls._prefetched.get(course_id)
        if cached is not None:
            try:
                return cached[user_id]
            except KeyError:
                raise cls.DoesNotExist(f"no grade for user {user_id} in {course_id}") from None
        return cls.objects.get(user_id=user_id, course_id=course_id)


class CourseOverview(models.Model):
    """Mirror of the LMS ``CourseOverview`` fields cert_xblock reads."""

    id = CourseKeyField(db_index=True, primary_key=True, max_length=255)
    display_name = models.TextField(null=True)
    org = models.TextField(max_length=255, default="outdated_entry")
    display_organization = models.TextField(null=True)
    lowest_passing_grade = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    start = models.DateTimeField(null=True)
    end = models.DateTimeField(null=True)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "course_overviews_courseoverview"

    @classmethod
    def get_from_id(cls, course_id) -> CourseOverview:
        return cls.objects.get(id=course_id)

    @property
    def display_org_with_default(self) -> str:
        return self.display_organization or self.org


class CourseEnrollment(models.Model):
    """Mirror of ``student.models.CourseEnrollment``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course_id = CourseKeyField(max_length=255, db_index=True)
    created = models.DateTimeField(auto_now_add=True, null=True, db_index=True)
    is_active = models.BooleanField(default=True)
    mode = models.CharField(default="audit", max_length=100)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "student_courseenrollment"
        unique_together = [("user", "course_id")]
        indexes = [models.Index(fields=["course_id", "created"], name="twin_enr_course_created")]

    @classmethod
    def get_enrollment(cls, user, course_key) -> CourseEnrollment | None:
        """The platform's read of one enrollment: the row, or None when the user never enrolled."""
        return cls.objects.filter(user=user, course_id=course_key).first()


class UserProfile(models.Model):
    """Mirror of ``student.models.UserProfile``: ``name`` is the full name the LMS prints.

    ``language`` is the platform's deprecated free text ("English"): nothing reads it; ``UserPreference`` holds
    the learner's language.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, unique=True, on_delete=models.CASCADE, related_name="profile")
    name = models.CharField(blank=True, max_length=255, db_index=True)
    language = models.CharField(blank=True, max_length=255)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "auth_userprofile"


class UserPreference(models.Model):
    """Mirror of ``openedx.core.djangoapps.user_api.models.UserPreference``: key ``pref-lang`` is the language."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, db_index=True, related_name="preferences",
                             on_delete=models.CASCADE)
    key = models.CharField(max_length=255, db_index=True)
    value = models.TextField()

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "user_api_userpreference"
        unique_together = [("user", "key")]

    @classmethod
    def get_preference_for_users(cls, user_ids, preference_key):
        """The platform's bulk read: the rows of one key for many users."""
        return cls.objects.filter(user__in=user_ids, key=preference_key)


class CourseMode(models.Model):
    """Mirror of ``common.djangoapps.course_modes.models.CourseMode``: a course's enrollment tracks, and the
    platform's rule of which tracks earn a certificate."""

    AUDIT = "audit"
    HONOR = "honor"

    course_id = CourseKeyField(max_length=255, db_index=True)
    mode_slug = models.CharField(max_length=100)
    mode_display_name = models.CharField(max_length=255)
    min_price = models.IntegerField(default=0)
    currency = models.CharField(default="usd", max_length=8)
    expiration_datetime = models.DateTimeField(default=None, null=True, blank=True)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "course_modes_coursemode"
        unique_together = [("course_id", "mode_slug", "currency")]

    @classmethod
    def is_eligible_for_certificate(cls, mode_slug: str, status: str | None = None) -> bool:
        """Audit never; honor not where ``FEATURES['DISABLE_HONOR_CERTIFICATES']``, unless the learner's
        platform certificate is already downloadable (common/djangoapps/course_modes/models.py)."""
        honor_disabled = getattr(settings, "FEATURES", {}).get("DISABLE_HONOR_CERTIFICATES", False)
        if mode_slug == cls.HONOR and honor_disabled:
            return status == "downloadable"
        return mode_slug != cls.AUDIT


# Platform tables the plugin side reads through the seam: Studio's published blocks, course roles, tracking log.
from cert_xblock.platform.twin.coursework import (  # noqa: E402,F401
    BlockCompletion,
    PersistentSubsectionGrade,
    PersistentSubsectionGradeOverride,
    StructureBlock,
)
from cert_xblock.platform.twin.learner_blocks import StudentModule, UserCourseTag  # noqa: E402,F401
from cert_xblock.platform.twin.modulestore import CourseBlock  # noqa: E402,F401
from cert_xblock.platform.twin.roles import CourseAccessRole, CourseMasquerade  # noqa: E402,F401
from cert_xblock.platform.twin.tracker import TrackedEvent  # noqa: E402,F401
