"""Course-team operations on one of two blocks in a course leave the other block's records alone."""
from __future__ import annotations

import pytest

from cert_xblock import platform, staff
from cert_xblock.config.stored import save_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.batch.runner import BatchBlock
from cert_xblock.issuing.issuance import BlockRef, issue_certificate
from cert_xblock.models import AllowlistEntry, IssuedCertificate

from .conftest import BLOCK, COURSE

pytestmark = pytest.mark.django_db
DISTINCTION = BatchBlock(BlockRef(BLOCK.ref.block_id.replace("block@final", "block@distinction"), COURSE),
                         CertificateSettings(display_name="Distinction", grade_rule="minimum_percent",
                                             minimum_percent=90, certificate_title="Certificate of Distinction"))


def issue(course, username: str, block: BatchBlock):
    learner = platform.learner_by_id(course.users[username].pk)
    return issue_certificate(learner, block.ref, block.rules, via="learner", request_id=f"req-{username}")


def state(block: BatchBlock) -> list[tuple]:
    return list(IssuedCertificate.objects.filter(block_id=block.ref.block_id).order_by("pk").values_list(
        "user_id", "status", "version", "file_name"))


def test_revoke_regenerate_and_allowlist_on_one_block_leave_the_other_alone(course):
    save_block_config(DISTINCTION.ref.block_id, COURSE, DISTINCTION.rules)
    actor = staff.Actor(course.staff.username, course.staff.pk)
    ada_completion = issue(course, "ada", BLOCK).certificate
    assert issue(course, "ada", DISTINCTION).status == "issued"
    assert issue(course, "chen", DISTINCTION).status == "not_eligible"  # 75%: the completion only
    issue(course, "chen", BLOCK)
    distinction_before = state(DISTINCTION)

    staff.revoke(BLOCK.ref, ada_completion, "Wrong learner", actor)
    staff.regenerate_all(BLOCK.ref, BLOCK.rules, "New design", actor)
    staff.allowlist_add(BLOCK.ref, "dana", "Extension granted", actor)

    assert state(DISTINCTION) == distinction_before
    assert [(status, version) for _, status, version, _ in state(BLOCK)] == [("revoked", 1), ("issued", 2)]
    assert list(AllowlistEntry.objects.values_list("block_id", flat=True)) == [BLOCK.ref.block_id]
    assert staff.counts(DISTINCTION)["issued"] == 1 and staff.counts(BLOCK)["issued"] == 1
    distinction_report = b"".join(staff.report_csv(DISTINCTION.ref.block_id)).decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in distinction_report[1:]] == ["ada"]
    assert ",issued," in distinction_report[1]
