"""docs/security.md's permission table is the one the code enforces: a reader can trust the page."""
from __future__ import annotations

from pathlib import Path

from cert_xblock.core.permissions import PERMISSIONS, Action, Role

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def documented_table() -> dict[str, set[str]]:
    lines = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    table = {}
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        table[cells[0]] = {role for role, mark in zip(header[1:], cells[1:], strict=True) if mark == "yes"}
    return table


def test_the_documented_table_is_the_enforced_one():
    documented = documented_table()
    enforced = {action.value: {role.value for role in roles} for action, roles in PERMISSIONS.items()}
    assert documented == enforced
    assert set(PERMISSIONS) == set(Action), "every action has its row"
    assert {Role(value) for value in set().union(*documented.values())} <= set(Role)
