"""cert-xblock render: one PDF per line of a names file and a summary line, in the wording and date of
--language, in any installed design (bundled or plug-in), which --help lists."""
from __future__ import annotations

import io

import pikepdf
import pytest

from cert_xblock.management.cli import main

from .conftest import page_text, poppler_text


def test_render_writes_one_pdf_per_name_and_a_summary(tmp_path, capsys):
    names = tmp_path / "names.txt"
    names.write_text("Zoë Ångström\nمحمد عبد الله\n\n王小明\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        ["render", "--names-file", str(names), "--course", "Intro to Data", "--org", "OrgX", "--out-dir", str(out),
         "--design", "modern", "--language", "ar"]
    )  # fmt: skip
    assert code == 0
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 3
    texts = [page_text(p.read_bytes()) for p in pdfs]
    assert "Zoë Ångström" in texts[0] and "محمد عبد الله" in texts[1] and "王小明" in texts[2]
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("3 certificates written to") and "0 failed" in summary


def _render(tmp_path, *extra: str) -> tuple[int, list[bytes]]:
    names = tmp_path / "names.txt"
    names.write_text("Zoë Ångström\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["render", "--names-file", str(names), "--course", "Intro to Data", "--org", "OrgX",
                 "--out-dir", str(out), "--date", "2026-11-22", *extra])
    return code, [p.read_bytes() for p in sorted(out.glob("*.pdf"))]


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", ["Certificat de réussite", "Ce certificat atteste que", "a suivi avec succès", "22 novembre 2026",
            "Code de vérification"]),
    ("ar", ["شهادة إتمام", "تُمنح هذه الشهادة إلى", "تقديرًا لاجتياز", "نوفمبر", "رمز التحقق"]),
    ("zh-Hans", ["结业证书", "兹证明", "已成功完成", "2026年11月22日", "验证码"]),
])
def test_render_prints_the_wording_and_date_of_the_language(language, expected, tmp_path):
    code, (pdf,) = _render(tmp_path, "--language", language)
    text = poppler_text(pdf, tmp_path)
    assert code == 0
    assert [phrase for phrase in expected if phrase not in text] == []
    assert "This certifies that" not in text and "November" not in text


def test_render_prints_an_installed_plug_in_design(tmp_path):
    """The example package's ribbon design (tests/plugin_example): its gold seal is drawn, and the name printed."""
    code, (pdf,) = _render(tmp_path, "--design", "ribbon")
    assert code == 0 and "Zoë Ångström" in page_text(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        artwork = b"".join(stream.read_bytes() for stream in doc.pages[0].Contents)
    assert b"0.788 0.635 0.153 rg" in artwork or b".788235 .635294 .152941 rg" in artwork  # GOLD, #c9a227


def test_render_help_lists_every_installed_design(capsys):
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    assert "classic, modern, minimal, ribbon" in capsys.readouterr().out
