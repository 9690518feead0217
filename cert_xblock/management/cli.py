"""The cert-xblock command line: `cert-xblock render` certifies a list of names offline (and previews designs).

The certificates are printed as the block prints them: in the wording and date format of ``--language`` (the
block's own translations, ``core.i18n``) and in any installed design, bundled or plug-in (``cert_xblock.plugins``).
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path

from cert_xblock import plugins
from cert_xblock.core.i18n import certificate_wording, gettext_for, gettext_noop
from cert_xblock.rendering import CertificateData, Design, RenderError, render_certificate

_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
DEFAULT_TITLE = gettext_noop("Certificate of Completion")


def _short_code(seed: str) -> str:
    """A stable, readable code for an offline certificate (the same name and course give the same code)."""
    digest = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:8], "big")
    chars = []
    for _ in range(10):
        digest, index = divmod(digest, len(_CODE_ALPHABET))
        chars.append(_CODE_ALPHABET[index])
    return "".join(chars[:5]) + "-" + "".join(chars[5:])


def _file_name(index: int, name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:60]
    return f"{index:05d}-{slug or 'certificate'}.pdf"


def _render(args: argparse.Namespace) -> int:
    names = Path(args.names_file).read_text(encoding="utf-8").splitlines()
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        artist = plugins.artist(args.design)
    except RenderError as exc:
        print(f"cert-xblock render: {exc}", file=sys.stderr)
        return 2
    design = Design(name=args.design, orientation=args.orientation, page_size=args.page_size, accent_color=args.accent,
                    artist=artist)
    issued = date.fromisoformat(args.date) if args.date else date.today()
    wording = certificate_wording(args.language, issued)
    title = args.title or gettext_for(args.language)(DEFAULT_TITLE)
    written = failed = total_bytes = 0
    started = time.perf_counter()
    for index, line in enumerate(names, 1):
        name = line.strip()
        if not name:
            continue
        code = _short_code(f"{args.org}\n{args.course}\n{name}\n{index}")
        data = CertificateData(
            learner_name=name,
            course_name=args.course,
            org_name=args.org,
            issued_on=issued,
            verify_url=args.verify_base.rstrip("/") + "/" + code,
            short_code=code,
            title=title,
            language=args.language,
            wording=wording,
        )
        try:
            pdf = render_certificate(data, design)
        except RenderError as exc:
            failed += 1
            print(f"line {index}: {exc}", file=sys.stderr)
            continue
        (out_dir / _file_name(index, name)).write_bytes(pdf)
        written += 1
        total_bytes += len(pdf)
    elapsed = time.perf_counter() - started
    average = total_bytes // written if written else 0
    print(
        f"{written} certificates written to {out_dir}, {failed} failed, "
        f"{elapsed:.2f} s, {average} bytes per PDF on average"
    )
    return 1 if failed else 0


def _fonts(args: argparse.Namespace) -> int:
    """Which scripts this installation prints, with which font; the packages to install for the others."""
    from cert_xblock.rendering.font_packages import DEBIAN_FONT_PACKAGES
    from cert_xblock.rendering.fonts import FONT_PATH_ENV
    from cert_xblock.rendering.shaping import coverage

    missing = []
    for script, row in coverage():
        sans, serif = row["sans"], row["serif"]
        if sans is None or serif is None:
            missing.append(script)
            print(f"{script.name:<11} MISSING  install {script.package or 'the package again'}")
            continue
        names = [Path(p).name for p in dict.fromkeys((*sans, *serif))]
        print(f"{script.name:<11} ok       {', '.join(names)}")
    if missing:
        packages = " ".join(dict.fromkeys(s.package for s in missing if s.package))
        print(f"{len(missing)} scripts cannot be printed: names in them are refused (never printed as boxes). "
              f"Install: apt-get install {packages or ' '.join(DEBIAN_FONT_PACKAGES)}, "
              f"or put the fonts in a folder listed in {FONT_PATH_ENV}.")
        return 1
    print("Every script can be printed.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cert-xblock", description="cert_xblock tools")
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help="write one PDF certificate per line of a UTF-8 names file")
    render.add_argument("--names-file", required=True, help="UTF-8 text file, one learner name per line")
    render.add_argument("--course", required=True, help="course title")
    render.add_argument("--org", required=True, help="organization")
    render.add_argument("--out-dir", required=True, help="folder for the PDFs (created if missing)")
    designs = (*plugins.BUILT_IN_DESIGNS, *(n for n in plugins.design_names() if n not in plugins.BUILT_IN_DESIGNS))
    render.add_argument("--design", default="classic", choices=designs, metavar="DESIGN",
                        help=f"an installed design: {', '.join(designs)} (default: classic)")
    render.add_argument("--language", default="en",
                        help="language of the wording, the date and the document (BCP 47), e.g. en, fr, ar, zh-Hans")
    render.add_argument("--title", help="certificate title (default: 'Certificate of Completion' in --language)")
    render.add_argument("--orientation", default="landscape", choices=("landscape", "portrait"))
    render.add_argument("--page-size", default="A4", choices=("A4", "Letter"))
    render.add_argument("--accent", default="#1f4e79", help="accent colour, #rrggbb")
    render.add_argument("--date", help="issue date, YYYY-MM-DD (default: today)")
    render.add_argument(
        "--verify-base", default="https://example.org/verify", help="verification URL prefix; the code is appended"
    )
    render.set_defaults(handler=_render)
    fonts = commands.add_parser("fonts", help="list the scripts this installation can print and their fonts")
    fonts.set_defaults(handler=_fonts)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the cert-xblock console script."""
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
