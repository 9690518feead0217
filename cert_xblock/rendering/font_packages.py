"""Where the fonts for every script come from on an operator's machine: Debian/Ubuntu packages.

One list, read by the test command's package installer, the Tutor plugin's Dockerfile patch and
``cert-xblock fonts``, so the fonts an operator installs are the fonts the renderer looks for.
Operators without these packages can point ``CERT_XBLOCK_FONT_PATH`` at a folder of their own.
"""
from __future__ import annotations

# Debian 12 (main) and Ubuntu 22.04/24.04 (main and universe) all carry these names; the Tutor openedx image
# is Ubuntu. Every file is a TrueType ('glyf') font, the only outlines the renderer embeds:
#   fonts-noto-core       Armenian, Georgian, Hebrew, Arabic/Persian/Urdu, the Indic scripts, Sinhala, Thai,
#                         Lao, Tibetan, Myanmar, Ethiopic, Khmer (about 60 MB; Noto Sans/Serif per script)
#   fonts-droid-fallback  Simplified and Traditional Chinese, Japanese kana and kanji (one 4 MB TTF; the
#                         Noto CJK package is CFF in .ttc collections, which the renderer does not embed)
#   fonts-nanum           Korean (Hangul) in a sans (Gothic) and a serif (Myeongjo) style
#   fonts-symbola         emoji and symbols as outlines (Unicode 9); colour emoji fonts are bitmaps
# Latin (every diacritic), Cyrillic and Greek need none of them: DejaVu ships inside the package.
DEBIAN_FONT_PACKAGES: tuple[str, ...] = (
    "fonts-noto-core",
    "fonts-droid-fallback",
    "fonts-nanum",
    "fonts-symbola",
)
