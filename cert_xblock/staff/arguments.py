"""The bounds of every staff request's arguments, checked by both doors (the block's ``staff`` handler and the REST
API) before the operation runs: valid text everywhere (``core.inputs``), and the arguments no operation bounds itself.

A note, a reason, a search and a username are bounded by their operations, in their own words; what is left here
would otherwise reach SQL unbounded: a page number past a database's integer ("datatype mismatch" on sqlite), an
``after`` past 2**63, a 50 KB certificate or request id.
"""
from __future__ import annotations

from typing import Any

from cert_xblock.core.inputs import LARGEST_WHOLE, Bounds

MAX_PAGE = 10**9
ARGUMENTS = Bounds(text={"certificate": 64, "request_id": 64, "status": 32},
                   whole={"page": (1, MAX_PAGE), "after": (0, LARGEST_WHOLE)})


def check_arguments(data: Any, _: Any = lambda s: s) -> None:
    """A staff request's query (one value each) or JSON object as valid text within ``ARGUMENTS``;
    ``InputRefused`` (400) names the first argument that is not."""
    ARGUMENTS.check({key: data.get(key) for key in data}, _)
