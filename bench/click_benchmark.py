"""Click benchmark: the learner's Get my certificate (``grade_me``) through real HTTP at the tests' gunicorn set-up.

gunicorn with 4 worker processes on MariaDB (or sqlite for a quick run), Redis as the broker the issue email is
queued on, the demo seeded as the README does and passing learners added in bulk. Prints, for first clicks (the
certificate is issued) and repeat clicks (it exists: nothing to issue):
  * one learner at a time: p50/p95 latency and the server's CPU per click, read from the gunicorn processes' own
    CPU time (user + system) before and after each click, so neighbours' load does not count;
  * a burst of learners clicking at the same instant: p50/p95/p99/max latency;
  * the floor: the same measures for a trivial handler of a trivial block (the SDK's thumbs ``vote``) on the same
    server, and our share above it;
  * errors (non-200 answers), duplicates (learners holding more than one live certificate, or answered with two
    ids) and, on MariaDB, the statements per click read from the server's own counters.

Run from the repository root:
    python bench/click_benchmark.py [--learners 200] [--burst 50] [--database mariadb|sqlite]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
WARM = 8  # learners whose first and repeat clicks warm the workers before anything is measured
STATEMENTS = ("Com_select", "Com_insert", "Com_update", "Com_delete")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200, help="learners clicking one at a time")
    parser.add_argument("--burst", type=int, default=50, help="learners clicking at the same instant")
    parser.add_argument("--database", choices=("sqlite", "mariadb"), default="mariadb")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cert-click-bench-"))
    with ExitStack() as stack:
        from databases import use_database

        use_database(args.database, tmp, "clickbench", stack)
        os.environ.pop("CERT_XBLOCK_DB", None)  # the server gets a fresh database of its own, as the tests do
        from tests import services
        from tests.conftest import LearnerSession

        # As in the LMS, the issue email is a task for the workers: the web process publishes it to Redis and
        # answers (no worker runs here, so the figures are the web processes' alone).
        extra = {"DJANGO_SETTINGS_MODULE": "tests.staff.worker_settings", "PYTHONPATH": str(REPO),
                 "CERT_XBLOCK_BROKER_URL": stack.enter_context(services.redis_server(tmp))}
        server = stack.enter_context(services.gunicorn_server(tmp, extra, workers=4))
        server.env.update(extra)
        for prefix, count in (("solo", args.learners), ("burst", args.burst), ("warm", WARM)):
            subprocess.run([sys.executable, "-m", "tests.reliability.seed_crowd", prefix, str(count)],
                           env={**os.environ, **server.env}, check=True, cwd=REPO)
        meter = ServerCpu(server_pids(tmp))
        print(f"database: {args.database}; gunicorn workers: {len(meter.pids)}; cores: {os.cpu_count()}; "
              f"load average before: {load()}")
        solo = [LearnerSession(server, f"solo-{i}") for i in range(args.learners)]
        crowd = [LearnerSession(server, f"burst-{i}") for i in range(args.burst)]
        floor = [FloorSession(server, f"solo-{i}") for i in range(min(args.learners, 50))]
        counters = Statements(server.env) if args.database == "mariadb" else None
        results = Results()
        for session in [LearnerSession(server, f"warm-{i}") for i in range(WARM)] * 2:  # every worker warm
            session.post("grade_me")

        def grade_me(session: LearnerSession) -> Any:
            return session.post("grade_me")

        def vote(session: FloorSession) -> Any:
            return session.post("vote", '{"voteType": "up"}')

        floor_solo = one_at_a_time(floor, vote, meter, results, counters, "floor")
        first_solo = one_at_a_time(solo, grade_me, meter, results, counters, "first")
        repeat_solo = one_at_a_time(solo, grade_me, meter, results, counters, "repeat")
        floor_burst = burst(floor[:args.burst] * max(1, args.burst // max(len(floor), 1)), vote, results, "floor")
        first_burst = burst(crowd, grade_me, results, "first")
        repeat_burst = burst(crowd, grade_me, results, "repeat")

        print(f"one learner at a time ({args.learners} learners; floor: {len(floor)} thumbs votes):")
        for name, figures in (("floor", floor_solo), ("first click", first_solo), ("repeat click", repeat_solo)):
            above = "" if name == "floor" else \
                f" ({figures['cpu'] - floor_solo['cpu']:.1f} ms above the floor)"
            print(f"  {name:12}: p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms; server CPU per click "
                  f"{figures['cpu']:.1f} ms{above}"
                  + (f"; statements per click {figures['statements']}" if counters else ""))
        print(f"a burst of {args.burst} learners at the same instant:")
        for name, figures in (("floor", floor_burst), ("first click", first_burst), ("repeat click", repeat_burst)):
            print(f"  {name:12}: p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, p99 {figures['p99']:.0f}"
                  f" ms, max {figures['max']:.0f} ms; server CPU {figures['cpu_total']:.0f} ms in all")
        duplicates = services.query(server.env, server.var,
                                    "SELECT user_id FROM cert_xblock_issuedcertificate WHERE live = 1 "
                                    "GROUP BY user_id, block_id HAVING COUNT(*) > 1")
        print(f"errors: {sum(n for status, n in results.statuses.items() if status != 200)} "
              f"({dict(results.statuses)}); duplicates: {len(duplicates)} learners with two live certificates, "
              f"{results.two_ids()} answered with two ids; load average after: {load()}")


class ServerCpu:
    """CPU milliseconds the gunicorn processes used, summed over them (user + system, their own accounting)."""

    def __init__(self, pids: list[int]) -> None:
        import psutil

        self.pids, self._processes = pids, [psutil.Process(pid) for pid in pids]

    def now(self) -> float:
        total = 0.0
        for process in self._processes:
            times = process.cpu_times()
            total += times.user + times.system
        return total * 1000


class Statements:
    """The MariaDB server's statement counters (selects and writes), read over a connection of our own."""

    def __init__(self, env: dict[str, str]) -> None:
        from tests import services

        self._connection = services.mariadb(env["CERT_XBLOCK_DB"])

    def now(self) -> Counter:
        cursor = self._connection.cursor()
        names = ", ".join(f"'{name}'" for name in STATEMENTS)
        cursor.execute(f"SHOW GLOBAL STATUS WHERE Variable_name IN ({names})")
        found = Counter({name: int(value) for name, value in cursor.fetchall()})
        return found  # SHOW is none of these: our own reading does not count


