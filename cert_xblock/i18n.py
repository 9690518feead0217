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


def certificate_wording(language: str, issued_on: date) -> Wording:
    """The certificate's fixed sentences and its date in the learner's language (Django's month names)."""
    from django.utils import formats, translation

    _ = gettext_for(language)
    with translation.override(language or "en"):
        day = formats.date_format(issued_on, "j F Y")
    return Wording(
        preamble=_("This certifies that"),
        completion=_("has successfully completed"),
        issued_by=_("Issued by {org}"),
        issued_on=day,
        on_date=_("on {date}"),
        verify_at=_("Verify at {url}"),
    )
