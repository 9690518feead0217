"""Concurrency on MariaDB: Grade Me stormed through real HTTP at a multi-process server (gunicorn, four worker
processes, each with its own database connection) while staff start "issue now" on the same block (a real
Celery worker on Redis issues the batch) and regenerate certificates as they appear.

200 clicks by one learner and 200 spread over 50 learners, all at once. At the end: no 5xx; every learner holds
exactly one live certificate; every stored file is named by a record (the certificate, or an earlier printing a
regeneration kept) and every record's file is stored; the one learner's 200 answers all name one certificate.
"""
from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests import services
from tests.batch import celery_processes
from tests.conftest import LearnerSession

from . import figures
from .helpers import needs_mariadb

pytestmark = needs_mariadb

CROWD, BATCH_ONLY, CLICKS = 50, 150, 200


@pytest.fixture(scope="module")
def server(tmp_path_factory, redis_url):
    tmp = tmp_path_factory.mktemp("gunicorn")
    extra = {"DJANGO_SETTINGS_MODULE": "tests.staff.worker_settings", "CERT_XBLOCK_BROKER_URL": redis_url,
             "CERT_XBLOCK_BATCH_CHUNK_SIZE": "10", "PYTHONPATH": str(services.REPO)}
    with services.gunicorn_server(tmp, extra, workers=4) as running:
        env = {**running.env, **extra}
        for prefix, count in (("crowd", CROWD), ("batch", BATCH_ONLY), ("rush", 1)):
            subprocess.run([sys.executable, "-m", "tests.reliability.seed_crowd", prefix, str(count)],
                           env={**services.os.environ, **env}, check=True, cwd=services.REPO)
        with celery_processes.worker(env, tmp / "worker.log", "crowd", concurrency=2):
            yield running


def post(session: LearnerSession, handler: str, body: bytes | str = b"{}"):
    headers = {"X-CSRFToken": session.http.cookies.get("csrftoken", ""), "Referer": session.server.base + "/",
               "Content-Type": "application/json"}
    return session.http.post(session.handler_url(handler), data=body, headers=headers, timeout=300)


def test_grade_me_storm_with_a_batch_and_regenerations_leaves_one_certificate_and_one_file_each(server):
    staff = LearnerSession(server, "cara")
    sessions = {"rush-0": [LearnerSession(server, "rush-0") for _ in range(8)]}
    for i in range(CROWD):
        sessions[f"crowd-{i}"] = [LearnerSession(server, f"crowd-{i}")]
    clicks = [("rush-0", sessions["rush-0"][n % 8]) for n in range(CLICKS)]
    clicks += [(f"crowd-{n % CROWD}", sessions[f"crowd-{n % CROWD}"][0]) for n in range(CLICKS)]
    random.Random(14).shuffle(clicks)
    statuses, answers, lock, storm_over = Counter(), {}, threading.Lock(), threading.Event()
    # A requests.Session is not safe across threads: one click at a time per session.
    session_locks = {id(s): threading.Lock() for group in sessions.values() for s in group}

    def click(item):
        username, session = item
        with session_locks[id(session)]:
            response = post(session, "grade_me")
        with lock:
            statuses[response.status_code] += 1
            if response.status_code == 200:
                body = response.json()
                answers.setdefault(username, set()).add((body.get("status"),
                                                         (body.get("certificate") or {}).get("id")))

    def regenerate_meanwhile():
        rng, done = random.Random(7), 0
        while not storm_over.is_set() or done < 5:
            username = rng.choice([*sessions, "batch-3", "batch-77"])
            response = post(staff, "staff/regenerate", f'{{"user": "{username}", "reason": "name changed"}}')
            with lock:
                statuses[response.status_code] += 1
                done += 1
            time.sleep(0.05)
        return done

    issue_now = post(staff, "staff/issue_now")
    assert issue_now.status_code == 200, issue_now.text
    request_id = issue_now.json()["run"]["request_id"]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=48) as pool:
        regenerations = pool.submit(regenerate_meanwhile)
        list(pool.map(click, clicks))
        storm_over.set()
        regenerated = regenerations.result()
    storm_seconds = time.monotonic() - started

    deadline = time.monotonic() + 240
    while True:
        progress = staff.http.get(
            staff.handler_url("staff/progress") + f"&request_id={request_id}", timeout=60)
        state = progress.json()["run"]["state"] if progress.status_code == 200 else "?"
        if state in ("done", "skipped") or time.monotonic() > deadline:
            break
        time.sleep(1)

    learners = {"rush-0", *(f"crowd-{i}" for i in range(CROWD)), *(f"batch-{i}" for i in range(BATCH_ONLY))}
    live = services.query(server.env, server.var, "SELECT u.username, COUNT(*) FROM cert_xblock_issuedcertificate c "
                          "JOIN auth_user u ON u.id = c.user_id WHERE c.live = 1 GROUP BY u.username")
    named = {row[0] for row in services.query(server.env, server.var,
                                              "SELECT file_name FROM cert_xblock_issuedcertificate UNION "
                                              "SELECT file_name FROM cert_xblock_certificateversion")}
    live_files = {row[0] for row in services.query(server.env, server.var,
                                                   "SELECT file_name FROM cert_xblock_issuedcertificate "
                                                   "WHERE live = 1")}
    root = server.var / "cert_xblock_private"
    stored = {str(path.relative_to(root)) for path in root.rglob("*.pdf")}
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    click_ids = {username: {cid for _, cid in found} for username, found in answers.items()}
    found = {
        "duplicates": sum(count - 1 for _, count in live) + sum(len(ids) - 1 for ids in click_ids.values()),
        "losses": len(learners - {username for username, _ in live}) + len(live_files - stored),
        "orphans": len(stored - named),
    }
    unexpected = server_errors + sum(status != "issued" for got in answers.values() for status, _ in got)
    figures.record("concurrency (gunicorn x4, batch, regenerate)", requests=sum(statuses.values()), **found,
                   unexpected=unexpected)
    via = dict(services.query(server.env, server.var, "SELECT issued_via, COUNT(*) FROM "
                              "cert_xblock_issuedcertificate GROUP BY issued_via"))
    print(f"concurrency: {2 * CLICKS} clicks + {regenerated} regenerations in {storm_seconds:.1f}s, "
          f"answers {dict(statuses)}, batch {state}, issued via {via}")
    assert server_errors == 0, statuses
    assert state == "done"
    assert found == {"duplicates": 0, "losses": 0, "orphans": 0}
    assert unexpected == 0
    assert statuses[200] >= 2 * CLICKS
