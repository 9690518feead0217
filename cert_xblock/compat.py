"""The platform seam: the only module that imports edx-platform code.

Every function returns plain data. Inside the LMS the platform's own modules answer; elsewhere (the
XBlock SDK workbench, the tests) the standalone twin in ``cert_xblock.twin`` answers, implementing the
same module surface over tables that mirror the platform's. The functions below are written once
against that surface, so the code that runs in the demo and tests is the code that runs in the LMS.
Platform facts this relies on: ../shared/design/PLATFORM_FACTS.md.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from opaque_keys.edx.keys import CourseKey

from .platform_types import (
    ANONYMOUS,
    NO_ROLES,
    CourseInfo,
    CourseOutline,
    CourseRoles,
    Enrollment,
    GradeSnapshot,
    Learner,
    SubsectionScore,
)

log = logging.getLogger(__name__)
# The user preference holding the learner's language (openedx/core/djangoapps/lang_pref/__init__.py: LANGUAGE_KEY).
LANGUAGE_PREFERENCE = "pref-lang"
# What the platform's ``ZeroCourseGrade`` says: no persisted grade is 0%, not passed, no letter, not attempted.
ZERO_GRADE = GradeSnapshot(percent=0.0, passed=False, letter=None, attempted=False)


class PlatformUnavailable(RuntimeError):
    """Neither edx-platform nor the standalone twin is installed in this process."""


@dataclass(frozen=True)
class Platform:
    """The platform surface the seam calls: modules and models with the platform's names, and small adapters.

    Both the LMS and the twin must fill every field, so a backend that misses one fails when it is built.
    """

    name: str  # "lms" or "twin"
    grades_api: Any  # lms.djangoapps.grades.api
    CourseEnrollment: Any  # the platform's model classes, under their own names
    UserProfile: Any
    CourseOverview: Any
    UserPreference: Any
    CourseMode: Any
    user_id_of: Callable[[Any], int | None]
    published_blocks: Callable[[CourseKey, str], dict[str, dict[str, Any]]]
    store_saved_block: Callable[[CourseKey, str, str, dict[str, Any]], bool]
    block_seen: Callable[[CourseKey, str, str, dict[str, Any]], None]
    course_roles: Callable[[Any, CourseKey], CourseRoles]
    emit_event: Callable[[str, dict[str, Any]], None]
    messages: Any  # edx-ace's surface: send, MessageType, Recipient, message_sent (signal), get_template
    courseware_url: Callable[[CourseKey, str], str]
    read_course_asset: Callable[[CourseKey, str], bytes | None]
    upgrade_url: Callable[[int, CourseKey], str]
    course_images: Callable[[CourseKey], list[str]]
    BlockCompletion: Any  # edx-completion's completion.models.BlockCompletion
    PersistentSubsectionGrade: Any  # lms.djangoapps.grades.models: the api has no query over a course's rows
    course_outline: Callable[[CourseKey], CourseOutline]


def _lms_modules() -> Platform:
    """edx-platform's modules, imported only when they exist (inside the LMS or Studio)."""
    from common.djangoapps.course_modes.models import CourseMode  # pylint: disable=import-error
    from common.djangoapps.student.models import CourseEnrollment, UserProfile  # pylint: disable=import-error
    from completion.models import BlockCompletion  # pylint: disable=import-error
    from lms.djangoapps.grades import api as grades_api  # pylint: disable=import-error
    from lms.djangoapps.grades.models import PersistentSubsectionGrade  # pylint: disable=import-error
    from openedx.core.djangoapps.content.course_overviews.models import CourseOverview  # pylint: disable=import-error
    from openedx.core.djangoapps.user_api.models import UserPreference  # pylint: disable=import-error

    return Platform(
        name="lms",
        grades_api=grades_api,
        CourseEnrollment=CourseEnrollment,
        UserProfile=UserProfile,
        CourseOverview=CourseOverview,
        UserPreference=UserPreference,
        CourseMode=CourseMode,
        user_id_of=_lms_user_id,
        published_blocks=_lms_published_blocks,
        store_saved_block=_lms_store_saved_block,
        block_seen=_lms_block_seen,
        course_roles=_lms_course_roles,
        emit_event=_lms_emit_event,
        messages=_lms_messages(),
        courseware_url=_lms_courseware_url,
        read_course_asset=_lms_read_course_asset,
        upgrade_url=_lms_upgrade_url,
        course_images=_lms_course_images,
        BlockCompletion=BlockCompletion,
        PersistentSubsectionGrade=PersistentSubsectionGrade,
        course_outline=_lms_course_outline,
    )


