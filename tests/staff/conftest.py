"""A course with a certificate block, learners around the bar, course staff, and certificates on local storage."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from cert_xblock import platform
from cert_xblock.config.stored import save_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.batch.runner import BatchBlock
from cert_xblock.issuing.issuance import BlockRef, issue_certificate
from cert_xblock.platform.twin.models import CourseEnrollment, CourseOverview, PersistentCourseGrade, UserProfile
from cert_xblock.platform.twin.roles import CourseAccessRole

COURSE = CourseKey.from_string("course-v1:StaffX+S1+2026")
BLOCK_ID = "block-v1:StaffX+S1+2026+type@cert_xblock+block@final"
RULES = CertificateSettings(display_name="Final certificate")
BLOCK = BatchBlock(BlockRef(BLOCK_ID, COURSE), RULES)
# username → (full name, percent, letter); the course's passing grade is 70%
LEARNERS = {"ada": ("Ada Lovelace", 0.91, "A"), "ben": ("Ben Low", 0.42, ""), "chen": ("Chen Wu", 0.75, "B"),
            "dana": ("Dana Scully", 0.30, "")}


@dataclass
class Course:
    users: dict
    staff: object
    files: Path

    def issue(self, username: str):
        learner = platform.learner_by_id(self.users[username].pk)
        return issue_certificate(learner, BLOCK.ref, RULES, via="learner", request_id=f"req-{username}").certificate


@pytest.fixture
def course(db, settings, tmp_path) -> Course:
    files = tmp_path / "certs"
    settings.STORAGES = {**settings.STORAGES, "cert_xblock": {
        "BACKEND": "cert_xblock.records.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(files)}}}
    CourseOverview.objects.create(id=COURSE, display_name="Staff Work", org="StaffX", lowest_passing_grade="0.7")
    users = {}
    for username, (name, percent, letter) in LEARNERS.items():
        user = get_user_model().objects.create(username=username, email=f"{username}@example.org")
        UserProfile.objects.create(user=user, name=name)
        CourseEnrollment.objects.create(user=user, course_id=COURSE, mode="verified")
        PersistentCourseGrade.objects.create(user_id=user.pk, course_id=COURSE, percent_grade=percent,
                                             letter_grade=letter, grading_policy_hash="h",
                                             passed_timestamp="2026-11-01T00:00:00Z" if letter else None)
        users[username] = user
    staff = get_user_model().objects.create(username="cara", email="cara@example.org")
    CourseAccessRole.objects.create(user=staff, course_id=COURSE, org="StaffX", role="staff")
    save_block_config(BLOCK_ID, COURSE, RULES)
    return Course(users, staff, files)


@pytest.fixture(scope="module")
def staff_workbench(tmp_path_factory, redis_url):
    """A demo workbench of its own whose "issue now" reaches a real Celery worker on Redis (sharing its database)."""
    from tests import services
    from tests.batch import celery_processes

    tmp = tmp_path_factory.mktemp("staff-workbench")
    extra = {"DJANGO_SETTINGS_MODULE": "tests.staff.worker_settings", "CERT_XBLOCK_BROKER_URL": redis_url,
             "CERT_XBLOCK_BATCH_CHUNK_SIZE": "2", "PYTHONPATH": str(services.REPO)}
    with (services.workbench_server(tmp, extra) as server,
          celery_processes.worker({**server.env, **extra}, tmp / "worker.log", "staff", concurrency=1)):
        yield server


@pytest.fixture
def staff_session(staff_workbench):
    """``staff_session("cara")``: a browser-like session on the staff workbench's first scenario."""
    from tests.conftest import LearnerSession

    return lambda student: LearnerSession(staff_workbench, student)
