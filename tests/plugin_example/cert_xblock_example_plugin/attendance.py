"""The ``attendance`` eligibility source: a learner qualifies after attending at least 80% of the live sessions.

The register is a JSON file, ``{"sessions": 10, "attended": {"username": 8, ...}}``: the one this package ships, or
the file named by the ``CERT_XBLOCK_EXAMPLE_ATTENDANCE`` environment variable. A whole chunk of learners costs one
read of the file and one query for their usernames, whatever its size.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from cert_xblock.plugins import EligibilityRequest, Verdict

REQUIRED = 80.0
# The sentences this source shows, in the languages it speaks; others read English.
MESSAGES = {
    "en": ("You attended {attended} of {sessions} live sessions; {required}% are needed.",
           "Your attendance qualifies: {attended} of {sessions} live sessions."),
    "fr": ("Vous avez assisté à {attended} séances en direct sur {sessions} ; il en faut {required} %.",
           "Votre assiduité suffit : {attended} séances en direct sur {sessions}."),
}


def register() -> dict:
    path = os.environ.get("CERT_XBLOCK_EXAMPLE_ATTENDANCE") or Path(__file__).with_name("attendance.json")
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _usernames(user_ids: Iterable[int]) -> dict[int, str]:
    from django.contrib.auth import get_user_model

    return dict(get_user_model().objects.filter(id__in=list(user_ids)).values_list("id", "username"))


class AttendanceSource:
    title = "Live-session attendance"
    help_text = ("Learners who attended at least 80% of the live sessions earn the certificate (the register is a "
                 "JSON file set by the operator).")

    def decide(self, request: EligibilityRequest) -> Mapping[int, Verdict]:
        """A verdict for each learner from the register: one file read and one query for the whole chunk."""
        data = register()
        sessions = int(data["sessions"])
        names = _usernames(request.user_ids)
        verdicts = {}
        for user_id in request.user_ids:
            attended = int(data["attended"].get(names.get(user_id, ""), 0))
            share = round(100 * attended / sessions, 1) if sessions else 0.0
            met = share >= REQUIRED
            below, enough = MESSAGES.get(request.language(user_id)[:2], MESSAGES["en"])
            text = (enough if met else below).format(attended=attended, sessions=sessions, required=int(REQUIRED))
            verdicts[user_id] = Verdict(met=met, message=text, current=share, required=REQUIRED)
        return verdicts

    def candidates(self, course_key) -> Iterable[int]:
        """Only learners the register shows with enough sessions can qualify: the batch asks about no one else."""
        from django.contrib.auth import get_user_model

        data = register()
        enough = [name for name, count in data["attended"].items()
                  if data["sessions"] and 100 * count / data["sessions"] >= REQUIRED]
        return get_user_model().objects.filter(username__in=enough).values_list("id", flat=True)
