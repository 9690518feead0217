"""The settings copy follows the course: the twin's block save and the management command call the same sync."""
from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from opaque_keys.edx.keys import CourseKey

from cert_xblock.config.sync import block_saved
from cert_xblock.config.values import CertificateSettings
from cert_xblock.models import CertificateBlockConfig
from cert_xblock.platform.twin.models import CourseOverview
from cert_xblock.platform.twin.modulestore import CourseBlock

pytestmark = pytest.mark.django_db
COURSE = CourseKey.from_string("course-v1:SyncX+S1+2026")
FINAL, HONOURS = (f"block-v1:SyncX+S1+2026+type@cert_xblock+block@{name}" for name in ("final", "honours"))


def rows() -> list[tuple[str, bool, str]]:
    return [(row.block_id, row.enabled, row.settings["certificate_title"])
            for row in CertificateBlockConfig.objects.filter(course_key=COURSE).order_by("block_id")]


def test_saving_a_block_in_the_workbench_stores_it_and_refreshes_the_copy():
    result = block_saved(FINAL, COURSE, CertificateSettings(certificate_title="Completion", validity_months=12))
    assert result.enabled == (FINAL,) and result.disabled == ()
    assert rows() == [(FINAL, True, "Completion")]
    assert CertificateBlockConfig.objects.get(block_id=FINAL).settings["validity_months"] == 12
    block_saved(FINAL, COURSE, CertificateSettings(certificate_title="Completion, revised"))
    assert rows() == [(FINAL, True, "Completion, revised")]


def test_the_command_syncs_a_course_and_disables_a_removed_block(capsys):
    CourseOverview.objects.create(id=COURSE, display_name="Sync", org="SyncX")
    for usage_id, title in ((FINAL, "Completion"), (HONOURS, "Distinction")):
        CourseBlock.objects.create(course_id=COURSE, usage_id=usage_id, block_type="cert_xblock",
                                   fields={"certificate_title": title})
    call_command("sync_certificate_config", "--course", str(COURSE))
    assert rows() == [(FINAL, True, "Completion"), (HONOURS, True, "Distinction")]
    CourseBlock.objects.filter(usage_id=HONOURS).update(published=False)
    call_command("sync_certificate_config", "--all")
    assert rows() == [(FINAL, True, "Completion"), (HONOURS, False, "Distinction")]
    assert capsys.readouterr().out.splitlines()[-2:] == [f"{COURSE}: 1 enabled, 1 disabled", f"  disabled {HONOURS}"]


@pytest.mark.parametrize("course, message", [
    ("not a course", "'not a course' is not a course key; expected one like course-v1:ORG+COURSE+RUN"),
    ("course-v1:Nope+N1+2026", "course course-v1:Nope+N1+2026 does not exist on this site"),
])
def test_the_command_refuses_a_bad_course_clearly(course, message):
    with pytest.raises(CommandError) as error:
        call_command("sync_certificate_config", "--course", course)
    assert str(error.value) == message
