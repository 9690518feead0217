"""The block's settings as ``CertificateSettings``, each field read from the runtime only when first asked for.

A click needs a handful of the block's 28 settings when the learner already holds the certificate (the
eligibility rules and the title), all of them only when it prints one. Reading a field is not free everywhere:
the XBlock SDK's workbench key-value store makes one database query per field (``workbench/runtime.py``
``WorkbenchDjangoKeyValueStore.has``), which was two thirds of a repeat click's server CPU. Each field is read
at most once per object; the object is otherwise a ``CertificateSettings`` (equality, ``to_dict``,
``dataclasses.replace``, its methods).
"""
from __future__ import annotations

from typing import Any

from cert_xblock.config.values import CertificateSettings

_FIELDS = frozenset(CertificateSettings.field_names())


class BlockSettings(CertificateSettings):
    """``CertificateSettings`` backed by an XBlock's fields, read on first use and kept."""

    def __new__(cls, block: Any = None, **values: Any) -> CertificateSettings:
        # ``dataclasses.replace`` and copies call the class with every value: they get plain data.
        if block is None:
            return CertificateSettings(**values)
        return object.__new__(cls)

    def __init__(self, block: Any = None, **values: Any) -> None:  # the values went to __new__
        object.__setattr__(self, "_block", block)

    def __getattribute__(self, name: str) -> Any:
        if name in _FIELDS:
            known = object.__getattribute__(self, "__dict__")
            if name not in known:
                known[name] = getattr(known["_block"], name)
            return known[name]
        return object.__getattribute__(self, name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CertificateSettings):
            return self.to_dict() == other.to_dict()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.to_dict().items())))

    def __repr__(self) -> str:
        return repr(CertificateSettings(**self.to_dict()))

    def __reduce__(self) -> tuple:
        return CertificateSettings.from_dict, (self.to_dict(),)
