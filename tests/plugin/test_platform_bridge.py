"""The platform bridge: openedx-filters' CertificateRenderStarted sends the LMS's certificate page to ours."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from openedx_filters.learning.filters import CertificateRenderStarted

from cert_xblock.models import IssuedCertificate
from cert_xblock.records.links import verify_url
from cert_xblock.settings.common import with_platform_bridge
from tests.rest.conftest import BLOCK, COURSE

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder():
    user = get_user_model().objects.create(username="bri")
    certificate = IssuedCertificate.objects.create(
        user=user, course_key=COURSE, block_id=BLOCK, name="Bri", course_name="Bridges",
        issued_at=datetime.now(UTC), request_id="req", file_name="b.pdf")
    return user, certificate


def render(user_id: int) -> tuple[dict, object]:
    """What the LMS's render_html_view does with the page context it built."""
    return CertificateRenderStarted.run_filter(
        context={"course_id": str(COURSE), "accomplishment_user_id": user_id, "platform_name": "Demo"},
        custom_template=None)


def test_the_bridge_is_off_by_default_and_the_platform_renders_its_own_page(holder, settings):
    assert settings.CERT_XBLOCK_PLATFORM_BRIDGE is False
    settings.OPEN_EDX_FILTERS_CONFIG = with_platform_bridge({})
    context, _ = render(holder[0].pk)
    assert context["platform_name"] == "Demo"


def test_when_on_the_platform_page_redirects_to_our_verification_page(holder, settings):
    settings.CERT_XBLOCK_PLATFORM_BRIDGE = True
    settings.OPEN_EDX_FILTERS_CONFIG = with_platform_bridge({})
    with pytest.raises(CertificateRenderStarted.RedirectToPage) as redirect:
        render(holder[0].pk)
    assert redirect.value.redirect_to == verify_url(holder[1].verify_id)


def test_a_learner_without_our_certificate_keeps_the_platform_page(holder, settings):
    settings.CERT_XBLOCK_PLATFORM_BRIDGE = True
    settings.OPEN_EDX_FILTERS_CONFIG = with_platform_bridge({})
    other = get_user_model().objects.create(username="nocert")
    assert render(other.pk)[0]["accomplishment_user_id"] == other.pk


def test_the_step_is_added_once_after_the_operators_own_steps():
    config = with_platform_bridge({"org.openedx.learning.certificate.render.started.v1": {
        "fail_silently": False, "pipeline": ["operator.steps.Mine"]}})
    config = with_platform_bridge(config)
    assert config["org.openedx.learning.certificate.render.started.v1"] == {
        "fail_silently": False,
        "pipeline": ["operator.steps.Mine", "cert_xblock.web.filters.PlatformCertificateBridge"]}


def test_the_start_up_check_warns_when_the_platform_never_renders_the_page_the_bridge_waits_on(settings):
    settings.CERT_XBLOCK_PLATFORM_BRIDGE = True
    settings.FEATURES = {"CERTIFICATES_HTML_VIEW": False}
    [warning] = [m for m in run_checks() if m.id == "cert_xblock.W002"]
    assert "the bridge never runs" in warning.msg
    settings.FEATURES = {"CERTIFICATES_HTML_VIEW": True}
    assert not [m for m in run_checks() if m.id == "cert_xblock.W002"]
