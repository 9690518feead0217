"""The staff view never leaves the course team guessing (issue 23), in headless Chromium on the README's demo
(no worker: Issue now runs in the web process, as it does for anyone who follows the README): every action is
busy then answers next to it, what cannot be undone asks first naming the learner or the count, the list says why,
and every new state has no axe-core violations."""
from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from tests import services
from tests.block.helpers import add_learner, rows
from tests.staff.staff_view import learner_row, tile_count
from tests.views.axe import violations

SCENARIO = "/scenario/cert_xblock.0/?student={student}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo exactly as the README starts it, of this module's own (its learners are changed here)."""
    with services.workbench_server(tmp_path_factory.mktemp("feedback-demo")) as server:
        yield server


def _staff_page(page, server):
    page.goto(server.url(SCENARIO.format(student="cara")))
    page.locator(".cert-xblock-staff__learners tbody tr[data-username]").first.wait_for()
    return page


def _search(page, text):
    page.get_by_label("Search learners").fill(text)
    page.locator(f".cert-xblock-staff__learners tbody[data-search='{text}']").wait_for(state="attached")


def _dialog(page):
    return page.locator(".cert-xblock-staff__confirm")


def test_issue_now_shows_each_figure_and_refreshes_counts_and_rows_without_a_reload(demo, page):
    for i in range(3):
        add_learner(demo, f"issuer{i}", f"Issue Learner {i}", percent=0.9, letter="A")
    _staff_page(page, demo)
    eligible, issued = tile_count(page, "eligible"), tile_count(page, "issued")
    assert eligible >= 3
    _search(page, "issuer")
    expect(learner_row(page, "issuer0").locator(".cert-xblock-staff__status strong")).to_have_text(
        "Eligible, not yet certified")
    page.get_by_role("button", name="Issue now").click()
    progress = page.locator(".cert-xblock-staff__progress")
    expect(progress).to_have_attribute("data-state", "done", timeout=60_000)
    # "running or waiting": the run records count chunks as they finish, so being issued and waiting are one figure
    assert re.fullmatch(rf"Batch run: done · queued 0 · running or waiting 0 · issued {eligible} · skipped 0 · "
                        "failed 0", progress.inner_text())
    # without a reload: the counts and the rows say what the run did
    expect(page.locator("[data-count='issued'] .cert-xblock-staff__count")).to_have_text(str(issued + eligible))
    expect(page.locator("[data-count='eligible'] .cert-xblock-staff__count")).to_have_text("0")
    for i in range(3):
        expect(learner_row(page, f"issuer{i}").locator(".cert-xblock-staff__status strong")).to_have_text("Issued")
    expect(page.get_by_role("button", name="Issue now")).to_be_enabled()
    assert violations(page, ".cert-xblock-staff__run") == []


def test_revoke_asks_first_naming_the_learner_and_no_reason_carries_over_to_the_next_action(demo, page):
    add_learner(demo, "revokee", "Rev Okee", percent=0.9, letter="A")
    _staff_page(page, demo)
    _search(page, "revokee")
    learner_row(page, "revokee").get_by_role("button", name="Issue certificate: Rev Okee").click()
    expect(page.locator(".cert-xblock-staff__message")).to_have_text("Issued a certificate to Rev Okee.")

    learner_row(page, "revokee").get_by_role("button", name="Revoke: Rev Okee").click()
    dialog = _dialog(page)
    expect(dialog).to_be_visible()
    assert dialog.get_by_role("heading").inner_text() == "Revoke the certificate of Rev Okee?"
    assert violations(page, ".cert-xblock-staff__confirm") == []
    dialog.get_by_role("button", name="Revoke").click()  # no reason yet: asked for one, nothing done
    expect(dialog.locator(".cert-xblock-staff__confirm-error")).to_have_text(
        "Give a reason: it is kept in the certificate's history.")
    assert violations(page, ".cert-xblock-staff__confirm") == []
    [(status,)] = rows(demo, "SELECT c.status FROM cert_xblock_issuedcertificate c JOIN auth_user u ON "
                             "u.id = c.user_id WHERE u.username = 'revokee'")
    assert status == "issued"
    dialog.get_by_label("Reason (required, kept in the history)").fill("Identity could not be confirmed")
    dialog.get_by_role("button", name="Revoke").click()
    expect(dialog).to_be_hidden()
    message = page.locator(".cert-xblock-staff__message")
    expect(message).to_have_text("Revoked the certificate of Rev Okee.")
    assert message.get_attribute("role") == "status"
    expect(learner_row(page, "revokee").locator(".cert-xblock-staff__status")).to_contain_text(
        "Identity could not be confirmed")
    assert violations(page, ".cert-xblock-staff") == []

    # the next action's reason box starts empty, and cancelling does nothing
    learner_row(page, "revokee").get_by_role("button", name="Restore: Rev Okee").click()
    expect(dialog).to_be_visible()
    assert dialog.get_by_label("Reason (required, kept in the history)").input_value() == ""
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    [(status,)] = rows(demo, "SELECT c.status FROM cert_xblock_issuedcertificate c JOIN auth_user u ON "
                             "u.id = c.user_id WHERE u.username = 'revokee'")
    assert status == "revoked"


