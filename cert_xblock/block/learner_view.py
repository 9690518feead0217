"""The learner's side of the block: their standing for the view, and the Grade Me click.

Both go through ``issuance``: the view with the read-only ``assess``, the click with ``issue_certificate``,
so the page and the button can never disagree about who qualifies.
"""
from __future__ import annotations

import logging
from typing import Any

from webob import Response

from cert_xblock import platform, plugins
from cert_xblock.config.values import CertificateSettings
from cert_xblock.core.http import RequestError, error_response, json_response, parse_json_object, require_method
from cert_xblock.core.i18n import direction, format_day, format_number, gettext_for, shown_title
from cert_xblock.core.permissions import Action, allowed, caller_viewing
from cert_xblock.core.templating import render_template
from cert_xblock.credentials.wallet import wallet_links
from cert_xblock.issuing.issuance import Assessment, assess, issue_certificate, live_certificate, new_request_id
from cert_xblock.issuing.names import NameRefused, refusal_message
from cert_xblock.issuing.payloads import certificate_payload, grade_payload, requirement_payload
from cert_xblock.models import IssuedCertificate, IssueFailure
from cert_xblock.notifications.tracking import certificate_requested
from cert_xblock.platform.types import Learner
from cert_xblock.plugins import DesignUnavailable
from cert_xblock.records import storage
from cert_xblock.records.failures import record_failures
from cert_xblock.records.verification import revocation_reason
from cert_xblock.rendering import RenderError

log = logging.getLogger(__name__)


def _standing_payload(block: Any, standing: Assessment, learner: Learner, _: Any,
                      rules: CertificateSettings) -> dict[str, Any]:
    status = standing.status
    payload: dict[str, Any] = {"status": status, "grade": grade_payload(standing.grade)}
    primary = standing.facts.requirements[0] if standing.facts.requirements else None
    if primary is not None and primary.rule.value != "course_grade" and primary.current is not None:
        # The meter shows what decides, before and after the issue: a lesson's section grade, a completion
        # certificate's completion, not the course grade.
        payload["progress"] = {"rule": primary.rule.value, "subject": primary.subject,
                               "percent": primary.current, "required": primary.required}
    decision = standing.decision
    if decision is not None:
        payload["message"] = decision.message(_)
        payload["required_percent"] = decision.required_percent
        payload["gap"] = decision.gap
        payload["reason"] = decision.reason.value
        payload["unmet"] = [requirement_payload(requirement, _) for requirement in decision.unmet]
        if decision.reason.value == "requirements_unmet":
            # The list below the meter names each unmet requirement and its gap; the live message introduces it.
            payload["message"] = _("You do not meet every requirement of this certificate yet:")
        if "progress" not in payload and rules.eligibility_source:
            # A source without figures: the course grade the meter then shows is not measured against anything.
            payload["required_percent"] = payload["gap"] = None
        if decision.available_from:
            payload["available_from"] = decision.available_from.date().isoformat()
            payload["message"] = _("Certificates become available on {date}.").format(
                date=format_day(decision.available_from.date(), learner.language))
        if not standing.grade.attempted and decision.reason.value in ("below_minimum", "not_passed"):
            # The platform's "no grade yet" (no persisted grade) is not a grade of 0%.
            payload["message"] = _("You have no grade in this course yet. Complete graded work to earn this "
                                   "certificate.")
        if decision.reason.value == "audit_mode":
            payload["upgrade_url"] = platform.upgrade_url(learner.user_id, block.block_ref.course_key)
    if standing.certificate is not None:
        download_url = block.runtime.handler_url(block, "download")
        payload["certificate"] = certificate_payload(standing.certificate, download_url)
        payload["certificate"]["issued_on"] = format_day(standing.certificate.issued_at.date(), learner.language)
        payload["certificate"]["wallet_url"], payload["certificate"]["wallet_qr"] = wallet_links(standing.certificate)
        # The same view after the click and after a reload (where there is no decision to read).
        payload["message"] = _("Your certificate is ready.")
        for key in ("required_percent", "gap", "reason", "unmet"):
            payload.pop(key, None)
    return payload


def learner_state(block: Any, learner: Learner) -> dict[str, Any]:
    """What the view shows, computed without writing anything."""
    _ = gettext_for(learner.language)
    rules = block.certificate_settings
    title = shown_title(rules.certificate_title, _)  # the certificate's own name: a unit may hold several
    if not learner.is_authenticated:
        next_url = platform.courseware_url(block.block_ref.course_key, block.block_ref.block_id)
        return {"status": "anonymous", "message": _("Sign in to get your certificate."),
                "login_url": platform.login_url(next_url), "title": title}
    standing = assess(learner, block.block_ref, rules)
    payload = _standing_payload(block, standing, learner, _, rules)
    payload["title"] = title
    if payload["status"] == "eligible":
        try:
            plugins.artist(rules.design)
        except DesignUnavailable as exc:
            # Said before the click rather than after it: the button could only fail.
            payload.update(status="delayed", message=exc.message(_))
    return payload


def learner_strings(_: Any) -> dict[str, str]:
    """Every label of the learner view, in the learner's language (the script receives them too)."""
    return {
        "get": _("Get my certificate"),
        "working": _("Preparing your certificate…"),
        "download": _("Download certificate (PDF)"),
        "credential": _("Download credential (JSON)"),
        "wallet": _("Add to Learner Credential Wallet"),
        "wallet_qr": _("QR code of the wallet link: scan it with the Learner Credential Wallet on your phone"),
        "verify": _("Public verification link"),
        "issued_on": _("Issued on"),
        "code": _("Verification code"),
        "error": _("Something went wrong. Please try again in a moment."),
        "progress": _("Your grade"),
        "progress_in": _("Your grade in “{subject}”"),
        "unmet": _("Still to do"),
        "progress_done": _("Completed"),
        "progress_done_in": _("Completed in “{subject}”"),
        "no_grade": _("No grade yet"),
        "required": _("Required to earn the certificate: {percent}"),
        "sign_in": _("Sign in"),
        "upgrade": _("Upgrade to a certificate track"),
        "opens_new_tab": _("(opens in a new tab)"),
    }


