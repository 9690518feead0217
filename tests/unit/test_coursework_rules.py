"""The arithmetic of the lesson and rule requirements, against the platform's: section points, the Progress
page's assignment-type average (xmodule/graders.py ``AssignmentFormatGrader``) and unit completion."""
from __future__ import annotations

from cert_xblock.issuing.kinds.lesson import section_percent
from cert_xblock.issuing.kinds.rules import assignment_type_average, completion_percent
from cert_xblock.platform import backend
from cert_xblock.platform.types import AssignmentType, CourseOutline, Section, Subsection, SubsectionScore, Unit


def outline(*subsections: Subsection, types: tuple[AssignmentType, ...] = ()) -> CourseOutline:
    return CourseOutline((Section("chapter", "Week", subsections),), types)


def homework(n: int, points: float = 10) -> Subsection:
    return Subsection(f"hw{n}", f"Homework {n}", True, "Homework", points)


def scores(**points: tuple[float, float]) -> dict[str, SubsectionScore]:
    return {key: SubsectionScore(*value) for key, value in points.items()}


def test_the_homework_average_drops_the_lowest_and_pads_to_the_minimum_count():
    course = outline(homework(1), homework(2), homework(3))
    dropping = AssignmentType("Homework", min_count=3, drop_count=1, weight=0.3)
    # marks 0.9, 0.4, 0.7: the lowest (0.4) dropped, (0.9 + 0.7) / 2
    assert assignment_type_average(dropping, course, scores(hw1=(9, 10), hw2=(4, 10), hw3=(7, 10))) == 80.0
    padded = AssignmentType("Homework", min_count=5, drop_count=0, weight=0.3)
    # five expected, three exist: two zeros, (0.9 + 0.4 + 0.7) / 5
    assert assignment_type_average(padded, course, scores(hw1=(9, 10), hw2=(4, 10), hw3=(7, 10))) == 40.0


def test_each_release_line_rounds_a_mark_as_its_progress_page_does_and_an_unattempted_one_is_zero(settings):
    course = outline(homework(1, points=3), homework(2))
    kind = AssignmentType("Homework", min_count=2, drop_count=0, weight=0.5)
    # master's progress API: 2/3 unrounded, hw2 never attempted is 0, the average to 4 decimals: 0.3333
    assert assignment_type_average(kind, course, scores(hw1=(2, 3))) == 33.33
    settings.CERT_XBLOCK_TWIN_PROGRESS_API = False  # a release with the grader's figure: compute_percent's 0.6667
    backend.current.cache_clear()
    try:
        assert assignment_type_average(kind, course, scores(hw1=(2, 3))) == 33.34
        settings.CERT_XBLOCK_TWIN_MARK_DECIMALS = 2  # and before compute_percent's change: 0.67
        assert assignment_type_average(kind, course, scores(hw1=(2, 3))) == 33.5
    finally:
        backend.current.cache_clear()


def test_the_section_grade_weighs_points_and_skips_subsections_worth_nothing():
    course = outline(homework(1, points=10), Subsection("exam", "Exam", True, "Exam", 30),
                     Subsection("quiz", "Quiz", True, "Quiz", 0), Subsection("read", "Reading", False, "", 0))
    assert section_percent(course.sections, scores(hw1=(10, 10), exam=(15, 30))) == 62.5
    assert section_percent(course.sections, scores(hw1=(10, 10))) == 25.0, "the exam counts 0 of its 30 points"


def test_a_unit_is_complete_when_every_completable_block_in_it_is():
    units = [Unit("u1", ("a", "b"), ("a", "b")), Unit("u2", ("c",), ("c",)), Unit("u3", ("x",), ())]
    assert completion_percent(units, {"a", "c"}) == 67.0  # u2, and u3 with nothing to complete: whole percents
    assert completion_percent(units, {"a", "b", "c"}) == 100.0


def test_completion_rounds_to_whole_percents_as_the_progress_page_does():
    eight = [Unit(f"u{n}", (f"b{n}",), (f"b{n}",)) for n in range(8)]
    assert completion_percent(eight, {"b0"}) == 12.0  # round(0.125, 2): 0.12, as the platform's Python rounds it
    three = [Unit(f"u{n}", (f"b{n}",), (f"b{n}",)) for n in range(3)]
    assert completion_percent(three, {"b0", "b1"}) == 67.0
