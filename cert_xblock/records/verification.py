"""The public record of a certificate: what the verify page, its JSON form and LinkedIn may show.

Only what the holder agreed to by sharing the link: name, course, organization, dates and status. Never the
email address or username; the grade only when the certificate printed it (``grade_public``, decided at issue).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode

from cert_xblock.core.figures import grade_text
from cert_xblock.models import (
    SHORT_CODE_ALPHABET,
    SHORT_CODE_LENGTH,
    IssuedCertificate,
    format_short_code,
    normalize_short_code,
)
from cert_xblock.records.links import verify_url

VALID, REVOKED, EXPIRED = "valid", "revoked", "expired"
LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


class MalformedCode(ValueError):
    """What was typed cannot be a certificate code (wrong length or letters); the message says why."""


@dataclass(frozen=True)
class PublicRecord:
    certificate_id: str
    short_code: str
    status: str
    title: str
    name: str
    course_name: str
    org_name: str
    issued_on: date
    expires_on: date | None
    revoked_on: date | None
    grade: str | None
    verify_url: str

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("issued_on", "expires_on", "revoked_on"):
            data[key] = data[key].isoformat() if data[key] else None
        if self.grade is None:
            del data["grade"]
        data["linkedin_url"] = linkedin_url(self)
        return data


def certificate_status(certificate: IssuedCertificate, now: datetime | None = None) -> str:
    """``revoked`` wins over ``expired``; a certificate past its ``expires_at`` is ``expired``."""
    if certificate.status == IssuedCertificate.Status.REVOKED:
        return REVOKED
    if certificate.expires_at is not None and certificate.expires_at <= (now or datetime.now(UTC)):
        return EXPIRED
    return VALID


def public_record(certificate: IssuedCertificate, now: datetime | None = None) -> PublicRecord:
    # The record says whether its grade was printed; the block's setting today does not matter.
    show_grade = certificate.grade_public and certificate.grade_percent is not None
    status = certificate_status(certificate, now)
    return PublicRecord(
        certificate_id=certificate.verify_id,
        short_code=format_short_code(certificate.short_code),
        status=status,
        title=certificate.title,
        name=certificate.name,
        course_name=certificate.course_name,
        org_name=certificate.org_name,
        issued_on=certificate.issued_at.date(),
        expires_on=certificate.expires_at.date() if certificate.expires_at else None,
        revoked_on=(certificate.revoked_at or certificate.modified).date() if status == REVOKED else None,
        grade=grade_text(certificate.grade_percent) if show_grade else None,
        verify_url=verify_url(certificate.verify_id),
    )


def find_by_verify_id(verify_id: str) -> IssuedCertificate | None:
    return IssuedCertificate.objects.filter(verify_id=verify_id.strip().lower()).first()


def find_by_code(text: str) -> IssuedCertificate | None:
    """The certificate with this printed code (typed in any case, with or without the dash)."""
    code = normalize_short_code(text)
    if len(code) != SHORT_CODE_LENGTH or any(ch not in SHORT_CODE_ALPHABET for ch in code):
        raise MalformedCode(text)
    return IssuedCertificate.objects.filter(short_code=code).first()


def linkedin_url(record: PublicRecord) -> str | None:
    """LinkedIn's "Add to profile" link for a valid certificate; None once revoked or expired."""
    if record.status != VALID:
        return None
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": f"{record.title}: {record.course_name}" if record.title else record.course_name,
        "organizationName": record.org_name,
        "issueYear": record.issued_on.year,
        "issueMonth": record.issued_on.month,
        "certUrl": record.verify_url,
        "certId": record.short_code,
    }
    if record.expires_on:
        params.update(expirationYear=record.expires_on.year, expirationMonth=record.expires_on.month)
    return f"{LINKEDIN_ADD}?{urlencode(params)}"


def revocation_reason(certificate: IssuedCertificate, staff: bool) -> str | None:
    """Why a revoked certificate was revoked, for course staff, and for the public only where the block's author
    chose to publish reasons; None otherwise (the public then reads only that it was revoked, and when)."""
    if certificate.status != IssuedCertificate.Status.REVOKED or not certificate.revoke_reason:
        return None
    if staff:
        return certificate.revoke_reason
    from cert_xblock.config.stored import load_block_config

    rules = load_block_config(certificate.block_id)
    return certificate.revoke_reason if rules is not None and rules.publish_revoke_reason else None
