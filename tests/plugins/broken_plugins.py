"""Plug-ins that go wrong in each way the block must survive; installed by ``installs.broken_site`` as the module
``cert_xblock_broken_plugins`` of a distribution of its own (``cert-xblock-broken-plugins``)."""
from __future__ import annotations

from cert_xblock.plugins import Verdict


class RaisingSource:
    title = "Raises"
    help_text = "Raises on every call."

    def decide(self, request):
        raise RuntimeError("the attendance server is down")


class WrongTypeSource:
    title = "Wrong type"
    help_text = "Answers a list of booleans."

    def decide(self, request):
        return [True for _ in request.user_ids]


class ForgetfulSource:
    title = "Forgetful"
    help_text = "Says yes to the first learner and forgets the others."

    def decide(self, request):
        return {request.user_ids[0]: Verdict(True, "Yes.")} if len(request.user_ids) > 1 else {}


class Untitled:
    help_text = "Has no title."

    def decide(self, request):
        return {}


class RaisingDesign:
    title = "Raising design"
    help_text = "Raises while drawing."

    def layout(self, page):
        raise ZeroDivisionError("the artwork divided by zero")


class WrongTypeDesign:
    title = "Wrong design"
    help_text = "Returns a dict."

    def layout(self, page):
        return {"artwork": ""}


class TextDesign:
    title = "Text design"
    help_text = "Draws text in its artwork."

    def layout(self, page):
        from dataclasses import replace

        def draw(c):
            c.drawString(100, 100, "HONOURS")

        return replace(page.standard, artwork=page.artwork(draw))