def _lms_user_id(xblock_user: Any) -> int | None:
    if not xblock_user.opt_attrs.get("edx-platform.is_authenticated", False):
        return None
    return xblock_user.opt_attrs.get("edx-platform.user_id")


def _lms_published_blocks(course_key: CourseKey, block_type: str) -> dict[str, dict[str, Any]]:
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


def _lms_store_saved_block(course_key: CourseKey, usage_id: str, block_type: str, fields: dict[str, Any]) -> bool:
    """Studio keeps saved blocks itself and syncs on publish (``course_published``): nothing to do on save."""
    return False


def _lms_block_seen(course_key: CourseKey, usage_id: str, block_type: str, fields: dict[str, Any]) -> None:
    """The modulestore already holds every block of the course: nothing to record."""


def _lms_course_roles(user: Any, course_key: CourseKey) -> CourseRoles:
    """The user's roles as the LMS and Studio decide them.

    ``has_access`` applies the request's masquerade (``courseware/access.py``: a staff member viewing the course
    as a learner is refused staff access), so staff "viewing as a learner" are learners here too.
    ``has_studio_write_access`` answers True for course staff in the LMS as well (``student/auth.py``, the
    limited-staff hack keyed on ``SERVICE_VARIANT``), so authorship is asked only in Studio's process.
    """
    from common.djangoapps.student.auth import has_studio_write_access  # pylint: disable=import-error
    from common.djangoapps.student.roles import GlobalStaff  # pylint: disable=import-error

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    global_staff = GlobalStaff().has_user(user)
    if getattr(settings, "SERVICE_VARIANT", "lms") == "cms":
        return CourseRoles(global_staff=global_staff, author=has_studio_write_access(user, course_key))
    from lms.djangoapps.courseware.access import has_access  # pylint: disable=import-error

    return CourseRoles(global_staff=global_staff, course_staff=bool(has_access(user, "staff", course_key)),
                       instructor=bool(has_access(user, "instructor", course_key)))


def _lms_emit_event(name: str, data: dict[str, Any]) -> None:
    from eventtracking import tracker  # pylint: disable=import-error

    tracker.emit(name, data)


def _lms_messages() -> Any:
    """edx-ace as ``send_message`` uses it; its templates are found through the LMS's template engines."""
    from types import SimpleNamespace

    from django.template import loader
    from edx_ace import ace  # pylint: disable=import-error
    from edx_ace.message import MessageType  # pylint: disable=import-error
    from edx_ace.recipient import Recipient  # pylint: disable=import-error
    from edx_ace.signals import ACE_MESSAGE_SENT  # pylint: disable=import-error

    return SimpleNamespace(send=ace.send, MessageType=MessageType, Recipient=Recipient,
                           message_sent=ACE_MESSAGE_SENT, get_template=loader.get_template)


def _lms_courseware_url(course_key: CourseKey, usage_id: str) -> str:
    """The LMS's jump_to link: opens the unit that holds the block."""
    root = getattr(settings, "LMS_ROOT_URL", "").rstrip("/")
    return f"{root}/courses/{course_key}/jump_to/{usage_id}"


def _lms_upgrade_url(user_id: int, course_key: CourseKey) -> str:
    """The LMS's own upgrade link, as its course home shows it: ``verified_upgrade_deadline_link``
    (lms/djangoapps/courseware/utils.py), i.e. ``EcommerceService().upgrade_url`` (lms/djangoapps/commerce/utils.py):
    the ecommerce basket for the verified SKU, or the LMS's payment page when ecommerce is off."""
    from lms.djangoapps.courseware.utils import verified_upgrade_deadline_link  # pylint: disable=import-error

    return verified_upgrade_deadline_link(_user(user_id), course_id=course_key) or ""


def _lms_course_images(course_key: CourseKey) -> list[str]:
    """The PNG and JPEG files of the course's Files & Uploads, as "/static/<name>" paths (the contentstore's
    ``get_all_content_for_course``, xmodule/contentstore/content.py)."""
    from xmodule.contentstore.django import contentstore  # pylint: disable=import-error

    found, _count = contentstore().get_all_content_for_course(course_key)
    return sorted(f"/static/{asset['displayname']}" for asset in found
                  if asset.get("contentType") in ("image/png", "image/jpeg"))


