"""Extract, compile and check the block's translations (babel; run with the dev venv's python).

    python scripts/translations.py extract   # translations/en/ from the code; new msgids added to every language
    python scripts/translations.py compile   # every translations/<lang>/LC_MESSAGES/*.po -> .mo (shipped in the wheel)
    python scripts/translations.py check     # exits 1 naming each missing, untranslated or fuzzy message, stale .mo

Domains follow Open edX: ``django`` holds the Python strings (``_()``, ``gettext()``, ``gettext_noop()``,
``ngettext()``; templates hold no English of their own, they show strings Python passes in), ``djangojs`` holds
the ``gettext()`` strings of ``static/js/*.js``, which the block hands to its JavaScript as a catalogue.
"""
from __future__ import annotations

import re
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("es", "fr", "pt_BR", "ar", "hi", "zh_CN")
KEYWORDS = {"_": None, "gettext": None, "gettext_noop": None, "gettext_lazy": None, "ngettext": (1, 2)}
DOMAINS = {
    "django": (ROOT / "cert_xblock", [("**.py", "python")]),
    "djangojs": (ROOT / "static" / "js", [("**.js", "javascript")]),
}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[sd]")


def extracted(domain: str) -> Catalog:
    """Every marked message of one domain, as found in the code today."""
    folder, methods = DOMAINS[domain]
    catalog = Catalog(project="cert_xblock", locale=SOURCE_LANGUAGE, domain=domain, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(folder), method_map=methods, keywords=KEYWORDS, comment_tags=("Translators:",)):
        location = (_shown(folder / filename), lineno)
        added = catalog.add(message, None, [location], auto_comments=comments, context=context)
        # The code formats with str.format ({name}); babel would flag "{percent}% or more" as python-format.
        added.flags.discard("python-format")
    return catalog


def _shown(path: Path) -> str:
    """A path as the catalogues and messages name it: relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def po_path(language: str, domain: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{domain}.po"


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=120, omit_header=False, ignore_obsolete=True)


def extract() -> None:
    """Write the English source catalogues and add new msgids (untranslated) to every language, dropping old ones."""
    for domain in DOMAINS:
        template = extracted(domain)
        _write(po_path(SOURCE_LANGUAGE, domain), template)
        for language in LANGUAGES:
            path = po_path(language, domain)
            catalog = read(path) if path.exists() else Catalog(locale=language, domain=domain, fuzzy=False)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.project, catalog.fuzzy = "cert_xblock", False
            catalog.last_translator, catalog.revision_date = "cert_xblock translators", template.creation_date
            for message in catalog:
                if message.id:
                    message.flags = set(template[message.id].flags) | (message.flags & {"fuzzy"})
            _write(path, catalog)


def _compiled(catalog: Catalog) -> bytes:
    out = BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compile_all() -> None:
    """Compile every language's .po into the .mo beside it."""
    for language in LANGUAGES:
        for domain in DOMAINS:
            path = po_path(language, domain)
            path.with_suffix(".mo").write_bytes(_compiled(read(path)))


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def problems() -> list[str]:
    """Everything that keeps the catalogues from being complete, correct and compiled; empty when all is well."""
    found = []
    for domain in DOMAINS:
        wanted = extracted(domain)
        for language in LANGUAGES:
            path = po_path(language, domain)
            if not path.exists():
                found.append(f"{_shown(path)}: missing")
                continue
            catalog = read(path)
            for message in wanted:
                if not message.id:
                    continue
                have = catalog.get(message.id, message.context)
                where = f"{_shown(path)}: {message.id!r}"
                if have is None:
                    found.append(f"{where} is not in the catalogue (run extract)")
                elif have.fuzzy:
                    found.append(f"{where} is fuzzy")
                elif not all(have.string if isinstance(have.string, tuple) else (have.string,)):
                    found.append(f"{where} is untranslated")
                else:
                    found += [f"{where} has placeholders {got} instead of {_placeholders(source)}"
                              for source, got in _pairs(message.id, have.string) if _placeholders(source) != got]
            mo = path.with_suffix(".mo")
            if not mo.exists() or _entries(mo.read_bytes()) != _entries(_compiled(catalog)):
                found.append(f"{_shown(mo)}: stale or missing (run compile)")
    return found


def _pairs(msgid: str | tuple, msgstr: str | tuple) -> list[tuple[str, list[str]]]:
    """(source, placeholders of one translation) for each form; a plural form may drop the count, nothing else."""
    if not isinstance(msgid, tuple):
        return [(msgid, _placeholders(msgstr))]
    allowed = set(_placeholders(msgid[1]))
    return [(msgid[1], _placeholders(msgid[1]) if set(_placeholders(form)) <= allowed else _placeholders(form))
            for form in msgstr]


def _entries(mo: bytes) -> dict:
    return {m.id: m.string for m in read_mo(BytesIO(mo)) if m.id}


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = problems()
        print("\n".join(found) or "translations: complete and compiled")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
