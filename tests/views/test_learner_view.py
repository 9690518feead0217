"""The learner view in headless Chromium: accessible (axe-core), usable from the keyboard alone, in the learner's
language and direction, and honest about where the learner stands."""
from __future__ import annotations

import pytest

from cert_xblock.core.i18n import gettext_for
from tests.block.helpers import add_learner

from .axe import violations

VIEW = "/scenario/cert_xblock.0/?student={student}"


def visit(page, workbench, student: str):
    page.goto(workbench.url(VIEW.format(student=student)))
    return page.locator(".cert-xblock")


@pytest.mark.parametrize("student", ["ada", "ben", "chen", "dana", ""])
def test_the_learner_view_has_no_accessibility_violations(workbench, page, student):
    visit(page, workbench, student)
    assert violations(page, ".cert-xblock") == []


def test_a_keyboard_user_gets_the_certificate_and_lands_on_the_download_link(workbench, page):
    add_learner(workbench, "keys", "Kim Keyboard", percent=0.95, letter="A")
    visit(page, workbench, "keys")
    for _ in range(40):  # Tab through the workbench page until the button has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cert-xblock__get')"):
            break
    else:
        pytest.fail("the Get my certificate button is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.classList.contains('cert-xblock__download')")
    assert page.locator(".cert-xblock__message").get_attribute("aria-live") == "polite"
    assert page.locator(".cert-xblock__message").inner_text() == "Your certificate is ready."
    assert violations(page, ".cert-xblock") == []


def test_no_grade_yet_is_not_zero_and_progress_runs_to_100_with_the_requirement_marked(workbench, page):
    view = visit(page, workbench, "chen")
    assert view.locator(".cert-xblock__grade-value").inner_text() == "No grade yet"
    view = visit(page, workbench, "ben")
    assert view.locator(".cert-xblock__grade-value").inner_text() == "64%"
    assert view.locator("progress").get_attribute("max") == "100"
    assert view.locator(".cert-xblock__grade-required").inner_text() == "Required to earn the certificate: 70%"
    assert view.locator(".cert-xblock__marker").count() == 1


def test_a_visitor_gets_a_sign_in_link_and_an_audit_learner_the_upgrade_link(workbench, page):
    view = visit(page, workbench, "")
    assert view.get_by_role("link", name="Sign in").get_attribute("href").split("?")[0].endswith("login/")
    view = visit(page, workbench, "dana")
    assert view.get_by_role("link", name="Upgrade to a certificate track").get_attribute("href") == (
        "/twin/upgrade/course-v1:DemoX+CERT101+2026/")


@pytest.mark.parametrize("language, direction", [("es", "ltr"), ("ar", "rtl"), ("zh-cn", "ltr")])
def test_the_view_speaks_the_learners_language_and_direction(workbench, page, language, direction):
    add_learner(workbench, f"lang-{language}", "Lena Lang", percent=0.95, letter="A", language=language)
    view = visit(page, workbench, f"lang-{language}")
    assert (view.get_attribute("lang"), view.get_attribute("dir")) == (language, direction)
    _ = gettext_for(language)
    assert _("Get my certificate") != "Get my certificate", "the catalogue translates it"
    view.get_by_role("button", name=_("Get my certificate")).click()
    view.get_by_role("link", name=_("Download certificate (PDF)")).wait_for()
    assert view.locator(".cert-xblock__message").inner_text() == _("Your certificate is ready.")
    issued = view.locator(".cert-xblock__issued").inner_text()
    assert issued and "-" not in issued, f"a written date, not ISO: {issued}"
    assert violations(page, ".cert-xblock") == []


def test_a_lesson_block_with_unmet_rules_lists_them_accessibly_and_meters_the_section(workbench, page):
    from tests.lesson.helpers import LESSON, RULES, add_worker

    add_worker(workbench, "una", percent=0.45, units=3, scores={"hw1": "7/10", "hw2": "3/10", "final_exam": "8/20"})
    page.goto(workbench.url(f"/scenario/{LESSON}/?student=una"))
    view = page.locator(".cert-xblock")
    assert view.locator(".cert-xblock__grade-label").inner_text() == "Your grade in “Week 1: Foundations”:"
    assert view.locator("progress").get_attribute("value") == "70.000000"
    assert view.get_by_role("list", name="Still to do").locator("li").all_inner_texts() == [
        "You need 80% in Week 1: Foundations; you have 70%. 10% to go."]
    assert violations(page, ".cert-xblock") == []
    page.goto(workbench.url(f"/scenario/{RULES}/?student=una"))
    assert page.locator(".cert-xblock__unmet li").all_inner_texts() == [
        "You need 50% in the course; you have 45%. 5% to go.",
        "You need 60% in Homework; you have 50%. 10% to go.",
        "You need to complete 80% of the course; you have completed 30%. 50% to go."]
    assert violations(page, ".cert-xblock") == []
