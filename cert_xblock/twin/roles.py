"""Twin of the LMS's course roles (``student.models.CourseAccessRole``, table student_courseaccessrole).

Course staff are users with the ``staff`` or ``instructor`` role in the course, plus global staff, as
``has_access(user, 'staff', course_key)`` decides in the LMS.
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField
from opaque_keys.edx.keys import CourseKey

STAFF_ROLES = ("staff", "instructor")


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


def is_course_staff(user: Any, course_key: CourseKey) -> bool:
    """Global staff, or staff/instructor of this course."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    return CourseAccessRole.objects.filter(user=user, course_id=course_key, role__in=STAFF_ROLES).exists()
