"""The certificate's language: each learner's own by default, or one the author fixes; the date written as that
language writes it, on the PDF itself."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from cert_xblock import platform
from cert_xblock.config.values import CertificateSettings, validate_settings
from cert_xblock.issuing.issuance import issue_certificate
from cert_xblock.platform.twin.models import PersistentCourseGrade, UserPreference
from cert_xblock.records import storage
from tests.issuance.test_issue_path import BLOCK, RULES, learner  # noqa: F401 - the fixture
from tests.rendering.conftest import pdfium_text

pytestmark = pytest.mark.django_db(transaction=True)

ISSUED = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
# 2 December 2026 as a reader of each language expects it printed (CLDR's long dates).
DATES = {
    "es": "2 de diciembre de 2026",
    "fr": "2 décembre 2026",
    "pt-br": "2 de dezembro de 2026",
    "ar": "2 ديسمبر 2026",
    "hi": "2 दिसंबर 2026",
    "zh-cn": "2026年12月2日",
}


def has_date(text: str, language: str) -> bool:
    """The date is on the page, as PDFium reads it (in logical order, right-to-left lines included)."""
    return DATES[language] in text


def issued_text(person, rules: CertificateSettings) -> tuple[str, str]:
    certificate = issue_certificate(person, BLOCK, rules, via="learner", request_id="req-lang", now=ISSUED).certificate
    return certificate.language, pdfium_text(storage.read_pdf(certificate.file_name))


@pytest.mark.parametrize("language", DATES)
def test_a_learner_gets_the_date_in_their_preferred_language(learner, language):  # noqa: F811
    UserPreference.objects.create(user_id=learner.user_id, key="pref-lang", value=language)
    recorded, text = issued_text(platform.learner_by_id(learner.user_id), RULES)
    assert recorded == language
    assert has_date(text, language)
    assert "December" not in text


@pytest.mark.parametrize("language", DATES)
def test_an_author_can_print_every_certificate_in_one_language(learner, language):  # noqa: F811
    UserPreference.objects.create(user_id=learner.user_id, key="pref-lang", value="fr")
    recorded, text = issued_text(platform.learner_by_id(learner.user_id),
                                 replace(RULES, certificate_language=language))
    assert recorded == language
    assert has_date(text, language)


def test_an_unknown_certificate_language_is_refused_by_the_settings_check():
    [problem] = validate_settings(CertificateSettings(certificate_language="klingon"))
    assert problem.field == "certificate_language"


def test_the_printed_grade_has_the_languages_decimal_sign(learner):  # noqa: F811
    PersistentCourseGrade.objects.filter(user_id=learner.user_id).update(percent_grade=0.835)
    _, text = issued_text(learner, replace(RULES, show_grade=True, certificate_language="fr"))
    assert "83,5%" in text
