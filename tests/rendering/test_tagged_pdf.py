"""Every certificate is a tagged PDF for PDF/UA-1: poppler lists the tagged text in reading order, the pdfua
checker (PyPI, pikepdf-based) reports nothing, and the PDF/UA-1 requirements the renderer implements are
checked structurally here too (the checker covers a subset of the machine-checkable rules)."""
from __future__ import annotations

import base64
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pikepdf
import pytest

from cert_xblock import plugins
from cert_xblock.rendering import Design, Signatory, render_certificate

from .conftest import VERIFY_URL, sample

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SIGNATORIES = (Signatory("Grace Hopper", "Rear Admiral", PNG), Signatory("Alan Turing", "Fellow"))
CASES = {
    "latin": sample(),
    "arabic-name-logo-signatures": sample(learner_name="محمد عبد الله", logo=PNG, signatories=SIGNATORIES),
    "cjk-no-grade": sample(learner_name="やまだ 太郎", grade_text="", custom_text="With distinction"),
    "devanagari-modern": sample(learner_name="क्षत्रिय", signatories=SIGNATORIES[:1]),
    "greek-ribbon-plugin": sample(learner_name="Αλέξανδρος Παπαδόπουλος", signatories=SIGNATORIES),
}
# The example package's plug-in design (tests/plugin_example): its artwork, our tagged texts.
DESIGNS = {"devanagari-modern": Design(name="modern", orientation="portrait", page_size="Letter"),
           "greek-ribbon-plugin": Design(name="ribbon", artist=plugins.artist("ribbon"))}
PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "f*", "F", "B", "B*", "b", "b*", "S", "s", "sh", "BI"}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request, tmp_path_factory):
    name = request.param
    pdf = render_certificate(CASES[name], DESIGNS.get(name, Design()))
    path = tmp_path_factory.mktemp("tagged") / f"{name}.pdf"
    path.write_bytes(pdf)
    return name, path


def struct_text(path) -> list[tuple[str, str]]:
    """(structure type, text) of every element, in the order poppler's pdfinfo -struct-text lists them."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, check=True, text=True).stdout
    items, tag = [], None
    for line in out.splitlines():
        stripped = line.strip()
        if stripped.startswith('"'):
            items.append((tag, stripped[1:-1]))
        elif stripped:
            tag = stripped.split(" ")[0]
    return items


def test_poppler_lists_title_name_course_date_and_issuer_in_reading_order(tmp_path):
    data = sample(signatories=SIGNATORIES)
    path = tmp_path / "c.pdf"
    path.write_bytes(render_certificate(data, Design()))
    items = [(tag, text) for tag, text in struct_text(path) if tag != "Figure"]
    texts = [text for _tag, text in items]
    expected = [
        "Certificate of Completion", "This certifies that", "Zoë Ångström", "has successfully completed",
        "Introduction to Computational Thinking", "Issued by Université Exemple · on 22 November 2026",
        "Final grade: 92%", "Grace Hopper", "Rear Admiral", "Alan Turing", "Fellow", f"Verify at {VERIFY_URL}",
        "Verification code 7K2QM-XR4PA",
    ]  # fmt: skip
    assert texts == expected
    assert items[0][0] == "H1" and all(tag == "P" for tag, _ in items[1:-2]) and items[-2][0] == "Link"


def test_the_pdfua_checker_reports_no_finding(case):
    _name, path = case
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["findings"] == [] and report["summary"]["errors"] == 0, report
    assert report["summary"]["rules_run"] >= 10


def test_the_checker_is_not_vacuous_it_fails_an_untagged_pdf(tmp_path):
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 700, "Untagged")
    c.save()
    path = tmp_path / "untagged.pdf"
    path.write_bytes(buf.getvalue())
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)], capture_output=True, check=False)
    assert result.returncode == 3


def test_catalog_marks_the_document_tagged_with_language_title_and_pdfua_identifier(case):
    _name, path = case
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert "/StructTreeRoot" in root
        page = pdf.pages[0].obj
        assert page.StructParents == 0 and page.Tabs == "/S"
        xmp = ET.fromstring(root.Metadata.read_bytes().decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
        ns = {"pdfuaid": "http://www.aiim.org/pdfua/ns/id/", "dc": "http://purl.org/dc/elements/1.1/",
              "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
        assert xmp.find(".//pdfuaid:part", ns).text == "1"
        assert xmp.find(".//dc:title/rdf:Alt/rdf:li", ns).text == str(pdf.docinfo.Title)
        for font in page.Resources.Font.values():
            assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor  # every font embedded


def test_all_content_is_tagged_or_an_artifact(case):
    """ISO 14289-1 7.1: every painting operator lies in a marked-content sequence with an MCID or in an
    /Artifact; every MCID belongs to the structure element the parent tree names."""
    _name, path = case
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        stack: list[str] = []
        mcids = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcids.append(int(props.MCID))
                    stack.append("mcid")
                else:
                    stack.append("artifact" if tag == "/Artifact" else "span")
            elif op == "EMC":
                stack.pop()
            elif op in PAINTING:
                assert "mcid" in stack or "artifact" in stack, op
        assert not stack
        parents = pdf.Root.StructTreeRoot.ParentTree.Nums[1]
        assert len(mcids) == len(set(mcids))
        for mcid in mcids:
            element = parents[mcid]
            kids = list(element.K) if isinstance(element.K, pikepdf.Array) else [element.K]
            assert mcid in [int(k) for k in kids if not isinstance(k, pikepdf.Dictionary)]
            assert element.Pg.objgen == page.obj.objgen


def test_figures_have_alternate_text_and_the_name_its_language(case):
    name, path = case
    with pikepdf.open(path) as pdf:
        document = pdf.Root.StructTreeRoot.K[0]
        elements = list(document.K)
        figures = [el for el in elements if el.S == "/Figure"]
        assert figures and all(str(el.Alt) for el in figures)
        assert str(figures[-1].Alt) == f"QR code linking to the verification page {VERIFY_URL}"
        if name.startswith("arabic"):
            assert str(figures[0].Alt) == "Logo of Université Exemple"
            assert str(figures[1].Alt) == "Signature of Grace Hopper"
            assert all(str(el.Lang) == "en" for el in figures)  # the alt texts' language: the certificate's
            named = [el for el in elements if "/Lang" in el and el.S != "/Figure"]
            assert [str(el.Lang) for el in named] == ["ar"]
            assert str(named[0].ActualText) == "محمد عبد الله"  # logical order for the right-to-left name
        if name.startswith("cjk"):
            assert [str(el.Lang) for el in elements if "/Lang" in el and el.S != "/Figure"] == ["ja"]
