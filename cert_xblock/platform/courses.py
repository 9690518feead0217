"""Courses: what the LMS knows of a course (overview, structure, grading policy), its certificate blocks in Studio's
published branch, where a block sits in the courseware, and the learners' completions.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform import backend
from cert_xblock.platform.types import CourseInfo, CourseOutline


def get_course_info(course_key: CourseKey) -> CourseInfo:
    """The course's name, organization and passing cutoff as the LMS shows them."""
    overview_cls = backend.current().CourseOverview
    try:
        overview = overview_cls.get_from_id(course_key)
    except overview_cls.DoesNotExist:
        return CourseInfo(course_key, str(course_key), course_key.org, None, None, None)
    lowest = getattr(overview, "lowest_passing_grade", None)
    return CourseInfo(
        course_key=course_key,
        display_name=overview.display_name or str(course_key),
        org=getattr(overview, "display_org_with_default", None) or course_key.org,
        lowest_passing_grade=float(lowest) if lowest is not None else None,
        start=overview.start,
        end=overview.end,
    )


def course_exists(course_key: CourseKey) -> bool:
    """Whether the LMS knows this course (it has a course overview), so a typo gets an error, not a no-op."""
    return backend.current().CourseOverview.objects.filter(id=course_key).exists()


def course_key_of(usage_id: Any) -> CourseKey:
    """The course a block lives in. The twin maps workbench usage ids to its demo course."""
    context_key = getattr(usage_id, "context_key", None) or getattr(usage_id, "course_key", None)
    if isinstance(context_key, CourseKey):
        return context_key
    if backend.current().name == "twin":
        from cert_xblock.platform.twin.users import course_key_for_usage

        return course_key_for_usage(str(usage_id))
    raise ValueError(f"cannot tell the course of block {usage_id!s}")


def course_outline(course_key: CourseKey) -> CourseOutline:
    """The course's sections, subsections (graded, assignment type, points), units and grading policy."""
    return backend.current().course_outline(course_key)


def learner_outlines(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, CourseOutline]:
    """Each learner's own outline: the course after the platform's access transformers for that learner
    (``get_course_blocks(user, …)``): no unreleased, staff-only, other-group or unselected library content, each
    subsection's points and each unit's blocks as that learner has them. What grades and completion are counted
    on; a handful of queries per call, whatever the number of learners."""
    return backend.current().learner_outlines(list(user_ids), course_key)


def completed_blocks(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, set[str]]:
    """The blocks each learner has completed in the course (edx-completion's ``BlockCompletion`` at 1.0), one query.

    ``user_id IN (...) AND course_key = ...`` is served by edx-completion's (user, context_key, modified) index;
    the completion transformer counts a block complete at 1.0 (lms/djangoapps/course_api/blocks/transformers/
    block_completion.py), and the Progress page's summary counts units from it.
    """
    ids = list(user_ids)
    done: dict[int, set[str]] = {user_id: set() for user_id in ids}
    completions = backend.current().BlockCompletion.objects
    rows = completions.filter(user_id__in=ids, context_key=course_key, completion__gte=1.0)
    for user_id, block_key in rows.values_list("user_id", "block_key"):
        done.setdefault(user_id, set()).add(str(block_key))
    return done


def completion_rows(course_key: CourseKey, block_keys: list[str] | None = None) -> Any:
    """The course's completed blocks (edx-completion rows at 1.0; a queryset, for the batch's SQL), optionally
    only these blocks: the (context_key, block_key, user) unique index serves both."""
    from opaque_keys.edx.keys import UsageKey

    rows = backend.current().BlockCompletion.objects.filter(context_key=course_key, completion__gte=1.0)
    return rows if block_keys is None else rows.filter(block_key__in=[UsageKey.from_string(k) for k in block_keys])


def published_certificate_blocks(course_key: CourseKey, block_type: str = "cert_xblock") -> dict[str, dict[str, Any]]:
    """Usage id → Studio settings of every certificate block in the course's published version."""
    return backend.current().published_blocks(course_key, block_type)


def store_saved_block(course_key: CourseKey, usage_id: str, fields: dict[str, Any],
                      block_type: str = "cert_xblock") -> bool:
    """Tell the platform a block was saved; True when it has no publish step and the caller should sync now."""
    return backend.current().store_saved_block(course_key, usage_id, block_type, fields)


def block_seen(course_key: CourseKey, usage_id: str, fields: dict[str, Any], block_type: str = "cert_xblock") -> None:
    """A block was rendered, so it is part of the course: where the platform has no course store of its own (the
    twin), remember it, so that a sync after another block's save does not take it for a removed one."""
    backend.current().block_seen(course_key, usage_id, block_type, fields)


def courseware_url(course_key: CourseKey, usage_id: str) -> str:
    """Where the learner finds the block in the course, or "" where the platform has no such page."""
    return backend.current().courseware_url(course_key, usage_id)

