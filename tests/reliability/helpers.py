"""What the reliability scenarios share: the MariaDB mark, and the stored files of a course against its rows."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from cert_xblock.models import CertificateVersion, IssuedCertificate
from cert_xblock.records import storage

# Deselected in the sqlite pass (tests/conftest.py), run in the MariaDB pass: never reported as skipped.
needs_mariadb = pytest.mark.needs_mariadb


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


def audit(course, eligible: set[int], files: set[str] | None = None) -> dict[str, int]:
    """Duplicates, losses and orphans of a seeded course's block: the figures every scenario reports.

    ``files``: the course's stored files when they are not in this process's storage (an S3 bucket listed
    by the test); a live record whose file is missing counts as a loss.
    """
    live = list(IssuedCertificate.objects.filter(block_id=course.block_id, live=1).values_list("user_id",
                                                                                                flat=True))
    files = stored_files(course.course_key) if files is None else files
    named = referenced_files(course.block_id)
    live_files = set(IssuedCertificate.objects.filter(block_id=course.block_id, live=1, file_name__startswith=
                                                      storage.CERTIFICATE_FOLDER).values_list("file_name", flat=True))
    return {
        "duplicates": len(live) - len(set(live)),
        "losses": len(eligible - set(live)) + len(live_files - files),
        "orphans": len(files - named),
    }


def bucket_files(s3, bucket: str, course_key: object) -> set[str]:
    """The course's certificate files in an S3 bucket, listed through the boto3 client ``s3``."""
    folder = storage.pdf_name(course_key, "x").rsplit("/", 1)[0] + "/"
    return {obj["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=folder)
            for obj in page.get("Contents", [])}


def sweep_bucket(s3_endpoint: str, bucket: str) -> list[str]:
    """``sweep_certificate_files`` on an S3 bucket, two hours on (a file just written is kept as in flight)."""
    s3_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": bucket, "endpoint_url": s3_endpoint, "access_key": "testing", "secret_key": "testing",
        "region_name": "us-east-1"}}
    out = StringIO()
    with override_settings(STORAGES={**settings.STORAGES, "cert_xblock": s3_storage}), \
            mock.patch("cert_xblock.issuing.issuance.datetime") as clock:
        clock.now.return_value = datetime.now(UTC) + timedelta(hours=2)
        call_command("sweep_certificate_files", stdout=out)
    return [line for line in out.getvalue().splitlines() if line.startswith("certificates/")]
