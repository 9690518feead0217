"""Database fault: the connection to MariaDB is killed (``KILL <id>`` from another connection) after the PDF is
stored and before its row commits, once before the INSERT and once between the chunk's INSERT and its COMMIT.

The issue raises, nothing is recorded, its file is deleted; the retry (the chunk again, as Celery retries it)
issues exactly once. When the storage refuses the delete as well, the orphan is a file no record names: the
retry does not need it, and ``sweep_certificate_files`` removes it.
"""
from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection, connections

from cert_xblock.issuing.batch import runner as batch
from cert_xblock.models import IssuedCertificate
from cert_xblock.records import storage
from tests import services
from tests.batch.seeding import certified, seed_course

from . import figures
from .helpers import audit, needs_mariadb, stored_files

pytestmark = [needs_mariadb, pytest.mark.django_db(transaction=True)]


def kill_connection(chunk_connection) -> None:
    """Drop the chunk's database connection from the server side, as a failover or a network cut would (from any
    thread: the batch stores files on an upload thread while the chunk's own thread holds the connection)."""
    own = chunk_connection.connection.thread_id()
    with services.mariadb() as admin:
        admin.cursor().execute(f"KILL {int(own)}")


def killing_after_save(killed: list[str]):
    """``storage.save_pdf`` that stores the file, then kills the chunk's connection (the first time; ``killed``
    says)."""
    real_save, chunk_connection = storage.save_pdf, connections["default"]

    def save_then_kill(name, data):
        stored = real_save(name, data)
        if not killed:
            killed.append(name)
            kill_connection(chunk_connection)
        return stored

    return save_then_kill


def run_chunk_until_done(course, attempts: int = 3) -> list[batch.ChunkReport]:
    """The chunk, then its retries for the learners left pending (a new connection each, as a worker's task)."""
    block, pending, reports = batch.load_block(course.block_id), list(course.user_ids), []
    for _ in range(attempts):
        connection.close()  # Celery's Django fixup closes a broken connection after the task
        report = batch.issue_chunk(block, pending, "reliability-db")
        reports.append(report)
        if report.transient_error is None:
            return reports
        pending = report.pending
    raise AssertionError(f"still pending after {attempts} attempts: {reports[-1].transient_error!r}")


def recording_saves(stored: list[str]):
    """``storage.save_pdf`` that stores the file and remembers its name."""
    real_save = storage.save_pdf

    def save_and_remember(name, data):
        stored.append(real_save(name, data))
        return stored[-1]

    return save_and_remember


@pytest.mark.parametrize("moment", ["before_insert", "before_commit"])
def test_a_connection_killed_before_the_row_commits_leaves_nothing_and_the_retry_issues_once(moment):
    course = seed_course(6, slug=f"DBF{moment[7:10].upper()}", every_learner_passes=True)
    killed: list[str] = []
    stored: list[str] = []

    def kill_after_insert(execute, sql, params, many, context):
        """Between the chunk's INSERT of its certificates and its COMMIT: every file stored so far is at stake."""
        result = execute(sql, params, many, context)
        if not killed and sql.lstrip().upper().startswith("INSERT") and "issuedcertificate" in sql.split("(")[0]:
            killed.extend(stored)
            kill_connection(connection)
        return result

    if moment == "before_insert":
        patch = mock.patch.object(storage, "save_pdf", killing_after_save(killed))
    else:
        patch = contextlib.ExitStack()
        patch.enter_context(mock.patch.object(storage, "save_pdf", recording_saves(stored)))
        patch.enter_context(connection.execute_wrapper(kill_after_insert))
    with patch:
        reports = run_chunk_until_done(course)
    connection.close()

    first = reports[0]
    assert isinstance(first.transient_error, OperationalError), first.transient_error
    assert killed and not set(killed) & stored_files(course.course_key), "the failed issue's files were deleted"
    assert not IssuedCertificate.objects.filter(file_name__in=killed).exists()
    found = audit(course, set(course.user_ids))
    assert sorted(certified(course)) == sorted(course.user_ids)
    assert sum(r.issued for r in reports) == len(course.user_ids), "each learner issued once"
    figures.record("database fault (KILL connection)", faults=1, **found,
                   unexpected=int(sum(r.issued for r in reports) != len(course.user_ids)))
    assert found == {"duplicates": 0, "losses": 0, "orphans": 0}


def test_when_the_storage_refuses_the_delete_too_the_orphan_is_swept_and_the_retry_issues_once():
    course = seed_course(4, slug="DBFORPH", every_learner_passes=True)
    real_delete, killed = storage.delete_pdf, []
    save_then_kill = killing_after_save(killed)

    def refusing_delete(name):
        if name in killed:
            raise ConnectionError("storage unreachable")
        real_delete(name)

    with mock.patch.object(storage, "save_pdf", save_then_kill), \
            mock.patch.object(storage, "delete_pdf", refusing_delete):
        reports = run_chunk_until_done(course)
    connection.close()

    # The database's error is the one the chunk saw (so it retried), not the storage's.
    assert isinstance(reports[0].transient_error, OperationalError), reports[0].transient_error
    assert sorted(certified(course)) == sorted(course.user_ids)
    assert audit(course, set(course.user_ids))["orphans"] == 1, "the undeletable file is an orphan for now"

    out = StringIO()
    call_command("sweep_certificate_files", "--older-than-minutes", "60", stdout=out)
    assert killed[0] in stored_files(course.course_key), "a young file may belong to an issue in flight: kept"
    call_command("sweep_certificate_files", "--older-than-minutes", "0", "--dry-run", stdout=out)
    assert killed[0] in stored_files(course.course_key)
    with mock.patch("cert_xblock.issuing.issuance.datetime") as clock:
        clock.now.return_value = datetime.now(UTC) + timedelta(minutes=61)
        call_command("sweep_certificate_files", stdout=out)
    assert f"{killed[0]}\n" in out.getvalue()
    found = audit(course, set(course.user_ids))
    figures.record("database fault (KILL connection)", faults=1, **found)
    assert found == {"duplicates": 0, "losses": 0, "orphans": 0}
    assert all(storage.certificate_storage().exists(c.file_name)
               for c in IssuedCertificate.objects.filter(block_id=course.block_id, live=1))
