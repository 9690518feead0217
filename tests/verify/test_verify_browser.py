"""The verification page in headless Chromium, served over HTTP by a live server: what a visitor sees."""
from __future__ import annotations

import os

import pytest

from cert_xblock.core.i18n import format_day
from cert_xblock.models import format_short_code

pytestmark = pytest.mark.django_db(transaction=True)

# Playwright's sync API keeps an event loop running in this thread, and the database is set up and filled
# from the same thread: Django must not mistake those plain synchronous calls for calls from async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


PRIVATE = ("@example.org", "vera", "rex", "eli", "91%", "77%", "66%", "Grade")


def visit(page, live_server, certificate) -> tuple[int, str, str]:
    response = page.goto(f"{live_server.url}/certificates/verify/{certificate.verify_id}")
    return response.status, page.inner_text(".verify__status"), page.inner_text("main")


def assert_public_facts_only(text: str, name: str, certificate) -> None:
    for fact in (name, "Verification in Practice", "Verify University", "Certificate of Completion",
                 format_day(certificate.issued_at.date(), "en"), format_short_code(certificate.short_code)):
        assert fact in text
    lowered = text.lower()
    assert not [word for word in PRIVATE if word.lower() in lowered.replace(name.lower(), "")]


def test_a_visitor_sees_a_valid_certificate_with_a_linkedin_button(live_server, issued, page):
    status, line, text = visit(page, live_server, issued.valid)
    assert (status, line) == (200, "Valid certificate")
    assert_public_facts_only(text, "Vera Valid", issued.valid)
    assert page.get_attribute(".verify__linkedin", "href").startswith("https://www.linkedin.com/profile/add?")


def test_a_visitor_sees_that_a_certificate_was_revoked_and_when(live_server, issued, page):
    status, line, text = visit(page, live_server, issued.revoked)
    assert (status, line) == (200, "This certificate was revoked on 5 October 2026.")
    assert_public_facts_only(text, "Rex Revoked", issued.revoked)
    assert page.locator(".verify__linkedin").count() == 0


def test_a_visitor_sees_that_a_certificate_expired_and_when(live_server, issued, page):
    status, line, text = visit(page, live_server, issued.expired)
    assert (status, line) == (200, f"This certificate expired on {format_day(issued.expired.expires_at.date(), 'en')}.")
    assert_public_facts_only(text, "Eli Expired", issued.expired)
    assert page.locator(".verify__linkedin").count() == 0


def test_typing_the_printed_code_opens_the_certificate(live_server, issued, page):
    page.goto(f"{live_server.url}/certificates/verify/")
    page.fill("#code", format_short_code(issued.valid.short_code).lower())
    page.click("button[type=submit]")
    page.wait_for_url(f"**/certificates/verify/{issued.valid.verify_id}")
    assert page.inner_text(".verify__name") == "Vera Valid"


@pytest.mark.parametrize("path", ["/certificates/verify/0123456789abcdef0123456789abcdef",
                                  "/certificates/verify/?code=ZZZZZ-ZZZZZ"])
def test_an_unknown_id_or_code_gets_a_clear_404_page(live_server, page, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 404
    assert page.inner_text("h1") == "Check a certificate"
    assert "No certificate has" in page.inner_text(".verify__message")
    assert page.is_visible("#code")
