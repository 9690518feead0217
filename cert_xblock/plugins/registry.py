"""The installed plug-ins: read once per process from the entry points of installed distributions.

Loading never raises. A plug-in that cannot be imported, cannot be instantiated, or lacks what its group asks
for is listed all the same, with its ``problem``: Studio shows it as broken with the reason, and the block never
trusts it. Reading entry points costs a scan of the installed distributions, so the answer is cached for the
process; ``refresh()`` forgets it (tests, and a process that installed a package while running).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from cert_xblock.core.i18n import gettext_noop
from cert_xblock.plugins.interface import DESIGN_GROUP, ELIGIBILITY_GROUP

log = logging.getLogger(__name__)
BUILT_IN_DESIGNS = ("classic", "modern", "minimal")
# What each group requires of a plug-in object besides its title and help text.
_METHODS = {ELIGIBILITY_GROUP: "decide", DESIGN_GROUP: "layout"}


@dataclass(frozen=True)
class Problem:
    """Why a plug-in cannot be used: a sentence for the author (translated where shown) and the technical detail."""

    template: str  # gettext_noop'd, with {detail}
    detail: str

    def text(self, _: Callable[[str], str] = lambda s: s) -> str:
        return _(self.template).format(detail=self.detail)


CANNOT_IMPORT = gettext_noop("It cannot be loaded: {detail}")
NOT_A_PLUGIN = gettext_noop("It is not a valid plug-in: {detail}")
FAILED = gettext_noop("It failed when it was last used: {detail}")
NAME_TAKEN = gettext_noop("Its name is already taken: {detail}")


@dataclass(frozen=True, eq=False)
class Plugin:
    """One installed plug-in, usable or not. Compared by identity: each load makes new ones."""

    group: str
    name: str  # the entry point's name: what the block's setting stores
    title: str
    help_text: str
    distribution: str  # "name version" of the package that provides it
    target: Any  # the loaded object; None when it could not be loaded
    problem: Problem | None = None

    @property
    def broken(self) -> bool:
        return self.problem is not None


def _distribution(entry: EntryPoint) -> str:
    dist = getattr(entry, "dist", None)
    return f"{dist.metadata['Name']} {dist.version}" if dist is not None else "?"


def described(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:300]


def _load(group: str, entry: EntryPoint) -> Plugin:
    def broken(template: str, detail: str, title: str = "", help_text: str = "", target: Any = None) -> Plugin:
        log.error("cert_xblock plug-in %s (%s, %s from %s) is broken: %s", entry.name, group, entry.value,
                  _distribution(entry), detail)
        return Plugin(group, entry.name, title or entry.name, help_text, _distribution(entry), target,
                      Problem(template, detail))

    try:
        target = entry.load()
        if isinstance(target, type):
            target = target()
    except Exception as exc:  # noqa: BLE001 - any failure of third-party code is reported, never raised
        return broken(CANNOT_IMPORT, described(exc))
    title, help_text = getattr(target, "title", None), getattr(target, "help_text", None)
    method = _METHODS[group]
    if not isinstance(title, str) or not title.strip():
        return broken(NOT_A_PLUGIN, "it has no title (a non-empty str)")
    if not isinstance(help_text, str):
        return broken(NOT_A_PLUGIN, "it has no help_text (a str)", title)
    if not callable(getattr(target, method, None)):
        return broken(NOT_A_PLUGIN, f"it has no {method}() method", title, help_text)
    if group == DESIGN_GROUP and entry.name in BUILT_IN_DESIGNS:
        return broken(NAME_TAKEN, f"{entry.name} is a bundled design", title, help_text)
    return Plugin(group, entry.name, title.strip(), help_text.strip(), _distribution(entry), target)


@cache
def installed(group: str) -> dict[str, Plugin]:
    """Every plug-in of the group, by name, sorted by title; two packages giving one name make both broken."""
    found: dict[str, list[EntryPoint]] = {}
    for entry in entry_points(group=group):
        found.setdefault(entry.name, []).append(entry)
    plugins = {}
    for name, entries in found.items():
        providers = sorted({_distribution(entry) for entry in entries})
        if len(providers) > 1:
            first = _load(group, entries[0])
            plugins[name] = Plugin(group, name, first.title, first.help_text, ", ".join(providers), None,
                                   Problem(NAME_TAKEN, f"{name} is provided by {' and '.join(providers)}"))
            log.error("cert_xblock plug-in %s (%s) is provided by %s: neither is used", name, group, providers)
        else:
            plugins[name] = _load(group, entries[0])
    return dict(sorted(plugins.items(), key=lambda item: (item[1].title.lower(), item[0])))


# The last failure of each plug-in in this process (a call that raised or answered wrongly), for Studio's list.
_failures: dict[tuple[str, str], Problem] = {}


def failed(plugin: Plugin, detail: str) -> Problem:
    """Remember that a usable-looking plug-in failed when called (the caller logs it); the problem to report."""
    problem = Problem(FAILED, detail)
    _failures[(plugin.group, plugin.name)] = problem
    return problem


def worked(plugin: Plugin) -> None:
    """A call answered well: a failure remembered before was transient (Studio stops listing it)."""
    _failures.pop((plugin.group, plugin.name), None)


def last_failure(plugin: Plugin) -> Problem | None:
    return _failures.get((plugin.group, plugin.name))


def refresh() -> None:
    """Read the entry points again on next use, and forget remembered failures."""
    installed.cache_clear()
    _failures.clear()