def test_an_allowlisted_learner_without_a_certificate_is_issued_and_removed_from_the_row(demo, page):
    add_learner(demo, "lowgrade", "Lou Grade", percent=0.31)
    _staff_page(page, demo)
    page.get_by_label("Username or email").fill("lowgrade")
    page.get_by_label("Note").fill("Passed the oral exam")
    page.get_by_role("button", name="Add to allowlist").first.click()
    note = page.locator(".cert-xblock-staff__allowlist-message")
    expect(note).to_have_text("Added lowgrade to the allowlist.")
    assert page.get_by_label("Username or email").input_value() == "" and page.get_by_label("Note").input_value() == ""
    page.get_by_label("Username or email").fill("lowgrade")
    page.get_by_label("Note").fill("Passed the oral exam")
    page.get_by_role("button", name="Add to allowlist").first.click()
    expect(note).to_have_text("lowgrade is already on the allowlist with this note.")
    _search(page, "lowgrade")
    row = learner_row(page, "lowgrade")
    expect(row.locator(".cert-xblock-staff__status")).to_contain_text("On the allowlist")
    row.get_by_role("button", name="Remove from allowlist: Lou Grade").click()
    dialog = _dialog(page)
    expect(dialog.get_by_role("heading")).to_have_text("Remove Lou Grade from the allowlist?")
    dialog.get_by_role("button", name="Cancel").click()
    row.get_by_role("button", name="Issue certificate: Lou Grade").click()
    expect(row.locator(".cert-xblock-staff__status strong")).to_have_text("Issued · Allowlisted")
    [(via,)] = rows(demo, "SELECT c.issued_via FROM cert_xblock_issuedcertificate c JOIN auth_user u ON "
                          "u.id = c.user_id WHERE u.username = 'lowgrade'")
    assert via == "staff"
    row.get_by_role("button", name="Remove from allowlist: Lou Grade").click()
    dialog.get_by_role("button", name="Remove from allowlist").click()
    expect(page.locator(".cert-xblock-staff__message")).to_have_text("Removed Lou Grade from the allowlist.")
    expect(row.locator(".cert-xblock-staff__status strong")).to_have_text("Issued")


def test_the_list_says_why_in_words_with_the_mode_and_no_grade_yet_never_zero(demo, page):
    _staff_page(page, demo)
    _search(page, "chen")
    chen = learner_row(page, "chen")
    assert chen.locator(".cert-xblock-staff__figure").inner_text() == "No grade yet"
    assert chen.locator(".cert-xblock-staff__reason").inner_text() == "No grade yet"
    _search(page, "ben")
    ben = learner_row(page, "ben")
    assert ben.locator("td").nth(2).inner_text() == "Verified"
    assert re.fullmatch(r"Course grade 64% of \d+% · \d+(\.\d)?% to go",
                        ben.locator(".cert-xblock-staff__reason").inner_text())
    # accents and case ignored: "orsted" finds Dana Ørsted, who audits
    _search(page, "ORSTED")
    dana = learner_row(page, "dana")
    expect(dana).to_have_count(1)
    assert dana.locator("td").nth(2).inner_text() == "Audit"
    assert dana.locator(".cert-xblock-staff__reason").inner_text() == "Audit enrolment"
    assert page.get_by_role("button", name="Previous").is_disabled()
    assert page.get_by_role("button", name="Next").is_disabled()
    _search(page, "cara")  # the course team is not listed among the learners
    assert page.locator(".cert-xblock-staff__learners .cert-xblock-staff__empty").inner_text() == (
        "No learner matches “cara”.")
    _search(page, "nobody-at-all")
    empty = page.locator(".cert-xblock-staff__learners .cert-xblock-staff__empty")
    assert empty.inner_text() == "No learner matches “nobody-at-all”."
    assert violations(page, ".cert-xblock-staff") == []


def test_history_opens_beside_its_row_with_the_name_and_times_carry_their_timezone(demo, page):
    add_learner(demo, "historic", "Hedy Lamarr", percent=0.9, letter="A")
    _staff_page(page, demo)
    _search(page, "historic")
    learner_row(page, "historic").get_by_role("button", name="Issue certificate: Hedy Lamarr").click()
    learner_row(page, "historic").get_by_role("button", name="History: Hedy Lamarr").click()
    box = page.locator(".cert-xblock-staff__learners tr[data-username='historic'] + tr "
                       ".cert-xblock-staff__history")
    expect(box.locator(".cert-xblock-staff__history-title")).to_have_text("History of Hedy Lamarr")
    when = box.locator(".cert-xblock-staff__actions-log tbody tr td").first.inner_text()
    assert when.endswith("UTC"), when
    # what was done, in words, not the audit row's code ("issue_now")
    expect(box.locator(".cert-xblock-staff__actions-log tbody tr td").nth(2)).to_have_text("Issued by the course team")
    assert violations(page, ".cert-xblock-staff") == []


