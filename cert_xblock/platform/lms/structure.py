"""The LMS's course content: Studio's published blocks and the course's collected block structure.

Imported only inside the LMS or Studio (``lms_platform``): every import below is edx-platform's.
"""
from __future__ import annotations

from typing import Any

from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.types import CourseOutline


def published_blocks(course_key: CourseKey, block_type: str) -> dict[str, dict[str, Any]]:
    """Studio's published branch: usage id → ``Scope.settings`` values of every block of this type."""
    from xmodule.modulestore import ModuleStoreEnum  # pylint: disable=import-error
    from xmodule.modulestore.django import modulestore  # pylint: disable=import-error

    store = modulestore()
    with store.branch_setting(ModuleStoreEnum.Branch.published_only, course_key):
        blocks = store.get_items(course_key, qualifiers={"category": block_type})
        # Keys as the LMS names the block (no branch, no version), so they match the block's own usage id.
        return {str(block.location.for_branch(None).version_agnostic()): {
            name: field.read_from(block) for name, field in block.fields.items() if field.scope.name == "settings"
        } for block in blocks}


def course_outline(course_key: CourseKey) -> CourseOutline:
    """The course's sections, subsections and units from its collected block structure, and its grading policy.

    The structure is ``get_course_in_cache`` (openedx/core/djangoapps/content/block_structure/api.py): course-wide,
    cached, no learner's access applied, the one the grades code walks for the same question
    (``grading_context`` in lms/djangoapps/grades/context.py: chapters, then their graded sequentials, keyed by
    ``format``). It places a block and lists the course's sections; what a learner is graded on is
    ``learner_outlines``. The assignment types are the course's ``raw_grader`` (xmodule/course_block.py).
    """
    from openedx.core.djangoapps.content.block_structure.api import get_course_in_cache  # pylint: disable=import-error
    from xmodule.modulestore.django import modulestore  # pylint: disable=import-error

    return _outline(get_course_in_cache(course_key), modulestore().get_course(course_key, depth=0).raw_grader)


def learner_outlines(user_ids: list[int], course_key: CourseKey) -> dict[int, CourseOutline]:
    """Each learner's own outline: ``get_course_blocks(user, root, collected_block_structure=…)``
    (lms/djangoapps/course_blocks/api.py), whose access transformers (library content, start dates, user
    partitions with split tests, visibility) remove what the learner cannot see, as the grades code does for the
    same learner (``CourseGradeFactory().iter`` passes one collected structure for many users). The collected
    structure is read once (``get_course_in_cache``) and copied per learner by the transformers' manager."""
    from django.contrib.auth import get_user_model
    from lms.djangoapps.course_blocks.api import get_course_blocks  # pylint: disable=import-error
    from openedx.core.djangoapps.content.block_structure.api import get_course_in_cache  # pylint: disable=import-error
    from xmodule.modulestore.django import modulestore  # pylint: disable=import-error

    collected = get_course_in_cache(course_key)
    grader = modulestore().get_course(course_key, depth=0).raw_grader
    return {user.pk: _outline(get_course_blocks(user, collected.root_block_usage_key,
                                                collected_block_structure=collected), grader)
            for user in get_user_model().objects.filter(pk__in=list(user_ids))}


def _outline(structure: Any, grader: list[dict[str, Any]]) -> CourseOutline:
    """Sections, subsections and units of a block structure (course-wide or one learner's).

    A subsection's ``possible_graded`` is what ``ZeroSubsectionGrade`` counts for a learner with no persisted
    grade there: the weighted possible of its graded scorable descendants in that structure (``get_score`` and
    ``weighted_score`` in lms/djangoapps/grades/scores.py, over the max scores the grades transformer collects).
    A completable block is one whose ``completion_mode`` is ``completable`` (xblock.completable), as the
    completion transformer decides; a unit counts the leaves left in the structure.
    """
    from lms.djangoapps.grades.scores import get_score, possibly_scored  # pylint: disable=import-error
    from xmodule.graders import aggregate_scores  # pylint: disable=import-error

    from cert_xblock.platform.types import Section, Subsection, Unit, assignment_types

    field = structure.get_xblock_field

    def possible_graded(key: Any) -> float:
        scores = [get_score({}, {}, None, structure[block])
                  for block in structure.post_order_traversal(filter_func=possibly_scored, start_node=key)
                  if field(block, "has_score", False)]
        return float(aggregate_scores([score for score in scores if score is not None])[1].possible or 0.0)

    def unit(key: Any) -> Unit:
        blocks = [block for block in structure.post_order_traversal(start_node=key)
                  if block != key and not structure.get_children(block)]
        return Unit(str(key), tuple(str(b) for b in blocks),
                    tuple(str(b) for b in blocks if field(b, "completion_mode", "completable") == "completable"))

    def due(key: Any) -> str | None:
        value = field(key, "due", None)
        return value.isoformat() if value is not None else None

    sections = tuple(Section(str(chapter), field(chapter, "display_name", "") or "", tuple(
        Subsection(str(sequential), field(sequential, "display_name", "") or "", bool(field(sequential, "graded")),
                   field(sequential, "format", "") or "",
                   possible_graded(sequential) if field(sequential, "graded") else 0.0,
                   tuple(unit(vertical) for vertical in structure.get_children(sequential)),
                   show_correctness=field(sequential, "show_correctness", "always") or "always",
                   due=due(sequential))
        for sequential in structure.get_children(chapter)))
        for chapter in structure.get_children(structure.root_block_usage_key))
    return CourseOutline(sections, assignment_types(grader))
