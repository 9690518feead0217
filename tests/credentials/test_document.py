"""What the credential says: in every language a certificate is printed in, the block's rules as its criteria in
that language, the learner only as a salted hash, the grade only
where the certificate printed it, and a new credential when the certificate is regenerated."""
from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest

from cert_xblock import staff
from cert_xblock.config.values import CERTIFICATE_LANGUAGES
from cert_xblock.models import IssuedCredential

from .conftest import BLOCK, credential_of, verify


@pytest.mark.parametrize("language", CERTIFICATE_LANGUAGES)
def test_the_criteria_are_written_in_the_certificates_language(course, issuer, language):
    certificate = course.issue("ada")
    certificate.language, certificate.grade_public = language, True
    certificate.save()
    credential = credential_of(certificate)
    verify(credential)  # openvc-core raises unless the proof, the key and the status bit hold
    narrative = credential["credentialSubject"]["achievement"]["criteria"]["narrative"]
    assert "Staff Work" in narrative
    if language != "en":
        assert "Awarded by the course" not in narrative, "the criteria are in the certificate's language"
    assert credential["credentialSubject"]["achievement"]["inLanguage"].lower() == language  # as BCP 47: pt-BR


def test_the_learner_is_a_salted_hash_of_their_email_and_nothing_else(course, issuer):
    credential = credential_of(course.issue("ada"))
    text = json.dumps(credential)
    assert "ada@example.org" not in text and '"ada"' not in text and "Ada Lovelace" not in text
    identity = credential["credentialSubject"]["identifier"][0]
    assert identity["identityType"] == "emailAddress" and identity["hashed"] is True
    expected = hashlib.sha256(("ada@example.org" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"


def test_the_shape_names_the_issuer_by_did_web_and_the_achievement_per_block(course, issuer):
    first, second = credential_of(course.issue("ada")), credential_of(course.issue("chen"))
    assert first["@context"] == ["https://www.w3.org/ns/credentials/v2",
                                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    assert first["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert first["issuer"]["id"] == "did:web:lms.example.org" and first["issuer"]["type"] == ["Profile"]
    assert first["id"].startswith("https://lms.example.org/certificates/credentials/")
    assert first["credentialSubject"]["achievement"]["id"] == second["credentialSubject"]["achievement"]["id"]
    assert first["credentialSubject"]["achievement"]["achievementType"] == "Certificate"
    assert first["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert first["credentialStatus"]["statusListIndex"] != second["credentialStatus"]["statusListIndex"]


def test_the_grade_is_a_result_only_where_the_certificate_printed_it(course, issuer):
    hidden = credential_of(course.issue("ada"))
    assert "result" not in hidden["credentialSubject"]
    shown = course.issue("chen")
    shown.grade_public = True
    shown.save()
    result = credential_of(shown)["credentialSubject"]["result"]
    assert [entry["value"] for entry in result] == ["75"]


def test_a_validity_period_is_the_certificates(course, issuer):
    certificate = course.issue("ada")
    certificate.expires_at = certificate.issued_at.replace(year=certificate.issued_at.year + 2)
    certificate.save()
    credential = credential_of(certificate)
    assert credential["validFrom"] == certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert credential["validUntil"] == certificate.expires_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    verify(credential)


def test_regenerating_issues_a_new_credential_under_the_same_status_bit(course, issuer):
    certificate = course.issue("ada")
    certificate.issued_at -= timedelta(days=30)
    certificate.save()
    before = credential_of(certificate)
    assert credential_of(certificate) == before, "signed once, then served from the cache"
    staff.regenerate(BLOCK.ref, BLOCK.rules, certificate, "Name corrected", staff.Actor(course.staff.username,
                                                                                       course.staff.pk))
    after = credential_of(certificate)
    assert after["proof"][0]["proofValue"] != before["proof"][0]["proofValue"]
    assert after["awardedDate"] == before["awardedDate"] == before["validFrom"] != after["validFrom"]
    assert after["credentialStatus"] == before["credentialStatus"]
    assert IssuedCredential.objects.count() == 1
    verify(after)
