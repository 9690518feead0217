"""The public verification pages: no login, in the visitor's language, only the public record.

``/certificates/verify/`` takes the short code printed on the PDF; ``/certificates/verify/<id>`` shows one
certificate; ``/certificates/verify/<id>.json`` is the same record for machines. Unknown ids and codes get a
404 that says so, a code that cannot exist gets a 400 that says why. Every look-up counts against the client's
rate (django-ratelimit, as the LMS limits its own guessable forms): past it, a 429 with ``Retry-After``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import check_for_language, get_language_from_request
from django.views.decorators.http import require_safe

from cert_xblock.core.i18n import direction, format_day, gettext_for, shown_title
from cert_xblock.core.resources import read_text
from cert_xblock.core.templating import render_template
from cert_xblock.models import IssuedCertificate
from cert_xblock.notifications import tracking
from cert_xblock.records.links import SAMPLE_VERIFY_ID, credential_url
from cert_xblock.records.verification import (
    MalformedCode,
    PublicRecord,
    find_by_code,
    find_by_verify_id,
    linkedin_url,
    public_record,
    revocation_reason,
)


def _translator(request: HttpRequest) -> tuple[str, Callable[[str], str]]:
    """The visitor's language: ``?lang=`` when it names a known language, else their browser's (Accept-Language)."""
    asked = request.GET.get("lang", "").strip().lower()
    if asked and len(asked) <= 10 and check_for_language(asked):
        return asked, gettext_for(asked)
    language = get_language_from_request(request) or "en"
    return language, gettext_for(language)


def _labels(_: Callable[[str], str]) -> dict[str, str]:
    return {
        "page_title": _("Certificate verification"),
        "valid": _("Valid certificate"),
        "revoked": _("This certificate was revoked on {date}."),
        "expired": _("This certificate expired on {date}."),
        "awarded_to": _("Awarded to"),
        "course": _("Course"),
        "organization": _("Organization"),
        "issued_on": _("Issued on"),
        "expires_on": _("Valid until"),
        "grade": _("Grade"),
        "code": _("Verification code"),
        "linkedin": _("Add to LinkedIn profile"),
        "json": _("This record as JSON"),
        "credential": _("Also a verifiable credential (Open Badges 3.0): download it (JSON)"),
        "lookup_title": _("Check a certificate"),
        "lookup_help": _("Enter the verification code printed on the certificate, for example 7K2QX-M9TRB."),
        "lookup_button": _("Check"),
        "image_alt": _("The certificate of {name} for {course}"),
        "share_description": _("{name} earned this certificate for {course} from {org}."),
    }


def _page(name: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context = {**context, "css": read_text("static", "css/verify.css"), "direction": direction(context["language"])}
    response = HttpResponse(render_template(name, context), status=status)
    # A revocation must show at once, and a learner's record is not for search engines.
    response["Cache-Control"] = "no-cache, max-age=0"
    response["X-Robots-Tag"] = "noindex"
    return response


def _over_rate(request: HttpRequest, group: str, setting: str) -> HttpResponse | None:
    """A 429 with Retry-After once this client has made more look-ups of this kind than the rate allows."""
    from django_ratelimit.core import get_usage

    usage = get_usage(request, group=f"cert_xblock.{group}", key="ip", rate=getattr(settings, setting),
                      increment=True)
    if not usage or not usage["should_limit"]:
        return None
    _ = _translator(request)[1]
    response = HttpResponse(_("Too many look-ups from your address. Try again in a minute."), status=429,
                            content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(max(1, int(usage["time_left"])))
    return response


def _lookup_page(request: HttpRequest, status: int, message: str = "", code: str = "") -> HttpResponse:
    language, _ = _translator(request)
    return _page("verify_lookup.html", {"language": language, "labels": _labels(_), "message": message,
                                        "code": code, "action": reverse("cert_xblock:verify_lookup")}, status)


def _not_found(request: HttpRequest) -> HttpResponse:
    _ = _translator(request)[1]
    return _lookup_page(request, 404, _("No certificate has this verification link. Check the address, or enter "
                                        "the code printed on the certificate."))


@require_safe
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """The code form; with ``?code=`` it sends the visitor to that certificate's page."""
    code = request.GET.get("code", "").strip()
    if not code:
        return _lookup_page(request, 200)
    limited = _over_rate(request, "code", "CERT_XBLOCK_VERIFY_LOOKUP_RATE")
    if limited is not None:
        return limited
    _ = _translator(request)[1]
    try:
        certificate = find_by_code(code)
    except MalformedCode:
        return _lookup_page(request, 400, _("A verification code has ten letters and digits, like 7K2QX-M9TRB."),
                            code)
    if certificate is None:
        return _lookup_page(request, 404, _("No certificate has the code {code}.").format(code=code), code)
    return HttpResponseRedirect(reverse("cert_xblock:verify", kwargs={"verify_id": certificate.verify_id}))


