"""Every rule is decided on the learner's own course (issue 20, items 2 and 3): what the platform's access
transformers leave for them (``get_course_blocks(user, …)``): unreleased, staff-only, other-group content and a
library block's unselected children are not counted, and a unit is complete when every child they can see is."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.kinds.coursework import Coursework, further_requirements, section_requirements
from cert_xblock.platform.twin.coursework import BlockCompletion, PersistentSubsectionGrade, StructureBlock
from cert_xblock.platform.twin.learner_blocks import StudentModule, UserCourseTag
from cert_xblock.platform.types import CourseInfo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("platform_side")]
COURSE = CourseKey.from_string("course-v1:OwnX+O1+2026")
INFO = CourseInfo(COURSE, "Own", "OwnX", 0.7, None, None)
LATER = (datetime.now(UTC) + timedelta(days=30)).isoformat()
POLICY = {"GRADER": [{"type": "Homework", "min_count": 2, "drop_count": 0, "weight": 1.0}],
          "GRADE_CUTOFFS": {"Pass": 0.7}}
COHORT_PARTITION, AB_PARTITION = 50, 60


def key(kind: str, name: str) -> str:
    return str(COURSE.make_usage_key(kind, name))


def seed_structure() -> None:
    """Week 1: two released homeworks, two unreleased, one for cohort group 1 only, one staff-only; Week 2: a unit
    with a randomized library block (one of three problems) and a unit with an A/B test."""
    rows = [("course", "course", "", {"grading_policy": POLICY})]
    rows.append(("chapter", "week1", key("course", "course"), {"display_name": "Week 1"}))
    homeworks = {"hw1": {}, "hw2": {}, "hw3": {"start": LATER}, "hw4": {"start": LATER},
                 "hw_cohort": {"group_access": {str(COHORT_PARTITION): [1]}},
                 "hw_staff": {"visible_to_staff_only": True}}
    for name, extra in homeworks.items():
        rows.append(("sequential", name, key("chapter", "week1"), {"display_name": name, "graded": True,
                                                                    "format": "Homework", **extra}))
        rows.append(("vertical", f"{name}_u", key("sequential", name), {}))
        rows.append(("problem", f"{name}_p", key("vertical", f"{name}_u"), {"completable": True, "points": 10}))
    rows.append(("chapter", "week2", key("course", "course"), {"display_name": "Week 2"}))
    rows.append(("sequential", "labs", key("chapter", "week2"), {"display_name": "Labs"}))
    rows.append(("vertical", "lib_u", key("sequential", "labs"), {}))
    rows.append(("library_content", "lib", key("vertical", "lib_u"), {"max_count": 1}))
    rows += [("problem", f"lib_p{n}", key("library_content", "lib"), {"completable": True}) for n in (1, 2, 3)]
    rows.append(("vertical", "ab_u", key("sequential", "labs"), {}))
    rows.append(("split_test", "ab", key("vertical", "ab_u"), {
        "user_partition_id": AB_PARTITION, "group_id_to_child": {"0": key("html", "ab_a"), "1": key("html", "ab_b")}}))
    rows += [("html", name, key("split_test", "ab"), {"completable": True}) for name in ("ab_a", "ab_b")]
    StructureBlock.objects.bulk_create(
        StructureBlock(course_id=COURSE, usage_key=key(kind, name), block_type=kind, parent=parent, position=n,
                       fields=fields) for n, (kind, name, parent, fields) in enumerate(rows))


@pytest.fixture
def learner():
    seed_structure()
    user = get_user_model().objects.create(username="lin")
    for name in ("hw1", "hw2"):
        PersistentSubsectionGrade.objects.create(user_id=user.pk, course_id=COURSE,
                                                 usage_key=COURSE.make_usage_key("sequential", name),
                                                 earned_graded=10, possible_graded=10, earned_all=10, possible_all=10)
    UserCourseTag.objects.create(user=user, course_id=COURSE, key=f"xblock.partition_service.partition_{AB_PARTITION}",
                                 value="1")
    UserCourseTag.objects.create(user=user, course_id=COURSE,
                                 key=f"xblock.partition_service.partition_{COHORT_PARTITION}", value="2")
    StudentModule.objects.create(student=user, course_id=COURSE, module_type="library_content",
                                 module_state_key=COURSE.make_usage_key("library_content", "lib"),
                                 state=json.dumps({"selected": [["problem", "lib_p2"]]}))
    return user


def complete(user, *names: tuple[str, str]) -> None:
    for kind, name in names:
        BlockCompletion.objects.create(user=user, context_key=COURSE, block_key=COURSE.make_usage_key(kind, name),
                                       block_type=kind, completion=1.0)


def test_unreleased_other_group_and_staff_only_homeworks_are_not_counted(learner):
    work = Coursework(COURSE, [learner.pk])
    rules = CertificateSettings(grade_rule="none", assignment_minimums="Homework: 100")
    [homework] = further_requirements("cert", rules, work)[learner.pk]
    assert (homework.met, homework.current) == (True, 100.0)  # course-wide: 2 of 6 homeworks, 33.33
    lesson = CertificateSettings(kind="lesson", lesson_sections=key("chapter", "week1"),
                                 grade_rule="minimum_percent", minimum_percent=100)
    requirement = section_requirements("cert", lesson, INFO, work)[learner.pk]
    assert (requirement.met, requirement.current) == (True, 100.0)  # 20 of 20 points, not 20 of 60


def test_a_unit_with_a_library_block_or_an_ab_test_is_complete_with_the_learners_own_children(learner):
    complete(learner, ("problem", "lib_p2"), ("html", "ab_b"))
    rules = CertificateSettings(kind="lesson", lesson_sections=key("chapter", "week2"), grade_rule="none",
                                completion_percent=100)
    [completion] = further_requirements("cert", rules, Coursework(COURSE, [learner.pk]))[learner.pk]
    assert (completion.met, completion.current) == (True, 100.0)


def test_the_learners_own_unfinished_child_keeps_the_unit_incomplete(learner):
    complete(learner, ("problem", "lib_p1"), ("html", "ab_a"))  # children that are not theirs
    rules = CertificateSettings(kind="lesson", lesson_sections=key("chapter", "week2"), grade_rule="none",
                                completion_percent=50)
    [completion] = further_requirements("cert", rules, Coursework(COURSE, [learner.pk]))[learner.pk]
    assert (completion.met, completion.current) == (False, 0.0)
    assert completion.message() == "You need to complete 50% of Week 2; you have completed 0%. 50% to go."
