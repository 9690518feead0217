"""HTML of the block's views from the top-level ``templates/`` folder, with Django's template language.

A standalone engine (not the host's TEMPLATES setting), so the block renders the same in the LMS, Studio
and the workbench, and autoescaping protects every learner-supplied string.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from django.template import Context, Engine, Template

from cert_xblock.core.resources import asset_dir


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(asset_dir("templates"))], autoescape=True, libraries={})


def get_template(name: str) -> Template:
    """One of the package's templates; raises ``TemplateDoesNotExist`` as Django's loader does."""
    return _engine().get_template(name)


def render_template(name: str, context: dict[str, Any]) -> str:
    return get_template(name).render(Context(context))
