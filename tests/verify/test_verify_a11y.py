"""The verify pages in headless Chromium: no axe-core violations, and in the visitor's language and direction."""
from __future__ import annotations

import os

import pytest

from cert_xblock.core.i18n import gettext_for
from tests.views.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.parametrize("which", ["valid", "revoked", "expired"])
def test_the_verify_page_has_no_accessibility_violations(live_server, issued, page, which):
    page.goto(f"{live_server.url}/certificates/verify/{getattr(issued, which).verify_id}")
    assert violations(page) == []


def test_the_code_form_has_no_accessibility_violations(live_server, page, db):
    page.goto(f"{live_server.url}/certificates/verify/?code=ZZZZZ-ZZZZZ")
    assert violations(page) == []


@pytest.mark.parametrize("language, direction", [("es", "ltr"), ("ar", "rtl"), ("zh-hans", "ltr")])
def test_the_verify_page_in_the_visitors_language(live_server, issued, page, language, direction):
    page.goto(f"{live_server.url}/certificates/verify/{issued.valid.verify_id}?lang={language}")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction)
    assert "-" not in page.inner_text(".verify__issued"), "a written date, not ISO"
    _ = gettext_for(language)
    assert _("Valid certificate") != "Valid certificate", "the catalogue translates it"
    assert page.inner_text(".verify__status") == _("Valid certificate")
    assert _("Awarded to") in page.inner_text(".verify__facts")
    assert violations(page) == []
