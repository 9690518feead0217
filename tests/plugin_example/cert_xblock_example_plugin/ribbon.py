"""The ``ribbon`` design: the shared grid of texts with the course name in gold, a diagonal ribbon in the accent colour
across the top-left corner and a gold seal at the bottom right. Artwork is shapes and colours only: every text is
printed by cert_xblock's renderer into the slots, tagged and in every script."""
from __future__ import annotations

from dataclasses import replace

from reportlab.lib.colors import HexColor

from cert_xblock.plugins import DesignPage, Layout, Slot

GOLD = "#c9a227"


class RibbonDesign:
    title = "Ribbon"
    help_text = "A diagonal ribbon in the accent colour and a gold seal; texts in the classic layout, in gold ink."

    def layout(self, page: DesignPage) -> Layout:
        """The standard grid, the course name in gold, and the ribbon artwork."""
        standard = page.standard
        slots = dict(standard.slots)
        course = slots["course"]
        slots["course"] = Slot(course.box, course.role, course.max_size, GOLD, course.max_lines, course.align)

        def draw(c):
            c.setFillColor(HexColor("#fffdf5"))
            c.rect(0, 0, page.width, page.height, stroke=0, fill=1)
            c.saveState()
            c.translate(0, page.height)
            c.rotate(-45)
            c.setFillColor(HexColor(page.accent_color))
            c.rect(-page.margin * 2, page.margin * 0.9, page.margin * 6, page.margin * 0.7, stroke=0, fill=1)
            c.restoreState()
            c.setFillColor(HexColor(GOLD))
            c.circle(page.width - page.margin * 1.6, page.margin * 3.4, page.margin * 0.55, stroke=0, fill=1)

        return replace(standard, slots=slots, artwork=page.artwork(draw))
