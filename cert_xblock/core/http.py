"""The block's HTTP handlers: JSON responses and strict request parsing.

Every handler parses its request here before it touches anything: the method (405), the content type (415), the
size (413) and the JSON shape (400), each refusal with a reason in the caller's language. Nothing a caller sends
can reach the code behind a handler as an exception: deep nesting, non-finite numbers, multipart bodies, bytes
that are not UTF-8, text that is not valid Unicode (``core.inputs``) all end here as a 4xx.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from typing import Any

from webob import Response

from cert_xblock.core.inputs import InputRefused, check_text

# Bodies larger than this are refused unread: the biggest legitimate one (a Studio save) is a few KB.
MAX_BODY_BYTES = 64 * 1024
MAX_JSON_DEPTH = 8
# What browsers and the Studio editor send JSON as: fetch() sets application/json; the XBlock mixin's jQuery save
# sends its JSON text with jQuery's default form type; an empty body may come with no type at all.
JSON_TYPES = frozenset({"application/json", "text/plain", "application/x-www-form-urlencoded", ""})


class RequestError(ValueError):
    """The request cannot be served as sent; ``status`` is the 4xx, the message says why in the caller's words."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def json_response(status: int, payload: dict[str, Any]) -> Response:
    # No ``headerlist=`` here: webob then drops ``content_type``, and the runtime serves the JSON as text/html.
    return Response(status=status, body=json.dumps(payload).encode("utf-8"), content_type="application/json",
                    charset="utf-8")


def error_response(http_status: int, message: str, **extra: Any) -> Response:
    """A JSON error; ``extra`` may carry a ``status`` for the learner view (for example ``anonymous``)."""
    return json_response(http_status, {"error": message, **extra})


def require_method(request: Any, allowed: Iterable[str], _: Callable[[str], str] = lambda s: s) -> None:
    """405 unless the request uses one of the allowed methods."""
    allowed = tuple(allowed)
    if request.method not in allowed:
        raise RequestError(405, _("Use {methods} for this request.").format(methods=" or ".join(allowed)))


def parse_json_object(request: Any, _: Callable[[str], str] = lambda s: s,
                      max_bytes: int = MAX_BODY_BYTES) -> dict[str, Any]:
    """A POST's body as a JSON object (an empty body counts as ``{}``); anything else raises ``RequestError``."""
    require_method(request, ("POST",), _)
    content_type = (request.content_type or "").lower()
    if content_type not in JSON_TYPES:
        raise RequestError(415, _("Send the request body as JSON (Content-Type: application/json)."))
    if (request.content_length or 0) > max_bytes:
        raise RequestError(413, _("The request body is too large."))
    body = request.body_file_raw.read(max_bytes + 1) if request.content_length is None else request.body
    if len(body) > max_bytes:
        raise RequestError(413, _("The request body is too large."))
    return load_json_object(body, _)


def load_json_object(body: bytes, _: Callable[[str], str] = lambda s: s) -> dict[str, Any]:
    """A body already read within its size limit, as a JSON object of valid text (``inputs.check_text``): the
    block's handlers and the REST API's parser share it. ``RequestError`` (400) names what is wrong."""
    if not body.strip():
        return {}
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError):
        raise RequestError(400, _("The request body is not valid JSON.")) from None
    except RecursionError:
        raise RequestError(400, _("The request body is nested too deeply.")) from None
    if not isinstance(data, dict):
        raise RequestError(400, _("The request body must be a JSON object."))
    if _depth(data) > MAX_JSON_DEPTH:
        raise RequestError(400, _("The request body is nested too deeply."))
    try:
        check_text(data, "", _)
    except InputRefused as exc:
        raise RequestError(exc.status, str(exc)) from None
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _depth(value: Any, level: int = 1) -> int:
    """How deeply containers nest (stops counting past the limit, so a hostile body costs little)."""
    if level > MAX_JSON_DEPTH or not isinstance(value, (dict, list)):
        return level
    children = value.values() if isinstance(value, dict) else value
    return max((_depth(child, level + 1) for child in children), default=level)


def finite_number(value: Any) -> bool:
    """A JSON number a setting can hold: not a bool, not infinite (1e400 parses as infinity), not NaN."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
