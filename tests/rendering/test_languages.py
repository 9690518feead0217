"""Every text and picture of the tagged PDF says its language: the pictures' alternate texts are in the
certificate's language with /Lang, and a text in another script than the certificate's (a Chinese name in an
English certificate, a Latin name, course or signatory in an Arabic, Hindi or Chinese one) carries its own /Lang."""
from __future__ import annotations

import base64
import io
from dataclasses import replace

import pikepdf
import pytest

from cert_xblock.core.i18n import certificate_wording
from cert_xblock.rendering import Design, Signatory, render_certificate

from .conftest import VERIFY_URL, sample
from .test_tagged_pdf import struct_text

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _elements(pdf: bytes) -> list[dict[str, str]]:
    """The Document's kids in reading order: structure type, alternate text and language ("" when none)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return [{"S": str(el.S), "Alt": str(el.get("/Alt", "")), "Lang": str(el.get("/Lang", ""))}
                for el in doc.Root.StructTreeRoot.K[0].K]


def _certificate(language: str, **changes) -> bytes:
    data = sample(language=language, logo=PNG, org_name="جامعة المثال" if language == "ar" else "Université Exemple",
                  signatories=(Signatory("Grace Hopper", "Rear Admiral", PNG),), **changes)
    return render_certificate(replace(data, wording=certificate_wording(language, data.issued_on)), Design())


@pytest.mark.parametrize(("language", "logo", "signature", "qr"), [
    ("ar", "شعار جامعة المثال", "توقيع Grace Hopper", f"رمز QR يؤدي إلى صفحة التحقق {VERIFY_URL}"),
    ("fr", "Logo de Université Exemple", "Signature de Grace Hopper",
     f"Code QR menant à la page de vérification {VERIFY_URL}"),
    ("zh-hans", "Université Exemple 的标志", "Grace Hopper 的签名", f"指向验证页面 {VERIFY_URL} 的二维码"),
])
def test_alternate_texts_are_in_the_certificates_language_with_lang(language, logo, signature, qr):
    figures = [el for el in _elements(_certificate(language)) if el["S"] == "/Figure"]
    assert [el["Alt"] for el in figures] == [logo, signature, qr]
    assert {el["Lang"] for el in figures} == {language}


@pytest.mark.parametrize("language", ["ar", "hi", "zh-hans"])
def test_latin_texts_in_a_non_latin_certificate_are_tagged_with_their_own_language(language, tmp_path):
    pdf = _certificate(language)
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    texts = [text for _tag, text in struct_text(path)]  # one per element, in the same order
    languages = {text: el["Lang"] for el, text in zip(_elements(pdf), texts, strict=True)}
    assert languages["Zoë Ångström"] == "en"
    assert languages["Grace Hopper"] == "en" and languages["Rear Admiral"] == "en"
    assert languages["Introduction to Computational Thinking"] == "en"


def test_latin_texts_in_a_latin_certificate_inherit_its_language():
    elements = [el for el in _elements(_certificate("fr")) if el["S"] != "/Figure"]
    assert all(not el["Lang"] for el in elements)


def test_a_name_in_another_script_gets_its_own_language():
    elements = _elements(_certificate("en", learner_name="王小明"))
    assert [el["Lang"] for el in elements if el["Lang"] and el["S"] != "/Figure"] == ["zh"]
