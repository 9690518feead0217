"""Fonts for every script: the operator's package list, `cert-xblock fonts`, and one font per script."""
from __future__ import annotations

from pathlib import Path

import pytest

from cert_xblock.management.cli import main
from cert_xblock.rendering.font_packages import DEBIAN_FONT_PACKAGES
from cert_xblock.rendering.scripts import SCRIPTS, script_of
from cert_xblock.rendering.shaping import coverage, shape_line

REPO = Path(__file__).resolve().parents[2]


def test_the_test_command_installs_every_font_package_operators_install():
    listed = [line.split("#")[0].strip() for line in (REPO / "scripts" / "apt-packages.txt").read_text().splitlines()]
    fonts = [name for name in listed if name.startswith("fonts-")]
    assert fonts == list(DEBIAN_FONT_PACKAGES)


def test_every_script_names_a_package_from_the_list():
    for script in SCRIPTS:
        assert (script.package in DEBIAN_FONT_PACKAGES) == bool(script.files), script.name


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.name)
def test_every_script_is_shaped_with_a_font_made_for_it(script):
    """The sample of each script is printed (by its own font where it has one) in every role."""
    for role in ("sans", "sans-bold", "serif", "serif-bold"):
        line = shape_line(script.sample, role)
        for run in line.runs:
            assert all(glyph.gid != 0 for glyph in run.glyphs)
        if script.files:
            own = [run for run in line.runs if any(script_of(ord(ch)) is script for ch in _run_text(line, run))]
            assert own and all(Path(run.font.path).name in script.files[role] for run in own), (script.name, role)


def _run_text(line, run) -> str:
    return "".join(glyph.text for glyph in run.glyphs)


def test_cert_xblock_fonts_lists_every_script_with_its_font(capsys):
    assert main(["fonts"]) == 0
    out = capsys.readouterr().out
    for script, row in coverage():
        line = next(text for text in out.splitlines() if text.startswith(script.name + " "))
        assert " ok " in line
        assert Path(row["sans"][0]).name in line


def test_cert_xblock_fonts_says_what_to_install_when_a_script_has_no_font(capsys, monkeypatch):
    from cert_xblock.rendering import fonts, shaping

    index = {name: path for name, path in fonts._font_index().items() if "Nanum" not in name and "Droid" not in name}
    caches = (fonts._font_index, fonts.font_chain, fonts.specialist, shaping._shape_line_cached)
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setattr(fonts, "_font_index", lambda: index)
    try:
        assert main(["fonts"]) == 1
    finally:
        monkeypatch.undo()
        for cached in caches:
            cached.cache_clear()
    out = capsys.readouterr().out
    assert "Hangul      MISSING  install fonts-nanum" in out
    assert "never printed as boxes" in out
