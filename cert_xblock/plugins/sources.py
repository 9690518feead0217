"""Asking an installed eligibility source about a chunk of learners, and never trusting a wrong answer.

A source that is not installed, could not be loaded, raised, or answered with something other than a verdict per
learner gives a *broken* answer: not met, with a sentence the learner understands (in their language) and a log
line for the operator naming the plug-in and the exception. A broken answer never issues a certificate.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass

from opaque_keys.edx.keys import CourseKey

from cert_xblock.core.i18n import gettext_for, gettext_noop
from cert_xblock.platform.types import GradeSnapshot
from cert_xblock.plugins import registry
from cert_xblock.plugins.interface import ELIGIBILITY_GROUP, EligibilityRequest, Verdict

log = logging.getLogger(__name__)

NOT_INSTALLED = gettext_noop("The eligibility source {name} is not installed, so it cannot decide whether you "
                             "qualify. Please contact the course team.")
BROKEN = gettext_noop("The eligibility source {title} is not working just now, so it cannot decide whether you "
                      "qualify. Please contact the course team.")


@dataclass(frozen=True)
class SourceAnswer:
    """What the block uses of a source's verdict for one learner (``broken``: the source could not be trusted)."""

    source: str
    title: str
    met: bool
    message: str
    current: float | None = None
    required: float | None = None
    broken: bool = False


def _percent(value: object) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)
                             and math.isfinite(value) and 0 <= value <= 100)


def _checked(verdict: object) -> str | None:
    """Why a verdict cannot be used, or None."""
    if not isinstance(verdict, Verdict):
        return f"answered {type(verdict).__name__} instead of a Verdict"
    if not isinstance(verdict.met, bool):
        return f"answered met={verdict.met!r} instead of True or False"
    if not isinstance(verdict.message, str) or not verdict.message.strip():
        return "answered a verdict without a message"
    if not (_percent(verdict.current) and _percent(verdict.required)):
        return "answered current/required outside 0..100"
    return None


def answers(name: str, course_key: CourseKey, block_id: str, grades: Mapping[int, GradeSnapshot],
            languages: Mapping[int, str] | None = None, *, request_id: str = "-") -> dict[int, SourceAnswer]:
    """The source's answer for every learner of ``grades``, in one call to the plug-in; broken ones where it fails."""
    languages = languages or {}
    plugin = registry.installed(ELIGIBILITY_GROUP).get(name)

    def broken(user_id: int) -> SourceAnswer:
        _ = gettext_for(languages.get(user_id) or "en")
        text = _(NOT_INSTALLED).format(name=name) if plugin is None else _(BROKEN).format(title=plugin.title)
        return SourceAnswer(name, plugin.title if plugin else name, False, text, broken=True)

    if plugin is None or plugin.broken or not grades:
        if plugin is None and grades:
            log.error("cert_xblock request_id=%s block=%s eligibility source %s is not installed: nobody is "
                      "certified by it", request_id, block_id, name)
        return {user_id: broken(user_id) for user_id in grades}
    request = EligibilityRequest(course_key, block_id, tuple(grades), dict(grades), dict(languages))
    try:
        verdicts = plugin.target.decide(request)
    except Exception as exc:
        log.exception("cert_xblock request_id=%s block=%s eligibility source %s (%s) raised", request_id, block_id,
                      name, plugin.distribution)
        registry.failed(plugin, registry.described(exc))
        return {user_id: broken(user_id) for user_id in grades}
    if not isinstance(verdicts, Mapping):
        detail = f"decide() returned {type(verdicts).__name__} instead of a mapping of user id to Verdict"
        log.error("cert_xblock request_id=%s block=%s eligibility source %s (%s): %s", request_id, block_id, name,
                  plugin.distribution, detail)
        registry.failed(plugin, detail)
        return {user_id: broken(user_id) for user_id in grades}
    result = {}
    for user_id in grades:
        verdict = verdicts.get(user_id)
        problem = "gave no verdict" if verdict is None else _checked(verdict)
        if problem:
            log.error("cert_xblock request_id=%s block=%s user=%s eligibility source %s (%s) %s", request_id,
                      block_id, user_id, name, plugin.distribution, problem)
            registry.failed(plugin, f"{problem} for learner {user_id}")
            result[user_id] = broken(user_id)
        else:
            result[user_id] = SourceAnswer(name, plugin.title, verdict.met, verdict.message.strip(),
                                           verdict.current, verdict.required)
    if not any(answer.broken for answer in result.values()):
        registry.worked(plugin)
    return result


def candidates(name: str, course_key: CourseKey) -> list[int] | None:
    """The learners the source offers for the batch, or None when it offers none (the batch's own query then).
    A missing, broken or failing source offers nobody: nothing could be issued on its say-so anyway."""
    plugin = registry.installed(ELIGIBILITY_GROUP).get(name)
    if plugin is None or plugin.broken:
        return []
    offer = getattr(plugin.target, "candidates", None)
    if not callable(offer):
        return None
    try:
        ids = sorted({int(user_id) for user_id in offer(course_key)})
    except Exception as exc:
        log.exception("cert_xblock eligibility source %s (%s) candidates() failed", name, plugin.distribution)
        registry.failed(plugin, registry.described(exc))
        return []
    return ids
