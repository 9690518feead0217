"""Candidate-query benchmark per certificate kind: what the batch costs a block whose learners mostly hold it already.

For each kind in ``CASES`` (a course block, a lesson block on one section, a rules block — no grade, a Homework
minimum and a completion minimum — and a pathway block over two other courses), on a course of N enrolled learners
of every profile (``tests.batch.seeding``; the lesson and rules courses with the demo's structure and per-learner
structures: a third of the learners see a fourth section, each with an A/B group and a library pick) prints:
  * the SQL statements of the candidate query (``batch.candidate_ids``) at N and at N/10 learners: they must be
    the same number, whatever N;
  * the candidates it finds and its time when 5% of the learners have lost their certificate record;
  * a no-op re-run (the ``run_block_batch`` task in this process) when every learner holds the certificate: its time
    and the chunks it sends (none);
  * the decision of a full run: each chunk of 200 learners' grades and requirements (``requirements_for``: the
    learners' own structures, subsection grades and completions), its statements per chunk and the seconds for
    all N learners (what the kinds add to a chunk; printing PDFs is the same for every kind).

Run from the repository root:
    python bench/kinds_benchmark.py [--learners 20000] [--database sqlite|mariadb]
``--database mariadb`` starts a throw-away MariaDB server as the test command does (Debian mariadb-server).

A new kind is one more entry in ``CASES``: a function ``(learners, slug) -> SeededCourse`` that seeds a course
whose stored block is of that kind, every learner holding its certificate.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
HOLDERS_LOSING = 20  # every 20th learner's certificate is deleted: 5% may be candidates again


def course_case(learners: int, slug: str) -> Any:
    """A course block with the course's passing grade, every learner holding its certificate."""
    from tests.batch.seeding import seed_course

    return seed_course(learners, slug=slug, all_hold_certificates=True)


def rules_case(learners: int, slug: str) -> Any:
    """A block with no grade rule, Homework 60% and half the units completed, on per-learner structures."""
    from tests.kinds.seeding import seed_rules_course

    return seed_rules_course(learners, slug=slug, all_hold_certificates=True)


def pathway_case(learners: int, slug: str) -> Any:
    """A pathway block over two other courses, one learner in seven short in one of them, every learner holding."""
    from tests.kinds.seeding import seed_pathway

    return seed_pathway(learners, slug=slug, listed=2, all_hold_certificates=True)


def lesson_case(learners: int, slug: str) -> Any:
    """A lesson block on one section at 80%, one learner in seven below it, every learner holding."""
    from tests.kinds.seeding import seed_explorers
    from tests.lesson.seeding import seed_lesson_course

    course = seed_lesson_course(learners, slug=slug, all_hold_certificates=True)
    seed_explorers(course)
    return course


CASES: dict[str, Callable[[int, str], Any]] = {"course": course_case, "lesson": lesson_case, "rules": rules_case,
                                               "pathway": pathway_case}
CHUNK = 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20_000, help="enrolled learners of each block's course")
    parser.add_argument("--database", choices=("sqlite", "mariadb"), default="sqlite")
    parser.add_argument("--kinds", default=",".join(CASES), help=f"comma-separated, of {', '.join(CASES)}")
    args = parser.parse_args()

    from bench.databases import use_database

    tmp = Path(tempfile.mkdtemp(prefix="cert-kinds-bench-"))
    with ExitStack() as stack:
        os.environ.update({"DJANGO_SETTINGS_MODULE": "cert_xblock.deploy.demo.settings", "CERT_XBLOCK_VAR": str(tmp)})
        use_database(args.database, tmp, "kinds", stack)
        import django

        django.setup()
        logging.getLogger("cert_xblock").setLevel(logging.WARNING)  # figures only, not the run's log lines
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(f"database: {args.database}, {args.learners} enrolled learners per block")
        for kind in args.kinds.split(","):
            measure(kind, CASES[kind], args.learners)


def statements(action: Callable[[], Any]) -> tuple[int, Any, float]:
    """The SQL statements an action runs, its result and its seconds."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the demo's DEBUG log keeps 9,000 statements: a full one miscounts a capture
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - started
    return len(captured.captured_queries), result, seconds


def measure(kind: str, seed: Callable[[int, str], Any], learners: int) -> None:
    """Print the kind's figures: statements at two sizes, candidates after some holders lost it, the no-op re-run."""
    from cert_xblock.issuing.batch import runner as batch
    from cert_xblock.issuing.batch.tasks import run_block_batch
    from cert_xblock.issuing.issuance import new_request_id
    from cert_xblock.models import IssuedCertificate

    started = time.perf_counter()
    small, large = seed(learners // 10, f"{kind.upper()}S"), seed(learners, f"{kind.upper()}L")
    print(f"{kind}: (seeded {learners // 10} + {learners} learners in {time.perf_counter() - started:.0f} s)")
    small_block, large_block = batch.load_block(small.block_id), batch.load_block(large.block_id)
    small_count = statements(lambda: batch.candidate_ids(small_block))[0]
    count, none_left, _ = statements(lambda: batch.candidate_ids(large_block))
    print(f"{kind}: candidate query statements per run: {small_count} at {learners // 10} learners, "
          f"{count} at {learners} ({len(none_left)} candidates when all hold)")
    count, chunks, seconds = statements(lambda: run_block_batch.apply(args=(large.block_id,
                                                                            new_request_id())).get())
    print(f"{kind}: no-op re-run over {learners} holders: {seconds:.3f} s, {count} statements, {chunks} chunks sent")
    lost = large.user_ids[::HOLDERS_LOSING]
    IssuedCertificate.objects.filter(block_id=large.block_id, user_id__in=lost).delete()
    count, candidates, seconds = statements(lambda: batch.candidate_ids(large_block))
    print(f"{kind}: {len(lost)} holders lost the certificate: candidate query {seconds:.3f} s, {count} statements, "
          f"{len(candidates)} candidates")
    decide_all(kind, large_block, large.user_ids)


def decide_all(kind: str, block: Any, user_ids: list[int]) -> None:
    """A full run's decisions, chunk by chunk: the bulk grade read and every learner's requirements."""
    from cert_xblock import platform
    from cert_xblock.issuing.kinds import requirements_for

    course = platform.get_course_info(block.ref.course_key)

    def decide(chunk: list[int]) -> Any:
        grades = platform.read_course_grades(chunk, block.ref.course_key)
        return requirements_for(block.ref.block_id, block.ref.course_key, block.rules, grades, course)

    per_chunk = statements(lambda: decide(user_ids[:CHUNK]))[0]
    started = time.perf_counter()
    for start in range(0, len(user_ids), CHUNK):
        decide(user_ids[start:start + CHUNK])
    print(f"{kind}: full run's decisions: {per_chunk} statements per chunk of {CHUNK}, "
          f"{time.perf_counter() - started:.2f} s for {len(user_ids)} learners")


if __name__ == "__main__":
    main()