class Results:
    """Every answer's status, and each learner's certificate ids, across the runs."""

    def __init__(self) -> None:
        self.statuses: Counter = Counter()
        self.ids: dict[str, set] = {}
        self._lock = threading.Lock()

    def add(self, session: Any, response: Any, kind: str) -> None:
        with self._lock:
            self.statuses[response.status_code] += 1
            if kind != "floor" and response.status_code == 200:
                certificate = response.json().get("certificate") or {}
                self.ids.setdefault(session.student, set()).add(certificate.get("id"))

    def two_ids(self) -> int:
        return sum(1 for ids in self.ids.values() if len(ids) > 1)


def one_at_a_time(sessions: list, click: Callable, meter: ServerCpu, results: Results,
                  counters: Statements | None, kind: str) -> dict[str, Any]:
    """Each session clicks once, one after another; latency and the server's CPU of each click."""
    latencies, cpu = [], []
    before = counters.now() if counters else None
    for session in sessions:
        used, started = meter.now(), time.perf_counter()
        response = click(session)
        latencies.append((time.perf_counter() - started) * 1000)
        time.sleep(0.005)  # let the worker finish its accounting (access log) before reading its CPU
        cpu.append(meter.now() - used)
        results.add(session, response, kind)
    figures = summary(latencies)
    # The kernel counts CPU in 10 ms ticks: one click's reading is coarse, their mean is not.
    figures["cpu"] = statistics.fmean(cpu)
    if counters:
        delta = counters.now() - before
        figures["statements"] = ", ".join(f"{delta[s] / len(sessions):.1f} {s[4:]}" for s in STATEMENTS)
    return figures


def burst(sessions: list, click: Callable, results: Results, kind: str) -> dict[str, Any]:
    """Every session clicks at the same instant (a barrier releases them together); latency of each."""
    gate = threading.Barrier(len(sessions))
    pids = server_pids(None)
    meter = ServerCpu(pids) if pids else None

    def one(session: Any) -> float:
        gate.wait()
        started = time.perf_counter()
        response = click(session)
        elapsed = (time.perf_counter() - started) * 1000
        results.add(session, response, kind)
        return elapsed

    used = meter.now() if meter else 0.0
    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        latencies = list(pool.map(one, sessions))
    figures = summary(latencies)
    time.sleep(0.05)
    figures["cpu_total"] = (meter.now() - used) if meter else float("nan")
    return figures


def summary(latencies: list[float]) -> dict[str, Any]:
    ordered = sorted(latencies)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    return {"p50": at(0.5), "p95": at(0.95), "p99": at(0.99), "max": ordered[-1]}


_GUNICORN: list[int] = []


def server_pids(tmp: Path | None) -> list[int]:
    """The gunicorn master and its workers (children of this process running gunicorn)."""
    import psutil

    if tmp is not None:
        _GUNICORN[:] = [p.pid for p in psutil.Process().children(recursive=True)
                        if "gunicorn" in " ".join(p.cmdline())]
    return list(_GUNICORN)


class FloorSession:
    """A learner's session on the SDK's thumbs scenario: its first block's ``vote`` is the trivial handler."""

    def __init__(self, server: Any, student: str) -> None:
        import re

        import requests

        self.server, self.student, self.http = server, student, requests.Session()
        page = self.http.get(server.url("/scenario/thumbs.0/"), params={"student": student}, timeout=30)
        page.raise_for_status()
        self.usage_id = re.search(r"data-usage='([^']+)'[^>]*data-block-type='thumbs'", page.text).group(1)

    def post(self, handler: str, body: str) -> Any:
        headers = {"X-CSRFToken": self.http.cookies.get("csrftoken", ""), "Referer": self.server.base + "/",
                   "Content-Type": "application/json"}
        return self.http.post(self.server.url(f"/handler/{self.usage_id}/{handler}/?student={self.student}"),
                              data=body, headers=headers, timeout=60)


def load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


if __name__ == "__main__":
    main()
