"""Who may do what: the one permission table, and the one check every handler, view and endpoint makes.

XBlock handlers are reachable by anyone in the LMS (``/courses/<key>/xblock/<usage>/handler/<name>``), signed in
or not, so the block never relies on its runtime to keep a caller out: each entry point names its ``Action`` and
asks ``check`` before it reads a byte of the request body. The table is written once, here; ``docs/security.md``
prints it and a test walks it role by role.

Roles are what the platform says of the caller in this course (``platform.caller_roles``): global staff, course
staff and instructors as ``has_access`` decides in the LMS, and *author* — may edit the course in Studio
(``has_studio_write_access``) — only ever granted in Studio's process: Studio-only actions are refused in the
LMS to everyone, global staff included. *Holder* is relative: the learner a certificate belongs to.

**Masquerade is read-only**, as in the platform: a course-team member viewing the course as a learner (or as a
specific learner, when the block is bound to that learner) has that learner's roles only, read from the request's
user with its masquerade settings (``platform.viewer_roles``), and every action that changes something
(``READ_ONLY_UNDER_MASQUERADE``: issuing, revoking, allowlisting, regenerating, Issue now and their emails) is
refused with that reason.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from opaque_keys.edx.keys import CourseKey

from cert_xblock.core.i18n import gettext_noop
from cert_xblock.platform.types import CourseRoles


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    LEARNER = "learner"  # any signed-in user
    HOLDER = "holder"  # the learner whose certificate (or standing) is asked for
    COURSE_STAFF = "course_staff"
    INSTRUCTOR = "instructor"
    GLOBAL_STAFF = "global_staff"
    AUTHOR = "author"  # may edit the course in Studio (only in Studio's process)


class Action(StrEnum):
    # the block
    VIEW_BLOCK = "block: student_view"
    GRADE_ME = "block: grade_me"
    DOWNLOAD_OWN = "block: download"
    STUDIO_VIEW = "block: studio_view / author_view"
    PREVIEW = "block: preview"
    SAVE_SETTINGS = "block: submit_studio_edits"
    # public pages
    VERIFY_PAGE = "page: /certificates/verify/<id> (and .json)"
    VERIFY_LOOKUP = "page: /certificates/verify/?code="
    VERIFY_IMAGE = "page: /certificates/verify/<id>.png (none once revoked)"
    # REST API
    API_SCHEMA = "api: schema"
    API_MY_CERTIFICATES = "api: me/certificates"
    API_MY_DOWNLOAD = "api: me/certificates/<id>/download"
    API_LEARNER_STATUS = "api: courses/<course>/learners/<username>"
    API_COURSE_CERTIFICATES = "api: courses/<course>/certificates"
    # course-team operations (cert_xblock.staff): the block's ``staff/<operation>`` handler and the
    # api's courses/<course>/blocks/<block>/... endpoints share one row each
    STAFF_DASHBOARD = "staff: dashboard counts, learner list, history"
    STAFF_ALLOWLIST = "staff: allowlist list / add / remove / CSV"
    STAFF_REVOKE = "staff: revoke / restore"
    STAFF_REGENERATE = "staff: regenerate one / all"
    STAFF_ISSUE_NOW = "staff: issue now and its progress"
    STAFF_REPORT = "staff: issuance report (CSV) and PDFs (ZIP)"
    VERIFY_REVOKE_REASON = "page: /certificates/verify/<id> shows why it was revoked"
    # the signed Open Badges credential (cert_xblock.credentials)
    CREDENTIAL = "page: /certificates/credentials/<id>.json, its status list, /.well-known/did.json"
    API_MY_CREDENTIAL = "api: me/certificates/<id>/credential"
    CREDENTIAL_EXCHANGE = "page: /certificates/credentials/<id>/exchange and its QR (a wallet answering our challenge)"


EVERYONE = frozenset(Role)
SIGNED_IN = EVERYONE - {Role.ANONYMOUS}
COURSE_TEAM = frozenset({Role.COURSE_STAFF, Role.INSTRUCTOR, Role.GLOBAL_STAFF})

# Who may call each entry point. A caller holding any listed role may.
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.VIEW_BLOCK: EVERYONE,  # anonymous visitors are asked to sign in
    Action.GRADE_ME: SIGNED_IN,
    Action.DOWNLOAD_OWN: frozenset({Role.HOLDER}),
    Action.STUDIO_VIEW: frozenset({Role.AUTHOR}),
    Action.PREVIEW: frozenset({Role.AUTHOR}),
    Action.SAVE_SETTINGS: frozenset({Role.AUTHOR}),
    Action.VERIFY_PAGE: EVERYONE,  # rate-limited per client
    Action.VERIFY_LOOKUP: EVERYONE,  # rate-limited per client
    Action.VERIFY_IMAGE: EVERYONE,  # rate-limited per client, like the page
    Action.API_SCHEMA: EVERYONE,
    Action.API_MY_CERTIFICATES: SIGNED_IN,
    Action.API_MY_DOWNLOAD: frozenset({Role.HOLDER}),
    Action.API_LEARNER_STATUS: frozenset({Role.HOLDER}) | COURSE_TEAM,
    Action.API_COURSE_CERTIFICATES: COURSE_TEAM,
    Action.STAFF_DASHBOARD: COURSE_TEAM,
    Action.STAFF_ALLOWLIST: COURSE_TEAM,
    Action.STAFF_REVOKE: COURSE_TEAM,
    Action.STAFF_REGENERATE: COURSE_TEAM,
    Action.STAFF_ISSUE_NOW: COURSE_TEAM,
    Action.STAFF_REPORT: COURSE_TEAM,
    Action.VERIFY_REVOKE_REASON: COURSE_TEAM,  # everyone else: only if the author publishes reasons
    Action.CREDENTIAL: EVERYONE,  # what verifiers fetch; ids are unguessable, signing is once per credential
    Action.API_MY_CREDENTIAL: frozenset({Role.HOLDER}),
    Action.CREDENTIAL_EXCHANGE: EVERYONE,  # the signed challenge, only in the holder's view, is the capability
}

# What a refused caller is told; translated into their language when shown.
_REFUSALS: dict[Action, str] = {
    Action.GRADE_ME: gettext_noop("Sign in to get your certificate."),
    Action.DOWNLOAD_OWN: gettext_noop("Sign in as the holder to download this certificate."),
    Action.STUDIO_VIEW: gettext_noop("Only the course team can edit this certificate, in Studio."),
    Action.PREVIEW: gettext_noop("Only the course team can preview this certificate, in Studio."),
    Action.SAVE_SETTINGS: gettext_noop("Only the course team can change this certificate's settings, in Studio."),
    Action.API_MY_CERTIFICATES: gettext_noop("Sign in to see your certificates."),
    Action.API_MY_DOWNLOAD: gettext_noop("Only the holder can download this certificate."),
    Action.API_MY_CREDENTIAL: gettext_noop("Only the holder can download this credential."),
    Action.API_LEARNER_STATUS: gettext_noop(
        "Only the learner themselves or course staff can see this learner's certificates."),
    Action.API_COURSE_CERTIFICATES: gettext_noop("Only course staff can see the certificates of a course."),
    **dict.fromkeys((Action.STAFF_DASHBOARD, Action.STAFF_ALLOWLIST, Action.STAFF_REVOKE, Action.STAFF_REGENERATE,
                     Action.STAFF_ISSUE_NOW, Action.STAFF_REPORT),
                    gettext_noop("Only the course team can manage this course's certificates.")),
}


@dataclass(frozen=True)
class Caller:
    """Who is calling, as the permission table sees them: their user id (None: anonymous) and their roles."""

    user_id: int | None
    roles: frozenset[Role]
    masquerade: str = ""  # "learner" or "specific" while a course-team member views the course as a learner

    def with_holder(self, holder_id: int | None) -> Caller:
        """The same caller, holding the ``holder`` role when the record asked for belongs to them."""
        if self.user_id is not None and holder_id == self.user_id:
            return Caller(self.user_id, self.roles | {Role.HOLDER}, self.masquerade)
        return self


ANONYMOUS_CALLER = Caller(None, frozenset({Role.ANONYMOUS}))


def allowed(action: Action, caller: Caller) -> bool:
    """Whether the table lets this caller take this action (never a change while masquerading)."""
    if caller.masquerade and action in READ_ONLY_UNDER_MASQUERADE:
        return False
    return bool(PERMISSIONS[action] & caller.roles)


class Refused(PermissionError):
    """The caller may not take the action; ``message`` is already in their language, ``status`` is 401 or 403."""

    def __init__(self, action: Action, message: str, status: int = 403):
        super().__init__(message)
        self.action, self.message, self.status = action, message, status


_NOT_ALLOWED = gettext_noop("You are not allowed to do this.")
# Everything that issues, revokes, allowlists, regenerates or emails: never while viewing the course as someone else.
READ_ONLY_UNDER_MASQUERADE = frozenset({Action.GRADE_ME, Action.SAVE_SETTINGS, Action.STAFF_ALLOWLIST,
                                        Action.STAFF_REVOKE, Action.STAFF_REGENERATE, Action.STAFF_ISSUE_NOW})
_MASQUERADE_REFUSAL = gettext_noop(
    "You are viewing this course as a learner, which is read-only: nothing can be issued, revoked, allowlisted "
    "or emailed in this mode. Stop viewing as a learner to do it.")


def check(action: Action, caller: Caller, _: Callable[[str], str] = lambda s: s) -> None:
    """Raise ``Refused`` (with the reason in the caller's language) unless the table allows the action."""
    if not allowed(action, caller):
        reason = _(_MASQUERADE_REFUSAL) if caller.masquerade and action in READ_ONLY_UNDER_MASQUERADE else None
        raise Refused(action, reason or refusal(action, _))


def refusal(action: Action, _: Callable[[str], str] = lambda s: s) -> str:
    """The reason given to a refused caller."""
    return _(_REFUSALS.get(action, _NOT_ALLOWED))


def caller_from_roles(user_id: int | None, roles: CourseRoles) -> Caller:
    """The table's view of a caller whose course roles the platform has told us."""
    if user_id is None:
        return ANONYMOUS_CALLER
    if roles.masquerade:
        return Caller(user_id, frozenset({Role.LEARNER}), roles.masquerade)
    held = {Role.LEARNER}
    for flag, role in ((roles.global_staff, Role.GLOBAL_STAFF), (roles.course_staff, Role.COURSE_STAFF),
                       (roles.instructor, Role.INSTRUCTOR), (roles.author, Role.AUTHOR)):
        if flag:
            held.add(role)
    return Caller(user_id, frozenset(held))


def caller_viewing(user_id: int | None, user_service: Any, course_key: CourseKey) -> Caller:
    """Who is calling a block: the user its runtime is bound to (``user_id``), with the roles the platform gives
    the request's user under its masquerade settings (``platform.viewer_roles``), not a user read afresh."""
    from cert_xblock import platform

    return caller_from_roles(user_id, platform.viewer_roles(user_service, course_key))


def caller_for_user(user: Any, course_key: CourseKey | None = None) -> Caller:
    """The same for a Django user (the REST API's and pages' request.user); no course: signed in or not."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS_CALLER
    if course_key is None:
        return Caller(user.pk, frozenset({Role.LEARNER}))
    from cert_xblock import platform

    return caller_from_roles(user.pk, platform.course_roles(user, course_key))
