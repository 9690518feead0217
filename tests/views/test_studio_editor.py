"""The Studio editor in headless Chromium: problems next to their fields, signatories as rows, a logo picker, a
sample of the unsaved values marked SAMPLE, and no axe-core violations."""
from __future__ import annotations

import json

from tests.block.helpers import rows
from tests.pdf import pdf_text

from .axe import violations

EDITOR = "/scenario/cert_xblock.3/studio_view/?student=staff"


def editor(page, workbench):
    page.goto(workbench.url(EDITOR))
    page.locator(".cert-xblock-studio__add-signatory").wait_for()
    return page


def field(page, name: str):
    return page.locator(f'li.field[data-field-name="{name}"]')


def saved_settings(workbench) -> dict:
    found = rows(workbench, "SELECT settings FROM cert_xblock_certificateblockconfig WHERE block_id LIKE ?",
                 "%sandbox%")
    return json.loads(found[0][0]) if found else {}


def test_a_bad_value_is_shown_next_to_its_field_and_summarised_at_the_top(workbench, page):
    editor(page, workbench)
    field(page, "minimum_percent").locator("input").fill("150")
    page.locator(".save-button").click()
    note = field(page, "minimum_percent").locator(".cert-xblock-studio__field-error")
    note.wait_for()
    assert note.inner_text() == "The minimum grade must be a percentage between 0 and 100."
    assert field(page, "minimum_percent").locator("input").get_attribute("aria-invalid") == "true"
    summary = page.locator(".cert-xblock-studio__summary")
    assert "Minimum percentage: The minimum grade must be a percentage between 0 and 100." in summary.inner_text()
    assert summary.get_attribute("role") == "alert", "the summary is announced while focus goes to the field"
    # focus is on the field to fix, whose error is its description
    assert page.evaluate("document.activeElement.id") == "xb-field-edit-minimum_percent"
    assert page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
                         ".textContent") == "The minimum grade must be a percentage between 0 and 100."
    page.locator(".save-button").focus()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "xb-field-edit-minimum_percent"
    assert violations(page, ".editor-with-buttons") == []


def test_a_signatory_added_with_the_rows_appears_in_the_sample_before_saving(workbench, page):
    editor(page, workbench)
    before = saved_settings(workbench).get("signatories", "")
    page.get_by_role("button", name="Add a signatory").click()
    row = page.locator(".cert-xblock-studio__signatory").last
    assert page.evaluate("document.activeElement.classList.contains('cert-xblock-studio__signatory-name')")
    # The sample redraws as the author types (debounced): on a loaded machine a redraw may go out after the name
    # and before the title; the one to read is the redraw of the whole row.
    with page.expect_response(lambda r: "preview" in r.url and r.request.method == "POST" and all(
            part in (r.request.post_data or "") for part in ("Franklin", "Crystallography", "signature-hopper"))
            ) as answer:
        row.get_by_label("Name").fill("Rosalind Franklin")
        row.get_by_label("Title").fill("Head of Crystallography")
        row.get_by_label("Signature image").select_option("/static/signature-hopper.png")
    sample = answer.value
    assert (sample.status, sample.headers["content-type"]) == (200, "application/pdf")
    # The same request again, to read the PDF the page was given (a fetch()'s body is the page's, not ours).
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    again = page.request.post(sample.url, data=sample.request.post_data,
                              headers={"Content-Type": "application/json", "X-CSRFToken": token})
    text = pdf_text(again.body())
    assert "Rosalind Franklin" in text and "Head of Crystallography" in text
    assert "SAMPLE" in text and "Sample only, not a certificate" in text
    page.wait_for_function("document.querySelector('.cert-xblock-studio__preview-frame').data.startsWith('blob:')")
    assert json.loads(answer.value.request.post_data)["values"]["signatories"] == (
        "Rosalind Franklin | Head of Crystallography | /static/signature-hopper.png")
    assert saved_settings(workbench).get("signatories", "") == before, "nothing is saved by the preview"


def test_the_logo_is_picked_from_the_courses_images(workbench, page):
    editor(page, workbench)
    picker = page.get_by_label("Logo")
    assert "demo-logo.png" in picker.inner_text()
    picker.select_option("/static/demo-logo.png")
    assert field(page, "logo").locator("input.field-data-control").input_value() == "/static/demo-logo.png"


def test_the_sample_link_says_it_is_a_sample(workbench, page):
    page.goto(workbench.url("/certificates/verify/sample"))
    assert "sample certificate" in page.inner_text("main")


def test_the_editor_has_no_accessibility_violations(workbench, page):
    editor(page, workbench)
    assert violations(page, ".editor-with-buttons") == []
    assert violations(page, ".cert-xblock-studio") == []


def test_the_installed_plugins_are_listed_with_their_help_and_offered_in_the_settings(workbench, page):
    editor(page, workbench)
    attendance = page.locator('.cert-xblock-studio__plugins li[data-name="attendance"]')
    assert attendance.locator(".cert-xblock-studio__plugin-title").inner_text() == "Live-session attendance"
    help_text = attendance.locator(".cert-xblock-studio__plugin-help")
    assert help_text.is_visible() and help_text.inner_text().startswith("Learners who attended at least 80%")
    assert page.locator('.cert-xblock-studio__plugins li[data-name="ribbon"]').is_visible()
    assert "Live-session attendance" in field(page, "eligibility_source").locator("select").inner_text()
    assert "Ribbon" in field(page, "design").locator("select").inner_text()
    assert violations(page, ".cert-xblock-studio__plugins") == []


