"""cert_xblock installed the way operators install it: through edx-django-utils' plugin machinery.

Each test runs the settings project in ``project_settings.py`` (shaped like the LMS's or Studio's) in a
subprocess, migrated from an empty database, and reads what that host sees.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.batch.celery_processes import worker
from tests.services import REPO

LMS, CMS = "lms.djangoapp", "cms.djangoapp"


def run(project: str, var: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.plugin.project_settings", "CERT_XBLOCK_VAR": str(var),
           "CERT_XBLOCK_TEST_PROJECT": project, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=120,
                          check=False)


def django(project: str, var: Path, *args: str) -> subprocess.CompletedProcess:
    result = run(project, var, "-m", "django", *args)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module", params=[LMS, CMS])
def migrated(request, tmp_path_factory) -> tuple[str, Path]:
    """A fresh database of one project type, migrated from zero."""
    var = tmp_path_factory.mktemp(request.param.split(".")[0])
    django(request.param, var, "migrate", "--verbosity", "0")
    return request.param, var


def probe(project: str, var: Path, what: str, broker: str = "") -> dict:
    result = run(project, var, "-m", "tests.plugin.probe", what,
                 env={"CERT_XBLOCK_BROKER_URL": broker} if broker else {})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_app_its_settings_and_the_beat_entry_arrive_through_the_plugin_machinery(migrated):
    project, var = migrated
    facts = probe(project, var, "common")
    assert "cert_xblock" in facts["apps"]
    # The operator's interval, read before the production pass, reaches the beat entry the common pass built.
    assert facts["beat"] == {"cert_xblock.dispatch_due_batches": 90.0}
    assert facts["settings"]["CERT_XBLOCK_EMAIL_ENABLED"] is True
    assert facts["settings"]["CERT_XBLOCK_PLATFORM_BRIDGE"] is False
    # The operator's S3 choice, read before the production pass, wins over the common pass's local default,
    # and the plugin makes it sign every link with the operator's lifetime.
    assert facts["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert facts["storage"]["OPTIONS"]["querystring_auth"] is True
    assert facts["storage"]["OPTIONS"]["querystring_expire"] == 120
    assert facts["storage"]["OPTIONS"]["object_parameters"]["ContentType"] == "application/pdf"


def test_migrations_go_back_to_zero_and_forward_and_leave_no_model_change_behind(migrated):
    project, var = migrated
    django(project, var, "migrate", "cert_xblock", "zero", "--verbosity", "0")
    django(project, var, "migrate", "--verbosity", "0")
    check = django(project, var, "makemigrations", "--check", "--dry-run", "cert_xblock", "cert_xblock_twin")
    assert "No changes detected" in check.stdout


def test_lms_serves_the_plugin_urls_and_an_issue_reaches_tracking_and_email(tmp_path):
    django(LMS, tmp_path, "migrate", "--verbosity", "0")
    facts = probe(LMS, tmp_path, "lms")
    assert facts["verify_path"].startswith("/certificates/verify/")
    assert facts["verify_status"] == 200
    assert facts["api_status_anonymous"] == 401  # JWT first, as in the LMS: it asks for credentials
    # The certificate_issued receiver was connected by signals_config, not by hand.
    assert facts["events"] == ["edx.cert_xblock.certificate.issued", "edx.cert_xblock.certificate.verified"]
    [email] = facts["emails"]
    assert "To: lin@example.org" in email and "Subject: Your certificate for Plugins is ready" in email
    assert "https://lms.example.org/certificates/verify/" in email


def test_studio_publish_of_two_certificate_blocks_makes_two_rows_and_removing_one_disables_it(tmp_path, redis_url):
    """Studio's signal reaches the receiver through signals_config; a real worker does the sync from Redis."""
    django(CMS, tmp_path, "migrate", "--verbosity", "0")
    env = {"DJANGO_SETTINGS_MODULE": "tests.plugin.project_settings", "CERT_XBLOCK_VAR": str(tmp_path),
           "CERT_XBLOCK_TEST_PROJECT": CMS, "CERT_XBLOCK_BROKER_URL": redis_url, "PYTHONPATH": str(REPO)}
    with worker(env, tmp_path / "worker.log", "studio", concurrency=1, pool="solo"):
        facts = probe(CMS, tmp_path, "cms", broker=redis_url)
    final = "block-v1:StudioX+S1+2026+type@cert_xblock+block@final"
    honours = "block-v1:StudioX+S1+2026+type@cert_xblock+block@honours"
    assert facts["after_first_publish"] == [[final, True, "Certificate of Completion"],
                                            [honours, True, "Certificate of Distinction"]]
    assert facts["after_removal"] == [[final, True, "Certificate of Completion"],
                                      [honours, False, "Certificate of Distinction"]]
    assert "cert_xblock.sync_course_config" in (tmp_path / "worker.log").read_text()
