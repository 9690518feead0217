"""Translations for the block's own strings, read from the top-level ``translations/`` folder.

Python's gettext is used directly, so the block speaks the learner's language in the LMS, in Studio and in the
workbench alike, without depending on the host's LOCALE_PATHS: domain ``django`` for Python's strings,
``djangojs`` for the ``gettext()`` strings of ``static/js/`` (``js_catalogue`` hands them to ``initialize_js``).
``scripts/translations.py`` extracts, compiles and checks the catalogues (README, "Translations").
"""
from __future__ import annotations

import gettext
from collections.abc import Callable
from datetime import date
from functools import cache

from cert_xblock.core.resources import asset_dir
from cert_xblock.rendering import Wording, right_to_left

DOMAIN = "django"
JS_DOMAIN = "djangojs"
# Language codes the LMS may hand us that name a catalogue under another name (lower case, "_" for "-").
_ALIASES = {"zh": "zh_CN", "zh_hans": "zh_CN", "zh_hans_cn": "zh_CN", "zh_sg": "zh_CN", "zh_hans_sg": "zh_CN"}


def catalogue_dir(language: str) -> str | None:
    """The ``translations/`` folder for a learner's language code (``pt-br``, ``pt_BR``, ``zh-hans``…), if any.

    The exact locale comes first (``pt_BR``), then the bare language (``fr-ca`` reads ``fr``); Traditional
    Chinese never falls back to the Simplified catalogue.
    """
    code = (language or "en").replace("-", "_").lower()
    folders = {path.name.lower(): path.name for path in asset_dir("translations").iterdir() if path.is_dir()}
    for candidate in (_ALIASES.get(code, code), code.split("_")[0]):
        found = folders.get(candidate.lower())
        if found and found != "en":
            return found
    return None


def gettext_noop(text: str) -> str:
    """Marks text for the translation catalogue (extractors know the name); it is translated where it is shown.

    Django's own ``gettext_noop`` reads settings, which a module imported with the block class may not have yet.
    """
    return text


@cache
def translation(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The catalogue for a language code such as ``fr``, ``pt-br`` or ``zh-hans``; untranslated strings stay English."""
    folder = catalogue_dir(language)
    path = asset_dir("translations") / folder / "LC_MESSAGES" / f"{domain}.mo" if folder else None
    if path is None or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def js_catalogue(language: str) -> dict[str, str]:
    """The ``djangojs`` messages for one language, msgid to msgstr, for a view's ``initialize_js`` arguments."""
    return {key: value for key, value in getattr(translation(language, JS_DOMAIN), "_catalog", {}).items()
            if isinstance(key, str) and key}


def gettext_for(language: str) -> Callable[[str], str]:
    """A ``_`` function for one language."""
    return translation(language).gettext


def ngettext_for(language: str) -> Callable[[str, str, int], str]:
    return translation(language).ngettext


# Babel's locales for the project's language codes where the code alone does not name the script or region.
_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN", "zh-cn": "zh_Hans_CN", "zh-hans": "zh_Hans_CN", "zh-tw": "zh_Hant_TW"}


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
    """``rtl`` for languages written right to left, else ``ltr``: the views' ``dir`` attribute (the renderer's
    list, so a right-to-left page and its mirrored certificate agree)."""
    return "rtl" if right_to_left(language) else "ltr"


def certificate_wording(language: str, issued_on: date) -> Wording:
    """The certificate's fixed sentences, its pictures' alternate texts and its date, written as the certificate's
    language writes dates."""
    _ = gettext_for(language)
    day = format_day(issued_on, language)
    return Wording(
        preamble=_("This certifies that"),
        completion=_("has successfully completed"),
        issued_by=_("Issued by {org}"),
        issued_on=day,
        on_date=_("on {date}"),
        verify_at=_("Verify at {url}"),
        code_label=_("Verification code {code}"),
        logo_of=_("Logo of {org}"),
        logo=_("Logo"),
        signature_of=_("Signature of {name}"),
        signature=_("Signature"),
        qr_code=_("QR code linking to the verification page {url}"),
    )


DEFAULT_TITLE = gettext_noop("Certificate of Completion")  # the certificate_title setting's default


def shown_title(title: str, _: Callable[[str], str]) -> str:
    """A certificate's title as its reader sees it: the default title (the one the author did not write) in the
    reader's language, an author's own title as written."""
    return _(DEFAULT_TITLE) if title.strip() == DEFAULT_TITLE else title


def authored_title(title: str) -> str:
    """The title the author gave the certificate, or "" for the default: what tells one block's certificate from
    another's in a file name or an email subject (several blocks of a course keep the default only once)."""
    return "" if title.strip() == DEFAULT_TITLE else title.strip()
