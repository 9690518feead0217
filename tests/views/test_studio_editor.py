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
    assert page.evaluate("document.activeElement.classList.contains('cert-xblock-studio__summary')")
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
