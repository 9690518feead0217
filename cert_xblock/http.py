"""Small helpers for the block's HTTP handlers: JSON responses and strict request parsing."""
from __future__ import annotations

import json
from typing import Any

from webob import Response


class BadRequest(ValueError):
    """The request is malformed; the message says why and is shown to the caller with a 400."""


def json_response(status: int, payload: dict[str, Any]) -> Response:
    return Response(status=status, body=json.dumps(payload).encode("utf-8"), content_type="application/json",
                    charset="utf-8")


def error_response(http_status: int, message: str, **extra: Any) -> Response:
    """A JSON error; ``extra`` may carry a ``status`` for the learner view (for example ``anonymous``)."""
    return json_response(http_status, {"error": message, **extra})


def parse_json_object(request: Any, _: Any = lambda s: s) -> dict[str, Any]:
    """The body as a JSON object; an empty body counts as ``{}``. Anything else is a BadRequest."""
    if request.method != "POST":
        raise BadRequest(_("Use POST for this request."))
    body = request.body or b""
    if not body.strip():
        return {}
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(_("The request body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise BadRequest(_("The request body must be a JSON object."))
    return data
