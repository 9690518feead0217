"""The endpoints a verifier and a holder use: the status list (size, encoding, ETag), did.json (Multikey, rotated
keys kept), the holder's REST copy, and what a site without a usable key answers (a system check error, no
credential)."""
from __future__ import annotations

import base64
import gzip

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import Client

from cert_xblock import staff
from cert_xblock.credentials.keys import new_secret, parse_signing_key, public_multikey
from cert_xblock.models import IssuedCredential

from .conftest import BLOCK, SITE, credential_of, get


def bits_of(status_list):
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u"), "multibase base64url"
    return gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))


def test_the_status_list_is_a_signed_gzip_multibase_bitstring_of_131072_entries(course, issuer):
    certificate = course.issue("ada")
    entry = credential_of(certificate)["credentialStatus"]
    status_list = get(entry["statusListCredential"]).json()
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status_list["credentialSubject"]["statusPurpose"] == "revocation"
    assert status_list["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    bits = bits_of(status_list)
    assert len(bits) * 8 >= 131_072 and not any(bits)
    staff.revoke(BLOCK.ref, certificate, "Wrong learner", staff.Actor(course.staff.username, course.staff.pk))
    index = int(entry["statusListIndex"])
    bits = bits_of(get(entry["statusListCredential"]).json())
    assert bits[index // 8] & (0x80 >> (index % 8)) and sum(bin(byte).count("1") for byte in bits) == 1


def test_an_unchanged_status_list_answers_304_to_its_etag_and_a_changed_one_does_not(course, issuer):
    certificate = course.issue("ada")
    url = credential_of(certificate)["credentialStatus"]["statusListCredential"]
    first = get(url)
    assert get(url, **{"If-None-Match": first["ETag"]}).status_code == 304
    staff.revoke(BLOCK.ref, certificate, "Wrong learner", staff.Actor(course.staff.username, course.staff.pk))
    changed = get(url, **{"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_status_indices_are_never_given_twice_even_when_a_certificate_goes(course, issuer):
    first = course.issue("ada")
    index = credential_of(first)["credentialStatus"]["statusListIndex"]
    first.delete()  # the account was removed: the row stays, so its index is not handed out again
    assert IssuedCredential.objects.filter(certificate=None).count() == 1
    assert credential_of(course.issue("chen"))["credentialStatus"]["statusListIndex"] != index


def test_did_json_lists_the_signing_key_and_the_retired_ones_as_multikeys(course, issuer):
    retired = public_multikey(parse_signing_key(new_secret()).public_key())
    issuer.CERT_XBLOCK_CREDENTIAL_RETIRED_KEYS = [retired]
    document = get(f"{SITE}/.well-known/did.json").json()
    current = public_multikey(parse_signing_key(issuer.CERT_XBLOCK_CREDENTIAL_KEY).public_key())
    assert document["id"] == "did:web:lms.example.org"
    assert [(m["type"], m["publicKeyMultibase"]) for m in document["verificationMethod"]] == [
        ("Multikey", current), ("Multikey", retired)]
    assert document["assertionMethod"] == [m["id"] for m in document["verificationMethod"]]


@pytest.mark.parametrize(("key", "check"), [("", "cert_xblock.W010"),
                                            ("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "cert_xblock.E010"),
                                            ("garbage", "cert_xblock.E010")])
def test_a_missing_key_is_a_warning_a_malformed_one_an_error_and_neither_signs(course, issuer, key, check):
    issuer.CERT_XBLOCK_CREDENTIAL_KEY = key
    assert [message.id for message in run_checks() if message.id in ("cert_xblock.W010", "cert_xblock.E010")] == [
        check]
    certificate = course.issue("ada")
    response = get(f"{SITE}/certificates/credentials/{certificate.verify_id}.json")
    assert response.status_code == 503 and "signing key" in response.json()["error"]
    assert not IssuedCredential.objects.filter(document__isnull=False).exists()


def test_a_configured_key_passes_the_check(issuer):
    assert not {"cert_xblock.W010", "cert_xblock.E010"} & {message.id for message in run_checks()}


def test_the_command_prints_a_key_the_setting_accepts(capsys):
    call_command("cert_xblock_credential_key")
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("CERT_XBLOCK_CREDENTIAL_KEY = ")
    parse_signing_key(line.split("=", 1)[1].strip().strip("'"))


def test_the_holder_downloads_their_credential_and_nobody_else_does(course, issuer):
    certificate = course.issue("ada")
    url = f"/api/cert_xblock/v1/me/certificates/{certificate.verify_id}/credential?download=1"
    holder, other = Client(), Client()
    holder.force_login(course.users["ada"])
    other.force_login(course.users["chen"])
    response = holder.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{certificate.verify_id}.json"'
    assert response.json()["credentialSubject"]["achievement"]["achievementType"] == "Certificate"
    refused = other.get(url)
    assert refused.status_code == 404 and "no certificate" in refused.json()["detail"]
    assert Client().get(url).status_code in (401, 403)


def test_an_unknown_credential_is_a_404_that_says_so(db, issuer):
    response = get(f"{SITE}/certificates/credentials/{'0' * 32}.json")
    assert response.status_code == 404 and "No certificate" in response.json()["error"]
