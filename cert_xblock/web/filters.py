"""The platform bridge: the LMS's own certificate page sends visitors to our verification page.

An openedx-filters ``CertificateRenderStarted`` pipeline step. The platform's render view calls it with the
page context (``course_id``, ``accomplishment_user_id`` among others) and a custom template. When the
learner holds a certificate from one of our blocks in that course, the step raises ``RedirectToPage`` with
our verify link. Off unless ``CERT_XBLOCK_PLATFORM_BRIDGE`` is set (which also adds the step to
``OPEN_EDX_FILTERS_CONFIG``).

The platform runs the pipeline late (lms/djangoapps/certificates/views/webview.py, ``render_html_view``):
only with ``FEATURES['CERTIFICATES_HTML_VIEW']`` on, web certificates enabled for the course with an active
configuration, and a downloadable platform ``GeneratedCertificate`` of that learner; otherwise it renders its
"invalid certificate" page first. So the bridge serves learners who hold both certificates; a learner who
holds only ours finds it in the block, the email and the REST API, never through the platform's page.
A system check says so when the bridge is on where the platform renders no web certificate at all.
"""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey
from openedx_filters import PipelineStep
from openedx_filters.learning.filters import CertificateRenderStarted


def certificate_for_render(context: dict[str, Any]) -> Any:
    """Our newest live certificate of the page's learner in the page's course, or None."""
    from cert_xblock.models import IssuedCertificate

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
        from cert_xblock.records.links import verify_url

        raise CertificateRenderStarted.RedirectToPage(
            "The certificate is issued by cert_xblock; showing its verification page.",
            redirect_to=verify_url(certificate.verify_id),
        )


@checks.register
def check_bridge_reachable(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Warn when the bridge is on but the LMS's web certificate view, the only caller of the step, is off."""
    if not getattr(settings, "CERT_XBLOCK_PLATFORM_BRIDGE", False):
        return []
    if getattr(settings, "FEATURES", {}).get("CERTIFICATES_HTML_VIEW", False):
        return []
    return [checks.Warning(
        "CERT_XBLOCK_PLATFORM_BRIDGE is on but FEATURES['CERTIFICATES_HTML_VIEW'] is off: the LMS never renders "
        "its certificate page, so the bridge never runs",
        hint="The bridge only redirects learners who also hold a platform web certificate; see docs/plugin.md.",
        id="cert_xblock.W002")]
