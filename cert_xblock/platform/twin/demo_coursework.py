"""The demo course's structure, grading policy, subsection grades and completions, in the twin's tables.

Three sections of ten units; Homework (two, 40%) and a Final Exam (60%), passing at 70%. The learners' subsection
grades add up to the course grades ``demo_data`` stores (Ada 92%, Ben 64%, Dana 88%): Ben has 90% in Week 1 but
64% overall, so he earns the Week 1 lesson certificate and not the course's. Safe to run again.

A fourth section, *Week 4: Explorers' track*, is for the Explorers content group only (``group_access``), so each
learner's own course differs as the platform's transformers make it: Ada, Ben and Dana never see it (their ten
units and figures stay as they are); Eva, an Explorer, sees it with an unreleased Homework 3 (not counted), a
staff-only unit (not hers), a randomized library unit (her pick: one problem of three), an A/B unit (her group's
version only), a graded survey worth no points (a 0 on the Progress page) and a quiz whose score stays hidden.
"""
from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.template.defaultfilters import slugify
from opaque_keys.edx.keys import CourseKey

from cert_xblock.deploy.demo.scenarios import LESSON_SCENARIO
from cert_xblock.platform.twin.coursework import BlockCompletion, PersistentSubsectionGrade, StructureBlock

GRADING_POLICY = {
    "GRADER": [
        {"type": "Homework", "min_count": 2, "drop_count": 0, "short_label": "HW", "weight": 0.4},
        {"type": "Final Exam", "min_count": 1, "drop_count": 0, "short_label": "Final", "weight": 0.6},
    ],
    "GRADE_CUTOFFS": {"Pass": 0.7},
}
# section id, name, [(subsection id, name, format or "" when ungraded, points, [(unit id, [leaf ids])])]
OUTLINE = [
    ("week1", "Week 1: Foundations", [
        ("w1_read", "Readings", "", 0, [("w1_intro", ["w1_text"]), ("w1_watch", ["w1_video"]),
                                        ("w1_wrap", ["w1_summary"])]),
        ("hw1", "Homework 1", "Homework", 10, [("hw1_unit", ["hw1_p1", "hw1_p2"])]),
    ]),
    ("week2", "Week 2: Practice", [
        ("w2_read", "Readings", "", 0, [("w2_intro", ["w2_text"]), ("w2_lab", ["w2_lab_p"])]),
        ("hw2", "Homework 2", "Homework", 10, [("hw2_unit", ["hw2_p1"])]),
    ]),
    ("final", "Final", [
        ("review", "Review", "", 0, [("final_review", ["review_text"])]),
        ("final_exam", "Final Exam", "Final Exam", 20, [("final_unit", ["final_p1", "final_p2"])]),
        ("wrapup", "Wrap-up", "", 0, [("wrapup_unit", ["wrapup_text"])]),
    ]),
]
# The Explorers' track: cohort content group 1 of partition 50; the A/B test is partition 60.
EXPLORERS, AB_TEST = (50, 1), 60
EXPLORER = "eva"
# username -> earned points in hw1, hw2, final_exam (out of 10, 10, 20), and units completed (in course order)
WORK = {"ada": ((10, 9, 18), 10), "ben": ((9, 4, 12.6), 8), "dana": ((9, 8, 18), 6)}
# The unit that holds the lesson scenario's block, so that "the section holding the block" is Week 1.
LESSON_UNIT = "w1_wrap"


def demo_key(course_key: CourseKey, block_type: str, block_id: str) -> str:
    """A demo block's usage key as text."""
    return str(course_key.make_usage_key(block_type, block_id))


def workbench_usage_id(description: str, block_type: str = "cert_xblock") -> str:
    """The usage id the workbench gives the first block of a scenario (``{slug}.{type}.d0.u0``)."""
    return f"{slugify(description)}.{block_type}.d0.u0"


def seed_structure(course_key: CourseKey) -> None:
    """The course's structure rows: course, sections, subsections, units, leaves, and the lesson block."""
    StructureBlock.objects.filter(course_id=course_key).delete()
    root = demo_key(course_key, "course", "course")
    rows = [StructureBlock(course_id=course_key, usage_key=root, block_type="course",
                           fields={"display_name": "Certificates 101", "grading_policy": GRADING_POLICY})]

    def add(block_type: str, block_id: str, parent: str, **fields: Any) -> str:
        key = demo_key(course_key, block_type, block_id)
        rows.append(StructureBlock(course_id=course_key, usage_key=key, block_type=block_type, parent=parent,
                                   position=len(rows), fields=fields))
        return key

    for section_id, section_name, subsections in OUTLINE:
        section = add("chapter", section_id, root, display_name=section_name)
        for sub_id, sub_name, fmt, points, units in subsections:
            subsection = add("sequential", sub_id, section, display_name=sub_name, graded=bool(fmt), format=fmt,
                             possible_graded=points)
            for unit_id, leaves in units:
                unit = add("vertical", unit_id, subsection, display_name=unit_id)
                for leaf in leaves:
                    add("problem" if "_p" in leaf else "html", leaf, unit, completable=True)
                if unit_id == LESSON_UNIT:
                    rows.append(StructureBlock(course_id=course_key, usage_key=workbench_usage_id(LESSON_SCENARIO),
                                               block_type="cert_xblock", parent=unit, position=len(rows)))
    _explorers_track(course_key, root, add)
    StructureBlock.objects.bulk_create(rows)


