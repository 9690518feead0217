"""Sample certificates for authors: the Studio preview renders the real design with sample data."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from webob import Response

from . import compat
from .config import CertificateSettings, validate_settings
from .http import BadRequest, error_response, parse_json_object
from .issuance import certificate_document, design_of, printed_course_and_org
from .models import IssuedCertificate, new_short_code, new_verify_id
from .rendering import RenderError, render_certificate

SAMPLE_NAME = "Ada Lovelace"


def preview_response(block: Any, request: Any) -> Response:
    """GET: the saved settings; POST ``{"values": {...}}``: unsaved edits, validated first."""
    values = block.certificate_settings
    if request.method == "POST":
        try:
            posted = parse_json_object(request).get("values", {})
        except BadRequest as exc:
            return error_response(400, str(exc))
        if not isinstance(posted, dict):
            return error_response(400, "values must be a JSON object")
        values = CertificateSettings.from_dict({**values.to_dict(), **posted})
        problems = validate_settings(values)
        if problems:
            return error_response(400, "; ".join(str(p) for p in problems))
    course = compat.get_course_info(block.block_ref.course_key)
    sample = IssuedCertificate(
        course_key=course.course_key, verify_id=new_verify_id(), short_code=new_short_code(), name=SAMPLE_NAME,
        **printed_course_and_org(values, course), title=values.certificate_title,
        grade_percent=0.92, issued_at=datetime.now(UTC),
    )
    try:
        pdf = render_certificate(certificate_document(sample, values), design_of(values))
    except RenderError as exc:
        return error_response(400, str(exc))
    return Response(body=pdf, content_type="application/pdf", cache_control="no-store",
                    content_disposition='inline; filename="certificate-preview.pdf"')