def test_regenerate_all_names_the_count_and_is_one_grouped_history_entry(demo, page):
    _staff_page(page, demo)
    issued = tile_count(page, "issued")
    assert issued >= 2
    page.get_by_role("button", name="Regenerate all").click()
    dialog = _dialog(page)
    expect(dialog.get_by_role("heading")).to_have_text(f"Print all {issued} valid certificates again?")
    dialog.get_by_label("Reason (required, kept in the history)").fill("New signature")
    dialog.get_by_role("button", name="Regenerate all").click()
    expect(page.locator(".cert-xblock-staff__message")).to_have_text(f"Regenerated: {issued}", timeout=60_000)
    page.get_by_role("button", name="Recent staff actions").click()
    first = page.locator(".cert-xblock-staff__block-history .cert-xblock-staff__actions-log tbody tr").first
    expect(first.locator("td").nth(3)).to_have_text(f"{issued} learners")
    assert first.locator("td").nth(2).inner_text() == "Printed the certificate again"
    assert first.locator("td").nth(4).inner_text() == "New signature"
    assert page.locator(".cert-xblock-staff__block-history .cert-xblock-staff__actions-log tbody tr").filter(
        has_text="New signature").count() == 1
    assert violations(page, ".cert-xblock-staff__block-history") == []


def test_a_csv_import_waits_for_its_button_asks_first_and_reports_with_headings_and_totals(demo, page, tmp_path):
    add_learner(demo, "csvone", "Csv One", percent=0.2)
    file = tmp_path / "allow.csv"
    file.write_text("username,note\ncsvone,Oral exam\nnobody-here\n\n")
    _staff_page(page, demo)
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "allowlist_csv" in r.url else None)
    page.get_by_label("Upload a CSV").set_input_files(str(file))
    page.wait_for_timeout(300)
    assert requests == [], "picking a file starts nothing"
    page.get_by_role("button", name="Import the CSV").click()
    dialog = _dialog(page)
    expect(dialog.get_by_role("heading")).to_have_text("Import 3 lines of allow.csv into the allowlist?")
    assert violations(page, ".cert-xblock-staff__confirm") == []
    dialog.get_by_role("button", name="Import the CSV").click()
    report = page.locator(".cert-xblock-staff__csv-report")
    expect(report.locator("caption")).to_have_text(
        "Import report for allow.csv — 1 added · 0 updated · 0 unchanged · 1 skipped · 1 errors")
    assert [h.inner_text() for h in report.locator("thead th").all()] == [
        "Line", "Username or email", "Outcome", "Details"]
    added = report.locator("tr[data-outcome='added'] td")
    assert [added.nth(i).inner_text() for i in range(4)] == ["2", "csvone", "Added", "Added to the allowlist."]
    assert violations(page, ".cert-xblock-staff") == []


def test_the_title_and_report_file_names_name_the_certificate_course_block_and_date(demo, page):
    from tests.conftest import LearnerSession

    LearnerSession(demo, "ada").post("grade_me")  # certified, then allowlisted: the report must say so
    _staff_page(page, demo)
    page.get_by_label("Username or email").fill("ada")
    page.get_by_label("Note").fill("Mentor")
    page.get_by_role("button", name="Add to allowlist").first.click()
    expect(page.locator(".cert-xblock-staff__allowlist-message")).to_contain_text("ada")
    assert page.locator(".cert-xblock-staff__title").inner_text() == "Your certificate: course team"
    [(block_id,)] = rows(demo, "SELECT block_id FROM cert_xblock_certificateblockconfig WHERE settings LIKE ?",
                         '%"display_name": "Your certificate"%')
    stamp = datetime.now(UTC).date().isoformat()
    with page.expect_download() as download:
        page.get_by_role("link", name="Issuance report (CSV)").click()
    name = f"certificates-DemoX-CERT101-2026-{block_id.rsplit('@', 1)[-1]}-{stamp}"
    assert download.value.suggested_filename == f"{name}.csv"
    report = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
    # the report's allowlist column is the allowlist as the dashboard shows it now (lowgrade, certified while
    # allowlisted, was removed from it above)
    listed = {name for (name,) in rows(demo, "SELECT u.username FROM cert_xblock_allowlistentry a JOIN auth_user u "
                                             "ON u.id = a.user_id WHERE a.block_id = ?", block_id)}
    assert report and {r["username"]: r["allowlisted"] for r in report} == {
        r["username"]: "yes" if r["username"] in listed else "no" for r in report}
    assert all(r["allowlisted_by"] == "" for r in report if r["allowlisted"] == "no")
    ada = next(r for r in report if r["username"] == "ada")
    assert (ada["allowlisted"], ada["allowlisted_by"], ada["allowlist_note"]) == ("yes", "cara", "Mentor")
    with page.expect_download() as download:
        page.get_by_role("link", name="All PDFs (ZIP)").click()
    assert download.value.suggested_filename == f"{name}.zip"
