"""What the reliability scenarios share: the MariaDB mark, and the stored files of a course against its rows."""
from __future__ import annotations

import pytest

from cert_xblock import storage
from cert_xblock.models import CertificateVersion, IssuedCertificate
from tests import services

needs_mariadb = pytest.mark.skipif(not services.MARIADB, reason="runs in the MariaDB pass of the test command")


def stored_files(course_key: object) -> set[str]:
    """Every certificate file of the course in the configured storage (local folder or S3 bucket)."""
    folder = storage.pdf_name(course_key, "x").rsplit("/", 1)[0]
    try:
        return {f"{folder}/{name}" for name in storage.certificate_storage().listdir(folder)[1]}
    except FileNotFoundError:
        return set()


def referenced_files(block_id: str) -> set[str]:
    """The file names the block's records point to: certificates and their kept earlier printings."""
    return (set(IssuedCertificate.objects.filter(block_id=block_id).values_list("file_name", flat=True))
            | set(CertificateVersion.objects.filter(certificate__block_id=block_id).values_list("file_name",
                                                                                                   flat=True)))


def audit(course, eligible: set[int]) -> dict[str, int]:
    """Duplicates, losses and orphans of a seeded course's block: the figures every scenario reports."""
    live = list(IssuedCertificate.objects.filter(block_id=course.block_id, live=1).values_list("user_id",
                                                                                                flat=True))
    files, named = stored_files(course.course_key), referenced_files(course.block_id)
    live_files = set(IssuedCertificate.objects.filter(block_id=course.block_id, live=1, file_name__startswith=
                                                      storage.CERTIFICATE_FOLDER).values_list("file_name", flat=True))
    return {
        "duplicates": len(live) - len(set(live)),
        "losses": len(eligible - set(live)) + len(live_files - files),
        "orphans": len(files - named),
    }
