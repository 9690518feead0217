"""Translations for the block's own strings, read from the top-level ``translations/`` folder.

Python's gettext is used directly (domain ``django``), so the block speaks the learner's language in the
LMS, in Studio and in the workbench alike, without depending on the host's LOCALE_PATHS.
"""
from __future__ import annotations

import gettext
from collections.abc import Callable
from datetime import date
from functools import cache

from .rendering import Wording
from .resources import asset_dir

DOMAIN = "django"


@cache
def translation(language: str) -> gettext.NullTranslations:
    """The catalogue for a language code such as ``fr`` or ``pt-br``; untranslated strings stay English."""
    code = (language or "en").replace("-", "_")
    candidates = [code, code.split("_")[0]]
    return gettext.translation(DOMAIN, localedir=str(asset_dir("translations")), languages=candidates, fallback=True)


def gettext_for(language: str) -> Callable[[str], str]:
    """A ``_`` function for one language."""
    return translation(language).gettext


def ngettext_for(language: str) -> Callable[[str, str, int], str]:
    return translation(language).ngettext


# Babel's locales for the project's language codes where the code alone does not name the script or region.
_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN", "zh-cn": "zh_Hans_CN", "zh-hans": "zh_Hans_CN", "zh-tw": "zh_Hant_TW"}
RTL_LANGUAGES = ("ar", "fa", "he", "ur")


@cache
def _locale(language: str):
    from babel import Locale, UnknownLocaleError

    code = (language or "en").lower()
    try:
        return Locale.parse(_LOCALES.get(code, code), sep="-" if "-" in _LOCALES.get(code, code) else "_")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def format_day(day: date, language: str) -> str:
    """A date as the language writes it in full: "2 de diciembre de 2026", "2026年12月2日" (CLDR's long format)."""
    from babel.dates import format_date

    return format_date(day, "long", locale=_locale(language))


def format_number(value: float, language: str) -> str:
    """A number (a grade) with the language's decimal sign, at most one decimal, halves rounded up as
    ``eligibility`` rounds them."""
    from decimal import ROUND_HALF_UP, Decimal

    from babel.numbers import format_decimal

    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format_decimal(number, format="#,##0.#", locale=_locale(language))


def direction(language: str) -> str:
    """``rtl`` for languages written right to left, else ``ltr``: the views' ``dir`` attribute."""
    return "rtl" if (language or "en").lower().split("-")[0] in RTL_LANGUAGES else "ltr"


def certificate_wording(language: str, issued_on: date) -> Wording:
    """The certificate's fixed sentences and its date, written as the certificate's language writes dates."""
    _ = gettext_for(language)
    day = format_day(issued_on, language)
    return Wording(
        preamble=_("This certifies that"),
        completion=_("has successfully completed"),
        issued_by=_("Issued by {org}"),
        issued_on=day,
        on_date=_("on {date}"),
        verify_at=_("Verify at {url}"),
    )