def _lms_read_course_asset(course_key: CourseKey, path: str) -> bytes | None:
    """A Files & Uploads asset ("/static/logo.png" or an asset key) from the contentstore."""
    from xmodule.assetstore.assetmgr import AssetManager  # pylint: disable=import-error
    from xmodule.contentstore.content import StaticContent  # pylint: disable=import-error
    from xmodule.exceptions import NotFoundError  # pylint: disable=import-error
    from xmodule.modulestore.exceptions import ItemNotFoundError  # pylint: disable=import-error

    try:
        return AssetManager.find(StaticContent.get_asset_key_from_path(course_key, path)).data
    except (ItemNotFoundError, NotFoundError):
        return None


def _lms_course_outline(course_key: CourseKey) -> CourseOutline:
    """The course's sections, subsections and units from its collected block structure, and its grading policy.

    The structure is ``get_course_in_cache`` (openedx/core/djangoapps/content/block_structure/api.py): course-wide,
    cached, no learner's access applied, the one the grades code walks for the same question
    (``grading_context`` in lms/djangoapps/grades/context.py: chapters, then their graded sequentials, keyed by
    ``format``). A subsection's ``possible_graded`` is what ``ZeroSubsectionGrade`` counts for a learner with no
    persisted grade there: the weighted possible of its graded scorable descendants (``get_score`` and
    ``weighted_score`` in lms/djangoapps/grades/scores.py, over the max scores the grades transformer collects).
    A completable block is one whose ``completion_mode`` is ``completable`` (xblock.completable), as the completion
    transformer decides. The assignment types are the course's ``raw_grader`` (xmodule/course_block.py).
    """
    from lms.djangoapps.grades.scores import get_score, possibly_scored  # pylint: disable=import-error
    from openedx.core.djangoapps.content.block_structure.api import get_course_in_cache  # pylint: disable=import-error
    from xmodule.graders import aggregate_scores  # pylint: disable=import-error
    from xmodule.modulestore.django import modulestore  # pylint: disable=import-error

    from .platform_types import Section, Subsection, Unit, assignment_types

    structure = get_course_in_cache(course_key)
    field = structure.get_xblock_field

    def possible_graded(key: Any) -> float:
        scores = [get_score({}, {}, None, structure[block])
                  for block in structure.post_order_traversal(filter_func=possibly_scored, start_node=key)
                  if field(block, "has_score", False)]
        return float(aggregate_scores([score for score in scores if score is not None])[1].possible or 0.0)

    def unit(key: Any) -> Unit:
        blocks = [block for block in structure.post_order_traversal(start_node=key) if block != key]
        return Unit(str(key), tuple(str(b) for b in blocks),
                    tuple(str(b) for b in blocks if field(b, "completion_mode", "completable") == "completable"
                          and not structure.get_children(b)))

    sections = tuple(Section(str(chapter), field(chapter, "display_name", "") or "", tuple(
        Subsection(str(sequential), field(sequential, "display_name", "") or "", bool(field(sequential, "graded")),
                   field(sequential, "format", "") or "",
                   possible_graded(sequential) if field(sequential, "graded") else 0.0,
                   tuple(unit(vertical) for vertical in structure.get_children(sequential)))
        for sequential in structure.get_children(chapter)))
        for chapter in structure.get_children(structure.root_block_usage_key))
    grader = modulestore().get_course(course_key, depth=0).raw_grader
    return CourseOutline(sections, assignment_types(grader))


def _twin_modules() -> Platform:
    from cert_xblock.twin import assets, grades_api, mail, modulestore, roles, tracker
    from cert_xblock.twin.coursework import BlockCompletion, PersistentSubsectionGrade, course_outline
    from cert_xblock.twin.models import CourseEnrollment, CourseMode, CourseOverview, UserPreference, UserProfile
    from cert_xblock.twin.users import user_id_of

    return Platform(
        name="twin",
        grades_api=grades_api,
        CourseEnrollment=CourseEnrollment,
        UserProfile=UserProfile,
        CourseOverview=CourseOverview,
        UserPreference=UserPreference,
        CourseMode=CourseMode,
        user_id_of=user_id_of,
        published_blocks=modulestore.published_blocks,
        store_saved_block=modulestore.store_saved_block,
        block_seen=modulestore.block_seen,
        course_roles=roles.course_roles,
        emit_event=tracker.emit,
        messages=mail,
        courseware_url=lambda course_key, usage_id: "",
        read_course_asset=assets.read_course_asset,
        upgrade_url=lambda user_id, course_key: f"/twin/upgrade/{course_key}/",
        course_images=assets.course_images,
        BlockCompletion=BlockCompletion,
        PersistentSubsectionGrade=PersistentSubsectionGrade,
        course_outline=course_outline,
    )


