"""Twin of the LMS's course roles (``student.models.CourseAccessRole``, table student_courseaccessrole).

Roles are rows for a course (``course_id`` set) or for a whole organization (``course_id`` blank, ``org`` set), as
the platform keeps them. What they grant follows the platform: ``has_access(user, 'staff', course)`` is true for
course or org staff and instructors and for global staff; ``has_access(user, 'instructor', course)`` for course
or org instructors and global staff; Studio write access (``student/auth.py`` ``get_user_permissions``) for global
staff, instructors and staff of the course or org. The LMS seam asks authorship only in Studio's process; the twin
grants it wherever ``SERVICE_VARIANT`` is not ``lms`` (the workbench plays Studio for the editor).
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from opaque_keys.edx.django.models import CourseKeyField
from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.types import NO_ROLES, CourseRoles


class CourseAccessRole(models.Model):
    """Mirror of ``common.djangoapps.student.models.CourseAccessRole``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    org = models.CharField(max_length=64, db_index=True, blank=True)
    course_id = CourseKeyField(max_length=255, db_index=True, blank=True)
    role = models.CharField(max_length=64, db_index=True)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "student_courseaccessrole"
        unique_together = [("user", "org", "course_id", "role")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} {self.course_id}"


class CourseMasquerade(models.Model):
    """What the LMS keeps in the session under ``MASQUERADE_SETTINGS_KEY`` for one staff member and course
    (lms/djangoapps/courseware/masquerade.py ``CourseMasquerade``): ``role`` "student" or "staff", and the
    ``user_name`` of a specific learner viewed as, or blank. The workbench has no masquerade menu: tests and the
    demo write the row."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course_id = CourseKeyField(max_length=255)
    role = models.CharField(max_length=16, default="student")
    user_name = models.CharField(max_length=150, blank=True)

    class Meta:
        app_label = "cert_xblock_twin"
        unique_together = [("user", "course_id")]


def masquerade_of(user: Any, course_key: CourseKey) -> CourseMasquerade | None:
    """The twin's ``get_course_masquerade``: the staff member's masquerade in the course, or None."""
    found = CourseMasquerade.objects.filter(user=user, course_id=course_key).first()
    return found if found is not None and (found.user_name or found.role == "student") else None


def course_team(course_key: CourseKey) -> Any:
    """User ids (a subquery) of the course team: the course's or its org's staff, instructors and CCX coaches, and
    global staff (what the LMS's ``course_team`` collects from ``student.roles``)."""
    from django.contrib.auth import get_user_model

    org_wide = Q(org__iexact=course_key.org, course_id=CourseKeyField.Empty)
    rows = CourseAccessRole.objects.filter(Q(course_id=course_key) | org_wide,
                                           role__in=("staff", "instructor", "ccx_coach")).values("user_id")
    return get_user_model().objects.filter(Q(is_staff=True) | Q(pk__in=rows)).values("pk")


def course_roles(user: Any, course_key: CourseKey) -> CourseRoles:
    """The user's roles in the course, from their course-level and org-level role rows."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    org_wide = Q(org__iexact=course_key.org, course_id=CourseKeyField.Empty)
    held = set(CourseAccessRole.objects.filter(Q(course_id=course_key) | org_wide, user=user)
               .values_list("role", flat=True))
    global_staff = bool(user.is_staff)
    instructor = global_staff or "instructor" in held
    staff = instructor or "staff" in held
    in_studio = getattr(settings, "SERVICE_VARIANT", "workbench") != "lms"
    return CourseRoles(global_staff=global_staff, course_staff=staff, instructor=instructor,
                       author=in_studio and staff)
