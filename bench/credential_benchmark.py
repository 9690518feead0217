"""Open Badges credential benchmark (issue 24): what signing costs, and what the status list costs at scale.

Prints:
  * ms per credential signed (RDF canonicalization of the credential and its proof options, SHA-256, Ed25519), over
    ``--credentials`` certificates of a seeded course, first request (sign and store) and a cached one (read back);
  * the status list at ``--entries`` credentials (a tenth of them revoked): one revocation's bit flip, building the
    list's bits from the database, GZIP + base64url, and signing the list credential.

Issuance itself is unchanged: a credential is signed on its first request (``cert_xblock.credentials.signing``),
never in the click or the batch, so their times are the ones ``batch_benchmark.py`` reports.

Run from the repository root:  python bench/credential_benchmark.py [--credentials 300] [--entries 100000]
sqlite in a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _setup(tmp: Path) -> None:
    os.environ.update({"DJANGO_SETTINGS_MODULE": "cert_xblock.deploy.demo.settings", "CERT_XBLOCK_VAR": str(tmp),
                       "CERT_XBLOCK_DB": str(tmp / "bench.db"), "CERT_XBLOCK_SITE_ROOT": "https://lms.example.org"})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    return (f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {ordered[int(len(ordered) * 0.95)] * 1000:.1f} ms"
            f" ({len(ordered)} samples)")


def signing(count: int) -> None:
    from cert_xblock.credentials.signing import signed_credential
    from cert_xblock.models import IssuedCertificate
    from tests.batch.seeding import seed_course

    course = seed_course(count, slug="C24", all_hold_certificates=True)
    certificates = list(IssuedCertificate.objects.filter(block_id=course.block_id)[:count])
    signed_credential(certificates[0])  # contexts parsed, pyld warmed
    first, cached = [], []
    for certificate in certificates[1:]:
        start = time.perf_counter()
        signed_credential(certificate)
        first.append(time.perf_counter() - start)
        start = time.perf_counter()
        signed_credential(certificate)
        cached.append(time.perf_counter() - start)
    print(f"credential, first request (signed and stored): {_ms(first)}")
    print(f"credential, later requests (cached):           {_ms(cached)}")


def status_list(entries: int) -> None:
    from cert_xblock.credentials import status
    from cert_xblock.models import IssuedCredential

    chance = random.Random(24)  # revocations spread at random, as a periodic pattern would compress unrealistically
    existing = IssuedCredential.objects.count()
    IssuedCredential.objects.bulk_create((IssuedCredential(salt="bench", revoked=chance.random() < 0.1)
                                          for _ in range(entries - existing)), batch_size=5000)
    row = IssuedCredential.objects.exclude(certificate=None).first()
    flips = []
    for revoked in (True, False) * 10:
        start = time.perf_counter()
        status.record_revocation(row.certificate, revoked)
        flips.append(time.perf_counter() - start)
    print(f"status bit flip (revoke or restore), at {entries:,} entries: {_ms(flips)}")
    last = IssuedCredential.objects.order_by("-id").values_list("id", flat=True).first()
    for number in range(last // status.STATUS_LIST_SIZE + 1):
        start = time.perf_counter()
        bits = status.revoked_bits(number)
        built = time.perf_counter()
        encoded = status.encoded_list(bits)
        encoded_at = time.perf_counter()
        status.status_list_credential(number, bits)
        signed = time.perf_counter()
        print(f"status list {number}: bits from the database {(built - start) * 1000:.1f} ms, GZIP + base64url "
              f"{(encoded_at - built) * 1000:.1f} ms ({len(encoded):,} characters), signed "
              f"{(signed - encoded_at) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--credentials", type=int, default=300)
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder))
        signing(args.credentials)
        status_list(args.entries)


if __name__ == "__main__":
    main()
