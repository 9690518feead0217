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


def seed_explorers(course: SeededCourse, every: int = 3) -> None:
    """Per-learner structures on a course seeded with the demo's structure: every ``every``-th learner is an
    Explorer (sees Week 4), in A/B group ``i % 2``, with a library pick; for ``bench/kinds_benchmark.py``."""
    import json

    from cert_xblock.platform.twin.demo_coursework import AB_TEST, EXPLORERS
    from cert_xblock.platform.twin.learner_blocks import PARTITION_TAG, StudentModule, UserCourseTag

    explorers = course.user_ids[::every]
    library = course.course_key.make_usage_key("library_content", "w4_library")
    UserCourseTag.objects.bulk_create([UserCourseTag(user_id=user_id, course_id=course.course_key,
                                                     key=PARTITION_TAG.format(id=partition), value=str(value))
                                       for i, user_id in enumerate(explorers)
                                       for partition, value in ((EXPLORERS[0], EXPLORERS[1]), (AB_TEST, i % 2))],
                                      batch_size=5000)
    StudentModule.objects.bulk_create([StudentModule(
        student_id=user_id, course_id=course.course_key, module_state_key=library, module_type="library_content",
        state=json.dumps({"selected": [["problem", f"w4_lib_p{1 + i % 3}"]]})) for i, user_id in enumerate(explorers)],
        batch_size=5000)


def seed_rules_course(learners: int, slug: str, all_hold_certificates: bool = False) -> SeededCourse:
    """A bulk-seeded course with the demo's structure (Week 4 for a third of the learners) whose block asks no
    grade, a Homework minimum of 60% and half the units completed: every learner has 9/10 in Homework 1 (one in
    seven 5/10) and the first six units done. For ``bench/kinds_benchmark.py``."""
    from opaque_keys.edx.keys import UsageKey

    from cert_xblock.platform.twin.coursework import BlockCompletion, PersistentSubsectionGrade
    from cert_xblock.platform.twin.demo_coursework import seed_structure, unit_leaves

    course = seed_course(learners, slug=slug, all_hold_certificates=all_hold_certificates)
    seed_structure(course.course_key)
    seed_explorers(course)
    rules = CertificateSettings(grade_rule="none", assignment_minimums="Homework: 60", completion_percent=50)
    CertificateBlockConfig.objects.filter(block_id=course.block_id).update(settings=rules.to_dict())
    homework = course.course_key.make_usage_key("sequential", "hw1")
    PersistentSubsectionGrade.objects.bulk_create((PersistentSubsectionGrade(
        user_id=user_id, course_id=course.course_key, usage_key=homework, earned_graded=5 if i % 7 == 0 else 9,
        possible_graded=10, earned_all=9, possible_all=10) for i, user_id in enumerate(course.user_ids)),
        batch_size=5000)
    done = [UsageKey.from_string(key) for leaves in unit_leaves(course.course_key)[:6] for key in leaves]
    BlockCompletion.objects.bulk_create((BlockCompletion(user_id=user_id, context_key=course.course_key,
                                                         block_key=key, block_type=key.block_type, completion=1.0)
                                         for user_id in course.user_ids for key in done), batch_size=5000)
    return course
