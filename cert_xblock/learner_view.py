"""The learner's side of the block: their standing for the view, and the Grade Me click.

Both go through ``issuance``: the view with the read-only ``assess``, the click with ``issue_certificate``,
so the page and the button can never disagree about who qualifies.
"""
from __future__ import annotations

import logging
from typing import Any

from webob import Response

from .batch import record_failures
from .http import RequestError, error_response, json_response, parse_json_object
from .i18n import gettext_for
from .issuance import Assessment, assess, issue_certificate, new_request_id
from .models import IssueFailure
from .names import NameRefused, refusal_message
from .payloads import certificate_payload, grade_payload
from .platform_types import Learner
from .rendering import RenderError
from .tracking import certificate_requested

log = logging.getLogger(__name__)


def _standing_payload(block: Any, standing: Assessment, _: Any) -> dict[str, Any]:
    status = standing.status
    payload: dict[str, Any] = {"status": status, "grade": grade_payload(standing.grade)}
    decision = standing.decision
    if decision is not None:
        payload["message"] = decision.message(_)
        payload["required_percent"] = decision.required_percent
        payload["gap"] = decision.gap
        payload["reason"] = decision.reason.value
        if decision.available_from:
            payload["available_from"] = decision.available_from.date().isoformat()
    if standing.certificate is not None:
        download_url = block.runtime.handler_url(block, "download")
        payload["certificate"] = certificate_payload(standing.certificate, download_url)
        payload.setdefault("message", _("Your certificate is ready."))
    return payload


def learner_state(block: Any, learner: Learner) -> dict[str, Any]:
    """What the view shows, computed without writing anything."""
    _ = gettext_for(learner.language)
    if not learner.is_authenticated:
        return {"status": "anonymous", "message": _("Sign in to get your certificate.")}
    standing = assess(learner, block.block_ref, block.certificate_settings)
    return _standing_payload(block, standing, _)


def grade_me(block: Any, request: Any, learner: Learner) -> Response:
    """Handle the Get my certificate click (POST, JSON object body) of a signed-in learner."""
    _ = gettext_for(learner.language)
    try:
        parse_json_object(request, _)
    except RequestError as exc:
        return error_response(exc.status, str(exc))
    request_id = new_request_id()
    try:
        standing = issue_certificate(learner, block.block_ref, block.certificate_settings, via="learner",
                                     request_id=request_id)
    except NameRefused as exc:
        log.info("cert_xblock request_id=%s user=%s name refused: %s (%d)", request_id, learner.user_id, exc.reason,
                 exc.length)
        return error_response(422, refusal_message(exc, _), status="name_refused", request_id=request_id)
    except RenderError as exc:
        # Nothing was stored or recorded (issuance renders first). The learner is told it is delayed, not why
        # in font terms; the log line carries the request id and the script for whoever installs the fonts.
        scripts = ", ".join(getattr(exc, "scripts", ())) or "-"
        log.error("cert_xblock request_id=%s user=%s block=%s cannot print the certificate (script: %s): %s",
                  request_id, learner.user_id, block.block_ref.block_id, scripts, exc)
        # What "the course team has been told" means: the staff view counts and lists the failure.
        record_failures(block.block_ref, [learner.user_id], IssueFailure.Kind.RENDER, str(exc), request_id)
        return error_response(422, _("Your certificate is delayed: it cannot be printed yet. The course team has "
                                     "been told; please try again later."), request_id=request_id, status="delayed")
    except Exception:
        log.exception("cert_xblock request_id=%s user=%s issuing failed", request_id, learner.user_id)
        return error_response(503, _("Your certificate could not be issued just now. Please try again."),
                              request_id=request_id)
    certificate_requested(learner.user_id, block.block_ref.course_key, block.block_ref.block_id, request_id,
                          standing.status)
    payload = _standing_payload(block, standing, _)
    payload["request_id"] = request_id
    return json_response(200, payload)
