"""setup.py lists its packages by hand: a package left out (say ``cert_xblock.web.rest``) would install a plugin whose
URLs fail to import in the LMS while every test in a checkout passes."""
from __future__ import annotations

import ast

from tests.services import REPO


def listed_packages() -> set[str]:
    tree = ast.parse((REPO / "setup.py").read_text())
    call = next(node for node in ast.walk(tree)
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "setup")
    packages = next(keyword.value for keyword in call.keywords if keyword.arg == "packages")
    return {element.value for element in packages.elts if isinstance(element, ast.Constant)}


def test_every_python_package_of_cert_xblock_is_in_setup_py():
    on_disk = {".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "cert_xblock").rglob("__init__.py")}
    assert on_disk - listed_packages() == set()
