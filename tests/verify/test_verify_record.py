"""The verification page, its JSON form and the code lookup, over Django's test client."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from cert_xblock import platform
from cert_xblock.config.stored import save_block_config
from cert_xblock.core.i18n import format_day
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.models import format_short_code
from cert_xblock.platform.twin.tracker import TrackedEvent
from cert_xblock.records import storage
from cert_xblock.records.links import verify_url
from tests.pdf import pdf_text

from .conftest import BLOCK, COURSE, RULES, make_learner

pytestmark = pytest.mark.django_db(transaction=True)


def page_of(client, certificate):
    return client.get(reverse("cert_xblock:verify", kwargs={"verify_id": certificate.verify_id}))


def json_of(client, certificate):
    return client.get(reverse("cert_xblock:verify_json", kwargs={"verify_id": certificate.verify_id}))


def test_a_valid_certificate_shows_the_public_record_and_nothing_private(client, issued):
    response = page_of(client, issued.valid)
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Valid certificate", "Vera Valid", "Verification in Practice", "Verify University",
                 issued.valid.issued_at.date().isoformat(), issued.valid.expires_at.date().isoformat(),
                 format_short_code(issued.valid.short_code), "Certificate of Completion"):
        assert text in html
    for private in ("vera@example.org", ">vera<", "91%", "Grade"):
        assert private not in html
    assert response["X-Robots-Tag"] == "noindex"


def test_the_json_form_is_the_same_record(client, issued):
    data = json_of(client, issued.valid).json()
    assert data["status"] == "valid" and data["name"] == "Vera Valid" and data["org_name"] == "Verify University"
    assert data["issued_on"] == issued.valid.issued_at.date().isoformat()
    assert data["short_code"] == format_short_code(issued.valid.short_code)
    assert not {"grade", "email", "username", "user_id"} & set(data)


def test_turning_show_grade_on_later_publishes_no_grade_the_pdf_did_not_print(client, issued):
    save_block_config(BLOCK.block_id, COURSE, replace(RULES, show_grade=True))
    assert "91%" not in page_of(client, issued.valid).content.decode()
    assert "grade" not in json_of(client, issued.valid).json()
    assert "91%" not in pdf_text(storage.read_pdf(issued.valid.file_name))


def test_a_certificate_issued_with_the_grade_shown_prints_it_and_publishes_it(client, issued):
    rules = replace(RULES, show_grade=True)
    learner = platform.learner_by_id(make_learner("gita", "Gita Graded", 0.87))
    certificate = issue_certificate(learner, BLOCK, rules, via="learner", request_id="req-gita").certificate
    assert "87%" in pdf_text(storage.read_pdf(certificate.file_name))
    assert "87%" in page_of(client, certificate).content.decode()
    assert json_of(client, certificate).json()["grade"] == "87%"


def test_a_revoked_certificate_says_so_with_its_date_and_offers_no_linkedin(client, issued):
    html = page_of(client, issued.revoked).content.decode()
    assert "This certificate was revoked on 5 October 2026." in html and "Rex Revoked" in html
    assert "linkedin.com" not in html
    data = json_of(client, issued.revoked).json()
    assert (data["status"], data["revoked_on"], data["linkedin_url"]) == ("revoked", "2026-10-05", None)


def test_an_expired_certificate_says_when_it_expired(client, issued):
    expiry = format_day(issued.expired.expires_at.date(), "en")
    html = page_of(client, issued.expired).content.decode()
    assert f"This certificate expired on {expiry}." in html
    assert json_of(client, issued.expired).json()["status"] == "expired"


def test_the_linkedin_link_carries_name_organization_date_url_and_id(client, issued):
    link = json_of(client, issued.valid).json()["linkedin_url"]
    parts = urlsplit(link)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    issued_at = issued.valid.issued_at
    assert (parts.netloc, parts.path) == ("www.linkedin.com", "/profile/add")
    assert query == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Certificate of Completion: Verification in Practice",
        "organizationName": "Verify University",
        "issueYear": str(issued_at.year), "issueMonth": str(issued_at.month),
        "expirationYear": str(issued.valid.expires_at.year), "expirationMonth": str(issued.valid.expires_at.month),
        "certUrl": verify_url(issued.valid.verify_id),
        "certId": format_short_code(issued.valid.short_code),
    }
    assert query["certUrl"].endswith(f"/certificates/verify/{issued.valid.verify_id}")


def test_the_code_printed_on_the_pdf_finds_the_certificate_however_it_is_typed(client, issued):
    typed = " " + format_short_code(issued.valid.short_code).lower().replace("-", " ") + " "
    response = client.get(reverse("cert_xblock:verify_lookup"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("cert_xblock:verify", kwargs={"verify_id": issued.valid.verify_id})


def test_an_unknown_code_gets_a_404_page_that_says_so_and_a_malformed_one_a_400(client, issued):
    unknown = client.get(reverse("cert_xblock:verify_lookup"), {"code": "00000-00000"})
    assert unknown.status_code == 404 and "No certificate has the code 00000-00000." in unknown.content.decode()
    malformed = client.get(reverse("cert_xblock:verify_lookup"), {"code": "ABC"})
    assert malformed.status_code == 400
    assert "A verification code has ten letters and digits" in malformed.content.decode()


@pytest.mark.parametrize("verify_id", ["0" * 32, "not-a-certificate"])
def test_an_unknown_id_gets_a_clear_404_page_and_json(client, verify_id):
    page = client.get(f"/certificates/verify/{verify_id}")
    assert page.status_code == 404 and "No certificate has this verification link" in page.content.decode()
    assert 'name="code"' in page.content.decode()
    data = client.get(f"/certificates/verify/{verify_id}.json")
    assert data.status_code == 404 and data.json() == {"error": "No certificate has this verification id."}


def test_every_look_at_a_record_is_a_verified_event(client, issued):
    TrackedEvent.objects.all().delete()
    page_of(client, issued.valid)
    json_of(client, issued.revoked)
    verified = TrackedEvent.objects.filter(name="edx.cert_xblock.certificate.verified")
    events = list(verified.values_list("data", flat=True))
    assert [(e["certificate_id"], e["status"], e["form"]) for e in events] == [
        (issued.valid.verify_id, "valid", "page"), (issued.revoked.verify_id, "revoked", "json")]


def test_the_pages_only_answer_reads(client, issued):
    assert client.post(reverse("cert_xblock:verify", kwargs={"verify_id": issued.valid.verify_id})).status_code == 405


def test_the_page_speaks_the_visitors_language(client, issued):
    response = client.get(reverse("cert_xblock:verify", kwargs={"verify_id": issued.revoked.verify_id}),
                          HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    html = response.content.decode()
    assert '<html lang="fr' in html
    assert "Ce certificat a été révoqué le 5 octobre 2026." in html and "Décerné à" in html
