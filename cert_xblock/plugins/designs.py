"""Installed designs as the renderer's ``Design.artist``: the plug-in's layout, checked before anything is printed.

A design that is missing, broken, raises or returns something that is not a complete ``Layout`` raises
``DesignUnavailable`` (a ``RenderError``), so the issue path treats it as it treats any render error: nothing is
stored or recorded and the learner is told the certificate is delayed. The plug-in's artwork is wrapped in a saved
graphics state, so whatever state it leaves behind cannot hide or recolour the texts printed over it.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from cert_xblock.core.i18n import gettext_noop
from cert_xblock.plugins import registry
from cert_xblock.plugins.interface import DESIGN_GROUP
from cert_xblock.rendering import Box, DesignPage, Layout, RenderError, Slot

log = logging.getLogger(__name__)
# Operators that need resources the renderer's page does not have (fonts, images, forms): artwork is shapes only.
_TEXT_OPERATORS = re.compile(r"(?<![A-Za-z])(BT|Tf|Do|BI)(?![A-Za-z*'\"])")

DESIGN_NOT_INSTALLED = gettext_noop("This certificate's design {name} is not installed, so certificates cannot be "
                                    "printed just now. Please contact the course team.")
DESIGN_BROKEN = gettext_noop("This certificate's design {title} is not working just now, so certificates cannot "
                             "be printed. Please contact the course team.")


class DesignUnavailable(RenderError):
    """The block's plug-in design cannot draw: not installed (``plugin`` None), broken, or it failed just now."""

    def __init__(self, name: str, plugin: registry.Plugin | None, detail: str) -> None:
        super().__init__(f"design plug-in {name}: {detail}")
        self.name, self.plugin = name, plugin

    def message(self, _: Callable[[str], str] = lambda s: s) -> str:
        """What a learner or author is told, in their language."""
        if self.plugin is None:
            return _(DESIGN_NOT_INSTALLED).format(name=self.name)
        return _(DESIGN_BROKEN).format(title=self.plugin.title)


def _wrong(layout: object, page: DesignPage) -> str | None:
    """Why a plug-in's layout cannot be printed, or None."""
    if not isinstance(layout, Layout):
        return f"layout() returned {type(layout).__name__} instead of a Layout"
    if tuple(layout.page) != (page.width, page.height):
        return f"its page {layout.page} is not the page it was given {(page.width, page.height)}"
    if not isinstance(layout.artwork, str) or not layout.artwork.isascii():
        return "its artwork is not PDF operators (ASCII text from page.artwork)"
    if _TEXT_OPERATORS.search(layout.artwork):
        return "its artwork draws text or images (the renderer prints every text and picture into the slots)"
    if not isinstance(layout.slots, dict) or not all(isinstance(slot, Slot) for slot in layout.slots.values()):
        return "its slots are not a dict of Slot"
    missing = sorted(set(page.standard.slots) - set(layout.slots))
    if missing:
        return f"it lacks the slots {', '.join(missing)}"
    boxes = [layout.qr, layout.logo, *layout.signatures, *(slot.box for slot in layout.slots.values())]
    if not all(isinstance(box, Box) for box in boxes) or len(layout.signatures) < len(page.standard.signatures):
        return "its qr, logo, signature and slot boxes are not Box values (one signature box per signatory)"
    outside = [box for box in boxes if box.x < 0 or box.y < 0 or box.right > page.width or box.top > page.height]
    if outside:
        return f"a box lies outside the page: {outside[0]}"
    return None


class _Artist:
    """One plug-in's ``Design.artist``; one per loaded plug-in, so the renderer's template cache keys stay stable."""

    def __init__(self, plugin: registry.Plugin) -> None:
        self.plugin = plugin

    def __call__(self, page: DesignPage) -> Layout:
        plugin = self.plugin
        try:
            layout = plugin.target.layout(page)
        except Exception as exc:
            log.exception("cert_xblock design plug-in %s (%s) raised", plugin.name, plugin.distribution)
            registry.failed(plugin, registry.described(exc))
            raise DesignUnavailable(plugin.name, plugin, registry.described(exc)) from exc
        problem = _wrong(layout, page)
        if problem:
            log.error("cert_xblock design plug-in %s (%s): %s", plugin.name, plugin.distribution, problem)
            registry.failed(plugin, problem)
            raise DesignUnavailable(plugin.name, plugin, problem)
        registry.worked(plugin)
        return replace(layout, artwork=f"q\n{layout.artwork}\nQ")


@cache
def _artist(plugin: registry.Plugin) -> _Artist:
    return _Artist(plugin)


def artist(name: str) -> Callable[[DesignPage], Layout] | None:
    """The ``Design.artist`` for the block's design setting: None for a bundled design; ``DesignUnavailable`` when
    the named plug-in is not installed or could not be loaded."""
    if name in registry.BUILT_IN_DESIGNS:
        return None
    plugin = registry.installed(DESIGN_GROUP).get(name)
    if plugin is None:
        raise DesignUnavailable(name, None, "not installed")
    if plugin.broken:
        raise DesignUnavailable(name, plugin, plugin.problem.detail)
    return _artist(plugin)
