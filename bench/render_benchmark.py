"""Certificate rendering benchmark (issues 3 and 11): tagged PDF/UA certificates, the default design, subset
TrueType fonts and the QR code.

    python bench/render_benchmark.py [--count 2000] [--no-cli]

Prints median and p95 milliseconds per certificate in process and bytes per PDF for 2,000 distinct Latin,
Cyrillic and Greek names (beside a bare reportlab canvas drawing the same strings), for 2,000 distinct names
in every script the renderer prints, for CJK and Hangul names, and for Latin names on a certificate with a
logo and two signatories' signatures (the issue 22 budget: at most 2 ms median and 40 KB); then the
whole-process time per certificate of the `cert-xblock render` command over the 2,000 multi-script names.
"""
from __future__ import annotations

import argparse
import io
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from cert_xblock.rendering import CertificateData, Design, Signatory, render_certificate
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


def multi_script_names(count: int, scripts: tuple[str, ...] | None = None) -> list[str]:
    """Up to `count` distinct names in every script of the test corpus (or the given ones): the words of each
    script alone, then in pairs and triples, interleaved across scripts."""
    from tests.rendering.script_names import NAMES

    words = {s: list(dict.fromkeys(w for n in names for w in n.split())) for s, names in NAMES.items()
             if scripts is None or s in scripts}
    out: list[str] = []
    for size in (1, 2, 3):
        pools = {s: [" ".join(p) for p in itertools.permutations(w, size)] for s, w in words.items()}
        for group in itertools.zip_longest(*pools.values()):
            out.extend(n for n in group if n)
        out = list(dict.fromkeys(out))
    return out[:count]


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


def _pictures() -> tuple[bytes, bytes, bytes]:
    """A 600x200 logo (a seal and a wordmark bar) and two 480x160 pen signatures with transparency, as PNG."""
    from PIL import Image, ImageDraw

    logo = Image.new("RGB", (600, 200), "white")
    draw = ImageDraw.Draw(logo)
    draw.ellipse((10, 10, 190, 190), fill="#1f4e79")
    draw.ellipse((50, 50, 150, 150), fill="#f2c14e")
    draw.rectangle((220, 70, 580, 130), fill="#1f4e79")
    signatures = []
    for seed in (3, 7):
        pen = Image.new("RGBA", (480, 160), (0, 0, 0, 0))
        stroke = ImageDraw.Draw(pen)
        points = [(20 + 11 * k, 80 + ((k * seed * 37) % 61) - 30) for k in range(41)]
        stroke.line(points, fill=(20, 20, 60, 255), width=4, joint="curve")
        signatures.append(pen)
    out = []
    for picture in (logo, *signatures):
        buffer = io.BytesIO()
        picture.save(buffer, "PNG", optimize=True)
        out.append(buffer.getvalue())
    return out[0], out[1], out[2]


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


def cli_per_certificate(names_list: list[str]) -> float:
    """Whole-process milliseconds per certificate of `cert-xblock render` (start-up, fonts and writing included)."""
    with tempfile.TemporaryDirectory() as tmp:
        names_file = Path(tmp) / "names.txt"
        names_file.write_text("\n".join(names_list) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "cert_xblock.management.cli", "render", "--names-file", str(names_file),
                   "--course", COURSE, "--org", ORG, "--out-dir", str(Path(tmp) / "out"), "--date", "2026-11-22"]
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=Path(__file__).resolve().parent.parent)
        return (time.perf_counter() - start) * 1000 / len(names_list)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--no-cli", action="store_true", help="skip the whole-process command line run")
    args = parser.parse_args()
    pdfmetrics.registerFont(TTFont("BenchSans", str(PACKAGE_FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("BenchSansBold", str(PACKAGE_FONTS / "DejaVuSans-Bold.ttf")))
    items = [certificate(name, i) for i, name in enumerate(names(args.count))]
    multi = multi_script_names(args.count)
    multi_items = [certificate(name, i) for i, name in enumerate(multi)]
    cjk = [certificate(name, i) for i, name in enumerate(multi_script_names(
        args.count, ("Chinese (Simplified)", "Chinese (Traditional)", "Japanese", "Korean")))]
    design = Design()
    print(f"{len(items)} distinct names, design {design.name} {design.orientation} {design.page_size}, "
          f"Python {sys.version.split()[0]}, tagged PDF/UA-1")
    render = lambda d: render_certificate(d, design)  # noqa: E731
    engine_times, engine_sizes = measure(render, items)
    bare_times, bare_sizes = measure(bare_reportlab, items)
    multi_times, multi_sizes = measure(render, multi_items)
    cjk_times, cjk_sizes = measure(render, cjk)
    engine_median, engine_p95 = summary("cert_xblock, Latin/Cyrillic/Greek names", engine_times, engine_sizes)
    bare_median, bare_p95 = summary("bare reportlab canvas (TTF, same strings)", bare_times, bare_sizes)
    summary(f"cert_xblock, {len(multi_items)} names in {len(set(_scripts(multi)))}+ scripts", multi_times,
            multi_sizes)
    summary(f"cert_xblock, {len(cjk)} CJK and Hangul names", cjk_times, cjk_sizes)
    logo, first, second = _pictures()
    signed = [replace(item, logo=logo, signatories=(Signatory("Grace Hopper", "Dean", first),
                                                    Signatory("Alan Turing", "Director", second)))
              for item in items]
    signed_times, signed_sizes = measure(render, signed)
    summary("cert_xblock, Latin, logo and 2 signatures", signed_times, signed_sizes)
    print(f"ratio engine/bare (Latin): median {engine_median / bare_median:.2f}   p95 {engine_p95 / bare_p95:.2f}")
    if not args.no_cli:
        print(f"cert-xblock render (whole process, {len(multi)} multi-script names): "
              f"{cli_per_certificate(multi):.3f} ms per certificate")


def _scripts(names_list: list[str]) -> list[str]:
    from cert_xblock.rendering.scripts import script_of

    return [s.name for n in names_list for s in {script_of(ord(ch)) for ch in n} if s is not None]


if __name__ == "__main__":
    main()