@cache
def platform() -> Platform:
    """The platform this process talks to: ``lms`` when edx-platform is importable, else the twin."""
    choice = getattr(settings, "CERT_XBLOCK_PLATFORM", "auto")
    if choice in ("auto", "lms"):
        try:
            return _lms_modules()
        except ImportError:
            if choice == "lms":
                raise
    if "cert_xblock.twin" in settings.INSTALLED_APPS:
        return _twin_modules()
    raise PlatformUnavailable(
        "cert_xblock needs edx-platform or its standalone twin: add 'cert_xblock.twin' to INSTALLED_APPS"
    )


def _snapshot(course_grade: Any) -> GradeSnapshot:
    return GradeSnapshot(
        percent=float(course_grade.percent),
        passed=bool(course_grade.passed),
        letter=course_grade.letter_grade or None,
        attempted=bool(getattr(course_grade, "attempted", False)),
        last_updated=getattr(course_grade, "last_updated", None),
    )


def _user(user_id: int) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user_id)


def _read_persisted(factory: Any, user: Any, course_key: CourseKey) -> GradeSnapshot:
    """``read`` with ``create_if_needed=False``: older releases compute and save a grade when none is persisted
    and the flag is left at its default (lms/djangoapps/grades/course_grade_factory.py). None is a zero grade."""
    grade = factory.read(user, course_key=course_key, create_if_needed=False)
    return _snapshot(grade) if grade is not None else ZERO_GRADE


def read_course_grade(user_id: int, course_key: CourseKey) -> GradeSnapshot:
    """The learner's persisted course grade. Never computed: a click must not cause a grade computation."""
    return _read_persisted(platform().grades_api.CourseGradeFactory(), _user(user_id), course_key)


def read_course_grades(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, GradeSnapshot]:
    """Grades of many learners with one prefetch (one query), then cleared so memory does not grow."""
    from django.contrib.auth import get_user_model

    api = platform().grades_api
    users = list(get_user_model().objects.filter(pk__in=list(user_ids)))
    api.prefetch_course_grades(course_key, users)
    try:
        factory = api.CourseGradeFactory()
        return {user.pk: _read_persisted(factory, user, course_key) for user in users}
    finally:
        api.clear_prefetched_course_grades(course_key)


def passed_grades(course_key: CourseKey) -> Any:
    """QuerySet of persisted course grades in the course that have ever passed (uses the platform's index)."""
    api = platform().grades_api
    return api.get_recently_modified_grades([course_key], None, None).filter(passed_timestamp__isnull=False)


def enrollments(course_key: CourseKey) -> Any:
    """QuerySet of active enrollments in the course."""
    return platform().CourseEnrollment.objects.filter(course_id=course_key, is_active=True)


def mode_earns_certificate(mode: str) -> bool:
    """The platform's own rule, ``CourseMode.is_eligible_for_certificate``: audit never, honor not where
    ``FEATURES['DISABLE_HONOR_CERTIFICATES']`` (common/djangoapps/course_modes/models.py)."""
    return bool(platform().CourseMode.is_eligible_for_certificate(mode))


def enrollment_modes(course_key: CourseKey) -> dict[str, bool]:
    """Each mode of the course's active enrollments → whether the platform certifies it (one query)."""
    modes = enrollments(course_key).order_by().values_list("mode", flat=True).distinct()
    return {mode: mode_earns_certificate(mode) for mode in modes}


def _enrollment(mode: str, is_active: bool) -> Enrollment:
    return Enrollment(mode=mode, is_active=is_active, earns_certificate=mode_earns_certificate(mode))


def get_enrollment(user_id: int, course_key: CourseKey) -> Enrollment | None:
    """The learner's enrollment in the course, or None when they never enrolled."""
    row = platform().CourseEnrollment.objects.filter(user_id=user_id, course_id=course_key).first()
    return _enrollment(row.mode, row.is_active) if row else None


