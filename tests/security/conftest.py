"""What the security tests share: the demo's people by role, a second workbench playing the LMS, and state snapshots."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cert_xblock.core.permissions import Role
from tests import services
from tests.block.helpers import certificate_files, rows
from tests.staff.conftest import course  # noqa: F401 - the staff course, for the input tests in process

# The demo's people (cert_xblock/platform/twin/demo_data.py) and the roles the platform gives them in the demo course,
# written out here rather than asked of the code under test.
LEARNER, OTHER_LEARNER = "ada", "ben"
PEOPLE: dict[str, frozenset[Role]] = {
    "anonymous": frozenset({Role.ANONYMOUS}),
    "learner": frozenset({Role.LEARNER}),  # Ada, who will hold the certificate
    "another learner": frozenset({Role.LEARNER}),
    "course staff": frozenset({Role.LEARNER, Role.COURSE_STAFF}),
    "instructor": frozenset({Role.LEARNER, Role.COURSE_STAFF, Role.INSTRUCTOR}),
    "global staff": frozenset({Role.LEARNER, Role.COURSE_STAFF, Role.INSTRUCTOR, Role.GLOBAL_STAFF}),
    "author (org staff)": frozenset({Role.LEARNER, Role.COURSE_STAFF}),
}
USERNAMES = {"anonymous": "", "learner": LEARNER, "another learner": OTHER_LEARNER, "course staff": "cara",
             "instructor": "ivan", "global staff": "staff", "author (org staff)": "olga"}
# In Studio (the workbench plays it) everyone on the course team may edit the course: has_studio_write_access.
STUDIO_AUTHORS = {"course staff", "instructor", "global staff", "author (org staff)"}


@pytest.fixture(scope="session")
def lms_workbench(tmp_path_factory) -> Iterator[services.Workbench]:
    """The demo again, told it is the LMS (SERVICE_VARIANT=lms): Studio's handlers are nobody's there."""
    with services.workbench_server(tmp_path_factory.mktemp("lms-workbench"),
                                   extra_env={"CERT_XBLOCK_SERVICE_VARIANT": "lms"}) as server:
        yield server


@dataclass(frozen=True)
class Snapshot:
    """Everything a refused call must leave as it was: block fields, their database copy, certificates, files."""

    fields: tuple
    config: tuple
    certificates: tuple
    files: tuple

    @classmethod
    def of(cls, server: services.Workbench) -> Snapshot:
        return cls(
            fields=tuple(rows(server, "SELECT scope_id, user_id, state FROM workbench_xblockstate "
                                      "WHERE scope = 'settings' ORDER BY scope_id")),
            config=tuple(rows(server, "SELECT block_id, settings, enabled FROM cert_xblock_certificateblockconfig "
                                      "ORDER BY block_id")),
            certificates=tuple(rows(server, "SELECT verify_id, status, name, file_name, live FROM "
                                            "cert_xblock_issuedcertificate ORDER BY id")),
            files=tuple((str(path), path.stat().st_mtime_ns) for path in certificate_files(server)),
        )


def settings_of(server: services.Workbench, usage_fragment: str) -> dict:
    """The stored copy of one block's settings (the batch's view of the block)."""
    [(stored,)] = rows(server, "SELECT settings FROM cert_xblock_certificateblockconfig WHERE block_id LIKE ?",
                       f"%{usage_fragment}%")
    return json.loads(stored)


def media_files(server: services.Workbench) -> list[Path]:
    root = server.var / "media"
    return sorted(root.rglob("*.pdf")) if root.exists() else []
