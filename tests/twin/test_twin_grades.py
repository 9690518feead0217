"""The standalone twin behaves as the platform's grades API does (PLATFORM_FACTS.md, seed 001)."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.platform.twin.grades_api import CourseGradeFactory, GradeUpdateForbidden
from cert_xblock.platform.twin.models import PersistentCourseGrade

COURSE = CourseKey.from_string("course-v1:TwinX+T1+2026")
pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return get_user_model().objects.create(username="twin_learner")


def test_no_persisted_row_reads_as_a_zero_grade_that_has_not_passed(user):
    grade = platform.read_course_grade(user.pk, COURSE)
    assert (grade.percent, grade.passed, grade.letter, grade.attempted) == (0.0, False, None, False)
    assert not PersistentCourseGrade.objects.exists(), "a read must not create a row"


def test_passed_means_a_non_empty_letter_grade(user):
    PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=0.95, letter_grade="",
                                         grading_policy_hash="h")
    assert platform.read_course_grade(user.pk, COURSE).passed is False
    PersistentCourseGrade.objects.filter(user_id=user.pk).update(letter_grade="Pass")
    grade = platform.read_course_grade(user.pk, COURSE)
    assert (grade.passed, grade.letter) == (True, "Pass")


@pytest.mark.parametrize("stored", [0.125, 0.675, 0.6449, 0.0])
def test_percent_reads_back_as_stored_because_the_platform_rounds_only_when_computing(user, stored):
    PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=stored, letter_grade="",
                                         grading_policy_hash="h")
    assert CourseGradeFactory().read(user, course_key=COURSE, create_if_needed=False).percent == stored
    assert platform.read_course_grade(user.pk, COURSE).percent == stored


def test_a_failing_persisted_grade_reads_with_no_letter_as_the_platform_gives_it(user):
    PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=0.4, letter_grade="",
                                         grading_policy_hash="h")
    grade = CourseGradeFactory().read(user, course_key=COURSE, create_if_needed=False)
    assert (grade.letter_grade, grade.passed) == (None, False)


def test_a_read_that_may_compute_a_missing_grade_is_refused_as_the_lms_must_never_be_asked(user):
    """Older releases compute and save a grade when none is persisted unless create_if_needed=False."""
    with pytest.raises(GradeUpdateForbidden):
        CourseGradeFactory().read(user, course_key=COURSE)
    zero = CourseGradeFactory().read(user, course_key=COURSE, create_if_needed=False)
    assert (zero.percent, zero.passed, zero.letter_grade, zero.attempted) == (0.0, False, None, False)


def test_prefetch_serves_many_learners_in_one_query(django_assert_num_queries):
    users = [get_user_model().objects.create(username=f"p{i}") for i in range(5)]
    for i, u in enumerate(users[:3]):
        PersistentCourseGrade.objects.create(user_id=u.pk, course_id=COURSE, percent_grade=0.5 + i / 10,
                                             letter_grade="P", grading_policy_hash="h")
    with django_assert_num_queries(2):  # the users, then one prefetch of their grades
        grades = platform.read_course_grades([u.pk for u in users], COURSE)
    assert [grades[u.pk].passed for u in users] == [True, True, True, False, False]
    assert grades[users[4].pk].percent == 0.0, "learners without a persisted grade read as a zero grade"
    assert PersistentCourseGrade._prefetched.get(COURSE) is None, "the prefetch cache is cleared after use"


def test_update_is_refused_because_the_product_must_never_recompute(user):
    with pytest.raises(GradeUpdateForbidden):
        CourseGradeFactory().update(user, course_key=COURSE)
