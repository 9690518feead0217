"""The README's demo as a newcomer uses it: the sign-in and upgrade links lead somewhere (sign-in back to where the
learner was), the emails sent can be read, every README command works with the demo's CERT_XBLOCK_VAR and port,
and the scenarios are numbered as the workbench lists them. Chromium and subprocesses against the workbench."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from cert_xblock.deploy.demo.scenarios import SCENARIOS
from tests import services
from tests.block.helpers import add_learner, rows

from .axe import violations

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text()


def test_the_sign_in_link_opens_a_sign_in_page_that_returns_to_the_block_as_the_chosen_learner(workbench, page):
    page.goto(workbench.url("/scenario/cert_xblock.1/?student="))
    page.get_by_role("link", name="Sign in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    assert violations(page) == []
    page.get_by_role("link", name="ben", exact=True).click()
    page.wait_for_url("**/scenario/cert_xblock.1/?student=ben")
    assert page.locator(".cert-xblock__grade-value").inner_text() == "64%"


def test_the_sign_in_page_never_sends_a_learner_to_another_site(workbench, page):
    page.goto(workbench.url("/twin/login/?next=https://evil.example/steal"))
    href = page.get_by_role("link", name="ada", exact=True).get_attribute("href")
    assert urlsplit(href).netloc == "" and href.startswith("/scenario/cert_xblock.0/")


def test_the_upgrade_link_opens_the_upgrade_stand_in(workbench, page):
    page.goto(workbench.url("/scenario/cert_xblock.0/?student=dana"))
    page.get_by_role("link", name="Upgrade to a certificate track").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Upgrade to a certificate track"
    assert "--mode verified" in page.inner_text("main")
    assert violations(page) == []


def test_the_email_a_learner_receives_is_listed_and_its_course_link_opens_the_block(workbench, page):
    add_learner(workbench, "mael", "Maël Roux", percent=0.9, letter="A")
    page.goto(workbench.url("/twin/mail/?to=mael"))
    assert "No email has been sent yet to mael@example.com." in page.inner_text("main")
    page.goto(workbench.url("/scenario/cert_xblock.0/?student=mael"))
    page.get_by_role("button", name="Get my certificate").click()
    page.get_by_role("link", name="Download certificate (PDF)").wait_for(state="visible")
    page.goto(workbench.url("/twin/mail/?to=mael"))
    mails = page.locator("article.demo-mail")
    assert mails.count() == 1
    assert mails.get_by_role("heading", level=2).inner_text() == (
        "Your certificate for Certificates 101: Open Learning in Practice is ready")
    assert "Dear Maël Roux," in mails.inner_text()
    assert violations(page) == []
    course_link = re.search(r"https?://\S+/twin/courseware/\S+/", mails.inner_text()).group(0)
    page.goto(course_link.replace(urlsplit(course_link).netloc, urlsplit(workbench.base).netloc) + "?student=mael")
    assert urlsplit(page.url).path == "/scenario/cert_xblock.0/"


def readme_commands() -> list[str]:
    found = re.findall(r"`(python3 scripts/dev\.py manage twin_\w+ [^`]+)`", README)
    return [" ".join(command.split()) for command in found]


def run_readme_command(command: str, workbench, var: Path) -> subprocess.CompletedProcess:
    """The command as a shell runs it (quotes kept), with the demo's var folder and port in the environment."""
    port = urlsplit(workbench.base).port
    env = {**os.environ, **workbench.env, "CERT_XBLOCK_VAR": str(var), "CERT_XBLOCK_DEMO_PORT": str(port),
           "CERT_XBLOCK_VENV": sys.prefix}
    args = shlex.split(command.replace("USERNAME", "readme_reader"))
    return subprocess.run([sys.executable, *args[1:]], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=120, check=False)


def test_every_readme_command_works_with_the_demos_var_folder_and_port(workbench, tmp_path):
    commands = readme_commands()
    assert len(commands) >= 3, "the README names its commands"
    for command in commands:
        done = run_readme_command(command, workbench, workbench.var)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert rows(workbench, "SELECT username FROM auth_user WHERE username = ?", "readme_reader") == [
        ("readme_reader",)]
    if services.MARIADB:
        return  # the suite's MariaDB pass keeps the workbench's data in the server, not in the var folder's sqlite
    # With another var folder than the demo's it says what to do, rather than "no such table: auth_user".
    wrong = run_readme_command(commands[0], workbench, tmp_path / "elsewhere")
    assert wrong.returncode != 0
    assert "CERT_XBLOCK_VAR" in wrong.stdout + wrong.stderr and "no such table" not in wrong.stdout + wrong.stderr


def test_the_readme_numbers_every_scenario_as_the_workbench_lists_it_and_names_the_port(workbench):
    for position in range(len(SCENARIOS)):
        assert f"\n{position}. `cert_xblock.{position}`" in README
    assert "CERT_XBLOCK_DEMO_PORT" in README.split("## Certificates")[0]
    index = workbench.get("/")
    assert [int(n) for n in re.findall(r"/scenario/cert_xblock\.(\d+)/", index)] == list(range(len(SCENARIOS)))