def get_course_info(course_key: CourseKey) -> CourseInfo:
    """The course's name, organization and passing cutoff as the LMS shows them."""
    overview_cls = platform().CourseOverview
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


def learner_by_id(user_id: int) -> Learner:
    """A learner's identity and full name (``UserProfile.name``, as the LMS prints it)."""
    learner = learners_by_ids([user_id]).get(user_id)
    if learner is None:
        from django.contrib.auth import get_user_model

        raise get_user_model().DoesNotExist(f"no user {user_id}")
    return learner


def current_learner(xblock_user: Any) -> Learner:
    """The signed-in learner behind the XBlock ``user`` service's current user, or ANONYMOUS."""
    user_id = platform().user_id_of(xblock_user)
    if user_id is None:
        return ANONYMOUS
    learner = learner_by_id(user_id)
    prefs = xblock_user.opt_attrs.get("edx-platform.user_preferences") or {}
    role = xblock_user.opt_attrs.get("edx-platform.user_role")
    is_staff = learner.is_staff or bool(xblock_user.opt_attrs.get("edx-platform.user_is_staff")) or role in (
        "staff",
        "instructor",
    )
    return Learner(
        learner.user_id,
        learner.username,
        learner.full_name,
        learner.email,
        prefs.get(LANGUAGE_PREFERENCE) or learner.language,
        is_staff,
    )


def course_key_of(usage_id: Any) -> CourseKey:
    """The course a block lives in. The twin maps workbench usage ids to its demo course."""
    context_key = getattr(usage_id, "context_key", None) or getattr(usage_id, "course_key", None)
    if isinstance(context_key, CourseKey):
        return context_key
    if platform().name == "twin":
        from cert_xblock.twin.users import course_key_for_usage

        return course_key_for_usage(str(usage_id))
    raise ValueError(f"cannot tell the course of block {usage_id!s}")


def course_exists(course_key: CourseKey) -> bool:
    """Whether the LMS knows this course (it has a course overview), so a typo gets an error, not a no-op."""
    return platform().CourseOverview.objects.filter(id=course_key).exists()


def get_enrollments(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, Enrollment]:
    """Many learners' enrollments in one query; learners who never enrolled are absent."""
    rows = platform().CourseEnrollment.objects.filter(user_id__in=list(user_ids), course_id=course_key)
    return {user_id: _enrollment(mode, is_active)
            for user_id, mode, is_active in rows.values_list("user_id", "mode", "is_active")}


def learners_by_ids(user_ids: Iterable[int]) -> dict[int, Learner]:
    """Many learners' identities, full names and languages in three queries, for the batch's chunks.

    The language is the ``pref-lang`` user preference, as the LMS sets it; ``UserProfile.language`` is
    deprecated free text ("English") the platform no longer reads.
    """
    from django.contrib.auth import get_user_model

    backend = platform()
    ids = list(user_ids)
    names = dict(backend.UserProfile.objects.filter(user_id__in=ids).values_list("user_id", "name"))
    languages = dict(backend.UserPreference.get_preference_for_users(ids, LANGUAGE_PREFERENCE).values_list(
        "user_id", "value"))
    learners = {}
    for user in get_user_model().objects.filter(pk__in=ids):
        name = names.get(user.pk, "")
        learners[user.pk] = Learner(user.pk, user.username, name or user.get_full_name() or user.username,
                                    user.email, languages.get(user.pk) or "en", bool(user.is_staff))
    return learners


def users_named(text: str) -> Any:
    """User ids (a queryset, for a subquery) whose full name as the LMS shows it (``UserProfile.name``) holds text."""
    return platform().UserProfile.objects.filter(name__icontains=text).values("user_id")


def course_grade_rows(course_key: CourseKey) -> Any:
    """QuerySet of every persisted course grade in the course (the platform's public accessor, unordered)."""
    return platform().grades_api.get_recently_modified_grades([course_key], None, None).order_by()


# --- below the course grade: the course's structure, subsection grades, completion (lesson kind, rules) ----------
def course_outline(course_key: CourseKey) -> CourseOutline:
    """The course's sections, subsections (graded, assignment type, points), units and grading policy."""
    return platform().course_outline(course_key)


