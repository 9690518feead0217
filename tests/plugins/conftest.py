"""The broken plug-ins' distribution on ``sys.path`` for one test, and the registry read afresh around it."""
from __future__ import annotations

import pytest

from cert_xblock import plugins

from .installs import broken_site


@pytest.fixture
def broken_plugins(tmp_path, monkeypatch):
    """The installed plug-ins now include the broken ones (``installs.BROKEN_ENTRY_POINTS``)."""
    monkeypatch.syspath_prepend(str(broken_site(tmp_path / "site")))
    plugins.refresh()
    yield
    plugins.refresh()


@pytest.fixture(autouse=True)
def fresh_registry():
    """Each test reads the entry points itself and starts with no remembered failures."""
    plugins.refresh()
    yield
    plugins.refresh()
