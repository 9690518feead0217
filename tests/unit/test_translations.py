"""Every marked message is translated into each language, compiled, and reaches a learner by their language code."""
from __future__ import annotations

import importlib.util
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from cert_xblock.core.i18n import catalogue_dir, certificate_wording, gettext_for, js_catalogue

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("translations_script", ROOT / "scripts" / "translations.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)


def test_every_marked_message_is_translated_in_every_language_and_each_mo_is_up_to_date():
    assert tool.problems() == []


def test_the_catalogues_hold_python_and_javascript_messages_in_six_languages():
    assert tool.LANGUAGES == ("es", "fr", "pt_BR", "ar", "hi", "zh_CN")
    assert len(tool.extracted("django")) > 150
    assert "Saved." in tool.extracted("djangojs")
    assert "6" in read_po((tool.po_path("ar", "django")).open("rb")).plural_forms


def test_a_new_untranslated_message_in_the_code_fails_the_check(tmp_path, monkeypatch):
    (tmp_path / "new_feature.py").write_text('_("A sentence nobody has translated yet.")\n')
    monkeypatch.setitem(tool.DOMAINS, "django", (tmp_path, [("**.py", "python")]))
    found = tool.problems()
    assert len([line for line in found if "A sentence nobody has translated yet." in line]) == len(tool.LANGUAGES)


def test_fuzzy_untranslated_and_changed_placeholders_fail_the_check(tmp_path, monkeypatch):
    shutil.copytree(tool.TRANSLATIONS, tmp_path / "translations")
    monkeypatch.setattr(tool, "TRANSLATIONS", tmp_path / "translations")
    path = tool.po_path("es", "django")
    catalog = read_po(path.open("rb"))
    catalog["Issued by {org}"].string = "Emitido por {organizacion}"
    catalog["Your grade"].flags.add("fuzzy")
    catalog["Verification code"].string = ""
    with path.open("wb") as handle:
        write_po(handle, catalog)
    found = "\n".join(tool.problems())
    assert "'Issued by {org}' has placeholders ['{organizacion}'] instead of ['{org}']" in found
    assert "'Your grade' is fuzzy" in found
    assert "'Verification code' is untranslated" in found
    assert "es/LC_MESSAGES/django.mo: stale" in found


@pytest.mark.parametrize(("language", "folder"), [
    ("zh-cn", "zh_CN"), ("zh-hans", "zh_CN"), ("zh_Hans", "zh_CN"), ("zh-Hans-CN", "zh_CN"), ("zh_CN", "zh_CN"),
    ("pt-br", "pt_BR"), ("pt_BR", "pt_BR"), ("pt-BR", "pt_BR"), ("es-419", "es"), ("fr-ca", "fr"), ("ar", "ar"),
    ("hi", "hi"), ("zh-tw", None), ("zh-hant", None), ("pt-pt", None), ("en", None), ("", None),
])
def test_a_learners_language_code_reaches_its_catalogue(language, folder):
    assert catalogue_dir(language) == folder


PREAMBLE = {"es": "Se certifica que", "fr": "Ce certificat atteste que", "pt-br": "Certificamos que",
            "ar": "تُمنح هذه الشهادة إلى", "hi": "प्रमाणित किया जाता है कि", "zh-hans": "兹证明"}
READY = {"es": "Su certificado está listo.", "fr": "Votre certificat est prêt.",
         "pt-br": "Seu certificado está pronto.", "ar": "شهادتك جاهزة.", "hi": "आपका प्रमाणपत्र तैयार है।",
         "zh-hans": "您的证书已准备就绪。"}


@pytest.mark.parametrize("language", PREAMBLE)
def test_certificate_wording_and_the_learner_view_speak_the_learners_language(language):
    wording = certificate_wording(language, date(2026, 12, 2))
    assert wording.preamble == PREAMBLE[language]
    assert "{org}" in wording.issued_by and wording.issued_by != "Issued by {org}"
    assert gettext_for(language)("Your certificate is ready.") == READY[language]


def test_javascript_gets_the_djangojs_catalogue_of_the_learners_language():
    assert js_catalogue("ar")["Saved."] == "تم الحفظ."
    assert js_catalogue("zh-hans")["Saved."] == "已保存。"
    assert js_catalogue("en") == {}


def _own_text(template: str) -> list[str]:
    """The words a template writes itself: text between tags and in aria-label/title/alt/placeholder attributes."""
    bare = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<style>.*?</style>|<script.*?</script>", " ", template, flags=re.S)
    attributes = re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', bare)
    text = re.sub(r"<[^>]*>", " ", bare)
    return [words for words in [*attributes, text] if re.search(r"[^\W\d_]{2,}", words)]


@pytest.mark.parametrize("template", sorted(p for p in (ROOT / "templates").rglob("*") if p.is_file()),
                         ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_templates_hold_no_english_of_their_own_only_strings_python_translated(template):
    assert _own_text(template.read_text()) == []
