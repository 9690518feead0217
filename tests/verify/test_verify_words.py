"""The verify page in the visitor's words: the printed code in the address opens the certificate, the default title
is translated (on the page and on an Arabic PDF, read by poppler, whose wording assumes no gender), each value is
laid out in its own direction; the issue email names an author's own title. Chromium against a live server."""
from __future__ import annotations

import os
from dataclasses import replace

import pytest

from cert_xblock import platform
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.models import format_short_code
from cert_xblock.notifications.email import message_context
from cert_xblock.records import storage
from tests.security.test_names_in_browser import poppler_text
from tests.views.axe import violations

from .conftest import BLOCK, RULES, make_learner

pytestmark = pytest.mark.django_db(transaction=True)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # as in test_verify_browser: Playwright's loop


def test_the_printed_code_in_the_address_opens_the_certificate_in_the_asked_language(live_server, issued, page):
    code = format_short_code(issued.valid.short_code)
    response = page.goto(f"{live_server.url}/certificates/verify/{code.lower()}?lang=fr")
    assert response.status == 200
    assert page.url == f"{live_server.url}/certificates/verify/{issued.valid.verify_id}?lang=fr"
    assert page.inner_text(".verify__name") == "Vera Valid"
    assert page.inner_text(".verify__status") == "Certificat valide"
    assert violations(page) == []


def test_an_unknown_code_in_the_address_is_a_404_that_names_it(live_server, issued, page):
    response = page.goto(f"{live_server.url}/certificates/verify/ZZZZZ-ZZZZZ")
    assert response.status == 404
    assert "No certificate has the code ZZZZZ-ZZZZZ." in page.inner_text("main")


def arabic_certificate(name: str):
    learner = platform.learner_by_id(make_learner("amira", name, 0.9))
    return issue_certificate(replace(learner, language="ar"), BLOCK, RULES, via="learner",
                             request_id="req-amira").certificate


def test_the_default_title_is_the_readers_and_the_arabic_wording_assumes_no_gender(live_server, issued, page):
    certificate = arabic_certificate("أميرة حداد")
    text = " ".join(poppler_text(storage.read_pdf(certificate.file_name)).split())
    assert "شهادة إتمام" in text and "Certificate of Completion" not in text
    assert "تُمنح هذه الشهادة إلى" in text and "تقديرًا لاجتياز" in text
    assert "أتمّ" not in text, "the masculine verb is gone"
    page.goto(f"{live_server.url}/certificates/verify/{certificate.verify_id}?lang=ar")
    assert page.inner_text(".verify__title") == "شهادة إتمام"
    page.goto(f"{live_server.url}/certificates/verify/{issued.valid.verify_id}?lang=es")
    assert page.inner_text(".verify__title") == "Certificado de finalización"


def directions(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(["name", "course", "org", "title"].map(key =>
        [key, getComputedStyle(document.querySelector(".verify__" + key)).direction]))""")


def test_each_value_is_laid_out_in_its_own_direction(live_server, issued, page):
    certificate = arabic_certificate("أميرة حداد")
    page.goto(f"{live_server.url}/certificates/verify/{certificate.verify_id}?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    assert directions(page) == {"name": "rtl", "course": "ltr", "org": "ltr", "title": "rtl"}
    assert violations(page) == []
    page.goto(f"{live_server.url}/certificates/verify/{certificate.verify_id}?lang=en")
    assert directions(page) == {"name": "rtl", "course": "ltr", "org": "ltr", "title": "ltr"}


def test_the_issue_email_names_an_authors_own_title_and_keeps_the_plain_subject_for_the_default(issued):
    assert message_context(issued.valid)["subject"] == "Your certificate for Verification in Practice is ready"
    issued.valid.title = "Certificate of Distinction"
    assert message_context(issued.valid)["subject"] == (
        "Your “Certificate of Distinction” for Verification in Practice is ready")
