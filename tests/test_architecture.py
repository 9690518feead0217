"""The package's shape, read from its own imports: folders by stage, one seam, imports that flow one way.

docs/architecture.md draws the stages; these tests keep the code to that drawing. The import graph is computed
with ``ast`` from every module of ``cert_xblock`` (imports inside functions count: they run too), so a cycle or a
forbidden arrow fails here before a newcomer trips over it.
"""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cert_xblock"
SEAM = "cert_xblock.platform"
# edx-platform's top-level packages, and the platform's own libraries the LMS brings (edx-completion, edx-ace,
# event-tracking): only the seam may import them.
PLATFORM_PACKAGES = ("lms", "cms", "openedx", "common.djangoapps", "xmodule", "edx_ace", "completion",
                     "eventtracking")
# The Grade Me click's path and the one issuance path: none of them may depend on the beat's batch, even through
# another module. The block itself hosts the staff view too (which starts Issue now), so it only may not import the
# batch directly.
CLICK_AND_ISSUANCE = ("cert_xblock.block.learner_view", "cert_xblock.issuing.issuance",
                      "cert_xblock.issuing.eligibility", "cert_xblock.issuing.kinds", "cert_xblock.issuing.names")
THE_BLOCK = "cert_xblock.block.certificate_block"
BATCH = "cert_xblock.issuing.batch"
DJANGO_PLACES = {"apps.py", "models.py", "migrations", "management", "settings", "conf", "__init__.py"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


@cache
def imports() -> dict[str, set[str]]:
    """Each module → every dotted name it imports (a package's ``__init__`` counts only where it is imported itself,
    not as the parent of a submodule, as import graphs are usually drawn)."""
    graph = {}
    known = set(_modules())
    for module, path in _modules().items():
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                target = _absolute(module, path, node)
                # ``from a import b`` imports module ``a.b`` where there is one, else the name ``b`` of ``a``.
                names.update(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target
                             for alias in node.names)
        graph[module] = names
    return graph


@cache
def internal_graph() -> dict[str, set[str]]:
    """Module → the modules of cert_xblock it imports (a name resolves to the longest module it names)."""
    modules = set(_modules())

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for module, names in imports().items():
        targets = {resolve(name) for name in names if name.startswith("cert_xblock")}
        graph[module] = {target for target in targets if target and target != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each a cycle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def reaches(graph: dict[str, set[str]], start: str, prefix: str) -> list[str]:
    """A path of imports from ``start`` to any module under ``prefix``, or [] when there is none."""
    seen, paths = {start}, [[start]]
    while paths:
        path = paths.pop()
        for target in sorted(graph.get(path[-1], ())):
            if target == prefix or target.startswith(prefix + "."):
                return [*path, target]
            if target not in seen:
                seen.add(target)
                paths.append([*path, target])
    return []


def test_the_cycle_finder_finds_a_cycle_it_is_shown():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_the_package_imports_another_that_imports_it_back():
    assert cycles(internal_graph()) == []


def test_only_the_seam_imports_edx_platform():
    offenders = sorted(
        f"{module} imports {name}" for module, names in imports().items() if not module.startswith(SEAM)
        for name in names if any(name == p or name.startswith(p + ".") for p in PLATFORM_PACKAGES))
    assert offenders == []


def test_the_seam_is_really_where_the_platform_is_imported():
    """The test above would pass over a seam that imports nothing: the LMS side does import edx-platform."""
    seam_imports = {name for module, names in imports().items() if module.startswith(f"{SEAM}.lms") for name in names}
    for package in ("lms.djangoapps.grades", "common.djangoapps.student", "xmodule.modulestore", "edx_ace"):
        assert any(name.startswith(package) for name in seam_imports), package


def test_outside_the_seam_code_talks_to_its_face_only():
    """``cert_xblock.platform`` (and its plain data types) is the seam's one face: its area modules, its LMS side
    and the twin are its own business."""
    allowed = {SEAM, f"{SEAM}.types"}
    offenders = sorted(f"{module} → {target}" for module, targets in internal_graph().items()
                       if not module.startswith(SEAM) for target in targets
                       if target.startswith(SEAM) and target not in allowed)
    assert offenders == []


def test_neither_the_click_nor_issuance_depends_on_the_batch():
    graph = internal_graph()
    paths = {start: reaches(graph, start, BATCH) for start in CLICK_AND_ISSUANCE}
    assert {start: path for start, path in paths.items() if path} == {}


def test_the_block_does_not_import_the_batch_itself():
    assert [target for target in internal_graph()[THE_BLOCK] if target.startswith(BATCH)] == []


def test_the_batch_is_found_by_the_reachability_check_where_it_is_imported():
    assert reaches(internal_graph(), "cert_xblock.staff.issue_now", BATCH)


def test_the_top_of_the_package_shows_its_stages():
    entries = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__")
    assert len(entries) <= 20, entries
    loose = [name for name in entries if name.endswith(".py") and name not in DJANGO_PLACES]
    assert loose == [], "a module at the top belongs in the folder of its stage"


def test_every_stage_folder_says_what_it_is_for_and_what_it_may_import():
    for folder in sorted(p for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        if folder.name in DJANGO_PLACES:
            continue
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "may import" in doc.lower(), f"{folder.name}/__init__.py: say what it is for and what it may import"


def test_no_module_is_over_400_lines_and_no_seam_area_over_250():
    sizes = {module: len(path.read_text(encoding="utf-8").splitlines()) for module, path in _modules().items()}
    assert {module: n for module, n in sizes.items() if n > 400} == {}
    seam_areas = {module: n for module, n in sizes.items()
                  if module.startswith(SEAM) and not module.startswith(f"{SEAM}.twin")}
    assert {module: n for module, n in seam_areas.items() if n > 250} == {}
