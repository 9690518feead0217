"""Twin of each learner's own course blocks: ``get_course_blocks(user, …)`` (lms/djangoapps/course_blocks/api.py).

The platform grades and counts completion on the course's structure after its access transformers have removed
what the learner cannot see; the twin applies the same rules to its ``StructureBlock`` rows, a block removed
taking its descendants with it:

- ``StartDateTransformer``: a block whose ``start`` (release date, inherited) is in the future;
- ``VisibilityTransformer``: ``visible_to_staff_only``;
- ``UserPartitionTransformer``: ``group_access`` {partition id: [group ids]} that does not hold the learner's group
  in that partition (content groups of a cohort, enrollment tracks…);
- ``SplitTestTransformer``: a ``split_test`` (A/B experiment) keeps only the child of the learner's group;
- ``ContentLibraryTransformer``: a randomized ``library_content`` block keeps only the learner's selected children.

A learner's group in a partition is their ``UserCourseTag`` ``xblock.partition_service.partition_<id>`` (how the
random scheme of A/B tests keeps it; the twin keeps cohort content groups the same way); a library block's
selection is its ``StudentModule`` state ``{"selected": [[type, id], ...]}``. A learner with no selection yet gets
the first ``max_count`` children (the platform picks at random on first view, and saves the pick). Course staff
are not filtered (the transformers let staff see everything); the batch decides for learners.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField, UsageKeyField
from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.twin.coursework import StructureBlock, outline_from_rows
from cert_xblock.platform.types import CourseOutline

PARTITION_TAG = "xblock.partition_service.partition_{id}"


class StudentModule(models.Model):
    """Mirror of ``courseware.models.StudentModule`` (table courseware_studentmodule): a learner's state in one
    block, JSON text."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course_id = CourseKeyField(max_length=255, db_index=True)
    module_state_key = UsageKeyField(max_length=255, db_column="module_id")
    module_type = models.CharField(max_length=32, default="problem")
    state = models.TextField(null=True, blank=True)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "courseware_studentmodule"
        unique_together = [("student", "module_state_key", "course_id")]


class UserCourseTag(models.Model):
    """Mirror of ``user_api.models.UserCourseTag`` (table user_api_usercoursetag): a per-course key/value, here
    the learner's group in a user partition."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, db_index=True, related_name="+", on_delete=models.CASCADE)
    key = models.CharField(max_length=255, db_index=True)
    course_id = CourseKeyField(max_length=255, db_index=True)
    value = models.TextField()

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "user_api_usercoursetag"
        unique_together = [("user", "course_id", "key")]


def _start(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def visible_rows(rows: list[StructureBlock], groups: dict[int, int], selections: dict[str, list[str]],
                 now: datetime) -> list[StructureBlock]:
    """The rows one learner's transformers keep, in the same order."""
    by_key = {row.usage_key: row for row in rows}
    children: dict[str, list[StructureBlock]] = {}
    for row in rows:
        children.setdefault(row.parent, []).append(row)
    kept: set[str] = set()

    def keeps(row: StructureBlock) -> bool:
        fields = row.fields
        start = _start(fields.get("start"))
        if (start is not None and start > now) or fields.get("visible_to_staff_only"):
            return False
        for partition, allowed in (fields.get("group_access") or {}).items():
            if allowed and groups.get(int(partition)) not in {int(g) for g in allowed}:
                return False
        parent = by_key.get(row.parent)
        if parent is not None and parent.block_type == "split_test":
            group = groups.get(int(parent.fields.get("user_partition_id", -1)))
            return parent.fields.get("group_id_to_child", {}).get(str(group)) == row.usage_key
        if parent is not None and parent.block_type == "library_content":
            chosen = selections.get(parent.usage_key)
            if chosen is None:
                siblings = children.get(parent.usage_key, [])
                chosen = [child.usage_key for child in siblings[:int(parent.fields.get("max_count", 1))]]
            return row.usage_key in chosen
        return True

    def walk(key: str) -> None:
        for child in children.get(key, []):
            if keeps(child):
                kept.add(child.usage_key)
                walk(child.usage_key)

    roots = [row for row in rows if row.block_type == "course"]
    for root in roots:
        kept.add(root.usage_key)
        walk(root.usage_key)
    return [row for row in rows if row.usage_key in kept]


def _learner_views(user_ids: Iterable[int], course_key: CourseKey
                   ) -> tuple[list[StructureBlock], dict[int, tuple[dict[int, int], dict[str, list[str]]]]]:
    """The course's rows, and each learner's partition groups and library selections (three queries)."""
    ids = list(user_ids)
    rows = list(StructureBlock.objects.filter(course_id=course_key).order_by("position", "id"))
    groups: dict[int, dict[int, int]] = {user_id: {} for user_id in ids}
    prefix = PARTITION_TAG.format(id="")
    for user_id, key, value in UserCourseTag.objects.filter(
            user_id__in=ids, course_id=course_key, key__startswith=prefix).values_list("user_id", "key", "value"):
        groups[user_id][int(key[len(prefix):])] = int(value)
    selections: dict[int, dict[str, list[str]]] = {user_id: {} for user_id in ids}
    for user_id, block, state in StudentModule.objects.filter(
            student_id__in=ids, course_id=course_key, module_type="library_content").values_list(
            "student_id", "module_state_key", "state"):
        chosen = json.loads(state or "{}").get("selected", [])
        selections[user_id][str(block)] = [str(course_key.make_usage_key(kind, name)) for kind, name in chosen]
    return rows, {user_id: (groups[user_id], selections[user_id]) for user_id in ids}


def _view_key(view: tuple[dict[int, int], dict[str, list[str]]]) -> tuple:
    groups, selections = view
    return tuple(sorted(groups.items())), tuple(sorted((key, tuple(chosen)) for key, chosen in selections.items()))


def learner_rows(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, list[StructureBlock]]:
    """The structure rows each learner's transformers keep (three queries, whatever the number of learners)."""
    rows, views = _learner_views(user_ids, course_key)
    now = datetime.now(UTC)
    return {user_id: visible_rows(rows, *view, now) for user_id, view in views.items()}


def learner_outlines(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, CourseOutline]:
    """Each learner's own outline. Learners with the same groups and selections see the same course, so each
    distinct view is built once (a chunk usually holds a handful)."""
    rows, views = _learner_views(user_ids, course_key)
    now = datetime.now(UTC)
    built: dict[tuple, CourseOutline] = {}
    result = {}
    for user_id, view in views.items():
        key = _view_key(view)
        if key not in built:
            built[key] = outline_from_rows(visible_rows(rows, *view, now))
        result[user_id] = built[key]
    return result
