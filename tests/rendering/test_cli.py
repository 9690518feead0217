"""cert-xblock render: one PDF per line of a names file and a summary line."""
from __future__ import annotations

from cert_xblock.management.cli import main

from .conftest import page_text


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
