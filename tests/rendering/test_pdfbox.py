"""PDFBox (Debian libpdfbox2-java) reads every script's names exactly and logs no font warning."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cert_xblock.rendering import Design, render_certificate

from .conftest import sample
from .script_names import NAMES

JARS = [Path("/usr/share/java") / f"{name}.jar" for name in ("pdfbox2", "fontbox2", "commons-logging")]
EXTRACT = Path(__file__).parent / "java" / "ExtractText.java"
DESIGNS = (Design(), Design(name="modern"), Design(name="minimal", orientation="portrait", page_size="Letter"))


@pytest.fixture(scope="module")
def pdfbox(tmp_path_factory):
    if shutil.which("java") is None or not all(jar.exists() for jar in JARS):
        pytest.skip("PDFBox needs java and Debian's libpdfbox2-java (scripts/apt-packages.txt)")
    folder = tmp_path_factory.mktemp("pdfbox")
    names, paths = [], []
    for i, name in enumerate(n for names_ in NAMES.values() for n in names_):
        path = folder / f"{i}.pdf"
        path.write_bytes(render_certificate(sample(learner_name=name), DESIGNS[i % len(DESIGNS)]))
        names.append(name)
        paths.append(str(path))
    result = subprocess.run(["java", "-cp", ":".join(map(str, JARS)), str(EXTRACT), *paths],
                            capture_output=True, check=True, timeout=300)
    texts = result.stdout.decode("utf-8").split("\x1e\n")[:-1]
    return dict(zip(names, texts, strict=True)), result.stderr.decode("utf-8")


def test_pdfbox_logs_no_warning_about_any_font(pdfbox):
    _texts, log = pdfbox
    assert log.strip() == ""


def test_pdfbox_extracts_every_name_exactly(pdfbox):
    texts, _log = pdfbox
    assert [name for name, text in texts.items() if name not in text] == []