def _subsection_score(row: Any) -> SubsectionScore:
    """A persisted subsection grade as the platform reads it: an override's non-null values win
    (``_aggregated_score_from_model`` in lms/djangoapps/grades/subsection_grade.py)."""
    earned, possible = row.earned_graded, row.possible_graded
    override = getattr(row, "override", None)
    if override is not None:
        earned = override.earned_graded_override if override.earned_graded_override is not None else earned
        possible = override.possible_graded_override if override.possible_graded_override is not None else possible
    return SubsectionScore(float(earned), float(possible))


def subsection_scores(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, dict[str, SubsectionScore]]:
    """Many learners' persisted subsection grades (subsection usage key → score), never computed.

    The grades api's bulk form: ``prefetch_course_and_subsection_grades`` reads every learner's rows in one query
    on the unique index (course_id, user_id, usage_key) (``PersistentSubsectionGrade.prefetch``), then
    ``get_subsection_grades`` serves each learner from that cache; ``clear_prefetched_course_grades`` drops both
    caches (lms/djangoapps/grades/models_api.py). A learner absent from a subsection never attempted it.
    """
    from django.contrib.auth import get_user_model

    api = platform().grades_api
    users = list(get_user_model().objects.filter(pk__in=list(user_ids)))
    api.prefetch_course_and_subsection_grades(course_key, users)
    try:
        return {user.pk: {str(key): _subsection_score(row)
                          for key, row in api.get_subsection_grades(user.pk, course_key).items()} for user in users}
    finally:
        api.clear_prefetched_course_grades(course_key)


def completed_blocks(user_ids: Iterable[int], course_key: CourseKey) -> dict[int, set[str]]:
    """The blocks each learner has completed in the course (edx-completion's ``BlockCompletion`` at 1.0), one query.

    ``user_id IN (...) AND course_key = ...`` is served by edx-completion's (user, context_key, modified) index;
    the completion transformer counts a block complete at 1.0 (lms/djangoapps/course_api/blocks/transformers/
    block_completion.py), and the Progress page's summary counts units from it.
    """
    ids = list(user_ids)
    done: dict[int, set[str]] = {user_id: set() for user_id in ids}
    rows = platform().BlockCompletion.objects.filter(user_id__in=ids, context_key=course_key, completion__gte=1.0)
    for user_id, block_key in rows.values_list("user_id", "block_key"):
        done.setdefault(user_id, set()).add(str(block_key))
    return done


def subsection_grade_rows(course_key: CourseKey, subsection_keys: list[str]) -> Any:
    """The course's persisted subsection grades in these subsections (a queryset, for the batch's SQL).

    It reads the course's range of the unique index (course_id, user_id, usage_key); the grades api has no query
    over a course's rows, so the model is read as the platform's grade report reads it (seed 001's use cases).
    """
    from opaque_keys.edx.keys import UsageKey

    keys = [UsageKey.from_string(key) for key in subsection_keys]
    return platform().PersistentSubsectionGrade.objects.filter(course_id=course_key, usage_key__in=keys)


def completion_rows(course_key: CourseKey, block_keys: list[str] | None = None) -> Any:
    """The course's completed blocks (edx-completion rows at 1.0; a queryset, for the batch's SQL), optionally
    only these blocks: the (context_key, block_key, user) unique index serves both."""
    from opaque_keys.edx.keys import UsageKey

    rows = platform().BlockCompletion.objects.filter(context_key=course_key, completion__gte=1.0)
    return rows if block_keys is None else rows.filter(block_key__in=[UsageKey.from_string(k) for k in block_keys])


# --- plugin side: Studio content, course staff, tracking, messages ----------------------------------------------
def published_certificate_blocks(course_key: CourseKey, block_type: str = "cert_xblock") -> dict[str, dict[str, Any]]:
    """Usage id → Studio settings of every certificate block in the course's published version."""
    return platform().published_blocks(course_key, block_type)


def store_saved_block(course_key: CourseKey, usage_id: str, fields: dict[str, Any],
                      block_type: str = "cert_xblock") -> bool:
    """Tell the platform a block was saved; True when it has no publish step and the caller should sync now."""
    return platform().store_saved_block(course_key, usage_id, block_type, fields)


def course_roles(user: Any, course_key: CourseKey) -> CourseRoles:
    """A Django user's roles in the course: global staff, course staff, instructor, Studio author."""
    return platform().course_roles(user, course_key)


