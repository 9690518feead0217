"""Links printed on certificates and returned to learners and staff: the public verify page, the staff REST API."""
from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from opaque_keys.edx.keys import CourseKey

VERIFY_PATH = "/certificates/verify/{verify_id}"


def site_root() -> str:
    """The LMS root the public links start with (``CERT_XBLOCK_SITE_ROOT``, else ``LMS_ROOT_URL``)."""
    root = getattr(settings, "CERT_XBLOCK_SITE_ROOT", "") or getattr(settings, "LMS_ROOT_URL", "")
    return (root or "http://127.0.0.1:8000").rstrip("/")


# The verify id printed on Studio's sample certificates: never a real one's (32 hex digits); its page says so.
SAMPLE_VERIFY_ID = "sample"


def verify_url(verify_id: str) -> str:
    """The public verification page of one certificate."""
    try:
        path = reverse("cert_xblock:verify", kwargs={"verify_id": verify_id})
    except NoReverseMatch:
        path = VERIFY_PATH.format(verify_id=verify_id)
    return f"{site_root()}{path}"


def credential_url(verify_id: str) -> str:
    """The certificate's signed Open Badges credential (cert_xblock.credentials): its ``id``, and its download."""
    return f"{site_root()}{reverse('cert_xblock:credential', kwargs={'verify_id': verify_id})}"


def staff_api_root(course_key: CourseKey, block_id: str) -> str:
    """The path the staff endpoints of one block start with (ends with a slash)."""
    summary = reverse("cert_xblock:api-staff-summary", kwargs={"course_id": str(course_key), "block_id": block_id})
    return summary.removesuffix("summary")
