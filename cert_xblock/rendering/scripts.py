"""Which script a character belongs to, and which font families are made for it.

The ranges are the Unicode blocks of each script (Unicode 15, chapter "Blocks.txt"); characters outside
every listed block (digits, punctuation, spaces, combining marks of the Inherited script) take the font of
the text around them. The families are the Noto (and, for CJK, Hangul and emoji, other free) fonts that the
Debian/Ubuntu packages in ``font_packages.DEBIAN_FONT_PACKAGES`` install; each script's text is shaped by
HarfBuzz with its own family, so conjuncts, vowel signs, points and ligatures come from a font that has them.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

ROLES = ("sans", "sans-bold", "serif", "serif-bold")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per script
class Script:
    name: str
    ranges: tuple[tuple[int, int], ...]
    sample: str  # a few characters `cert-xblock fonts` checks, a name written in the script
    files: dict[str, tuple[str, ...]]  # role -> font files in order of preference; {} means the role's font
    package: str  # the Debian/Ubuntu package with those files ("" when the package's own fonts do)


def _noto(family: str, serif: bool = True, sans: bool = True) -> dict[str, tuple[str, ...]]:
    """Preferences for a Noto script family: the role's own style and weight first, then the others."""
    sans_r, sans_b = f"NotoSans{family}-Regular.ttf", f"NotoSans{family}-Bold.ttf"
    serif_r, serif_b = f"NotoSerif{family}-Regular.ttf", f"NotoSerif{family}-Bold.ttf"
    if not serif:
        serif_r, serif_b = sans_r, sans_b
    if not sans:
        sans_r, sans_b = serif_r, serif_b
    return {
        "sans": (sans_r, serif_r),
        "sans-bold": (sans_b, sans_r, serif_b),
        "serif": (serif_r, sans_r),
        "serif-bold": (serif_b, serif_r, sans_b, sans_r),
    }


def _same(*files: str, bold: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    return {"sans": files, "sans-bold": (*bold, *files), "serif": files, "serif-bold": (*bold, *files)}


_NOTO = "fonts-noto-core"
_ARABIC = {
    "sans": ("NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf"),
    "sans-bold": ("NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Bold.ttf", "NotoSansArabic-Regular.ttf"),
    "serif": ("NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf"),
    "serif-bold": ("NotoNaskhArabic-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Regular.ttf"),
}
_HANGUL = {
    "sans": ("NanumGothic.ttf", "NanumBarunGothic.ttf"),
    "sans-bold": ("NanumGothicBold.ttf", "NanumBarunGothicBold.ttf", "NanumGothic.ttf"),
    "serif": ("NanumMyeongjo.ttf", "NanumGothic.ttf"),
    "serif-bold": ("NanumMyeongjoBold.ttf", "NanumMyeongjo.ttf", "NanumGothicBold.ttf"),
}
_CJK = _same("DroidSansFallbackFull.ttf", "DroidSansFallback.ttf")
_EMOJI = _same("Symbola_hint.ttf", "Symbola.ttf", "NotoSansSymbols2-Regular.ttf", "NotoSansSymbols-Regular.ttf")

SCRIPTS: tuple[Script, ...] = (
    Script("Latin", ((0x0041, 0x024F), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF), (0xAB30, 0xAB6F)),
           "Zoë Łukasiewicz Nguyễn Ærøskøbing", {}, ""),
    Script("Cyrillic", ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
           "Дмитрий Шостакович", {}, ""),
    Script("Greek", ((0x0370, 0x03FF), (0x1F00, 0x1FFF)), "Αλέξανδρος Παπαδόπουλος", {}, ""),
    Script("Armenian", ((0x0530, 0x058F), (0xFB13, 0xFB17)), "Արամ Խաչատրյան", _noto("Armenian"), _NOTO),
    Script("Georgian", ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)), "ნინო ჯავახიშვილი",
           _noto("Georgian"), _NOTO),
    Script("Hebrew", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)), "דָּוִד בֶּן־גּוּרְיוֹן", _noto("Hebrew"), _NOTO),
    Script("Arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
           "محمد عبد الله لاشين پژوهش ڈاکٹر", _ARABIC, _NOTO),
    Script("Devanagari", ((0x0900, 0x097F), (0xA8E0, 0xA8FF)), "क्षत्रिय प्रिया", _noto("Devanagari"), _NOTO),
    Script("Bengali", ((0x0980, 0x09FF),), "রবীন্দ্রনাথ ঠাকুর", _noto("Bengali"), _NOTO),
    Script("Gurmukhi", ((0x0A00, 0x0A7F),), "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", _noto("Gurmukhi"), _NOTO),
    Script("Gujarati", ((0x0A80, 0x0AFF),), "ક્ષિતિજ પટેલ", _noto("Gujarati"), _NOTO),
    Script("Oriya", ((0x0B00, 0x0B7F),), "ପ୍ରଦୀପ୍ତ ମହାନ୍ତି", _noto("Oriya", serif=False), _NOTO),
    Script("Tamil", ((0x0B80, 0x0BFF),), "கொற்றவை ஸ்ரீனிவாசன்", _noto("Tamil"), _NOTO),
    Script("Telugu", ((0x0C00, 0x0C7F),), "శ్రీనివాస్ రెడ్డి", _noto("Telugu"), _NOTO),
    Script("Kannada", ((0x0C80, 0x0CFF),), "ಕೃಷ್ಣಪ್ಪ ಗೌಡ", _noto("Kannada"), _NOTO),
    Script("Malayalam", ((0x0D00, 0x0D7F),), "ശ്രീക്കുട്ടൻ നായർ", _noto("Malayalam"), _NOTO),
    Script("Sinhala", ((0x0D80, 0x0DFF),), "ශ්‍රී ලංකා", _noto("Sinhala"), _NOTO),
    Script("Thai", ((0x0E00, 0x0E7F),), "สมศักดิ์ ใจดี", _noto("Thai"), _NOTO),
    Script("Lao", ((0x0E80, 0x0EFF),), "ສົມພອນ ແກ້ວມະນີ", _noto("Lao"), _NOTO),
    Script("Tibetan", ((0x0F00, 0x0FFF),), "བསྟན་འཛིན་རྒྱ་མཚོ", _noto("Tibetan", sans=False), _NOTO),
    Script("Myanmar", ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F)), "အောင်ဆန်းစုကြည်",
           _noto("Myanmar"), _NOTO),
    Script("Hangul", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF)), "김민준 이서연",
           _HANGUL, "fonts-nanum"),
    Script("Ethiopic", ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)), "ኃይለ ሥላሴ", _noto("Ethiopic"), _NOTO),
    Script("Khmer", ((0x1780, 0x17FF), (0x19E0, 0x19FF)), "សុខ ឃ្លាំង", _noto("Khmer"), _NOTO),
    Script("Kana", ((0x3040, 0x30FF), (0x31F0, 0x31FF)), "やまだ タロウ", _CJK, "fonts-droid-fallback"),
    Script("Han", ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                   (0xFF00, 0xFFEF), (0x20000, 0x3134F)), "王小明 張偉 山田太郎", _CJK, "fonts-droid-fallback"),
    Script("Emoji", ((0x2600, 0x27BF), (0x1F000, 0x1FAFF)), "😀🎓🌍", _EMOJI, "fonts-symbola"),
)

