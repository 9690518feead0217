"""Twin of what the LMS knows about a learner's work below the course grade, and of the course's structure.

- ``PersistentSubsectionGrade`` and its override mirror ``lms/djangoapps/grades/models.py`` (tables
  grades_persistentsubsectiongrade and grades_persistentsubsectiongradeoverride, seed 001): one row per learner
  and subsection *attempted*, unique (course_id, user_id, usage_key); an override's non-null values supersede the
  row's totals when the platform reads it (``ReadSubsectionGrade`` in ``lms/djangoapps/grades/subsection_grade.py``).
- ``BlockCompletion`` mirrors edx-completion's ``completion.models.BlockCompletion`` (table
  completion_blockcompletion): one row per learner and completable block, ``completion`` 0..1, 1.0 meaning done.
- ``StructureBlock`` stands for the course's collected block structure (``get_course_in_cache``,
  ``openedx/core/djangoapps/content/block_structure/api.py``): one row per block with its parent, the fields the
  grades and completion transformers collect, and on the course's own row its grading policy. The workbench has
  no modulestore, so the demo seeds it (``demo_data``).
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField, UsageKeyField
from opaque_keys.edx.keys import CourseKey

from cert_xblock.platform.types import CourseOutline, Section, Subsection, Unit, assignment_types


class PersistentSubsectionGrade(models.Model):
    """Mirror of ``lms.djangoapps.grades.models.PersistentSubsectionGrade`` (the columns cert_xblock reads)."""

    user_id = models.IntegerField(blank=False)
    course_id = CourseKeyField(blank=False, max_length=255)
    usage_key = UsageKeyField(blank=False, max_length=255)
    subtree_edited_timestamp = models.DateTimeField(blank=True, null=True)
    course_version = models.CharField(blank=True, max_length=255)
    earned_all = models.FloatField(blank=False)
    possible_all = models.FloatField(blank=False)
    earned_graded = models.FloatField(blank=False)
    possible_graded = models.FloatField(blank=False)
    first_attempted = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "grades_persistentsubsectiongrade"
        unique_together = [("course_id", "user_id", "usage_key")]
        indexes = [
            models.Index(fields=["modified", "course_id", "usage_key"], name="course_id_usage_key_idx"),
            models.Index(fields=["first_attempted", "course_id", "user_id"], name="first_course_id_user_id_idx"),
        ]


class PersistentSubsectionGradeOverride(models.Model):
    """Mirror of ``PersistentSubsectionGradeOverride``: an instructor's override of one subsection grade."""

    grade = models.OneToOneField(PersistentSubsectionGrade, related_name="override", on_delete=models.CASCADE)
    earned_all_override = models.FloatField(null=True, blank=True)
    possible_all_override = models.FloatField(null=True, blank=True)
    earned_graded_override = models.FloatField(null=True, blank=True)
    possible_graded_override = models.FloatField(null=True, blank=True)
    override_reason = models.CharField(max_length=300, blank=True, null=True)
    system = models.CharField(max_length=100, blank=True, null=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "grades_persistentsubsectiongradeoverride"


class BlockCompletion(models.Model):
    """Mirror of edx-completion's ``BlockCompletion`` (its ``context_key`` column is named course_key)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    context_key = CourseKeyField(max_length=255, db_column="course_key")
    block_key = UsageKeyField(max_length=255)
    block_type = models.CharField(max_length=64)
    completion = models.FloatField()
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "cert_xblock_twin"
        db_table = "completion_blockcompletion"
        unique_together = [("context_key", "block_key", "user")]
        indexes = [
            models.Index(fields=["context_key", "block_type", "user"], name="completion_course_type_user"),
            models.Index(fields=["user", "context_key", "modified"], name="completion_user_course_mod"),
        ]


class StructureBlock(models.Model):
    """One block of a course's published structure: its parent, order and the fields the platform collects.

    ``fields`` holds ``display_name``, ``graded``, ``format``, ``possible_graded`` (a subsection's graded points),
    ``completable`` (a leaf whose completion counts) and, on the course's row, ``grading_policy``.
    """

    course_id = CourseKeyField(max_length=255, db_index=True)
    usage_key = models.CharField(max_length=255)
    block_type = models.CharField(max_length=64)
    parent = models.CharField(max_length=255, blank=True)
    position = models.IntegerField(default=0)
    fields = models.JSONField(default=dict)

    class Meta:
        app_label = "cert_xblock_twin"
        unique_together = [("course_id", "usage_key")]


def course_outline(course_key: CourseKey) -> CourseOutline:
    """The course's outline from its structure rows (one query), as the LMS seam builds it from the block cache."""
    return outline_from_rows(list(StructureBlock.objects.filter(course_id=course_key).order_by("position", "id")))


def outline_from_rows(rows: list[StructureBlock]) -> CourseOutline:
    """An outline from structure rows (the course's, or those one learner's transformers kept).

    A subsection's graded points are its problems' ``points`` where they are given (what ``get_score`` weighs
    over the blocks left), else the subsection's own ``possible_graded``. A unit's completable blocks are its
    leaves marked ``completable``; a unit left with none counts as complete, as an empty aggregator does."""
    children: dict[str, list[StructureBlock]] = {}
    course_row = None
    for row in rows:
        children.setdefault(row.parent, []).append(row)
        if row.block_type == "course":
            course_row = row

    def leaves(key: str) -> list[StructureBlock]:
        found = []
        for child in children.get(key, []):
            found += leaves(child.usage_key) if child.usage_key in children else [child]
        return found

    def unit(row: StructureBlock) -> Unit:
        blocks = [b for b in leaves(row.usage_key) if b.block_type not in ("library_content", "split_test")]
        return Unit(row.usage_key, tuple(b.usage_key for b in blocks),
                    tuple(b.usage_key for b in blocks if b.fields.get("completable")))

    def subsection(row: StructureBlock) -> Subsection:
        scored = [leaf.fields["points"] for leaf in leaves(row.usage_key) if "points" in leaf.fields]
        possible = float(sum(scored)) if scored else float(row.fields.get("possible_graded", 0.0))
        return Subsection(row.usage_key, row.fields.get("display_name", ""), bool(row.fields.get("graded")),
                          row.fields.get("format", ""), possible,
                          tuple(unit(child) for child in children.get(row.usage_key, [])),
                          show_correctness=row.fields.get("show_correctness", "always"),
                          due=row.fields.get("due") or None)

    root = course_row.usage_key if course_row is not None else ""
    sections = tuple(Section(row.usage_key, row.fields.get("display_name", ""),
                             tuple(subsection(child) for child in children.get(row.usage_key, [])))
                     for row in children.get(root, []) if row.block_type == "chapter")
    policy: dict[str, Any] = course_row.fields.get("grading_policy", {}) if course_row is not None else {}
    return CourseOutline(sections, assignment_types(policy.get("GRADER", [])))
