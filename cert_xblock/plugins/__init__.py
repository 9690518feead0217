"""Installable plug-ins: eligibility sources (``cert_xblock.eligibility``) and designs (``cert_xblock.designs``).

The package's one public face: plug-in authors import the interface from here (``Verdict``, ``EligibilityRequest``,
``Layout``...), and the rest of cert_xblock asks here which plug-ins are installed, what a source says about a chunk
of learners, which artist draws a design, and what Studio should list. ``docs/plugins.md`` is the guide.

May import: ``rendering`` (a design draws with its layout types), ``core`` (the author's language) and the
``platform`` seam's plain types. It never decides eligibility itself: ``issuing.kinds`` turns a source's verdicts
into requirements, so a plug-in cannot reach past the rules of the block.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cert_xblock.core.i18n import gettext_noop
from cert_xblock.plugins import registry
from cert_xblock.plugins.designs import DesignUnavailable, artist
from cert_xblock.plugins.interface import (
    DESIGN_GROUP,
    ELIGIBILITY_GROUP,
    CandidateSource,
    DesignSource,
    EligibilityRequest,
    EligibilitySource,
    Verdict,
)
from cert_xblock.plugins.registry import BUILT_IN_DESIGNS, Plugin, refresh
from cert_xblock.plugins.sources import SourceAnswer, answers, candidates
from cert_xblock.rendering import Box, DesignPage, Layout, Slot

__all__ = [
    "BUILT_IN_DESIGNS",
    "DESIGN_GROUP",
    "DESIGN_MISSING",
    "ELIGIBILITY_GROUP",
    "SOURCE_MISSING",
    "Box",
    "CandidateSource",
    "DesignPage",
    "DesignSource",
    "DesignUnavailable",
    "EligibilityRequest",
    "EligibilitySource",
    "Layout",
    "Plugin",
    "Slot",
    "SourceAnswer",
    "Verdict",
    "answers",
    "artist",
    "block_problems",
    "candidates",
    "choices",
    "design_names",
    "design_values",
    "refresh",
    "source_names",
    "source_values",
    "studio_listing",
]

_GROUP_TITLES = {ELIGIBILITY_GROUP: gettext_noop("Eligibility sources"), DESIGN_GROUP: gettext_noop("Designs")}
SOURCE_MISSING = gettext_noop("The eligibility source {name} is not installed: install it or choose another.")
DESIGN_MISSING = gettext_noop("The design {name} is not installed: install it or choose another.")
PLUGIN_BROKEN = gettext_noop("The plug-in {title} ({name}) is broken, so this block cannot issue certificates. "
                             "{reason}")


def source_names() -> tuple[str, ...]:
    """The names of the installed eligibility sources, broken ones included (the setting may name them)."""
    return tuple(registry.installed(ELIGIBILITY_GROUP))


def design_names() -> tuple[str, ...]:
    """The names of the installed plug-in designs, broken ones included."""
    return tuple(registry.installed(DESIGN_GROUP))


def _problem(plugin: Plugin) -> registry.Problem | None:
    return plugin.problem or registry.last_failure(plugin)


def choices(group: str, _: Callable[[str], str] = lambda s: s) -> list[tuple[str, str]]:
    """(name, label) of every installed plug-in of the group, for Studio's drop-downs; broken ones say so."""
    broken = _("(broken)")
    return [(name, f"{plugin.title} {broken}" if _problem(plugin) else plugin.title)
            for name, plugin in registry.installed(group).items()]


def _values(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"value": value, "display_name": label} for value, label in pairs]


def design_values() -> list[dict[str, str]]:
    """The Design field's options: the bundled designs, then the installed plug-in designs (read when the editor
    is drawn, so a package installed since shows up)."""
    return _values(*[(name, name.capitalize()) for name in BUILT_IN_DESIGNS], *choices(DESIGN_GROUP))


def source_values() -> list[dict[str, str]]:
    """The Eligibility source field's options: the block's own grade rule, then the installed sources."""
    return _values(("", gettext_noop("The block's own grade rule")), *choices(ELIGIBILITY_GROUP))


def studio_listing(_: Callable[[str], str] = lambda s: s) -> list[dict[str, Any]]:
    """What Studio's editor lists: each group with its installed plug-ins, their help text and state."""
    return [{"title": _(_GROUP_TITLES[group]), "group": group, "plugins": [
        {"name": name, "title": plugin.title, "help": plugin.help_text, "distribution": plugin.distribution,
         "problem": _problem(plugin).text(_) if _problem(plugin) else ""}
        for name, plugin in registry.installed(group).items()]} for group in (ELIGIBILITY_GROUP, DESIGN_GROUP)]


def block_problems(eligibility_source: str, design: str, _: Callable[[str], str] = lambda s: s) -> list[str]:
    """Why a block's chosen plug-ins are broken (could not be loaded, or failed when last used), for Studio's
    summary of the block; one that is not installed at all is a validation problem of its field
    (``config.validate_settings``)."""
    problems = []
    for group, name in ((ELIGIBILITY_GROUP, eligibility_source), (DESIGN_GROUP, design)):
        plugin = registry.installed(group).get(name) if name else None
        if plugin is not None and _problem(plugin):
            problems.append(_(PLUGIN_BROKEN).format(title=plugin.title, name=name, reason=_problem(plugin).text(_)))
    return problems
