"""Certificate rendering benchmark (issue 3): the default design with a Unicode TrueType font and the QR code,
over 2,000 distinct names, beside a bare reportlab canvas drawing the same strings.

    python bench/render_benchmark.py [--count 2000]

Prints median and p95 milliseconds per certificate and bytes per PDF for both, and the ratio.
"""
from __future__ import annotations

import argparse
import io
import itertools
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from cert_xblock.rendering import CertificateData, Design, render_certificate
from cert_xblock.rendering.fonts import PACKAGE_FONTS

FIRST = [
    "Zoë", "José", "Łukasz", "Åsa", "Françoise", "Jürgen", "Ngọc", "Søren", "Ilse", "Miguel",
    "Дмитрий", "Анна", "Олександр", "Αλέξανδρος", "Ελένη", "Γιώργος", "Chloé", "Björn", "Tomáš", "Ayşe",
    "Nuño", "Karolína", "Đorđe", "Ólafur", "Mária", "Ян", "Наталья", "Σοφία", "Renée", "Kęstutis",
    "Grace", "Ada", "Alan", "Linus", "Emmy", "Niels", "Srinivasa", "Hedy", "Barbara", "Katherine",
]  # fmt: skip
LAST = [
    "Ångström", "García Márquez", "Kowalczyk", "Müller-Lüdenscheidt", "Nguyễn", "Kierkegaard", "Dvořák",
    "Yılmaz", "Шостакович", "Ковальчук", "Παπαδόπουλος", "Οικονόμου", "Lefèvre", "Øvergård", "Þórsdóttir",
    "Hopper", "Lovelace", "Turing", "Torvalds", "Noether", "Bohr", "Ramanujan", "Lamarr", "Liskov", "Johnson",
    "Dostoyevsky", "Sørensen", "Čapek", "Ibáñez", "Göransson", "Đoković", "Wołoszyn", "Erdős", "Gödel",
    "Schrödinger", "Pérez", "Mäkinen", "Ruiz-Picasso", "Żuławski", "Kuznetsova", "Ιωάννου", "Фёдоров",
    "Nakamura", "Okonkwo", "Abadi", "Acheampong", "Villeneuve", "Zürcher", "Castaño", "Brønsted",
]  # fmt: skip

COURSE = "Introduction to Computational Thinking"
ORG = "Université Exemple"
TITLE = "Certificate of Completion"


def names(count: int) -> list[str]:
    combos = [f"{first} {last}" for first, last in itertools.product(FIRST, LAST)]
    if count > len(combos):
        raise SystemExit(f"at most {len(combos)} distinct names")
    return combos[:count]


def certificate(name: str, index: int) -> CertificateData:
    code = f"{index:05d}-K2QMX"
    return CertificateData(
        learner_name=name,
        course_name=COURSE,
        org_name=ORG,
        issued_on=date(2026, 11, 22),
        verify_url=f"https://courses.example.org/certificates/verify/{code}",
        short_code=code,
        title=TITLE,
    )


def bare_reportlab(data: CertificateData) -> bytes:
    """The baseline: a plain reportlab canvas, DejaVu Sans embedded as a subset, the same strings, no QR."""
    width, height = landscape(A4)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))
    c.setTitle(f"{data.title}: {data.learner_name}")
    c.setAuthor(data.org_name)
    c.setSubject(data.course_name)
    c.rect(30, 30, width - 60, height - 60)
    lines = [
        ("BenchSansBold", 36, data.title),
        ("BenchSans", 14, "This certifies that"),
        ("BenchSansBold", 40, data.learner_name),
        ("BenchSans", 14, "has successfully completed"),
        ("BenchSansBold", 24, data.course_name),
        ("BenchSans", 12, f"Issued by {data.org_name} · on 22 November 2026"),
    ]
    y = height - 130
    for font, size, text in lines:
        c.setFont(font, size)
        c.drawCentredString(width / 2, y, text)
        y -= size * 1.9
    c.setFont("BenchSans", 8)
    c.drawString(60, 50, f"Verify at {data.verify_url}")
    c.drawString(width - 160, 50, data.short_code)
    c.showPage()
    c.save()
    return buf.getvalue()


def measure(render, items: list[CertificateData]) -> tuple[list[float], list[int]]:
    for data in items[:20]:  # warm up: fonts, designs and the page template are prepared once per process
        render(data)
    times, sizes = [], []
    for data in items:
        start = time.perf_counter()
        pdf = render(data)
        times.append((time.perf_counter() - start) * 1000)
        sizes.append(len(pdf))
    return times, sizes


def summary(label: str, times: list[float], sizes: list[int]) -> tuple[float, float]:
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"{label:<44} median {median:6.3f} ms   p95 {p95:6.3f} ms   "
        f"bytes/PDF median {int(statistics.median(sizes)):>6}  max {max(sizes):>6}"
    )
    return median, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    pdfmetrics.registerFont(TTFont("BenchSans", str(PACKAGE_FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("BenchSansBold", str(PACKAGE_FONTS / "DejaVuSans-Bold.ttf")))
    items = [certificate(name, i) for i, name in enumerate(names(args.count))]
    design = Design()
    print(f"{len(items)} distinct names, design {design.name} {design.orientation} {design.page_size}, "
          f"Python {sys.version.split()[0]}")
    engine_times, engine_sizes = measure(lambda d: render_certificate(d, design), items)
    bare_times, bare_sizes = measure(bare_reportlab, items)
    engine_median, engine_p95 = summary("cert_xblock render_certificate (TTF + QR)", engine_times, engine_sizes)
    bare_median, bare_p95 = summary("bare reportlab canvas (TTF, same strings)", bare_times, bare_sizes)
    print(f"ratio engine/bare: median {engine_median / bare_median:.2f}   p95 {engine_p95 / bare_p95:.2f}")


if __name__ == "__main__":
    main()
