"""The learner's language is their ``pref-lang`` preference, not the deprecated ``UserProfile.language``."""
from __future__ import annotations

from io import BytesIO

import pytest
from django.core import mail
from pypdf import PdfReader

from cert_xblock.config.stored import save_block_config
from cert_xblock.issuing.batch import runner as batch
from cert_xblock.issuing.issuance import certificate_document
from cert_xblock.models import IssuedCertificate
from cert_xblock.platform.twin.models import UserPreference, UserProfile
from cert_xblock.records import storage
from tests.plugin.test_issue_email import course  # noqa: F401 - the fixture: a course, local storage, locmem mail
from tests.verify.conftest import BLOCK, COURSE, RULES, make_learner

pytestmark = pytest.mark.django_db(transaction=True)


def arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_a_batch_issues_an_arabic_certificate_and_email_to_a_learner_whose_pref_lang_is_ar(course):  # noqa: F811
    save_block_config(BLOCK.block_id, COURSE, RULES)
    user_id = make_learner("amira", "أميرة حداد", 0.85)
    UserProfile.objects.filter(user_id=user_id).update(language="English")  # the deprecated free-text field
    UserPreference.objects.create(user_id=user_id, key="pref-lang", value="ar")

    report = batch.issue_chunk(batch.load_block(BLOCK.block_id), [user_id], "req-ar")

    assert report.issued == 1
    certificate = IssuedCertificate.objects.get(user_id=user_id)
    assert (certificate.language, certificate.email_status) == ("ar", "sent")
    pdf = PdfReader(BytesIO(storage.read_pdf(certificate.file_name)))
    assert pdf.trailer["/Root"]["/Lang"] == "ar"
    # The date is Django's Arabic month name; the sentences come from translations/ar.
    wording = certificate_document(certificate, RULES).wording
    assert arabic(wording.issued_on) and wording.preamble == "تُمنح هذه الشهادة إلى"
    [email] = mail.outbox
    assert email.extra_headers["Content-Language"] == "ar"
    assert email.subject == "شهادتك في Lettres et courriels جاهزة"
    assert "عزيزي/عزيزتي أميرة حداد،" in email.body


def test_a_learner_without_the_preference_gets_english_whatever_their_profile_says(course):  # noqa: F811
    save_block_config(BLOCK.block_id, COURSE, RULES)
    user_id = make_learner("franz", "Franz Profil", 0.85)
    UserProfile.objects.filter(user_id=user_id).update(language="fr")
    batch.issue_chunk(batch.load_block(BLOCK.block_id), [user_id], "req-en")
    assert IssuedCertificate.objects.get(user_id=user_id).language == "en"
    assert mail.outbox[0].extra_headers["Content-Language"] == "en"
