"""Certificates in S3 (django-storages' S3 backend) against moto_server over real HTTP on 127.0.0.1."""
from __future__ import annotations

import uuid
from urllib.parse import parse_qs, quote, urlsplit

import boto3
import pytest
import requests

from cert_xblock import platform
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.records import storage
from cert_xblock.settings.common import certificate_storages
from tests import services
from tests.conftest import LearnerSession
from tests.verify.conftest import BLOCK, RULES, make_learner

pytestmark = pytest.mark.django_db(transaction=True)


def new_bucket(endpoint: str) -> str:
    name = f"certs-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing",
                 region_name="us-east-1").create_bucket(Bucket=name)
    return name


@pytest.fixture
def s3_storage(s3_endpoint, settings):
    """The plugin settings' S3 path, as an operator configures it: only CERT_XBLOCK_STORAGE."""
    bucket = new_bucket(s3_endpoint)
    settings.CERT_XBLOCK_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": bucket, "endpoint_url": s3_endpoint, "access_key": "testing", "secret_key": "testing",
        "region_name": "us-east-1"}}
    settings.STORAGES = certificate_storages(settings)
    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id="testing",
                          aws_secret_access_key="testing", region_name="us-east-1")
    return bucket, client


def issue_in_s3(username: str, name: str):
    """A certificate issued through the one issuance path into the configured (S3) storage."""
    from cert_xblock.platform.twin.models import CourseOverview

    CourseOverview.objects.get_or_create(id=BLOCK.course_key, defaults={"display_name": "Clouds & Buckets",
                                                                        "org": "VerifyX"})
    learner = platform.learner_by_id(make_learner(username, name, 0.9))
    return issue_certificate(learner, BLOCK, RULES, via="learner", request_id=f"req-{username}").certificate


@pytest.fixture
def issued_in_s3(s3_storage):
    return issue_in_s3("zoe", 'Zoë "Quote" Ünal'), s3_storage


def test_an_issued_certificate_is_a_private_pdf_object(issued_in_s3, s3_endpoint):
    certificate, (bucket, client) = issued_in_s3
    head = client.head_object(Bucket=bucket, Key=certificate.file_name)
    assert head["ContentType"] == "application/pdf"
    assert head["ContentLength"] == certificate.file_size
    body = client.get_object(Bucket=bucket, Key=certificate.file_name)["Body"].read()
    assert body.startswith(b"%PDF-")
    unsigned = requests.get(f"{s3_endpoint}/{bucket}/{certificate.file_name}", timeout=30)
    assert unsigned.status_code == 403
    grants = client.get_object_acl(Bucket=bucket, Key=certificate.file_name)["Grants"]
    assert [(g["Grantee"]["Type"], g["Permission"]) for g in grants] == [("CanonicalUser", "FULL_CONTROL")]
    # Control: the server does serve an object that was made public, so the 403 above is the object's privacy.
    client.put_object(Bucket=bucket, Key="public-control.txt", Body=b"public", ACL="public-read")
    assert requests.get(f"{s3_endpoint}/{bucket}/public-control.txt", timeout=30).content == b"public"


def test_the_presigned_link_returns_the_same_bytes_under_the_learners_name(issued_in_s3, settings):
    certificate, (bucket, client) = issued_in_s3
    link = storage.presigned_url(certificate.file_name, storage.attachment_header(certificate.course_name,
                                                                                   certificate.name))
    assert parse_qs(urlsplit(link).query)["X-Amz-Expires"] == [str(settings.CERT_XBLOCK_DOWNLOAD_LINK_SECONDS)]
    response = requests.get(link, timeout=30)
    assert response.status_code == 200
    assert response.content == client.get_object(Bucket=bucket, Key=certificate.file_name)["Body"].read()
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="Clouds-Buckets-Zoe-Quote-Unal-certificate.pdf"; '
        "filename*=UTF-8''Clouds-Buckets-Zo%C3%AB-Quote-%C3%9Cnal-certificate.pdf")


@pytest.mark.parametrize("course, learner, ascii_name, full_name", [
    ('Sécurité "avancée"\r\nX-Injected: 1', "Ana\\María; rm -rf /", "Securite-avancee-X-Injected-1-Ana-Maria-rm-rf",
     "Sécurité-avancée-X-Injected-1-Ana-María-rm-rf"),
    ("كورس البيانات", "李小龍 🚀", "", "كورس-البيانات-李小龍"),
])
def test_download_names_are_safe_headers_and_keep_the_learners_script(course, learner, ascii_name, full_name):
    header = storage.attachment_header(course, learner)
    plain = f"{ascii_name}-certificate.pdf" if ascii_name else "certificate.pdf"
    assert header == f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(full_name + '-certificate.pdf')}"
    assert header.isascii() and not set(header) & set("\r\n\\")


def test_a_learner_downloads_from_s3_through_the_block_over_http(s3_endpoint, tmp_path):
    """The demo server, configured for S3 as an operator would, issues on a click and redirects the download."""
    bucket = new_bucket(s3_endpoint)
    env = {"DJANGO_SETTINGS_MODULE": "tests.s3_settings", "CERT_XBLOCK_S3_BUCKET": bucket,
           "CERT_XBLOCK_S3_ENDPOINT": s3_endpoint, "PYTHONPATH": str(services.REPO)}
    with services.workbench_server(tmp_path, env) as server:
        ada = LearnerSession(server, "ada")
        issued = ada.post("grade_me")
        assert issued.status_code == 200 and issued.json()["status"] == "issued"
        redirect = ada.get("download", allow_redirects=False)
        assert redirect.status_code == 302 and redirect.headers["Location"].startswith(f"{s3_endpoint}/{bucket}/")
        pdf = requests.get(redirect.headers["Location"], timeout=30)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf.headers["Content-Disposition"].startswith('attachment; filename="Certificates-101')


def test_the_rest_download_redirects_the_holder_to_a_signed_link(issued_in_s3, client):
    certificate, (bucket, s3) = issued_in_s3
    client.force_login(certificate.user)
    response = client.get(f"/api/cert_xblock/v1/me/certificates/{certificate.verify_id}/download")
    assert response.status_code == 302
    pdf = requests.get(response["Location"], timeout=30)
    assert pdf.content == s3.get_object(Bucket=bucket, Key=certificate.file_name)["Body"].read()


def test_the_lms_public_read_default_acl_and_a_cdn_domain_never_reach_a_certificate(s3_storage, s3_endpoint,
                                                                                      settings):
    """The LMS sets AWS_DEFAULT_ACL = "public-read" (and some sites a CDN domain) for its own files."""
    bucket, client = s3_storage
    settings.AWS_DEFAULT_ACL = "public-read"
    settings.AWS_S3_CUSTOM_DOMAIN = "cdn.example.org"
    certificate = issue_in_s3("acl", "Ann Acl")
    grants = client.get_object_acl(Bucket=bucket, Key=certificate.file_name)["Grants"]
    assert [(g["Grantee"]["Type"], g["Permission"]) for g in grants] == [("CanonicalUser", "FULL_CONTROL")]
    assert requests.get(f"{s3_endpoint}/{bucket}/{certificate.file_name}", timeout=30).status_code == 403
    link = storage.presigned_url(certificate.file_name, "attachment")
    assert link.startswith(f"{s3_endpoint}/{bucket}/") and "X-Amz-Signature=" in link
