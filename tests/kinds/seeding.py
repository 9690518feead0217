"""A pathway course in bulk, on top of ``tests.batch.seeding``: its certificate block lists other courses, and a
known part of the learners has not passed one of them. For the pathway tests and ``bench/kinds_benchmark.py``."""
from __future__ import annotations

from datetime import UTC, datetime

from opaque_keys.edx.keys import CourseKey

from cert_xblock.config.values import CertificateSettings
from cert_xblock.models import CertificateBlockConfig
from cert_xblock.platform.twin.models import CourseOverview, PersistentCourseGrade
from tests.batch.seeding import SeededCourse, seed_course

PASSED_AT = datetime(2026, 6, 1, tzinfo=UTC)
ALLOWLISTED_PROFILE = 8  # tests.batch.seeding: i % 10 == 8 is allowlisted, which no pathway course takes away


def listed_keys(slug: str, listed: int) -> list[CourseKey]:
    return [CourseKey.from_string(f"course-v1:PathX+{slug}L{n}+2026") for n in range(listed)]


def seed_pathway(learners: int, slug: str, listed: int = 2, all_hold_certificates: bool = False,
                 **rules: object) -> SeededCourse:
    """A seeded course whose block is a pathway over ``listed`` other courses. Learner ``i`` passed listed course
    ``n`` unless ``i % 7 == n`` (then 59%, below its 60% cutoff), so every ``i % 7 < listed`` misses one; the
    course's ``eligible`` loses them (the allowlisted keep their grant)."""
    course = seed_course(learners, slug=slug, all_hold_certificates=all_hold_certificates)
    keys = listed_keys(slug, listed)
    settings = CertificateSettings(kind="pathway", pathway_courses="\n".join(map(str, keys)), **rules)
    CertificateBlockConfig.objects.filter(block_id=course.block_id).update(settings=settings.to_dict())
    for n, key in enumerate(keys):
        CourseOverview.objects.update_or_create(id=key, defaults={
            "display_name": f"Pathway step {n + 1}", "org": "PathX", "lowest_passing_grade": "0.60"})
        PersistentCourseGrade.objects.bulk_create((PersistentCourseGrade(
            user_id=user_id, course_id=key, grading_policy_hash="seed",
            percent_grade=0.59 if i % 7 == n else 0.8, letter_grade="" if i % 7 == n else "Pass",
            passed_timestamp=None if i % 7 == n else PASSED_AT) for i, user_id in enumerate(course.user_ids)),
            batch_size=5000)
    course.eligible -= {user_id for i, user_id in enumerate(course.user_ids)
                        if i % 7 < listed and i % 10 != ALLOWLISTED_PROFILE}
    return course
