"""Sample certificates for authors: the Studio preview renders the real design with sample data.

Only authors reach this (``permissions.Action.PREVIEW``, checked by the block before anything here runs), and
what they post is parsed and type-checked like a save, so the preview is never a way to print arbitrary text
on the course's real design for someone else.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from webob import Response

from cert_xblock import platform
from cert_xblock.config.values import apply_posted, validate_settings
from cert_xblock.core.http import RequestError, error_response, json_response, parse_json_object, require_method
from cert_xblock.core.i18n import gettext_for
from cert_xblock.issuing.issuance import certificate_document, design_of, printed_course_and_org
from cert_xblock.models import IssuedCertificate, new_short_code, new_verify_id
from cert_xblock.plugins import DesignUnavailable
from cert_xblock.records.links import SAMPLE_VERIFY_ID, verify_url
from cert_xblock.rendering import RenderError, render_certificate

SAMPLE_NAME = "Ada Lovelace"


def preview_response(block: Any, request: Any, language: str = "en") -> Response:
    """GET: the saved settings; POST ``{"values": {...}}``: unsaved edits, type-checked and validated first."""
    _ = gettext_for(language)
    values = block.certificate_settings
    try:
        require_method(request, ("GET", "HEAD", "POST"), _)
        if request.method == "POST":
            values, problems = apply_posted(values, parse_json_object(request, _).get("values", {}), _)
        else:
            problems = validate_settings(values, _)
    except RequestError as exc:
        return error_response(exc.status, str(exc))
    if problems:
        return json_response(400, {"error": "; ".join(str(p) for p in problems),
                                   "fields": {p.field: p.message for p in problems}})
    course = platform.get_course_info(block.block_ref.course_key)
    sample = IssuedCertificate(
        course_key=course.course_key, verify_id=new_verify_id(), short_code=new_short_code(), name=SAMPLE_NAME,
        **printed_course_and_org(values, course, block.block_ref), title=values.certificate_title,
        grade_percent=0.92, grade_public=values.show_grade, issued_at=datetime.now(UTC),
    )
    document = certificate_document(sample, values)
    # Marked as a sample where every reader looks (the title) and where the link is printed.
    document = replace(document, title=_("SAMPLE · {title}").format(title=document.title),
                       verify_url=verify_url(SAMPLE_VERIFY_ID), short_code="SAMPLE",
                       wording=replace(document.wording, verify_at=_("Sample only, not a certificate: {url}")))
    try:
        pdf = render_certificate(document, design_of(values))
    except DesignUnavailable as exc:
        return error_response(400, exc.message(_), fields={"design": exc.message(_)})
    except RenderError as exc:
        return error_response(400, str(exc))
    return Response(body=pdf, content_type="application/pdf", cache_control="no-store",
                    content_disposition='inline; filename="certificate-preview.pdf"')
