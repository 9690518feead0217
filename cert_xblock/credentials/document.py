"""The unsigned ``OpenBadgeCredential`` of one certificate (VC Data Model 2.0, Open Badges 3.0 §B.1.1).

It says no more than the public record does (``records.verification``): the learner appears only as a salted SHA-256
hash of their email (an ``IdentityObject``, OB 3.0 §B.1.12), never their email or username, and the grade only where
the certificate printed it (``grade_public``). Each field is read from the certificate row as printed, so a later
change to the block's settings or the learner's account does not change what an earlier credential says.
"""
from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote, urlsplit

from django.urls import reverse

from cert_xblock.config.stored import load_block_config
from cert_xblock.core.figures import percent_text, to_percent
from cert_xblock.core.i18n import gettext_for
from cert_xblock.credentials.canonical import OB_V3, VC_V2
from cert_xblock.credentials.criteria import narrative
from cert_xblock.credentials.images import logo_image
from cert_xblock.models import IssuedCertificate
from cert_xblock.records.links import credential_url, site_root

# The bits of one status-list credential (Bitstring Status List v1.0 §2.1: at least 131,072, for herd privacy).
STATUS_LIST_SIZE = 131_072


def issuer_did() -> str:
    """``did:web:<LMS host>`` (a port as ``%3A``), whose document the LMS serves at ``/.well-known/did.json``."""
    return "did:web:" + quote(urlsplit(site_root()).netloc, safe="")


def status_list_url(number: int) -> str:
    return site_root() + reverse("cert_xblock:credential-status-list", kwargs={"number": number})


def achievement_id(block_id: str) -> str:
    """One id per certificate block, the same in every credential it issues."""
    return f"{site_root()}/certificates/achievements/{quote(block_id, safe=':@+')}"


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 §B.1.12: ``sha256$`` + hex SHA-256 of the identity followed by the salt."""
    return "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest()


def bcp47(language: str) -> str:
    """Our language codes as BCP 47 writes them (the schema's ``inLanguage``): ``pt-br`` → ``pt-BR``."""
    base, _, region = language.partition("-")
    return f"{base.lower()}-{region.upper()}" if len(region) == 2 else base.lower()


def _moment(value: Any) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def status_entry(index: int) -> dict[str, Any]:
    """The credential's revocation bit: list ``index // size``, bit ``index % size``."""
    url = status_list_url(index // STATUS_LIST_SIZE)
    return {"id": f"{url}#{index % STATUS_LIST_SIZE}", "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": str(index % STATUS_LIST_SIZE),
            "statusListCredential": url}


def open_badge_credential(certificate: IssuedCertificate, email: str, salt: str, index: int) -> dict[str, Any]:
    """The credential, ready to sign."""
    language = certificate.language or "en"
    _ = gettext_for(language)
    rules = load_block_config(certificate.block_id)
    achievement: dict[str, Any] = {
        "id": achievement_id(certificate.block_id),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": certificate.title or certificate.course_name,
        "description": _("{title}, awarded in the course {course}.").format(
            title=certificate.title or certificate.course_name, course=certificate.course_name),
        "criteria": {"narrative": narrative(rules, certificate.course_name, language)},
        "inLanguage": bcp47(language),
    }
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [{"type": "IdentityObject", "identityHash": identity_hash(email, salt),
                        "identityType": "emailAddress", "hashed": True, "salt": salt}],
        "achievement": achievement,
    }
    if certificate.grade_public and certificate.grade_percent is not None:
        grade = f"{achievement['id']}#grade"
        achievement["resultDescription"] = [{"id": grade, "type": ["ResultDescription"], "name": _("Grade"),
                                             "resultType": "Percent"}]
        subject["result"] = [{"type": ["Result"], "resultDescription": grade,
                              "value": percent_text(to_percent(certificate.grade_percent)).rstrip("%")}]
    document: dict[str, Any] = {
        "@context": [VC_V2, OB_V3],
        "id": credential_url(certificate.verify_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_did(), "type": ["Profile"], "name": certificate.org_name or site_root(),
                   "url": site_root()},
        # A regenerated certificate is a new credential from its reprint; the award keeps its first date.
        "validFrom": _moment(certificate.regenerated_at or certificate.issued_at),
        "awardedDate": _moment(certificate.issued_at),
        "name": f"{achievement['name']}: {certificate.course_name}" if certificate.title else achievement["name"],
        "credentialSubject": subject,
        "credentialStatus": status_entry(index),
    }
    if certificate.expires_at:
        document["validUntil"] = _moment(certificate.expires_at)
    organisation = document["issuer"]["name"]
    logo = logo_image(certificate.course_key, rules.logo if rules else "", _("Logo of {org}").format(org=organisation))
    if logo:
        document["issuer"]["image"] = logo
        achievement["image"] = {**logo, "caption": achievement["name"]}
    return document
