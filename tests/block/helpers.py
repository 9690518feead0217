"""Reading what the workbench server wrote: its sqlite rows and its certificate files."""
from __future__ import annotations

from pathlib import Path

from tests import services


def add_learner(server: services.Workbench, username: str, name: str, percent: float | None = None,
                letter: str = "", mode: str = "verified", language: str = "", course: str = "") -> None:
    args = ["twin_learner", username, "--name", name, "--mode", mode, "--letter", letter, "--language", language]
    if course:
        args += ["--course", course]
    if percent is not None:
        args += ["--percent", str(percent)]
    services.django_admin(args, server.env)


def rows(server: services.Workbench, sql: str, *params) -> list[tuple]:
    """Rows the server's database holds (sqlite or MariaDB, ``?`` placeholders)."""
    return services.query(server.env, server.var, sql, params)


def certificates_of(server: services.Workbench, username: str) -> list[tuple]:
    return rows(server, "SELECT c.verify_id, c.status, c.file_name, c.request_id, c.name FROM "
                        "cert_xblock_issuedcertificate c JOIN auth_user u ON u.id = c.user_id WHERE u.username = ?",
                username)


def certificate_files(server: services.Workbench) -> list[Path]:
    root = server.var / "cert_xblock_private"
    return sorted(root.rglob("*.pdf")) if root.exists() else []


def grade_modified(server: services.Workbench, username: str) -> str | None:
    found = rows(server, "SELECT g.modified FROM grades_persistentcoursegrade g JOIN auth_user u ON u.id = g.user_id "
                         "WHERE u.username = ?", username)
    return found[0][0] if found else None
