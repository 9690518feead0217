"""A course with the demo's structure, a lesson block, a rules block and learners with given coursework."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock.config.stored import save_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.deploy.demo.scenarios import LESSON_SCENARIO
from cert_xblock.issuing.batch.runner import BatchBlock
from cert_xblock.issuing.issuance import BlockRef
from cert_xblock.models import CertificateBlockConfig
from cert_xblock.platform.twin.coursework import PersistentSubsectionGrade
from cert_xblock.platform.twin.demo_coursework import seed_structure, set_work, workbench_usage_id
from cert_xblock.platform.twin.models import CourseEnrollment, CourseOverview, PersistentCourseGrade, UserProfile
from tests.batch.seeding import SeededCourse, seed_course

# The structure rows put this block in Week 1 (the demo's lesson scenario), so "its section" is Week 1.
LESSON_BLOCK = workbench_usage_id(LESSON_SCENARIO)
LESSON_RULES = CertificateSettings(kind="lesson", grade_rule="minimum_percent", minimum_percent=80,
                                   certificate_title="Week 1")
RULES = CertificateSettings(grade_rule="minimum_percent", minimum_percent=50, assignment_minimums="Homework: 60",
                            completion_percent=80)
COMPLETION_RULES = CertificateSettings(grade_rule="none", completion_percent=80)


@dataclass
class Course:
    course_key: CourseKey
    lesson: BatchBlock
    rules: BatchBlock
    completion: BatchBlock
    users: dict[str, int] = field(default_factory=dict)


def seed(slug: str, learners: dict[str, tuple[float, dict[str, tuple[float, float]], int]],
         mode: str = "verified") -> Course:
    """``learners``: username → (course percent, subsection id → (earned, possible), units completed)."""
    course_key = CourseKey.from_string(f"course-v1:LessonX+{slug}+2026")
    CourseOverview.objects.create(id=course_key, display_name=f"Lessons {slug}", org="LessonX",
                                  lowest_passing_grade="0.70")
    seed_structure(course_key)
    course = Course(course_key, BatchBlock(BlockRef(LESSON_BLOCK, course_key), LESSON_RULES),
                    BatchBlock(BlockRef(f"block-v1:LessonX+{slug}+2026+type@cert_xblock+block@rules", course_key),
                               RULES),
                    BatchBlock(BlockRef(f"block-v1:LessonX+{slug}+2026+type@cert_xblock+block@done", course_key),
                               COMPLETION_RULES))
    for block in (course.lesson, course.rules, course.completion):
        save_block_config(block.ref.block_id, course_key, block.rules)
    for username, (percent, scores, units) in learners.items():
        user = get_user_model().objects.create(username=f"{slug}-{username}", email=f"{slug}-{username}@example.org")
        UserProfile.objects.create(user=user, name=username.title())
        CourseEnrollment.objects.create(user=user, course_id=course_key, mode=mode)
        passed = percent >= 0.7
        PersistentCourseGrade.objects.create(user_id=user.pk, course_id=course_key, percent_grade=percent,
                                             letter_grade="Pass" if passed else "", grading_policy_hash="h",
                                             passed_timestamp="2026-11-01T00:00:00Z" if passed else None)
        set_work(course_key, user, scores, units)
        course.users[username] = user.pk
    return course


def seed_lesson_course(learners: int, slug: str, all_hold_certificates: bool = False) -> SeededCourse:
    """A bulk-seeded course (``tests.batch.seeding``) whose block is a lesson on Week 1 at 80%, with the demo's
    structure: learner ``i`` has 9/10 in Homework 1, except every seventh (7/10, below the bar). For
    ``bench/kinds_benchmark.py``."""
    course = seed_course(learners, slug=slug, all_hold_certificates=all_hold_certificates)
    seed_structure(course.course_key)
    week1 = str(course.course_key.make_usage_key("chapter", "week1"))
    rules = CertificateSettings(kind="lesson", lesson_sections=week1, grade_rule="minimum_percent",
                                minimum_percent=80)
    CertificateBlockConfig.objects.filter(block_id=course.block_id).update(settings=rules.to_dict())
    homework = course.course_key.make_usage_key("sequential", "hw1")
    PersistentSubsectionGrade.objects.bulk_create((PersistentSubsectionGrade(
        user_id=user_id, course_id=course.course_key, usage_key=homework, earned_graded=7 if i % 7 == 0 else 9,
        possible_graded=10, earned_all=7 if i % 7 == 0 else 9, possible_all=10)
        for i, user_id in enumerate(course.user_ids)), batch_size=5000)
    return course
