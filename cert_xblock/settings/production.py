"""Production settings hook: operators' values come from the LMS's own YAML; defaults as in common."""
from __future__ import annotations

from typing import Any

from .common import plugin_settings as common_settings


def plugin_settings(settings: Any) -> None:
    common_settings(settings)