def render_learner_view(state: dict[str, Any], learner: Learner, strings: dict[str, str], body_only: bool = False
                        ) -> str:
    """The learner view's HTML (``body_only``: the part a click replaces, below the announced message)."""
    grade = state.get("grade")
    required = state.get("required_percent")
    context = {**state, "strings": strings, "language": learner.language or "en",
               "direction": direction(learner.language),
               "unmet_list": state.get("unmet", []) if state.get("reason") == "requirements_unmet" else []}
    progress = state.get("progress")
    if progress is not None:
        if progress["rule"] == "completion":  # a certificate without a grade rule: completion decides
            label = (strings["progress_done_in"].format(subject=progress["subject"]) if progress["subject"]
                     else strings["progress_done"])
        else:
            label = strings["progress_in"].format(subject=progress["subject"])
        context["meter"] = {"label": label, "attempted": True, "percent": progress["percent"]}
    elif grade is not None:
        context["meter"] = {"label": strings["progress"], "attempted": grade["attempted"], "percent": grade["percent"]}
    if "meter" in context:
        context["meter"]["text"] = (f"{format_number(context['meter']['percent'], learner.language)}%"
                                    if context["meter"]["attempted"] else strings["no_grade"])
    if required is not None:
        context["required_text"] = strings["required"].format(
            percent=f"{format_number(required, learner.language)}%")
    return render_template("learner_body.html" if body_only else "learner.html", context)


def grade_me(block: Any, request: Any, learner: Learner) -> Response:
    """Handle the Get my certificate click (POST, JSON object body) of a signed-in learner."""
    _ = gettext_for(learner.language)
    try:
        parse_json_object(request, _)
    except RequestError as exc:
        return error_response(exc.status, str(exc))
    request_id = new_request_id()
    rules = block.certificate_settings  # read once: each field only when this click needs it
    try:
        standing = issue_certificate(learner, block.block_ref, rules, via="learner", request_id=request_id)
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
        ref = block.block_ref
        record_failures(ref.block_id, ref.course_key, [learner.user_id], IssueFailure.Kind.RENDER, str(exc), request_id)
        message = (exc.message(_) if isinstance(exc, DesignUnavailable) else
                   _("Your certificate is delayed: it cannot be printed yet. The course team has been told; please "
                     "try again later."))
        return error_response(422, message, request_id=request_id, status="delayed")
    except Exception:
        log.exception("cert_xblock request_id=%s user=%s issuing failed", request_id, learner.user_id)
        return error_response(503, _("Your certificate could not be issued just now. Please try again."),
                              request_id=request_id)
    certificate_requested(learner.user_id, block.block_ref.course_key, block.block_ref.block_id, request_id,
                          standing.status)
    payload = _standing_payload(block, standing, learner, _, rules)
    payload["request_id"] = request_id
    payload["html"] = render_learner_view(payload, learner, learner_strings(_), body_only=True)
    return json_response(200, payload)


def download(block: Any, request: Any, learner: Learner) -> Response:
    """A signed-in learner's GET of their certificate of this block: the PDF (or a signed link to it) under a
    name that tells this block's certificate from the others; a page saying so when it was revoked."""
    _ = gettext_for(learner.language)
    try:
        require_method(request, ("GET", "HEAD"), _)
    except RequestError as exc:
        return error_response(exc.status, str(exc))
    certificate = live_certificate(learner.user_id, block.block_ref.block_id)
    caller = caller_viewing(learner.user_id, block.runtime.service(block, "user"), block.block_ref.course_key)
    if certificate is None or not allowed(Action.DOWNLOAD_OWN, caller.with_holder(certificate.user_id)):
        revoked = (IssuedCertificate.objects.filter(user_id=learner.user_id, block_id=block.block_ref.block_id,
                                                    status=IssuedCertificate.Status.REVOKED)
                   .order_by("-revoked_at").first())
        if revoked is not None and certificate is None:
            return _revoked_page(block, revoked, learner, _)
        return error_response(404, _("You have no certificate from this block yet."))
    from cert_xblock.notifications.tracking import certificate_downloaded

    certificate_downloaded(certificate)
    delivery = storage.certificate_download(certificate)
    if delivery.redirect:
        return Response(status=302, location=delivery.redirect)
    return Response(body=delivery.body, content_type="application/pdf", content_disposition=delivery.disposition,
                    cache_control="private, no-store")


def _revoked_page(block: Any, certificate: IssuedCertificate, learner: Learner, _: Any) -> Response:
    """What a revoked certificate's download link answers: a page in the learner's language (410 Gone), with the
    date, the reason where the author publishes reasons, and the way back to the course."""
    reason = revocation_reason(certificate, staff=False)
    context = {
        "language": learner.language or "en", "direction": direction(learner.language),
        "title": shown_title(certificate.title, _),
        "message": _("This certificate was revoked on {date}.").format(
            date=format_day(certificate.revoked_at.date(), learner.language)),
        "reason": _("Reason: {reason}").format(reason=reason) if reason else "",
        "help": _("It can no longer be downloaded. If you think this is a mistake, contact the course team."),
        "back": _("Back to the course"),
        "back_url": platform.courseware_url(block.block_ref.course_key, block.block_ref.block_id),
    }
    return Response(body=render_template("download_revoked.html", context).encode(), status=410,
                    content_type="text/html", charset="utf-8", cache_control="private, no-store")
