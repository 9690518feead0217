"""Tracking-log events of a certificate's life: requested, issued, downloaded, verified.

Sent through the platform seam (``eventtracking`` in the LMS, a table in the twin). Analytics must never
cost a learner their certificate, so a failing tracker is logged and swallowed.
"""
from __future__ import annotations

import logging
from typing import Any

from cert_xblock import platform
from cert_xblock.models import IssuedCertificate

log = logging.getLogger(__name__)
PREFIX = "edx.cert_xblock.certificate"


def _emit(event: str, data: dict[str, Any]) -> None:
    name = f"{PREFIX}.{event}"
    try:
        platform.emit_event(name, data)
    except Exception:
        log.exception("cert_xblock request_id=%s could not emit %s", data.get("request_id", ""), name)


def _certificate_data(certificate: IssuedCertificate) -> dict[str, Any]:
    return {
        "certificate_id": certificate.verify_id,
        "user_id": certificate.user_id,
        "course_id": str(certificate.course_key),
        "block_id": certificate.block_id,
    }


def certificate_requested(user_id: int, course_key: Any, block_id: str, request_id: str, outcome: str) -> None:
    """A learner clicked "Get my certificate"; ``outcome`` is the resulting status (issued, not_eligible, …)."""
    _emit("requested", {"user_id": user_id, "course_id": str(course_key), "block_id": block_id,
                        "request_id": request_id, "outcome": outcome})


def certificate_issued(certificate: IssuedCertificate, request_id: str) -> None:
    _emit("issued", {**_certificate_data(certificate), "request_id": request_id, "via": certificate.issued_via})


def certificate_downloaded(certificate: IssuedCertificate) -> None:
    _emit("downloaded", _certificate_data(certificate))


def certificate_verified(certificate: IssuedCertificate, status: str, form: str) -> None:
    """Someone opened the public record; ``form`` is ``page`` or ``json``."""
    _emit("verified", {**_certificate_data(certificate), "status": status, "form": form})