def test_clear_value_cannot_empty_the_signatories_behind_the_rows_back(workbench, page):
    editor(page, workbench)
    signatories = field(page, "signatories")
    assert signatories.locator("button.setting-clear").count() == 0, "the rows' Remove buttons replace it"
    assert field(page, "logo").locator("button.setting-clear").count() == 0
    assert signatories.locator(".setting-help").inner_text() == (
        "Up to four people who sign the certificate: a name, and optionally a title and a signature image from "
        "Files & Uploads. Remove a row to take someone off.")
    page.get_by_role("button", name="Add a signatory").click()
    page.locator(".cert-xblock-studio__signatory").last.get_by_label("Name").fill("Grace Hopper")
    with page.expect_response(lambda r: "submit_studio_edits" in r.url) as saved:
        page.locator(".save-button").click()
    assert saved.value.status == 200
    kept = saved_settings(workbench)["signatories"]
    assert "Grace Hopper" in kept
    editor(page, workbench)
    assert page.locator(".cert-xblock-studio__signatory").count() == kept.count("\n") + 1


def test_the_add_button_says_why_it_stops_at_four(workbench, page):
    editor(page, workbench)
    add = page.get_by_role("button", name="Add a signatory")
    while page.locator(".cert-xblock-studio__signatory").count() < 4:
        add.click()
    assert add.is_disabled()
    limit = page.locator("#" + add.get_attribute("aria-describedby"))
    assert limit.inner_text() == "A certificate has room for at most four signatories."
    assert limit.is_visible()


def test_only_the_fields_of_the_chosen_kind_are_shown(workbench, page):
    editor(page, workbench)
    kind = field(page, "kind").locator("select")
    assert kind.input_value() == "course"
    assert field(page, "lesson_sections").is_hidden() and field(page, "pathway_courses").is_hidden()
    kind.select_option("lesson")
    assert field(page, "lesson_sections").is_visible() and field(page, "pathway_courses").is_hidden()
    kind.select_option("pathway")
    assert field(page, "pathway_courses").is_visible() and field(page, "lesson_sections").is_hidden()


def test_the_sample_stays_beside_the_fields_while_the_author_scrolls(workbench, page):
    page.set_viewport_size({"width": 1400, "height": 900})
    editor(page, workbench)
    sample = page.locator(".cert-xblock-studio__preview-frame")
    first = field(page, "display_name")
    assert sample.bounding_box()["x"] > first.bounding_box()["x"] + first.bounding_box()["width"] / 2, "beside"
    assert 0 <= sample.bounding_box()["y"] < 900, "in view beside the first field"
    field(page, "validity_months").scroll_into_view_if_needed()
    box = sample.bounding_box()
    assert box["y"] >= -1 and box["y"] + 100 < 900, "still in view beside a field far down"
    assert violations(page, ".editor-with-buttons") == []


def test_duplicate_and_out_of_range_assignment_types_are_named_beside_the_field(workbench, page):
    editor(page, workbench)
    minimums = field(page, "assignment_minimums").locator("textarea")
    minimums.fill("Homework: 60\nHomework: 70\nExam: 160")
    with page.expect_response(lambda r: "submit_studio_edits" in r.url):
        page.locator(".save-button").click()
    note = field(page, "assignment_minimums").locator(".cert-xblock-studio__field-error")
    note.wait_for()
    assert note.inner_text() == ("Line 2: Homework is already on line 1; keep one. Line 3: the minimum for Exam "
                                 "must be between 0 and 100%, not 160.")
    summary = page.locator(".cert-xblock-studio__summary")
    assert "Minimum per assignment type: Line 2: Homework is already on line 1" in summary.inner_text()
    assert page.evaluate("document.activeElement === "
                         "document.querySelector('li.field[data-field-name=\"assignment_minimums\"] textarea')")
    assert violations(page, ".editor-with-buttons") == []


def test_after_a_failed_save_focus_is_on_the_first_field_the_error_names(workbench, page):
    """Two bad fields: the first the summary names has focus, the other is marked too, the summary is an alert."""
    editor(page, workbench)
    field(page, "minimum_percent").locator("input").fill("150")
    field(page, "assignment_minimums").locator("textarea").fill("Homework: 160")
    with page.expect_response(lambda r: "submit_studio_edits" in r.url):
        page.locator(".save-button").click()
    summary = page.locator(".cert-xblock-studio__summary[role='alert']")
    summary.wait_for()
    links = summary.get_by_role("link")
    assert links.count() == 2
    named_first = links.first.get_attribute("href").removeprefix("#")
    assert page.evaluate("document.activeElement.id") == named_first
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    assert field(page, "assignment_minimums").locator("textarea").get_attribute("aria-invalid") == "true"
    assert violations(page, ".editor-with-buttons") == []
