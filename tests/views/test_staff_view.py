"""The staff view in headless Chromium: no axe-core violations, and right to left in Arabic."""
from __future__ import annotations

import pytest

from cert_xblock.core.i18n import gettext_for
from tests import services

from .axe import violations


def staff_page(page, workbench, student: str):
    page.goto(workbench.url(f"/scenario/cert_xblock.0/?student={student}"))
    page.locator(".cert-xblock-staff__learners tbody tr").first.wait_for()
    return page.locator(".cert-xblock-staff")


def test_the_staff_view_has_no_accessibility_violations(workbench, page):
    staff_page(page, workbench, "cara")
    assert violations(page, ".cert-xblock-staff") == []
    assert violations(page, ".cert-xblock-staff__learner-view") == []


@pytest.mark.parametrize("language, direction", [("es", "ltr"), ("ar", "rtl"), ("zh-cn", "ltr")])
def test_the_staff_view_speaks_the_staff_members_language(workbench, page, language, direction):
    services.django_admin(["twin_learner", f"staff-{language}", "--name", "Sami Staff", "--language", language,
                           "--role", "staff"], workbench.env)
    view = staff_page(page, workbench, f"staff-{language}")
    assert (view.get_attribute("lang"), view.get_attribute("dir")) == (language, direction)
    _ = gettext_for(language)
    assert _("{name}: course team") != "{name}: course team", "the catalogue translates it"
    assert view.locator(".cert-xblock-staff__title").inner_text() == _("{name}: course team").format(
        name="Your certificate")
    assert view.get_by_role("button", name=_("Issue now")).is_visible()
    assert violations(page, ".cert-xblock-staff") == []
