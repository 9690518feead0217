"""The REST API with two certificate blocks in one course: each certificate and each block's standing is told apart
by its title and name, so a course team (or a learner's app) never mistakes a completion for a distinction."""
from __future__ import annotations

from cert_xblock.config.stored import save_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.models import IssuedCertificate

from .conftest import BLOCK, COURSE, certificate

API = "/api/cert_xblock/v1"
DISTINCTION = "block-v1:RestX+R1+2026+type@cert_xblock+block@distinction"


def test_the_api_tells_two_blocks_of_a_course_apart(client, people):
    save_block_config(DISTINCTION, COURSE, CertificateSettings(
        display_name="Distinction", grade_rule="minimum_percent", minimum_percent=90,
        certificate_title="Certificate of Distinction"))
    IssuedCertificate.objects.filter(block_id=BLOCK).update(title="Certificate of Completion")
    certificate(people.learner, block_id=DISTINCTION, title="Certificate of Distinction", verify_id="d" * 32)
    client.force_login(people.course_staff)
    listed = client.get(f"{API}/courses/{COURSE}/certificates").json()["results"]
    assert sorted((row["block_id"], row["title"]) for row in listed) == [
        (DISTINCTION, "Certificate of Distinction"), (BLOCK, "Certificate of Completion")]
    standing = client.get(f"{API}/courses/{COURSE}/learners/ada").json()
    assert sorted((b["display_name"], b["status"]) for b in standing["blocks"]) == [
        ("Distinction", "issued"), ("Final certificate", "issued")]
    ben = client.get(f"{API}/courses/{COURSE}/learners/ben").json()
    by_name = {b["display_name"]: b for b in ben["blocks"]}
    assert by_name["Distinction"]["reason"] == "below_minimum" and "90%" in by_name["Distinction"]["message"]
    assert by_name["Final certificate"]["reason"] == "not_passed"
