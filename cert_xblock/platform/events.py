"""Events: the platform's tracking log (``eventtracking.tracker.emit`` in the LMS, a table in the twin)."""
from __future__ import annotations

from typing import Any

from cert_xblock.platform import backend


def emit_event(name: str, data: dict[str, Any]) -> None:
    """A tracking-log event (``eventtracking.tracker.emit`` in the LMS)."""
    backend.current().emit_event(name, data)

