"""RDF Dataset Canonicalization (RDFC-1.0, pyld's URDNA2015) against the contexts bundled in ``contexts/`` only.

A credential's signature covers its canonical N-Quads, which depend on every JSON-LD context it names: a context
fetched at signing or verifying time could change what was signed, or make verification depend on a server being
up. So the document loader serves the bundled files and nothing else; any other URL is ``UnknownContext``.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pyld import jsonld

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
_FILES = {VC_V2: "credentials-v2.json", OB_V3: "ob-v3p0-context-3.0.3.json"}

Loader = Callable[[str, Any], dict[str, Any]]


class UnknownContext(ValueError):
    """A document names a JSON-LD context that is not bundled: it is refused rather than fetched."""


@cache
def bundled_contexts() -> Mapping[str, Any]:
    """URL → parsed context document, read once per process from the package."""
    return {url: json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8")) for url, name in _FILES.items()}


def offline_loader(extra: Mapping[str, Any] | None = None) -> Loader:
    """A pyld document loader over the bundled contexts (and ``extra``, for tests' example contexts)."""
    documents = {**bundled_contexts(), **(extra or {})}

    def load(url: str, options: Any = None) -> dict[str, Any]:
        if url not in documents:
            raise UnknownContext(f"JSON-LD context {url!r} is not bundled; it is never fetched")
        return {"contextUrl": None, "documentUrl": url, "document": documents[url]}

    return load


def canonical_nquads(document: Mapping[str, Any], loader: Loader | None = None) -> str:
    """The document's canonical N-Quads (RDFC-1.0), as eddsa-rdfc-2022 hashes them."""
    try:
        return jsonld.normalize(dict(document), {"algorithm": "URDNA2015", "format": "application/n-quads",
                                                 "documentLoader": loader or offline_loader()})
    except jsonld.JsonLdError as error:
        cause = error
        while cause is not None:
            if isinstance(cause, UnknownContext):
                raise cause from error
            cause = getattr(cause, "cause", None) or cause.__cause__
        raise