_ENTRIES: list[tuple[int, int, Script]] = sorted(
    ((lo, hi, script) for script in SCRIPTS for lo, hi in script.ranges), key=lambda entry: entry[0]
)
_STARTS: list[int] = [entry[0] for entry in _ENTRIES]


def script_of(cp: int) -> Script | None:
    """The script whose block holds the code point; None for common characters (digits, punctuation...)."""
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0 and cp <= _ENTRIES[i][1]:
        return _ENTRIES[i][2]
    return None


# The language a text in a script is most likely in, for /Lang on a name the document's language does not
# cover (a screen reader switches voice on it). Scripts shared by many languages get their largest one.
_LANGUAGES = {
    "Cyrillic": "ru", "Greek": "el", "Armenian": "hy", "Georgian": "ka", "Hebrew": "he", "Arabic": "ar",
    "Devanagari": "hi", "Bengali": "bn", "Gurmukhi": "pa", "Gujarati": "gu", "Oriya": "or", "Tamil": "ta",
    "Telugu": "te", "Kannada": "kn", "Malayalam": "ml", "Sinhala": "si", "Thai": "th", "Lao": "lo",
    "Tibetan": "bo", "Myanmar": "my", "Hangul": "ko", "Ethiopic": "am", "Khmer": "km", "Kana": "ja", "Han": "zh",
}  # fmt: skip
# Document languages written in the script already: a name in it needs no /Lang of its own.
_SAME_SCRIPT = {
    "Han": ("zh", "ja"), "Kana": ("ja",), "Cyrillic": ("uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"),
    "Arabic": ("ar", "fa", "ur", "ps", "ku", "sd", "ug"), "Devanagari": ("mr", "ne", "sa"), "Bengali": ("as",),
}  # fmt: skip
_PERSIAN, _URDU = frozenset("پچژگکی"), frozenset("ٹڈڑںےۓھ")


# Languages not written in the Latin script: Latin text in a document in one of them is tagged "en", the largest
# Latin-script language (a screen reader reading an Arabic document switches voice for "Intro to Data").
_NOT_LATIN = frozenset({*_LANGUAGES.values(), *(lang for langs in _SAME_SCRIPT.values() for lang in langs)})


def language_of(text: str, document: str) -> str:
    """A BCP 47 tag for text in another script than the document's language writes, else "" (inherit)."""
    primary = document.split("-")[0].lower()
    if not text or max(text) < "\u0370":
        latin = primary in _NOT_LATIN and any(ch.isalpha() for ch in text)
        return "en" if latin else ""
    counts: dict[str, int] = {}
    for ch in text:
        script = script_of(ord(ch))
        if script is not None and (script.name in _LANGUAGES or script.name == "Latin"):
            counts[script.name] = counts.get(script.name, 0) + 1
    if not counts:
        return ""
    main = max(counts, key=counts.__getitem__)
    if main == "Latin":
        return "en" if primary in _NOT_LATIN else ""
    lang = _LANGUAGES[main]
    if main == "Han" and "Kana" in counts:
        lang = "ja"
    elif main == "Arabic":
        lang = "ur" if _URDU.intersection(text) else "fa" if _PERSIAN.intersection(text) else "ar"
    if primary == lang or primary in _SAME_SCRIPT.get(main, ()):
        return ""
    return lang


RTL_LANGUAGES = ("ar", "fa", "he", "ur")  # written right to left: their certificates are mirrored


def right_to_left(language: str) -> bool:
    """Whether a language (BCP 47 or ``pt_BR`` style) is written right to left."""
    return (language or "en").lower().replace("_", "-").split("-")[0] in RTL_LANGUAGES


def script_name(cp: int) -> str:
    """A name for the error message: the script, or the character's Unicode block-like name."""
    script = script_of(cp)
    if script is not None:
        return script.name
    name = unicodedata.name(chr(cp), "")
    if not name:
        return "Private use" if 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000 else "Unassigned"
    return name.split(" ")[0].title()
