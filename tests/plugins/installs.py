"""Real installed-distribution views for the plug-in tests, cheap enough to build per test run.

``broken_site``: a folder holding a distribution (``*.dist-info`` with its ``entry_points.txt``) whose plug-ins go
wrong in every way, plus one entry point whose module does not exist. Put on ``sys.path`` (or ``PYTHONPATH`` for a
server), ``importlib.metadata`` finds it exactly as it finds a pip-installed package.

``site_without(distribution)``: the test environment's ``site-packages`` as a folder of symbolic links to every
entry except one distribution's files (as its ``RECORD`` lists them). A Python process started with ``-S`` and
this folder added by ``site.addsitedir`` (``launcher.py``) sees the environment as it is after
``pip uninstall``: the distribution's metadata and modules are truly absent, not mocked, while the real
environment, which other tests share, is left untouched. Linking a few hundred entries takes milliseconds where
a real uninstall and reinstall would take seconds and would race the other tests' processes.
"""
from __future__ import annotations

import shutil
import sysconfig
from importlib.metadata import distribution
from pathlib import Path

HERE = Path(__file__).parent
BROKEN_ENTRY_POINTS = """\
[cert_xblock.eligibility]
missing_module = cert_xblock_no_such_module:Source
raising = cert_xblock_broken_plugins:RaisingSource
wrong_type = cert_xblock_broken_plugins:WrongTypeSource
forgetful = cert_xblock_broken_plugins:ForgetfulSource
untitled = cert_xblock_broken_plugins:Untitled

[cert_xblock.designs]
raising_design = cert_xblock_broken_plugins:RaisingDesign
wrong_design = cert_xblock_broken_plugins:WrongTypeDesign
text_design = cert_xblock_broken_plugins:TextDesign
missing_design = cert_xblock_no_such_module:Design
classic = cert_xblock_broken_plugins:WrongTypeDesign
"""


def broken_site(folder: Path) -> Path:
    """Install the broken plug-ins' distribution into ``folder`` (a sys.path entry); returns it."""
    info = folder / "cert_xblock_broken_plugins-0.1.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: cert-xblock-broken-plugins\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(BROKEN_ENTRY_POINTS)
    shutil.copy(HERE / "broken_plugins.py", folder / "cert_xblock_broken_plugins.py")
    return folder


def site_without(name: str, folder: Path) -> Path:
    """``folder`` filled with links to this environment's site-packages, minus the files of distribution ``name``."""
    packages = Path(sysconfig.get_paths()["purelib"])
    dist = distribution(name)
    owned = {(packages / str(path)).resolve().relative_to(packages.resolve()).parts[0]
             for path in dist.files or () if (packages / str(path)).resolve().is_relative_to(packages.resolve())}
    folder.mkdir(parents=True, exist_ok=True)
    for entry in packages.iterdir():
        if entry.name not in owned:
            (folder / entry.name).symlink_to(entry)
    return folder
