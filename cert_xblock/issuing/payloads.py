"""The JSON shapes learners and staff get back, built in one place for the block and the REST API."""
from __future__ import annotations

from typing import Any

from cert_xblock.core.figures import to_percent
from cert_xblock.issuing.eligibility import Requirement
from cert_xblock.models import IssuedCertificate, format_short_code
from cert_xblock.platform.types import GradeSnapshot
from cert_xblock.records.links import credential_url, verify_url


def grade_payload(grade: GradeSnapshot) -> dict[str, Any]:
    """``percent`` is 0..100 as learners read it; ``passed`` and ``letter`` as the course computes them;
    ``attempted`` false when the platform has no grade for the learner yet (not the same as 0%)."""
    return {"percent": to_percent(grade.percent), "passed": grade.passed, "letter": grade.letter,
            "attempted": grade.attempted}


def certificate_payload(certificate: IssuedCertificate, download_url: str) -> dict[str, Any]:
    return {
        "id": certificate.verify_id,
        "short_code": format_short_code(certificate.short_code),
        "status": certificate.status,
        "name": certificate.name,
        "course_name": certificate.course_name,
        "download_url": download_url,
        "verify_url": verify_url(certificate.verify_id),
        "credential_url": credential_url(certificate.verify_id) + "?download=1",
        "issued_at": certificate.issued_at.isoformat(),
        "expires_at": certificate.expires_at.isoformat() if certificate.expires_at else None,
    }


def requirement_payload(requirement: Requirement, _: Any) -> dict[str, Any]:
    """One unmet requirement as the learner view and the API give it: what, how far, and the sentence."""
    return {"rule": requirement.rule.value, "subject": requirement.subject, "current": requirement.current,
            "required": requirement.required, "gap": requirement.gap, "remaining": list(requirement.remaining),
            "message": requirement.message(_)}
