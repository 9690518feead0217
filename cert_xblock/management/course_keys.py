"""Course keys typed on a management command's line, refused with a clear error when malformed or unknown."""
from __future__ import annotations

from django.core.management.base import CommandError
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform


def existing_course_key(text: str) -> CourseKey:
    """The course named by ``text``; a CommandError (exit status 1) names the mistake otherwise."""
    try:
        course_key = CourseKey.from_string(text)
    except InvalidKeyError:
        raise CommandError(f"'{text}' is not a course key; expected one like course-v1:ORG+COURSE+RUN") from None
    if not platform.course_exists(course_key):
        raise CommandError(f"course {course_key} does not exist on this site")
    return course_key
