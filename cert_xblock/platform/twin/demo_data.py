"""The demo's course and learners, in the twin's platform tables. Safe to run again."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.twin.models import (
    CourseAccessRole,
    CourseEnrollment,
    CourseMode,
    CourseOverview,
    PersistentCourseGrade,
    UserProfile,
)

# username, full name, mode, (percent, letter) or None for "no grade yet"
LEARNERS = [
    ("ada", "Ada Lovelace", "verified", (0.92, "A")),
    ("ben", "Benoît Dupont", "verified", (0.64, "")),
    ("chen", "Chen Jing", "verified", None),
    ("dana", "Dana Ørsted", "audit", (0.88, "B")),
    ("staff", "Sam Staff", "verified", None),  # global staff
    ("cara", "Cara Course-Staff", "verified", None),
    ("ivan", "Ivan Instructor", "verified", None),
    ("olga", "Olga Org-Staff", "verified", None),
    ("eva", "Eva Lindqvist", "verified", (0.81, "B")),  # an Explorer: her own course has a fourth section
]
# The pathway scenario's first course: username -> (percent, letter) there ('' letter: failing). Ada passed it
# (so she earns the pathway certificate), Ben passed it but not CERT101, Dana failed it.
FOUNDATIONS = "course-v1:DemoX+CERT100+2026"
FOUNDATIONS_GRADES = {"ada": (0.85, "B"), "ben": (0.78, "C"), "dana": (0.41, "")}
# Course team: course-level roles, and an org-wide one (course_id blank), as the platform keeps them.
ROLES = [("cara", "staff", True), ("ivan", "instructor", True), ("olga", "staff", False)]


def _demo_images(course_key: CourseKey) -> None:
    """A logo and a handwritten-looking signature in the course's Files & Uploads (drawn, not shipped)."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    from cert_xblock.platform.twin.assets import assets_dir

    folder = assets_dir(course_key)
    folder.mkdir(parents=True, exist_ok=True)
    logo = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.ellipse((8, 8, 232, 232), fill=(31, 78, 121, 255))
    draw.ellipse((40, 40, 200, 200), outline=(255, 255, 255, 255), width=10)
    draw.polygon([(120, 60), (175, 170), (65, 170)], fill=(245, 166, 35, 255))
    signature = Image.new("RGBA", (420, 140), (0, 0, 0, 0))
    pen = ImageDraw.Draw(signature)
    points = [(20 + x * 4, 80 + int(30 * __import__("math").sin(x / 6.0)) - x // 5) for x in range(95)]
    pen.line(points, fill=(20, 30, 80, 255), width=5, joint="curve")
    pen.line([(60, 115), (380, 105)], fill=(20, 30, 80, 255), width=3)
    for name, image in (("demo-logo.png", logo), ("signature-hopper.png", signature)):
        buffer = BytesIO()
        image.save(buffer, "PNG")
        (folder / name).write_bytes(buffer.getvalue())


def seed_demo() -> CourseKey:
    """Create (or refresh) the demo course, its learners, enrollments and persisted grades."""
    course_key = CourseKey.from_string(settings.CERT_XBLOCK_TWIN_COURSE)
    CourseOverview.objects.update_or_create(id=course_key, defaults={
        "display_name": "Certificates 101: Open Learning in Practice", "org": course_key.org,
        "display_organization": "Demo University", "lowest_passing_grade": "0.70",
        "start": datetime(2026, 1, 5, tzinfo=UTC), "end": datetime(2026, 12, 18, tzinfo=UTC),
    })
    _demo_images(course_key)
    # The verified track, upgradeable for a year from seeding: the platform shows audit learners an upgrade only
    # before the verified mode's deadline (``can_show_verified_upgrade``).
    CourseMode.objects.update_or_create(course_id=course_key, mode_slug="verified", currency="usd", defaults={
        "mode_display_name": "Verified", "min_price": 49,
        "expiration_datetime": datetime.now(UTC) + timedelta(days=365)})
    users = get_user_model().objects
    for username, full_name, mode, grade in LEARNERS:
        user, _ = users.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
        if username == "staff" and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        UserProfile.objects.update_or_create(user=user, defaults={"name": full_name})
        CourseEnrollment.objects.update_or_create(user=user, course_id=course_key,
                                                  defaults={"mode": mode, "is_active": True})
        if grade is None:
            PersistentCourseGrade.objects.filter(user_id=user.pk, course_id=course_key).delete()
            continue
        percent, letter = grade
        PersistentCourseGrade.objects.update_or_create(user_id=user.pk, course_id=course_key, defaults={
            "percent_grade": percent, "letter_grade": letter, "grading_policy_hash": "demo",
            "passed_timestamp": datetime(2026, 11, 1, tzinfo=UTC) if letter else None,
        })
    _seed_foundations(users)
    from cert_xblock.platform.twin.demo_coursework import seed_coursework

    seed_coursework(course_key)
    for username, role, course_level in ROLES:
        CourseAccessRole.objects.get_or_create(user=users.get(username=username), org=course_key.org, role=role,
                                               course_id=course_key if course_level else None)
    return course_key


def _seed_foundations(users) -> None:
    """The demo's second course, which the pathway scenario lists, with a few of the demo learners' grades."""
    course_key = CourseKey.from_string(FOUNDATIONS)
    CourseOverview.objects.update_or_create(id=course_key, defaults={
        "display_name": "Foundations of Open Learning", "org": course_key.org,
        "display_organization": "Demo University", "lowest_passing_grade": "0.60",
        "start": datetime(2025, 9, 1, tzinfo=UTC), "end": datetime(2025, 12, 19, tzinfo=UTC),
    })
    for username, (percent, letter) in FOUNDATIONS_GRADES.items():
        user = users.get(username=username)
        CourseEnrollment.objects.update_or_create(user=user, course_id=course_key,
                                                  defaults={"mode": "verified", "is_active": True})
        PersistentCourseGrade.objects.update_or_create(user_id=user.pk, course_id=course_key, defaults={
            "percent_grade": percent, "letter_grade": letter, "grading_policy_hash": "demo",
            "passed_timestamp": datetime(2025, 12, 1, tzinfo=UTC) if letter else None,
        })
