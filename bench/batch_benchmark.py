"""Batch issuance benchmark: real Redis, two Celery worker processes, S3 on moto_server, sqlite or MariaDB.

Prints, for the figures of issues 5 and 14:
  * N eligible learners issued end to end (run task sent -> last certificate recorded): time, certificates/s;
  * the storage floor: plain boto3 PUTs of as many objects of the same size to the same server with the same
    concurrency (two processes), and the ratio of the two (goal: at most 1.4x);
  * peak memory (VmHWM) of each worker process at 10,000 certificates, half-way and at the end (flat);
  * database statements per chunk for two chunk sizes (reads must not grow with the chunk), writes by table;
  * where the CPU went during the batch and during the floor: seconds used by the workers (or the floor's
    processes), the S3 server, the database, the broker, and by everything else on the machine (other users), out
    of the cores' capacity over that wall time, so a ratio measured on a shared machine can be read;
  * a no-op re-run over M enrolled learners who all hold the certificate (goal: at most 2 s; --noop 0 skips it).

Run from the repository root:
    python bench/batch_benchmark.py [--learners 10000] [--database sqlite|mariadb] [--noop 100000]
Needs redis-server (Debian) and moto_server (the test extra) like the tests do; ``--database mariadb`` starts a
throw-away MariaDB server as the test command does (Debian mariadb-server, the ``mariadb`` extra).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
WORKERS = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", "--eligible", dest="eligible", type=int, default=10_000,
                        help="eligible learners issued end to end")
    parser.add_argument("--database", choices=("sqlite", "mariadb"), default="sqlite")
    parser.add_argument("--noop", type=int, default=100_000, help="enrolled certificate holders of the no-op run")
    parser.add_argument("--chunk", type=int, default=200, help="learners per chunk task")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cert-batch-bench-"))
    with ExitStack() as stack:
        from databases import use_database

        database = use_database(args.database, tmp, "bench", stack)
        from tests import services

        print(f"database: {args.database}")
        redis_url = stack.enter_context(services.redis_server(tmp))
        s3_endpoint = stack.enter_context(services.s3_server(tmp))
        from tests.batch import celery_processes

        env = celery_processes.batch_env(database, tmp, redis_url, s3_endpoint, "bench-certificates",
                                         CERT_XBLOCK_BATCH_CHUNK_SIZE=str(args.chunk))
        os.environ.update(env)
        import django

        django.setup()
        from django.core.management import call_command

        from cert_xblock.deploy.demo.celery import app  # the app the run task is sent through, as the LMS's own

        app.set_current()

        call_command("migrate", verbosity=0)
        celery_processes.new_bucket(s3_endpoint, "bench-certificates")

        sizes = issue_end_to_end(env, tmp, args.eligible)
        floor_seconds = storage_floor(s3_endpoint, len(sizes), sum(sizes) // len(sizes))
        print(f"storage floor: {len(sizes)} boto3 PUTs of {sum(sizes) // len(sizes)} bytes, {WORKERS} processes: "
              f"{floor_seconds:.1f} s ({len(sizes) / floor_seconds:.0f} objects/s)")
        print(f"CPU during the floor ({floor_seconds:.1f} s x {os.cpu_count()} cores): {RESULTS['floor_cpu']}")
        print(f"ratio batch / floor: {RESULTS['batch_seconds'] / floor_seconds:.2f}x (goal <= 1.4x); workers' CPU "
              f"per certificate: {RESULTS['cpu_per_certificate']:.2f} ms (goal <= 4.0 ms)")
        queries_per_chunk()
        if args.noop:
            noop_rerun(args.noop)


RESULTS: dict[str, float] = {}


def issue_end_to_end(env: dict[str, str], tmp: Path, eligible: int) -> list[int]:
    """Seed, start two workers, send the block's run, wait for the last certificate; the stored sizes."""
    from cert_xblock.issuing.batch.tasks import run_block_batch
    from cert_xblock.issuing.issuance import new_request_id
    from cert_xblock.models import IssuedCertificate
    from tests.batch import celery_processes
    from tests.batch.seeding import certified, seed_course

    # The issue email is a task of its own; left on, 10,000 of them would share the two workers with the batch.
    course = seed_course(eligible, slug="BENCH", every_learner_passes=True, email_on_issue=False)
    with ExitStack() as workers_running:
        workers = [workers_running.enter_context(celery_processes.worker(
            env, tmp / f"worker-{n}.log", f"bench{n}", concurrency=1, pool="solo")) for n in range(WORKERS)]
        cpu = CpuMeter()
        started = time.perf_counter()
        run_block_batch.delay(course.block_id, new_request_id())
        marks = sorted({m for m in (10_000, eligible // 2, eligible) if 10_000 <= m <= eligible} or {eligible})
        peaks: dict[int, list[float]] = {}
        done = 0
        while done < eligible:
            time.sleep(0.2 if eligible > 20_000 else 0.1)
            done = IssuedCertificate.objects.filter(block_id=course.block_id, live=1).count()
            for mark in [m for m in marks if m <= done and m not in peaks]:
                peaks[mark] = [peak_memory_mb(process.pid) for process in workers]
        RESULTS["batch_seconds"] = seconds = time.perf_counter() - started
        batch_cpu = cpu.report({process.pid: "workers" for process in workers})
        assert len(certified(course)) == eligible
        print(f"batch: {eligible} certificates end to end with {WORKERS} worker processes: {seconds:.1f} s "
              f"({eligible / seconds:.0f} certificates/s)")
        for mark, sizes in sorted(peaks.items()):
            print(f"worker peak memory (VmHWM) at {mark:,} certificates: "
                  + ", ".join(f"worker {n} {size:.0f} MB" for n, size in enumerate(sizes)))
        print(f"CPU during the batch ({seconds:.1f} s x {os.cpu_count()} cores): {batch_cpu}")
        RESULTS["cpu_per_certificate"] = cpu.seconds["workers"] * 1000 / eligible
    return list(IssuedCertificate.objects.filter(block_id=course.block_id).values_list("file_size", flat=True))


class CpuMeter:
    """CPU seconds used from its creation on: by this benchmark's processes, grouped by role (the servers are
    told apart by their command), and by the whole machine, whose remainder is other people's work."""

    ROLES = (("moto_server", "S3 server"), ("mariadbd", "database"), ("redis-server", "broker"))

    def __init__(self) -> None:
        import psutil

        self._machine, self._started = psutil.cpu_times(), time.perf_counter()
        self._processes = {process.pid: (process, self._used(process)) for process in self._ours()}

    @staticmethod
    def _ours() -> list:
        import psutil

        me = psutil.Process()
        return [me, *me.children(recursive=True)]

    @staticmethod
    def _used(process) -> float:
        try:
            times = process.cpu_times()
        except Exception:  # noqa: BLE001 - a process that ended meanwhile
            return 0.0
        return times.user + times.system

    def report(self, roles: dict[int, str]) -> str:
        """``workers 61.2 s, S3 server 40.1 s, ..., others 12.0 s; idle 9.5 s of 164.6 s``."""
        import psutil

        machine, wall = psutil.cpu_times(), time.perf_counter() - self._started
        busy = sum(getattr(machine, f) - getattr(self._machine, f) for f in machine._fields if f not in ("idle",
                                                                                                    "iowait"))
        used: Counter = Counter()
        for process in self._ours():
            before = self._processes.get(process.pid, (process, 0.0))[1]
            command = " ".join(process.cmdline()) if process.is_running() else ""
            role = roles.get(process.pid) or next((name for key, name in self.ROLES if key in command),
                                                  "benchmark process")
            used[role] += self._used(process) - before
        used["others"] = max(busy - sum(used.values()), 0.0)
        self.seconds = dict(used)
        idle = wall * (os.cpu_count() or 1) - busy
        return ", ".join(f"{role} {seconds:.1f} s" for role, seconds in used.most_common()) + \
            f"; idle {max(idle, 0.0):.1f} s"


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _put_objects(endpoint: str, start: int, count: int, size: int) -> None:
    import boto3

    client = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="testing",
                          aws_secret_access_key="testing", region_name="us-east-1")
    body = os.urandom(size)
    for n in range(start, start + count):
        client.put_object(Bucket="bench-floor", Key=f"floor/{n}.pdf", Body=body, ContentType="application/pdf")


def storage_floor(endpoint: str, count: int, size: int) -> float:
    """Seconds for ``count`` plain PUTs of ``size`` bytes from two processes, clients made before the clock."""
    from tests.batch import celery_processes

    celery_processes.new_bucket(endpoint, "bench-floor")
    per_process = count // WORKERS
    with ProcessPoolExecutor(WORKERS) as pool:
        list(pool.map(_put_objects, [endpoint] * WORKERS, [0] * WORKERS, [1] * WORKERS, [size] * WORKERS))
        cpu = CpuMeter()
        started = time.perf_counter()
        list(pool.map(_put_objects, [endpoint] * WORKERS, [n * per_process for n in range(WORKERS)],
                      [per_process + (count % WORKERS if n == WORKERS - 1 else 0) for n in range(WORKERS)],
                      [size] * WORKERS))
        seconds = time.perf_counter() - started
        RESULTS["floor_cpu"] = cpu.report({pid: "PUT processes" for pid in pool._processes})
        return seconds


def queries_per_chunk() -> None:
    """Statements of one chunk of 50 and of 200 mixed learners, issue emails on (reads constant; the writes by
    statement and table, including those the issued signal's receivers make after the chunk's commit)."""
    import logging

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cert_xblock.issuing.batch import runner as batch
    from tests.batch.seeding import seed_course

    logging.getLogger("cert_xblock").setLevel(logging.WARNING)  # figures here, not a log line per learner
    course = seed_course(500, slug="QUERIES")
    block = batch.load_block(course.block_id)
    ids = batch.candidate_ids(block)
    for size, part in ((50, ids[:50]), (200, ids[50:250])):
        with CaptureQueriesContext(connection) as queries:
            report = batch.issue_chunk(block, part, "bench-queries")
        statements = [q["sql"].lstrip() for q in queries.captured_queries]
        writes = Counter(_statement_kind(sql) for sql in statements if not sql.upper().startswith("SELECT"))
        reads = len(statements) - sum(writes.values())
        # The twin's own tables stand for the platform's (tracking events go to eventtracking in the LMS, not to
        # this database): the figure without them is what the LMS's database is written.
        ours = sum(count for kind, count in writes.items() if "cert_xblock_twin_" not in kind)
        print(f"chunk of {size} learners ({report.issued} issued): {reads} reads, {sum(writes.values())} writes "
              f"({sum(writes.values()) / max(report.issued, 1):.2f} per certificate: "
              + ", ".join(f"{count} {kind}" for kind, count in sorted(writes.items()))
              + f"); without the twin's tables {ours / max(report.issued, 1):.2f} per certificate (goal <= 1.05)")


def _statement_kind(sql: str) -> str:
    """``INSERT cert_xblock_issuedcertificate``, ``UPDATE ...``, ``SAVEPOINT``: the verb and the table written."""
    words = sql.replace('"', " ").replace("`", " ").split()
    verb = words[0].upper()
    table = {"INSERT": 2, "UPDATE": 1, "DELETE": 2}.get(verb)
    return f"{verb} {words[table]}" if table is not None and len(words) > table else verb


def noop_rerun(holders: int) -> None:
    """The run task over a course whose enrolled learners all hold the certificate: candidates, then nothing."""
    from cert_xblock.issuing.batch.tasks import run_block_batch
    from cert_xblock.issuing.issuance import new_request_id
    from tests.batch.seeding import seed_course

    started = time.perf_counter()
    course = seed_course(holders, slug="NOOP", every_learner_passes=True, all_hold_certificates=True)
    print(f"(seeded {holders} certificate holders in {time.perf_counter() - started:.0f} s)")
    started = time.perf_counter()
    chunks = run_block_batch.apply(args=(course.block_id, new_request_id())).get()
    seconds = time.perf_counter() - started
    print(f"no-op re-run over {holders} enrolled certificate holders: {seconds:.2f} s, {chunks} chunks sent "
          "(goal <= 2 s)")


if __name__ == "__main__":
    main()
