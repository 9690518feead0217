"""Why a certificate was revoked: course staff read it on the verify page; the public only if the author
publishes reasons (a Studio setting); otherwise the public reads only that it was revoked, and when."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from cert_xblock import staff
from cert_xblock.config.stored import save_block_config

from .conftest import BLOCK, BLOCK_ID, COURSE, RULES

pytestmark = pytest.mark.django_db


@pytest.fixture
def revoked(course):
    certificate = course.issue("ada")
    staff.revoke(BLOCK.ref, certificate, "Submitted someone else's project", staff.Actor("cara", course.staff.pk))
    return f"/certificates/verify/{certificate.verify_id}"


def test_the_public_reads_that_it_was_revoked_and_when_but_not_why(client, revoked):
    page = client.get(revoked).content.decode()
    assert re.search(r"This certificate was revoked on \d{1,2} [A-Z][a-z]+ \d{4}\.", page)
    assert "someone else" not in page
    assert "someone else" not in client.get(f"{revoked}.json").content.decode()


def test_course_staff_read_why(client, course, revoked):
    client.force_login(course.staff)
    assert "Reason:</span> Submitted someone else&#x27;s project" in client.get(revoked).content.decode()


def test_a_learner_of_the_course_does_not(client, course, revoked):
    client.force_login(course.users["ben"])
    assert "someone else" not in client.get(revoked).content.decode()


def test_the_public_reads_why_when_the_author_publishes_reasons(client, revoked):
    save_block_config(BLOCK_ID, COURSE, replace(RULES, publish_revoke_reason=True))
    assert "Submitted someone else&#x27;s project" in client.get(revoked).content.decode()