def course_roles_of(user_id: int | None, course_key: CourseKey) -> CourseRoles:
    """The same, for a user id (None: anonymous, no roles)."""
    return NO_ROLES if user_id is None else course_roles(_user(user_id), course_key)


def block_seen(course_key: CourseKey, usage_id: str, fields: dict[str, Any], block_type: str = "cert_xblock") -> None:
    """A block was rendered, so it is part of the course: where the platform has no course store of its own (the
    twin), remember it, so that a sync after another block's save does not take it for a removed one."""
    platform().block_seen(course_key, usage_id, block_type, fields)


def is_course_staff(user: Any, course_key: CourseKey) -> bool:
    """Whether a Django user is staff of the course (the LMS's ``has_access(user, 'staff', course_key)``)."""
    return course_roles(user, course_key).course_staff


def emit_event(name: str, data: dict[str, Any]) -> None:
    """A tracking-log event (``eventtracking.tracker.emit`` in the LMS)."""
    platform().emit_event(name, data)


class MessageNotSent(RuntimeError):
    """The message channel did not take the email: a template is missing, or the channel reported a failure."""


MESSAGE_FILES = ("from_name.txt", "subject.txt", "head.html", "body.html", "body.txt")


def missing_message_templates(name: str) -> list[str]:
    """The templates of message ``name`` that the platform's template engines cannot find (edx-ace's paths)."""
    from django.template import TemplateDoesNotExist

    missing = []
    for filename in MESSAGE_FILES:
        path = f"cert_xblock/edx_ace/{name}/email/{filename}"
        try:
            platform().messages.get_template(path)
        except TemplateDoesNotExist:
            missing.append(path)
    return missing


def send_message(user_id: int, email: str, language: str, name: str, context: dict[str, Any]) -> None:
    """An email to one learner in their language through edx-ace (the twin in the demo). Raises ``MessageNotSent``.

    ``ace.send`` returns normally when a template is missing or the channel fails (SMTP refused: edx-ace's
    ``FatalChannelDeliveryError``); both only reach monitoring (edx_ace/ace.py). So the templates are checked
    first, and the email counts as sent only when edx-ace's ``ACE_MESSAGE_SENT`` fired for this very message,
    which it does after a channel delivered it (edx_ace/delivery.py).
    """
    missing = missing_message_templates(name)
    if missing:
        raise MessageNotSent(f"missing templates: {', '.join(missing)}")
    messages = platform().messages
    message_type = messages.MessageType(context=context, app_label="cert_xblock", name=name)
    email_message = message_type.personalize(messages.Recipient(user_id, email), language, {})
    email_message.headers["Content-Language"] = language
    delivered: list[str] = []

    def on_sent(sender: Any, message: dict[str, Any], **kwargs: Any) -> None:
        delivered.append(message.get("uuid", ""))

    messages.message_sent.connect(on_sent, weak=False)
    try:
        messages.send(email_message)
    finally:
        messages.message_sent.disconnect(on_sent)
    if str(email_message.uuid) not in delivered:
        raise MessageNotSent("no channel delivered the email; edx-ace reported why to monitoring")


def courseware_url(course_key: CourseKey, usage_id: str) -> str:
    """Where the learner finds the block in the course, or "" where the platform has no such page."""
    return platform().courseware_url(course_key, usage_id)


def read_course_asset(course_key: CourseKey, path: str) -> bytes | None:
    """The bytes of a course asset (logo, signature image), or None when the course has no such file."""
    return platform().read_course_asset(course_key, path)


def upgrade_url(user_id: int | None, course_key: CourseKey) -> str:
    """Where an audit learner upgrades to a certificate track in this course (the platform's own link), or ""."""
    if user_id is None:
        return ""
    try:
        return platform().upgrade_url(user_id, course_key)
    except Exception:
        log.warning("cert_xblock no upgrade link for user=%s course=%s", user_id, course_key, exc_info=True)
        return ""


def login_url(next_url: str = "") -> str:
    """The platform's sign-in page (``settings.LOGIN_URL``: the LMS's ``/login``), returning to ``next_url``."""
    from urllib.parse import urlencode

    from django.shortcuts import resolve_url

    login = resolve_url(settings.LOGIN_URL)
    return f"{login}?{urlencode({'next': next_url})}" if next_url else login


def course_images(course_key: CourseKey) -> list[str]:
    """The images an author may pick for the logo and signatures: "/static/<name>" paths, sorted."""
    return platform().course_images(course_key)
