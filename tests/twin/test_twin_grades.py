"""The standalone twin behaves as the platform's grades API does (PLATFORM_FACTS.md, seed 001)."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock import compat
from cert_xblock.twin.grades_api import CourseGradeFactory, GradeUpdateForbidden, round_away_from_zero
from cert_xblock.twin.models import PersistentCourseGrade

COURSE = CourseKey.from_string("course-v1:TwinX+T1+2026")
pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return get_user_model().objects.create(username="twin_learner")


def test_no_persisted_row_reads_as_a_zero_grade_that_has_not_passed(user):
    grade = compat.read_course_grade(user.pk, COURSE)
    assert (grade.percent, grade.passed, grade.letter, grade.attempted) == (0.0, False, None, False)
    assert not PersistentCourseGrade.objects.exists(), "a read must not create a row"


def test_passed_means_a_non_empty_letter_grade(user):
    PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=0.95, letter_grade="",
                                         grading_policy_hash="h")
    assert compat.read_course_grade(user.pk, COURSE).passed is False
    PersistentCourseGrade.objects.filter(user_id=user.pk).update(letter_grade="Pass")
    grade = compat.read_course_grade(user.pk, COURSE)
    assert (grade.passed, grade.letter) == (True, "Pass")


@pytest.mark.parametrize("raw, shown", [(0.125, 0.13), (0.675, 0.68), (0.6449, 0.64), (0.0, 0.0)])
def test_percent_is_rounded_half_away_from_zero_to_two_places(user, raw, shown):
    PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=raw, letter_grade="",
                                         grading_policy_hash="h")
    assert compat.read_course_grade(user.pk, COURSE).percent == shown
    assert round_away_from_zero(-0.125, 2) == -0.13


def test_prefetch_serves_many_learners_in_one_query(django_assert_num_queries):
    users = [get_user_model().objects.create(username=f"p{i}") for i in range(5)]
    for i, u in enumerate(users[:3]):
        PersistentCourseGrade.objects.create(user_id=u.pk, course_id=COURSE, percent_grade=0.5 + i / 10,
                                             letter_grade="P", grading_policy_hash="h")
    with django_assert_num_queries(2):  # the users, then one prefetch of their grades
        grades = compat.read_course_grades([u.pk for u in users], COURSE)
    assert [grades[u.pk].passed for u in users] == [True, True, True, False, False]
    assert PersistentCourseGrade._prefetched.get(COURSE) is None, "the prefetch cache is cleared after use"


def test_update_is_refused_because_the_product_must_never_recompute(user):
    with pytest.raises(GradeUpdateForbidden):
        CourseGradeFactory().update(user, course_key=COURSE)
