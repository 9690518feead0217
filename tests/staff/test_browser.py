"""The staff view as the course team uses it, in headless Chromium: counts, allowlist, revoke and restore,
regenerate, issue now with a real Celery worker on Redis."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from cert_xblock.platform.twin.users import DEFAULT_COURSE as DEMO_COURSE
from tests.block.helpers import add_learner, rows
from tests.pdf import pdf_text
from tests.staff.staff_view import learner_row, tile_count

SCENARIO = "/scenario/cert_xblock.0/?student={student}"


def _block_id(server) -> str:
    [(block_id,)] = rows(server, "SELECT block_id FROM cert_xblock_certificateblockconfig WHERE settings LIKE ?",
                         '%"display_name": "Your certificate"%')
    return block_id


def _as(page, server, student):
    page.goto(server.url(SCENARIO.format(student=student)))
    return page


def _staff_page(page, server):
    _as(page, server, "cara")
    page.locator(".cert-xblock-staff__learners tbody tr").first.wait_for()
    return page


def _search(page, text):
    page.get_by_label("Search learners").fill(text)
    page.locator(".cert-xblock-staff__learners tr[data-username]").first.wait_for()


def _confirm(page, control, reason):
    """Click an action that asks first, give the reason in its dialog and confirm."""
    control.click()
    dialog = page.locator(".cert-xblock-staff__confirm")
    dialog.get_by_label("Reason (required, kept in the history)").fill(reason)
    dialog.locator(".cert-xblock-staff__confirm-yes").click()
    expect(dialog).to_be_hidden()


def test_the_counts_match_the_database(staff_workbench, staff_session, page):
    staff_session("ada").post("grade_me")
    _staff_page(page, staff_workbench)
    block_id = _block_id(staff_workbench)
    [(issued,)] = rows(staff_workbench, "SELECT COUNT(*) FROM cert_xblock_issuedcertificate WHERE block_id = ? "
                                        "AND live = 1", block_id)
    [(revoked,)] = rows(staff_workbench, "SELECT COUNT(DISTINCT user_id) FROM cert_xblock_issuedcertificate "
                                         "WHERE block_id = ? AND status = 'revoked'", block_id)
    [(allowlisted,)] = rows(staff_workbench, "SELECT COUNT(*) FROM cert_xblock_allowlistentry WHERE block_id = ?",
                            block_id)
    # eligible, independently: active verified/honor enrollments in the demo course with a passed grade there, or
    # allowlisted, and no row (the demo has a second course, the pathway's, whose rows must not count)
    [(eligible,)] = rows(staff_workbench, """
        SELECT COUNT(*) FROM student_courseenrollment e WHERE e.is_active AND e.course_id = ? AND e.user_id NOT IN (
            SELECT user_id FROM cert_xblock_issuedcertificate WHERE block_id = ?) AND (
            (e.mode != 'audit' AND e.user_id IN (SELECT user_id FROM grades_persistentcoursegrade
                                                 WHERE passed_timestamp IS NOT NULL AND course_id = e.course_id))
            OR e.user_id IN (SELECT user_id FROM cert_xblock_allowlistentry WHERE block_id = ?))""",
                          DEMO_COURSE, block_id, block_id)
    # learners: the course team (course or org roles, global staff) left out unless graded, certified or allowlisted
    [(enrolled,)] = rows(staff_workbench, """
        SELECT COUNT(*) FROM student_courseenrollment e JOIN auth_user u ON u.id = e.user_id
        WHERE e.is_active AND e.course_id = ? AND NOT (
            (u.is_staff OR u.id IN (SELECT user_id FROM student_courseaccessrole WHERE course_id = e.course_id
                                    OR (course_id = '' AND org = 'DemoX')))
            AND u.id NOT IN (SELECT user_id FROM grades_persistentcoursegrade WHERE course_id = e.course_id)
            AND u.id NOT IN (SELECT user_id FROM cert_xblock_issuedcertificate WHERE block_id = ?)
            AND u.id NOT IN (SELECT user_id FROM cert_xblock_allowlistentry WHERE block_id = ?))""",
                         DEMO_COURSE, block_id, block_id)
    [(holders,)] = rows(staff_workbench, "SELECT COUNT(DISTINCT user_id) FROM cert_xblock_issuedcertificate "
                                         "WHERE block_id = ?", block_id)
    assert issued >= 1
    assert (tile_count(page, "issued"), tile_count(page, "revoked"), tile_count(page, "allowlisted"),
            tile_count(page, "eligible"), tile_count(page, "not_yet_eligible")) == (
        issued, revoked, allowlisted, eligible, enrolled - holders - eligible)
    _search(page, "ada")
    ada = learner_row(page, "ada")
    assert ada.locator("td").nth(0).inner_text() == "Ada Lovelace"
    assert ada.locator("td").nth(3).inner_text() == "92%"
    assert ada.locator(".cert-xblock-staff__status strong").inner_text() == "Issued"


def test_an_allowlisted_learner_below_the_threshold_receives_a_certificate(staff_workbench, page):
    add_learner(staff_workbench, "lowgrade", "Lou Grade", percent=0.31)
    _staff_page(page, staff_workbench)
    page.get_by_label("Username or email").fill("lowgrade@example.com")
    page.get_by_label("Note").fill("Passed the oral exam")
    page.get_by_role("button", name="Add to allowlist").first.click()
    page.wait_for_function("document.querySelector('[data-count=allowlisted] strong') && "
                           "document.querySelector('[data-count=allowlisted] strong').textContent !== '0'")
    _as(page, staff_workbench, "lowgrade")
    assert page.locator(".cert-xblock__message").inner_text() == "Course staff have granted you this certificate."
    page.get_by_role("button", name="Get my certificate").click()
    page.get_by_role("link", name="Download certificate (PDF)").wait_for(state="visible")
    [(via, allowlisted)] = rows(staff_workbench, "SELECT c.issued_via, c.allowlisted FROM "
                                "cert_xblock_issuedcertificate c JOIN auth_user u ON u.id = c.user_id "
                                "WHERE u.username = 'lowgrade'")
    assert (via, allowlisted) == ("learner", 1)


def test_revoke_shows_on_the_verify_page_refuses_the_download_and_restore_brings_it_back(staff_workbench,
                                                                                        staff_session, page):
    add_learner(staff_workbench, "revokee", "Rev Okee", percent=0.9, letter="A")
    holder = staff_session("revokee")
    certificate = holder.post("grade_me").json()["certificate"]
    assert holder.get("download").status_code == 200

    _staff_page(page, staff_workbench)
    _search(page, "revokee")
    _confirm(page, learner_row(page, "revokee").get_by_role("button", name="Revoke: Rev Okee"),
             "Identity could not be confirmed")
    learner_row(page, "revokee").get_by_role("button", name="Restore: Rev Okee").wait_for()

    page.goto(certificate["verify_url"])
    status = page.locator(".verify__status").inner_text()
    assert re.fullmatch(r"This certificate was revoked on \d{1,2} [A-Z][a-z]+ \d{4}\.", status)
    assert page.locator(".verify__reason").count() == 0, "the public sees no reason unless the author publishes it"
    assert holder.get("download").status_code == 410, "a page saying it was revoked (tests/views/test_learner_names.py)"
    assert holder.http.get(holder.server.url(SCENARIO.format(student="revokee"))).text.count(
        "Your certificate for this course was revoked.") == 1

    _staff_page(page, staff_workbench)
    _search(page, "revokee")
    _confirm(page, learner_row(page, "revokee").get_by_role("button", name="Restore: Rev Okee"),
             "Identity confirmed by phone")
    learner_row(page, "revokee").get_by_role("button", name="Revoke: Rev Okee").wait_for()
    page.goto(certificate["verify_url"])
    assert page.locator(".verify__status").inner_text() == "Valid certificate"
    assert holder.get("download").status_code == 200


def test_a_regenerated_certificate_keeps_its_verify_id_prints_the_new_name_and_lists_both_versions(
        staff_workbench, staff_session, page):
    add_learner(staff_workbench, "renamed", "Maria Sklodowska", percent=0.9, letter="A")
    holder = staff_session("renamed")
    certificate = holder.post("grade_me").json()["certificate"]
    add_learner(staff_workbench, "renamed", "Maria Skłodowska-Curie", percent=0.9, letter="A")

    _staff_page(page, staff_workbench)
    _search(page, "renamed")
    _confirm(page, learner_row(page, "renamed").get_by_role("button", name="Regenerate: Maria Sklodowska"),
             "Name changed")
    page.wait_for_function("document.querySelector(\"tr[data-username='renamed'] td\").textContent === "
                           "'Maria Skłodowska-Curie'")
    learner_row(page, "renamed").get_by_role("button", name="History: Maria Skłodowska-Curie").click()
    versions = page.locator(".cert-xblock-staff__versions tbody tr")
    versions.nth(1).wait_for()
    assert [versions.nth(i).locator("td").nth(1).inner_text() for i in range(2)] == [
        "Maria Skłodowska-Curie", "Maria Sklodowska"]
    assert versions.nth(0).locator("td").nth(3).inner_text() == "cara"
    assert versions.nth(0).locator("td").nth(4).inner_text() == "Name changed"

    page.goto(certificate["verify_url"])
    assert page.locator(".verify__name").inner_text() == "Maria Skłodowska-Curie"
    assert page.url == certificate["verify_url"]
    download = holder.get("download")
    assert "Maria Skłodowska-Curie" in pdf_text(download.content)
    [(verify_id, version)] = rows(staff_workbench, "SELECT c.verify_id, c.version FROM cert_xblock_issuedcertificate c "
                                  "JOIN auth_user u ON u.id = c.user_id WHERE u.username = 'renamed'")
    assert (verify_id, version) == (certificate["id"], 2)


def test_issue_now_runs_the_batch_on_the_worker_and_the_progress_reaches_done(staff_workbench, page):
    for i in range(5):
        add_learner(staff_workbench, f"batch{i}", f"Batch Learner {i}", percent=0.8, letter="B")
    _staff_page(page, staff_workbench)
    page.get_by_role("button", name="Issue now").click()
    progress = page.locator(".cert-xblock-staff__progress")
    page.wait_for_function("document.querySelector('.cert-xblock-staff__progress').dataset.state === 'done'",
                           timeout=60_000)
    # The five added learners and any demo learner who also qualifies and held no certificate yet (Eva).
    figures = re.search(r"queued 0 · running or waiting 0 · issued (\d+) · skipped 0 · failed 0",
                        progress.inner_text())
    assert figures, progress.inner_text()
    issued = rows(staff_workbench, "SELECT u.username, c.issued_via, c.request_id FROM cert_xblock_issuedcertificate c"
                                   " JOIN auth_user u ON u.id = c.user_id WHERE u.username LIKE 'batch%'")
    assert sorted(name for name, *_ in issued) == [f"batch{i}" for i in range(5)]
    [(request_id, chunks, done)] = rows(staff_workbench, "SELECT request_id, chunks, chunks_done FROM "
                                                         "cert_xblock_batchrun ORDER BY id DESC LIMIT 1")
    assert {via for _, via, _ in issued} == {"batch"} and {rid for *_, rid in issued} == {request_id}
    assert chunks >= 3 and done == chunks, "the chunks went to the worker, two learners each"
    [(by_the_run,)] = rows(staff_workbench, "SELECT COUNT(*) FROM cert_xblock_issuedcertificate WHERE request_id = ?",
                           request_id)
    assert int(figures.group(1)) == by_the_run >= 5, "the progress counts what the run issued"
    log = (staff_workbench.var / "worker.log").read_text()
    assert request_id in log


def test_the_block_history_lists_every_staff_action_with_who_why_and_the_request_id(staff_workbench, page):
    _staff_page(page, staff_workbench)
    page.get_by_label("Username or email").fill("chen")
    page.get_by_label("Note").fill("Audited in person")
    with page.expect_response(lambda response: "allowlist_add" in response.url) as added:
        page.get_by_role("button", name="Add to allowlist").first.click()
    assert added.value.status == 200
    page.get_by_role("button", name="Recent staff actions").click()
    first = page.locator(".cert-xblock-staff__actions-log tbody tr").first
    first.wait_for()
    [(request_id,)] = rows(staff_workbench, "SELECT request_id FROM cert_xblock_staffaction ORDER BY id DESC LIMIT 1")
    assert [first.locator("td").nth(i).inner_text() for i in range(1, 6)] == [
        "cara", "Added to the allowlist", "chen", "Audited in person", request_id]


def test_regenerate_all_reprints_every_valid_certificate_a_slice_at_a_time(staff_workbench, page):
    block_id = _block_id(staff_workbench)
    before = dict(rows(staff_workbench, "SELECT id, version FROM cert_xblock_issuedcertificate WHERE block_id = ? "
                                        "AND live = 1", block_id))
    assert before, "earlier tests issued certificates"
    _staff_page(page, staff_workbench)
    _confirm(page, page.get_by_role("button", name="Regenerate all"), "New signature")
    expect(page.locator(".cert-xblock-staff__message")).to_have_text(f"Regenerated: {len(before)}", timeout=60_000)
    after = dict(rows(staff_workbench, "SELECT id, version FROM cert_xblock_issuedcertificate WHERE block_id = ? "
                                       "AND live = 1", block_id))
    assert after == {pk: version + 1 for pk, version in before.items()}