@require_safe
def verify_page(request: HttpRequest, verify_id: str) -> HttpResponse:
    limited, certificate = _counted_look_up(request, verify_id)
    if limited is not None:
        return limited
    if verify_id == SAMPLE_VERIFY_ID:  # the link printed on Studio's sample certificates (``preview``)
        _ = _translator(request)[1]
        return _lookup_page(request, 200, _("This is the link printed on a sample certificate from Studio's "
                                            "preview: it belongs to no certificate. A real certificate's link "
                                            "shows its record here."))
    if certificate is None:
        return _code_in_path(request, verify_id)
    record = _record_seen(certificate, "page")
    language, _ = _translator(request)
    labels = _labels(_)
    status_line = labels["valid"]
    if record.status != "valid":
        when = record.revoked_on if record.status == "revoked" else record.expires_on
        status_line = labels[record.status].format(date=format_day(when, language))
    record = replace(record, title=shown_title(record.title, _))  # the default title in the visitor's language
    return _page("verify.html", {
        "language": language, "labels": labels, "record": record, "status_line": status_line,
        "issued_on": format_day(record.issued_on, language),
        "expires_on": format_day(record.expires_on, language) if record.expires_on else "",
        "share": _share_tags(request, certificate, record, labels),
        "revoke_reason": _revoke_reason_shown(request, certificate), "reason_label": _("Reason"),
        "linkedin_url": linkedin_url(record),
        "json_url": reverse("cert_xblock:verify_json", kwargs={"verify_id": certificate.verify_id}),
        "credential_url": credential_url(certificate.verify_id) + "?download=1",
    })


def _code_in_path(request: HttpRequest, text: str) -> HttpResponse:
    """``/certificates/verify/<short code>`` (the code as printed, typed into the address): that certificate's page,
    the visitor's ``?lang=`` kept; counted against the code form's rate, since codes are shorter than ids."""
    try:
        find_by_code(text)
    except MalformedCode:
        return _not_found(request)
    limited = _over_rate(request, "code", "CERT_XBLOCK_VERIFY_LOOKUP_RATE")
    if limited is not None:
        return limited
    certificate = find_by_code(text)
    if certificate is None:
        _ = _translator(request)[1]
        return _lookup_page(request, 404, _("No certificate has the code {code}.").format(code=text), text)
    target = reverse("cert_xblock:verify", kwargs={"verify_id": certificate.verify_id})
    query = request.GET.urlencode()
    return HttpResponseRedirect(f"{target}?{query}" if query else target)


def _counted_look_up(request: HttpRequest, verify_id: str) -> tuple[HttpResponse | None, IssuedCertificate | None]:
    """A page, JSON or picture look-up, counted against the client's rate: (the 429, None) past it, else (None,
    the certificate or None)."""
    limited = _over_rate(request, "page", "CERT_XBLOCK_VERIFY_PAGE_RATE")
    if limited is not None:
        return limited, None
    return None, find_by_verify_id(verify_id)


@require_safe
def verify_json(request: HttpRequest, verify_id: str) -> HttpResponse:
    limited, certificate = _counted_look_up(request, verify_id)
    if limited is not None:
        return limited
    if certificate is None:
        _ = _translator(request)[1]
        return JsonResponse({"error": _("No certificate has this verification id.")}, status=404)
    response = JsonResponse(_record_seen(certificate, "json").as_json())
    response["Cache-Control"] = "no-cache, max-age=0"
    return response


def _share_tags(request: HttpRequest, certificate: IssuedCertificate, record: PublicRecord,
                labels: dict[str, str]) -> dict[str, str]:
    """What a shared link unfurls with (Open Graph, Twitter card): title, description and, unless revoked, the
    certificate's picture; a retired holder's only the title and link."""
    tags = {"title": f"{record.title} · {record.course_name}", "url": record.verify_url}
    if not record.name:  # the holder retired their account: no name, and no picture (it printed the name)
        return tags
    names = {"name": record.name, "course": record.course_name, "org": record.org_name or record.course_name}
    tags["description"] = labels["share_description"].format(**names)
    if record.status != "revoked":
        tags["image"] = request.build_absolute_uri(
            reverse("cert_xblock:verify_image", kwargs={"verify_id": certificate.verify_id}))
        tags["image_alt"] = labels["image_alt"].format(**names)
    return tags


@require_safe
def verify_image(request: HttpRequest, verify_id: str) -> HttpResponse:
    """The certificate's picture for link previews: public, rate-limited like the page; none once revoked."""
    from cert_xblock.web.share_image import share_image

    limited, certificate = _counted_look_up(request, verify_id)
    if limited is not None:
        return limited
    png = share_image(certificate) if certificate is not None else None
    if png is None:
        _ = _translator(request)[1]
        return HttpResponse(_("No certificate picture has this address."), status=404,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(png, content_type="image/png")
    # A revocation must take the picture down at once, as it does the page.
    response["Cache-Control"] = "no-cache, max-age=0"
    response["X-Robots-Tag"] = "noindex"
    return response


def _revoke_reason_shown(request: HttpRequest, certificate: IssuedCertificate) -> str | None:
    """The revocation reason this visitor may read: course staff always, the public if the author publishes it."""
    from cert_xblock.core.permissions import Action, allowed, caller_for_user

    if certificate.status != IssuedCertificate.Status.REVOKED:
        return None
    staff = allowed(Action.VERIFY_REVOKE_REASON, caller_for_user(request.user, certificate.course_key))
    return revocation_reason(certificate, staff)


def _record_seen(certificate: IssuedCertificate, form: str) -> PublicRecord:
    record = public_record(certificate)
    tracking.certificate_verified(certificate, record.status, form)
    return record
