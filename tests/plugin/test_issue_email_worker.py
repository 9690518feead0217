"""The issue email through a real Celery worker and Redis: a click issues at once, the worker retries the email."""
from __future__ import annotations

import time
from pathlib import Path

from tests import services
from tests.batch.celery_processes import worker
from tests.conftest import LearnerSession


def wait_for_line(log: Path, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log.read_text(errors="replace") if log.exists() else ""
        if text in content:
            return content
        time.sleep(0.1)
    raise TimeoutError(f"no '{text}' in {log} after {timeout}s")


def test_the_worker_sends_the_email_after_the_mail_server_failed_once(redis_url, tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "tests.plugin.worker_settings", "CERT_XBLOCK_BROKER_URL": redis_url,
           "CERT_XBLOCK_TEST_MAIL_FAILURES": "1", "PYTHONPATH": str(services.REPO)}
    with services.workbench_server(tmp_path, env) as server:
        response = LearnerSession(server, "ada").post("grade_me")
        assert response.status_code == 200 and response.json()["status"] == "issued"
        # The click answered without touching the mail server: the email waits in Redis for a worker.
        assert not (tmp_path / "mail").exists()
        request_id = response.json()["request_id"]
        with worker({**server.env, **env}, tmp_path / "worker.log", "mail", concurrency=1, pool="solo"):
            log = wait_for_line(tmp_path / "worker.log", f"request_id={request_id} emailed certificate")
    [email] = sorted((tmp_path / "mail").glob("*.log"))
    text = email.read_text()
    assert "To: ada@example.com" in text and "/certificates/verify/" in text
    assert f"request_id={request_id} email of certificate" in log and "failed (attempt 1 of 6)" in log
