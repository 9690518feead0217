"""axe-core (npm, ``tests/views/js``) injected into a Chromium page: the accessibility violations it finds."""
from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def violations(page, include: str | None = None) -> list[str]:
    """Every violation axe finds in the page (or in the elements ``include`` selects), one line each."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed: run `npm ci` in {AXE.parents[2]} (scripts/dev.py test does)")
    page.add_script_tag(content=AXE.read_text())
    found = page.evaluate("""async ([include, tags]) => {
        const context = include ? {include: [[include]]} : document;
        const result = await axe.run(context, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
        return result.violations.map(
            v => v.id + ": " + v.help + " @ " + v.nodes.map(n => n.target.join(" ")).join(", "));
    }""", [include, TAGS])
    return found
