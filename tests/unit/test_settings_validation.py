"""Studio settings: every invalid value is refused with its field named."""
from __future__ import annotations

import pytest

from cert_xblock.config.values import CertificateSettings, validate_settings


def problems(**values) -> dict[str, str]:
    return {p.field: p.message for p in validate_settings(CertificateSettings(**values))}


def test_defaults_are_valid():
    assert validate_settings(CertificateSettings()) == []


@pytest.mark.parametrize("values, field, words", [
    ({"minimum_percent": 150}, "minimum_percent", "between 0 and 100"),
    ({"minimum_percent": -1}, "minimum_percent", "between 0 and 100"),
    ({"grade_rule": "vibes"}, "grade_rule", "how a grade qualifies"),
    ({"available_from": "31/12/2026"}, "available_from", "YYYY-MM-DD"),
    ({"accent_color": "blue"}, "accent_color", "#RRGGBB"),
    ({"design": "baroque"}, "design", "The design baroque is not installed"),
    ({"eligibility_source": "horoscope"}, "eligibility_source", "The eligibility source horoscope is not installed"),
    ({"certificate_title": "  "}, "certificate_title", "cannot be empty"),
    ({"batch_schedule": "every day"}, "batch_schedule", "five crontab fields"),
    ({"batch_schedule": "61 * * * *"}, "batch_schedule", "not a valid crontab"),
    ({"signatories": "| Dean"}, "signatories", "needs a name"),
    ({"validity_months": -3}, "validity_months", "number of months"),
])
def test_invalid_value_is_refused_with_the_field_named(values, field, words):
    found = problems(**values)
    assert list(found) == [field]
    assert words in found[field]


def test_signatories_are_parsed_from_one_line_each():
    values = CertificateSettings(signatories="Dr. Ada Byron | Course Lead | /static/sig.png\n\nGrace Hopper")
    assert values.signatory_list == [
        {"name": "Dr. Ada Byron", "title": "Course Lead", "signature": "/static/sig.png"},
        {"name": "Grace Hopper", "title": "", "signature": ""},
    ]


def test_stored_copies_with_unknown_keys_still_load():
    stored = {**CertificateSettings(minimum_percent=55).to_dict(), "a_future_setting": 1}
    assert CertificateSettings.from_dict(stored).minimum_percent == 55
