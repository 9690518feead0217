"""Certificate files are private: only the holder's download hands one out, on local storage and on S3.

Local files live outside MEDIA_ROOT (which the LMS's web server, and the demo, publish) and have no URL; S3 objects
are private and reached only through a short-lived signed link given to the holder.
"""
from __future__ import annotations

import pytest
import requests
from django.core import checks

from cert_xblock.records import storage
from cert_xblock.records.checks import certificate_files_are_private
from tests.block.helpers import add_learner, certificate_files, certificates_of
from tests.conftest import LearnerSession
from tests.storage.test_s3 import issued_in_s3, s3_storage  # noqa: F401 - the S3 fixtures, shared

from .conftest import media_files


def test_a_local_certificate_is_reachable_only_through_its_holders_download(workbench):
    add_learner(workbench, "priv", "Private Person", percent=0.9, letter="A")
    holder = LearnerSession(workbench, "priv")
    certificate = holder.post("grade_me").json()["certificate"]
    [(verify_id, _, file_name, _, _)] = certificates_of(workbench, "priv")
    stored = workbench.var / "cert_xblock_private" / file_name
    assert stored in certificate_files(workbench)
    assert media_files(workbench) == [], "nothing is stored where the web server publishes files"

    anyone = requests.Session()
    for guess in (f"/media/{file_name}", f"/media/cert_xblock/{file_name}", f"/media/certificates/{verify_id}.pdf",
                  f"/static/{file_name}", f"/cert_xblock_private/{file_name}"):
        response = anyone.get(workbench.url(guess), timeout=30)
        assert response.status_code == 404 and not response.content.startswith(b"%PDF"), guess
    public = anyone.get(certificate["verify_url"] + ".json", timeout=30).text + anyone.get(
        certificate["verify_url"], timeout=30).text
    assert file_name not in public and ".pdf" not in public

    assert LearnerSession(workbench, "ben").get("download").status_code == 404
    assert LearnerSession(workbench, "").get("download").status_code == 403
    mine = holder.get("download")
    assert mine.status_code == 200 and mine.content == stored.read_bytes()
    assert mine.headers["Cache-Control"] == "private, no-store"


def test_local_files_have_no_public_address():
    with pytest.raises(ValueError, match="private"):
        storage.PrivateFileSystemStorage(location="/tmp/x").url("certificates/a.pdf")


def test_a_local_folder_inside_media_root_is_refused_at_start(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "cert_xblock.records.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media" / "certificates")}}}
    [error] = certificate_files_are_private()
    assert error.id == "cert_xblock.E001" and error.level == checks.ERROR
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "cert_xblock.records.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "p")}}}
    assert certificate_files_are_private() == []


@pytest.mark.django_db(transaction=True)
def test_an_s3_certificate_is_reachable_only_through_its_holders_signed_link(issued_in_s3, s3_endpoint, client,  # noqa: F811
                                                                           django_user_model):
    from cert_xblock.platform.twin.roles import CourseAccessRole

    certificate, (bucket, _) = issued_in_s3
    download = f"/api/cert_xblock/v1/me/certificates/{certificate.verify_id}/download"

    assert requests.get(f"{s3_endpoint}/{bucket}/{certificate.file_name}", timeout=30).status_code == 403
    assert client.get(download).status_code == 401
    other = django_user_model.objects.create(username="nosy")
    staff_elsewhere = django_user_model.objects.create(username="elsewhere")
    CourseAccessRole.objects.create(user=staff_elsewhere, org="Other", role="staff",
                                    course_id="course-v1:Other+O1+2026")
    for caller in (other, staff_elsewhere):
        client.force_login(caller)
        response = client.get(download)
        assert response.status_code == 404 and "Location" not in response
    public = client.get(f"/certificates/verify/{certificate.verify_id}.json").content.decode()
    assert bucket not in public and s3_endpoint not in public

    client.force_login(certificate.user)
    signed = client.get(download)
    assert signed.status_code == 302 and "X-Amz-Signature=" in signed["Location"]
    assert requests.get(signed["Location"], timeout=30).content.startswith(b"%PDF-")
