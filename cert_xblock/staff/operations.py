"""Every course-team operation, once, for both doors into it: the block's ``staff/<name>`` handler and the REST
API's course-staff endpoints. Each names its row of the permission table, its method and the kind of body it
takes; its function gets parsed plain data and returns the JSON the caller sees.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from cert_xblock.core.permissions import Action
from cert_xblock.issuing.batch.runner import BatchBlock
from cert_xblock.issuing.names import NameRefused
from cert_xblock.models import IssuedCertificate
from cert_xblock.rendering import RenderError
from cert_xblock.staff import allowlist, audit, dashboard, issue_now, regeneration, revocation
from cert_xblock.staff.audit import Actor, StaffError
from cert_xblock.staff.lookup import block_certificate

log = logging.getLogger(__name__)
Translate = Callable[[str], str]


@dataclass(frozen=True)
class Operation:
    """One staff operation: who may (``action``), how it is called, and what it does."""

    action: Action
    method: str  # GET (arguments in the query) or POST (a JSON object, or CSV bytes when ``body`` is "csv")
    run: Callable[[BatchBlock, Any, Actor, Translate], dict[str, Any]]
    body: str = "json"


def _certificate_named(block: BatchBlock, data: dict[str, Any], live: bool | None) -> IssuedCertificate:
    return block_certificate(block.ref, verify_id=data.get("certificate"), username=data.get("user"), live=live)


def _summary(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    return {"counts": dashboard.counts(block), "run": issue_now.progress(block.ref.block_id)}


def _learners(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    return dashboard.learners(block, search=data.get("search", ""), status=data.get("status", ""),
                              page=data.get("page", 1), page_size=data.get("page_size", dashboard.PAGE_SIZE), _=_)


def _history(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    if not data.get("certificate") and not data.get("user"):
        return audit.grouped_history(block.ref, data.get("page", 1))
    certificate = _certificate_named(block, data, None)
    return {"certificate": dashboard.certificate_json(certificate), "versions": regeneration.versions(certificate),
            "actions": audit.history(block.ref, certificate)}


def _allowlist(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    return {"entries": allowlist.entries(block.ref)}


def _allowlist_add(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    return {"outcome": allowlist.add(block.ref, data.get("user"), data.get("note", ""), actor)}


def _allowlist_remove(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    allowlist.remove(block.ref, data.get("user"), data.get("note", ""), actor)
    return {"outcome": "removed"}


def _allowlist_csv(block: BatchBlock, data: tuple[bytes, str], actor: Actor, _: Translate) -> dict[str, Any]:
    body, note = data
    if not body.strip():
        raise StaffError(gettext_noop("The file is empty."))
    rows = allowlist.import_csv(block.ref, body, actor, note)
    applied = sum(r.outcome in ("added", "updated", "unchanged") for r in rows)
    return {"applied": applied, "errors": sum(r.outcome == "error" for r in rows),
            "rows": [r.as_json(_) for r in rows]}


def _revoke(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    certificate = revocation.revoke(block.ref, _certificate_named(block, data, True), data.get("reason"), actor)
    return {"certificate": dashboard.certificate_json(certificate)}


def _restore(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    certificate = revocation.restore(block.ref, _certificate_named(block, data, False), data.get("reason"), actor)
    return {"certificate": dashboard.certificate_json(certificate)}


def _regenerate(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    certificate = regeneration.regenerate(block.ref, block.rules, _certificate_named(block, data, True),
                                          data.get("reason"), actor)
    return {"certificate": dashboard.certificate_json(certificate), "versions": regeneration.versions(certificate)}


REGENERATE_PER_REQUEST = 100


def _regenerate_all(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    after = data.get("after", 0)
    if isinstance(after, bool) or not isinstance(after, int) or after < 0:
        raise StaffError(gettext_noop("'after' must be the 'next' of the previous answer (a whole number)."))
    return regeneration.regenerate_all(block.ref, block.rules, data.get("reason"), actor, after=after,
                                       limit=REGENERATE_PER_REQUEST)


def _issue_now(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    run = issue_now.start(block, actor)
    return {"run": issue_now.progress(block.ref.block_id, run.request_id)}


def _issue(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    """Issue one learner now, from their row: only if they qualify (allowlisted or meeting the rules)."""
    certificate = issue_now.issue_one(block, data.get("user"), actor, _)
    return {"certificate": dashboard.certificate_json(certificate)}


def _progress(block: BatchBlock, data: dict[str, Any], actor: Actor, _: Translate) -> dict[str, Any]:
    request_id = data.get("request_id") or None
    if request_id is not None and not isinstance(request_id, str):
        raise StaffError(gettext_noop("'request_id' must be text."))
    run = issue_now.progress(block.ref.block_id, request_id)
    if run is None:
        raise StaffError(gettext_noop("No batch run of this block has this request id."), status=404)
    return {"run": run}


OPERATIONS: dict[str, Operation] = {
    "summary": Operation(Action.STAFF_DASHBOARD, "GET", _summary),
    "learners": Operation(Action.STAFF_DASHBOARD, "GET", _learners),
    "history": Operation(Action.STAFF_DASHBOARD, "GET", _history),
    "allowlist": Operation(Action.STAFF_ALLOWLIST, "GET", _allowlist),
    "allowlist_add": Operation(Action.STAFF_ALLOWLIST, "POST", _allowlist_add),
    "allowlist_remove": Operation(Action.STAFF_ALLOWLIST, "POST", _allowlist_remove),
    "allowlist_csv": Operation(Action.STAFF_ALLOWLIST, "POST", _allowlist_csv, body="csv"),
    "revoke": Operation(Action.STAFF_REVOKE, "POST", _revoke),
    "restore": Operation(Action.STAFF_REVOKE, "POST", _restore),
    "regenerate": Operation(Action.STAFF_REGENERATE, "POST", _regenerate),
    "regenerate_all": Operation(Action.STAFF_REGENERATE, "POST", _regenerate_all),
    "issue_now": Operation(Action.STAFF_ISSUE_NOW, "POST", _issue_now),
    "issue": Operation(Action.STAFF_ISSUE_NOW, "POST", _issue),
    "progress": Operation(Action.STAFF_ISSUE_NOW, "GET", _progress),
}


def perform(name: str, block: BatchBlock, data: Any, actor: Actor, _: Translate) -> tuple[int, dict[str, Any]]:
    """Run an operation for a caller the table already allowed: (HTTP status, JSON), never an exception.

    A ``StaffError`` is the caller's to fix (4xx, in their language); a name that cannot be printed is a 422
    that says what to change; anything else is logged with the request id and answered 503.
    """
    try:
        payload = OPERATIONS[name].run(block, data, actor, _)
    except StaffError as exc:
        return exc.status, {"error": exc.text(_)}
    except NameRefused as exc:
        return 422, {"error": _("The learner's full name cannot be printed ({reason}): ask them to change it in "
                                "their account settings.").format(reason=exc.reason.replace("_", " "))}
    except RenderError as exc:
        return 422, {"error": _("The certificate cannot be printed: {reason}").format(reason=exc)}
    except Exception:
        log.exception("cert_xblock request_id=%s block=%s staff %s by %s failed",
                                              actor.request_id, block.ref.block_id, name, actor.username)
        return 503, {"error": _("This could not be done just now. Please try again."),
                     "request_id": actor.request_id}
    return 200, {**payload, "request_id": actor.request_id}
