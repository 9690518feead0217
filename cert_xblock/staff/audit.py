"""The audit trail of course-team operations: who did what, to whom, when, why, under which request id.

Every staff operation takes an ``Actor`` and writes its ``StaffAction`` row inside the same transaction as the
change it records, so the trail never shows an action that did not happen, nor misses one that did.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop

from cert_xblock.issuing.issuance import BlockRef, new_request_id
from cert_xblock.models import IssuedCertificate, StaffAction


class StaffError(ValueError):
    """A staff operation refused as asked; ``message`` (English, translated when shown) names what to fix."""

    def __init__(self, message: str, status: int = 400, **params: Any):
        super().__init__(message.format(**params))
        self.message, self.status, self.params = message, status, params

    def text(self, _: Any = lambda s: s) -> str:
        """The reason in the caller's language."""
        return _(self.message).format(**self.params)


ACTION_WORDS = {
    StaffAction.Kind.ALLOWLIST_ADD: gettext_noop("Added to the allowlist"),
    StaffAction.Kind.ALLOWLIST_REMOVE: gettext_noop("Removed from the allowlist"),
    StaffAction.Kind.REVOKE: gettext_noop("Revoked the certificate"),
    StaffAction.Kind.RESTORE: gettext_noop("Restored the certificate"),
    StaffAction.Kind.REGENERATE: gettext_noop("Printed the certificate again"),
    StaffAction.Kind.ISSUE_NOW: gettext_noop("Issued by the course team"),
}


def action_words(kind: str, _: Any = lambda s: s) -> str:
    """What an audit row's ``kind`` did, in words in the reader's language (the code itself if it is unknown):
    the history and the CSV report say "Revoked the certificate", not ``revoke``."""
    words = ACTION_WORDS.get(kind)
    return _(words) if words else kind


NO_REASON = gettext_noop("Give a reason: it is kept in the certificate's history.")
MAX_REASON = 500


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in member of the course team (``user_id``) or an operator's command (None)."""

    username: str
    user_id: int | None = None
    request_id: str = field(default_factory=new_request_id)


def required_reason(reason: Any) -> str:
    """The reason as kept: trimmed, at most 500 characters; ``StaffError`` when blank or not text."""
    if not isinstance(reason, str) or not reason.strip():
        raise StaffError(NO_REASON)
    text = " ".join(reason.split())
    if len(text) > MAX_REASON:
        raise StaffError(gettext_noop("The reason is too long ({length} characters; at most {limit})."),
                         length=len(text), limit=MAX_REASON)
    return text


def record(actor: Actor, block: BlockRef, kind: str, *, learner: Any = None,
           certificate: IssuedCertificate | None = None, reason: str = "", **detail: Any) -> StaffAction:
    """Write one audit row (call inside the transaction of the change it records)."""
    return StaffAction.objects.create(
        course_key=block.course_key, block_id=block.block_id, kind=kind, actor_id=actor.user_id,
        actor_username=actor.username, learner_id=getattr(learner, "pk", None),
        learner_username=getattr(learner, "username", ""), certificate=certificate, reason=reason[:MAX_REASON],
        detail=detail, request_id=actor.request_id)


def history(block: BlockRef, certificate: IssuedCertificate | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The latest actions on a block (or on one certificate), newest first, as the staff view lists them."""
    actions = StaffAction.objects.filter(block_id=block.block_id)
    if certificate is not None:
        actions = actions.filter(certificate=certificate)
    return [{"at": a.created.isoformat(), "by": a.actor_username, "kind": a.kind, "learner": a.learner_username,
             "learners": 1, "reason": a.reason, "detail": a.detail, "request_id": a.request_id}
            for a in actions.order_by("-created", "-id")[:limit]]


GROUPS_PER_PAGE = 25
MAX_GROUPED = 5000


def grouped_history(block: BlockRef, page: Any = 1) -> dict[str, Any]:
    """The block's latest actions a page at a time, one entry per request: a "Regenerate all" over 28
    certificates is one line naming 28 learners, not 28 identical lines."""
    try:
        page = int(page or 1)
    except (TypeError, ValueError):
        raise StaffError(gettext_noop("'page' must be a whole number.")) from None
    if page < 1:
        raise StaffError(gettext_noop("'page' starts at 1."))
    groups: list[dict[str, Any]] = []
    for entry in history(block, limit=MAX_GROUPED):
        last = groups[-1] if groups else None
        if last and (last["request_id"], last["kind"], last["reason"]) == (
                entry["request_id"], entry["kind"], entry["reason"]):
            last["learners"] += 1
            last["learner"] = ""
            continue
        groups.append(entry)
    pages = max(1, -(-len(groups) // GROUPS_PER_PAGE))
    return {"actions": groups[(page - 1) * GROUPS_PER_PAGE:page * GROUPS_PER_PAGE], "page": min(page, pages),
            "pages": pages, "count": len(groups)}
