"""Staff operations benchmark (issue 10) over a course whose block issued 20,000 certificates.

Prints:
  * the dashboard counts' database queries for that course and for one a hundred times smaller (they must be the
    same number: the cost does not grow with the course), their time, and the learner list's queries per page;
  * the issuance report (CSV, with the audit trail) and the ZIP of every PDF, each fetched through its REST
    endpoint (a ``StreamingHttpResponse``) in a fresh process: time, bytes, and the process's peak RSS (VmHWM)
    before the first byte and at the end, beside the same for the small course (flat memory: the two peaks match).

Run from the repository root:  python bench/staff_benchmark.py [--certificates 20000]
sqlite and local storage in a temporary folder; every certificate file is a hard link to one real PDF, so the
ZIP reads 20,000 files without filling the disk.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _setup(tmp: Path) -> None:
    os.environ.update({"DJANGO_SETTINGS_MODULE": "cert_xblock.deploy.demo.settings", "CERT_XBLOCK_VAR": str(tmp),
                       "CERT_XBLOCK_DB": str(tmp / "bench.db")})
    import django

    django.setup()


def peak_rss_kb() -> int:
    """This process's peak resident set (VmHWM), in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def seed(count: int, slug: str, pdf_path: Path) -> str:
    """A course of ``count`` learners all holding the block's certificate, a tenth of them with staff actions."""
    from django.contrib.auth import get_user_model

    from cert_xblock.models import AllowlistEntry, IssuedCertificate, StaffAction
    from cert_xblock.records import storage
    from tests.batch.seeding import seed_course

    course = seed_course(count, slug=slug, all_hold_certificates=True)
    rows = IssuedCertificate.objects.filter(block_id=course.block_id)
    root = Path(storage.certificate_storage().location) / f"bench-{slug}"
    root.mkdir(parents=True, exist_ok=True)
    updates = []
    for pk in rows.values_list("pk", flat=True):
        os.link(pdf_path, root / f"{pk}.pdf")
        updates.append(IssuedCertificate(pk=pk, file_name=f"bench-{slug}/{pk}.pdf"))
    IssuedCertificate.objects.bulk_update(updates, ["file_name"], batch_size=5000)
    AllowlistEntry.objects.bulk_create([AllowlistEntry(user_id=u, course_key=course.course_key,
                                                       block_id=course.block_id, created_by="bench")
                                        for u in course.user_ids[: count // 50]], ignore_conflicts=True)
    StaffAction.objects.bulk_create([StaffAction(course_key=course.course_key, block_id=course.block_id,
                                                 kind="regenerate", actor_username="cara", certificate_id=pk,
                                                 reason="Name changed", request_id="bench")
                                     for pk in rows.values_list("pk", flat=True)[: count // 10]])
    staff_user = get_user_model().objects.create(username=f"staff-{slug.lower()}", is_staff=True)
    return json.dumps({"block_id": course.block_id, "course": str(course.course_key), "staff": staff_user.pk})


def dashboard_queries(block_id: str) -> tuple[int, float, int]:
    """(queries of the counts, their seconds, queries of one learner page)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cert_xblock import staff
    from cert_xblock.issuing.batch.runner import load_block

    block = load_block(block_id)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as counted:
        staff.counts(block)
    seconds = time.perf_counter() - started
    with CaptureQueriesContext(connection) as paged:
        staff.learners(block, page=1)
    return len(counted), seconds, len(paged)


def fetch(kind: str, info: dict) -> dict:
    """In this (fresh) process: stream one report through its REST endpoint, counting bytes, watching memory."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(pk=info["staff"]))
    url = f"/api/cert_xblock/v1/courses/{info['course']}/blocks/{info['block_id']}/report.{kind}"
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200 and response.streaming, response
    chunks = iter(response.streaming_content)
    size = len(next(chunks))
    first_byte, before = time.perf_counter() - started, peak_rss_kb()
    for chunk in chunks:
        size += len(chunk)
    return {"seconds": time.perf_counter() - started, "first_byte": first_byte, "bytes": size,
            "rss_first_kb": before, "rss_peak_kb": peak_rss_kb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=20_000)
    parser.add_argument("--child", nargs=3, metavar=("TMP", "KIND", "INFO"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _setup(Path(args.child[0]))
        print(json.dumps(fetch(args.child[1], json.loads(args.child[2]))))
        return

    tmp = Path(tempfile.mkdtemp(prefix="cert-staff-bench-"))
    _setup(tmp)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    pdf = tmp / "one.pdf"
    pdf.write_bytes(_one_pdf())
    small = max(args.certificates // 100, 10)
    courses = {"large": json.loads(seed(args.certificates, "BIG", pdf)), "small": json.loads(seed(small, "SMALL", pdf))}
    sizes = {"large": args.certificates, "small": small}
    print(f"certificates: {args.certificates:,} (large course), {small:,} (small course); one PDF is "
          f"{pdf.stat().st_size:,} bytes")
    for label, info in courses.items():
        queries, seconds, page_queries = dashboard_queries(info["block_id"])
        print(f"dashboard counts, {label} course ({sizes[label]:,} learners): {queries} queries, "
              f"{seconds * 1000:.0f} ms; one page of 25 learners: {page_queries} queries")
    for kind in ("csv", "zip"):
        for label, info in courses.items():
            out = subprocess.run([sys.executable, __file__, "--child", str(tmp), kind, json.dumps(info)],
                                 check=True, capture_output=True, text=True, cwd=REPO).stdout.strip().splitlines()
            result = json.loads(out[-1])
            print(f"report.{kind}, {label} course ({sizes[label]:,} certificates): {result['seconds']:.2f} s "
                  f"(first bytes after {result['first_byte'] * 1000:.0f} ms), {result['bytes'] / 1e6:.1f} MB; "
                  f"peak RSS {result['rss_first_kb'] / 1024:.1f} MiB at the first bytes, "
                  f"{result['rss_peak_kb'] / 1024:.1f} MiB at the end")


def _one_pdf() -> bytes:
    from datetime import date

    from cert_xblock.core.i18n import certificate_wording
    from cert_xblock.rendering import CertificateData, Design, render_certificate

    return render_certificate(CertificateData(
        learner_name="Ada Lovelace", course_name="Benchmarks in Practice", org_name="BenchX",
        issued_on=date(2026, 12, 1), verify_url="https://example.org/certificates/verify/x", short_code="ABCDE-12345",
        language="en", wording=certificate_wording("en", date(2026, 12, 1))), Design())


if __name__ == "__main__":
    main()
