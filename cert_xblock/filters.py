"""The platform bridge: the LMS's own certificate page sends visitors to our verification page.

An openedx-filters ``CertificateRenderStarted`` pipeline step. The platform's render view calls it with the
page context (``course_id``, ``accomplishment_user_id`` among others) and a custom template. When the
learner holds a certificate from one of our blocks in that course, the step raises ``RedirectToPage`` with
our verify link, so the learner dashboard's "View certificate" lands on a page that exists. Off unless
``CERT_XBLOCK_PLATFORM_BRIDGE`` is set (which also adds the step to ``OPEN_EDX_FILTERS_CONFIG``).
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey
from openedx_filters import PipelineStep
from openedx_filters.learning.filters import CertificateRenderStarted


def certificate_for_render(context: dict[str, Any]) -> Any:
    """Our newest live certificate of the page's learner in the page's course, or None."""
    from .models import IssuedCertificate

    user_id = context.get("accomplishment_user_id")
    try:
        course_key = CourseKey.from_string(str(context.get("course_id") or ""))
    except InvalidKeyError:
        return None
    if not user_id:
        return None
    return (IssuedCertificate.objects.filter(user_id=user_id, course_key=course_key, live=1)
            .order_by("-issued_at").first())


class PlatformCertificateBridge(PipelineStep):
    """Redirect the platform's certificate page to our verification page of the same learner and course."""

    def run_filter(self, context: dict[str, Any], custom_template: Any) -> dict[str, Any]:  # pylint: disable=arguments-differ
        if not getattr(settings, "CERT_XBLOCK_PLATFORM_BRIDGE", False):
            return {"context": context, "custom_template": custom_template}
        certificate = certificate_for_render(context)
        if certificate is None:
            return {"context": context, "custom_template": custom_template}
        from .links import verify_url

        raise CertificateRenderStarted.RedirectToPage(
            "The certificate is issued by cert_xblock; showing its verification page.",
            redirect_to=verify_url(certificate.verify_id),
        )
