"""Names as a visitor and a learner see them, in headless Chromium against the demo: the verify page shows exactly
the text the PDF prints, whatever bidi overrides or control characters the account's name held, and a name too
long to print is refused with what to do about it."""
from __future__ import annotations

import subprocess

from tests.block.helpers import add_learner, certificate_files, certificates_of, rows


def set_full_name(server, username: str, name: str) -> None:
    """Write the name as the LMS would store whatever the account form let through (NUL included)."""
    [(user_id,)] = rows(server, "SELECT id FROM auth_user WHERE username = ?", username)
    rows(server, "UPDATE auth_userprofile SET name = ? WHERE user_id = ?", name, user_id)


# pdftotext marks each right-to-left run it extracts with an embedding (RLE … PDF): its own markup, not the PDF's.
POPPLER_MARKUP = dict.fromkeys(map(ord, "\u202a\u202b\u202c"))


def poppler_text(pdf: bytes) -> str:
    """The text poppler extracts, in logical order: what a search or a screen reader gets from the PDF."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode().translate(POPPLER_MARKUP)


def issue_in_browser(page, workbench, username: str) -> dict:
    page.goto(workbench.url(f"/scenario/cert_xblock.0/?student={username}"))
    page.get_by_role("button", name="Get my certificate").click()
    page.get_by_role("link", name="Download certificate (PDF)").wait_for(state="visible")
    verify = page.get_by_role("link", name="Public verification link").get_attribute("href")
    download = page.get_by_role("link", name="Download certificate (PDF)").get_attribute("href")
    return {"verify": verify, "pdf": page.request.get(workbench.url(download)).body()}


def test_a_bidi_override_and_control_characters_show_on_the_verify_page_as_the_pdf_prints_them(workbench, page):
    names = {
        "override": ("Ada \u202eLovelace\u202c \u2067שרה\u2069", "Ada Lovelace שרה"),
        "controls": ("Zoë\x00 \x1b[31mRed\x07\tHerring\u200b", "Zoë [31mRed Herring"),
    }
    for username, (stored, printed) in names.items():
        add_learner(workbench, username, "placeholder", percent=0.95, letter="A")
        set_full_name(workbench, username, stored)
        issued = issue_in_browser(page, workbench, username)
        pdf_lines = poppler_text(issued["pdf"]).splitlines()
        assert printed in pdf_lines, f"the PDF prints {printed!r}"
        page.goto(issued["verify"])
        shown = page.locator(".verify__name").inner_text()
        assert shown == printed, "the page shows what the PDF prints, character for character"
        [(_, _, _, _, recorded)] = certificates_of(workbench, username)
        assert recorded == printed
        assert page.request.get(issued["verify"] + ".json").json()["name"] == printed


def test_a_name_too_long_to_print_is_refused_with_what_to_do(workbench, page):
    add_learner(workbench, "longname", "placeholder", percent=0.95, letter="A")
    set_full_name(workbench, "longname", "Bartholomew " * 18)  # fits the platform's 255-character column
    files_before = certificate_files(workbench)
    page.goto(workbench.url("/scenario/cert_xblock.0/?student=longname"))
    page.get_by_role("button", name="Get my certificate").click()
    message = page.locator(".cert-xblock__message")
    message.filter(has_text="too long").wait_for()
    assert message.inner_text() == (
        "Your full name is too long to print on a certificate (215 characters; at most 128). Shorten the full name "
        "in your account settings, then try again.")
    assert certificates_of(workbench, "longname") == []
    assert certificate_files(workbench) == files_before