def _explorers_track(course_key: CourseKey, root: str, add: Any) -> None:
    """Week 4, which only the Explorers content group sees: one of each thing that makes a learner's own course."""
    partition, group = EXPLORERS
    section = add("chapter", "week4", root, display_name="Week 4: Explorers' track",
                  group_access={str(partition): [group]})
    hw3 = add("sequential", "hw3", section, display_name="Homework 3", graded=True, format="Homework",
              possible_graded=10, start="2036-01-01T00:00:00+00:00")
    add("problem", "hw3_p1", add("vertical", "hw3_unit", hw3, display_name="hw3_unit"), completable=True)
    labs = add("sequential", "w4_labs", section, display_name="Labs")
    add("html", "w4_staff_notes", add("vertical", "w4_staff", labs, display_name="Staff notes",
                                      visible_to_staff_only=True), completable=True)
    library = add("library_content", "w4_library", add("vertical", "w4_lib", labs, display_name="Random problem"),
                  max_count=1)
    for n in (1, 2, 3):
        add("problem", f"w4_lib_p{n}", library, completable=True)
    split = add("split_test", "w4_ab", add("vertical", "w4_ab_unit", labs, display_name="Two explanations"),
                user_partition_id=AB_TEST, group_id_to_child={
                    "0": demo_key(course_key, "html", "w4_ab_a"), "1": demo_key(course_key, "html", "w4_ab_b")})
    for name in ("w4_ab_a", "w4_ab_b"):
        add("html", name, split, completable=True)
    survey = add("sequential", "w4_survey", section, display_name="Survey", graded=True, format="Homework",
                 possible_graded=0)
    add("html", "w4_survey_text", add("vertical", "w4_survey_unit", survey, display_name="Survey"), completable=True)
    quiz = add("sequential", "w4_quiz", section, display_name="Quiz (score hidden)", graded=True, format="Homework",
               possible_graded=10, show_correctness="never")
    add("problem", "w4_quiz_p", add("vertical", "w4_quiz_unit", quiz, display_name="Quiz"), completable=True)


def unit_leaves(course_key: CourseKey) -> list[list[str]]:
    """Each unit's leaf blocks of the first three sections (everyone's), in course order."""
    return [[demo_key(course_key, "problem" if "_p" in leaf else "html", leaf) for leaf in leaves]
            for _, _, subsections in OUTLINE for _, _, _, _, units in subsections for _, leaves in units]


def set_work(course_key: CourseKey, user: Any, scores: dict[str, tuple[float, float]], units: int | None) -> None:
    """A learner's persisted subsection grades (subsection id → earned, possible) and their first ``units`` units
    completed (None: completions left as they are)."""
    for sub_id, (earned, possible) in scores.items():
        PersistentSubsectionGrade.objects.update_or_create(
            user_id=user.pk, course_id=course_key, usage_key=course_key.make_usage_key("sequential", sub_id),
            defaults={"earned_graded": earned, "possible_graded": possible, "earned_all": earned,
                      "possible_all": possible})
    if units is None:
        return
    BlockCompletion.objects.filter(user=user, context_key=course_key).delete()
    from opaque_keys.edx.keys import UsageKey

    BlockCompletion.objects.bulk_create(
        BlockCompletion(user=user, context_key=course_key, block_key=UsageKey.from_string(key),
                        block_type=UsageKey.from_string(key).block_type, completion=1.0)
        for leaves in unit_leaves(course_key)[:units] for key in leaves)


def seed_coursework(course_key: CourseKey) -> None:
    """Structure, grading policy and the demo learners' work."""
    seed_structure(course_key)
    users = get_user_model().objects
    for username, ((hw1, hw2, final), units) in WORK.items():
        set_work(course_key, users.get(username=username),
                 {"hw1": (hw1, 10), "hw2": (hw2, 10), "final_exam": (final, 20)}, units)
    _seed_explorer(course_key, users.get(username=EXPLORER))


def _seed_explorer(course_key: CourseKey, user: Any) -> None:
    """Eva: an Explorer in A/B group 1 whose library pick is problem 2; she did everything she can see, and
    scored 8/10 on the hidden quiz, which her Progress page does not count yet."""
    import json

    from cert_xblock.platform.twin.learner_blocks import PARTITION_TAG, StudentModule, UserCourseTag

    for partition, group in (EXPLORERS, (AB_TEST, 1)):
        UserCourseTag.objects.update_or_create(user=user, course_id=course_key, key=PARTITION_TAG.format(id=partition),
                                               defaults={"value": str(group)})
    StudentModule.objects.update_or_create(
        student=user, course_id=course_key, module_state_key=course_key.make_usage_key("library_content", "w4_library"),
        defaults={"module_type": "library_content", "state": json.dumps({"selected": [["problem", "w4_lib_p2"]]})})
    set_work(course_key, user, {"hw1": (10, 10), "hw2": (9, 10), "final_exam": (15, 20), "w4_quiz": (8, 10)}, 10)
    from opaque_keys.edx.keys import UsageKey

    own = [demo_key(course_key, kind, name) for kind, name in (
        ("problem", "w4_lib_p2"), ("html", "w4_ab_b"), ("html", "w4_survey_text"), ("problem", "w4_quiz_p"))]
    BlockCompletion.objects.bulk_create(BlockCompletion(
        user=user, context_key=course_key, block_key=UsageKey.from_string(key),
        block_type=UsageKey.from_string(key).block_type, completion=1.0) for key in own)
