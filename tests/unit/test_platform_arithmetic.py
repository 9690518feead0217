"""Marks and assignment-type averages come from the platform's own arithmetic, through the seam: each test runs
against the twin and against the seam's LMS code over doubles of ``compute_percent`` and ``AssignmentFormatGrader``
(issue 20, items 1 and 5)."""
from __future__ import annotations

import pytest

from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.kinds.rules import assignment_requirements, assignment_type_average
from cert_xblock.platform.types import AssignmentType, CourseOutline, Section, Subsection, SubsectionScore

pytestmark = pytest.mark.usefixtures("platform_side")


def homework_course(*points: float, min_count: int = 1, drop_count: int = 0) -> CourseOutline:
    subsections = tuple(Subsection(f"hw{n}", f"Homework {n}", True, "Homework", value)
                        for n, value in enumerate(points, start=1))
    return CourseOutline((Section("week", "Week", subsections),),
                         (AssignmentType("Homework", min_count, drop_count, 1.0, "HW"),))


def test_two_thirds_at_a_67_percent_minimum_is_refused_as_the_platform_rounds_it():
    course = homework_course(3)
    rules = CertificateSettings(grade_rule="none", assignment_minimums="Homework: 67")
    [requirement] = assignment_requirements(rules, course, {"hw1": SubsectionScore(2, 3)})
    assert (requirement.met, requirement.current) == (False, 66.67)  # compute_percent: 0.6667, not 0.67
    [at_66] = assignment_requirements(CertificateSettings(grade_rule="none", assignment_minimums="Homework: 66"),
                                      course, {"hw1": SubsectionScore(2, 3)})
    assert at_66.met


def test_the_minimum_is_compared_with_the_graders_unrounded_average():
    # marks 0.6667 and 0.6732: average 0.66995, shown 67.0 but below a 67% minimum
    course = homework_course(3, 1000, min_count=2)
    scores = {"hw1": SubsectionScore(2, 3), "hw2": SubsectionScore(673.2, 1000)}
    [requirement] = assignment_requirements(CertificateSettings(grade_rule="none", assignment_minimums="Homework: 67"),
                                            course, scores)
    assert requirement.met is False


def test_more_drops_than_marks_gives_zero():
    course = homework_course(10, 10, min_count=2, drop_count=3)
    scores = {"hw1": SubsectionScore(10, 10), "hw2": SubsectionScore(9, 10)}
    assert assignment_type_average(course.assignment_types[0], course, scores) == 0.0
    [requirement] = assignment_requirements(CertificateSettings(grade_rule="none", assignment_minimums="Homework: 50"),
                                            course, scores)
    assert (requirement.met, requirement.current) == (False, 0.0)


def test_as_many_drops_as_marks_gives_zero_and_one_fewer_keeps_the_best():
    course = homework_course(10, 10, min_count=2, drop_count=2)
    scores = {"hw1": SubsectionScore(10, 10), "hw2": SubsectionScore(9, 10)}
    assert assignment_type_average(course.assignment_types[0], course, scores) == 0.0
    keeping_one = homework_course(10, 10, min_count=2, drop_count=1)
    assert assignment_type_average(keeping_one.assignment_types[0], keeping_one, scores) == 100.0


def test_a_graded_subsection_worth_no_points_counts_as_a_zero_on_the_progress_page():
    course = CourseOutline((Section("week", "Week", (
        Subsection("hw1", "Homework 1", True, "Homework", 10), Subsection("hw0", "Survey", True, "Homework", 0))),),
        (AssignmentType("Homework", 1, 0, 1.0, "HW"),))
    assert assignment_type_average(course.assignment_types[0], course, {"hw1": SubsectionScore(10, 10)}) == 50.0


def test_a_score_whose_correctness_is_hidden_stays_out_of_the_numerator():
    course = CourseOutline((Section("week", "Week", (
        Subsection("hw1", "Homework 1", True, "Homework", 10, show_correctness="never"),
        Subsection("hw2", "Homework 2", True, "Homework", 10))),), (AssignmentType("Homework", 2, 0, 1.0, "HW"),))
    scores = {"hw1": SubsectionScore(10, 10), "hw2": SubsectionScore(5, 10)}
    assert assignment_type_average(course.assignment_types[0], course, scores) == 25.0  # (0 + 0.5) / 2
    [requirement] = assignment_requirements(CertificateSettings(grade_rule="none", assignment_minimums="Homework: 50"),
                                            course, scores)
    assert requirement.met is False
