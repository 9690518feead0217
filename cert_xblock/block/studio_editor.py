"""The words of the Studio editor's additions (field errors, the signatories rows, the logo picker, the sample
preview), in the author's language; the script receives them from ``studio_view``."""
from __future__ import annotations

from typing import Any


def studio_strings(_: Any) -> dict[str, str]:
    """Every label the editor's script shows."""
    return {
        "summary": _("Some settings need a change before they can be saved:"),
        "signatories": _("Signatories"),
        "add_signatory": _("Add a signatory"),
        "signatories_limit": _("A certificate has room for at most four signatories."),
        "signatories_help": _("Up to four people who sign the certificate: a name, and optionally a title and a "
                              "signature image from Files & Uploads. Remove a row to take someone off."),
        "logo_help": _("A PNG or JPEG image from the course's Files & Uploads, or no logo."),
        "remove_signatory": _("Remove this signatory"),
        "signatory_name": _("Name"),
        "signatory_title": _("Title"),
        "signature": _("Signature image"),
        "no_image": _("No image"),
        "logo": _("Logo from Files & Uploads"),
        "no_logo": _("No logo"),
        "preview_title": _("SAMPLE: the certificate with these settings, not yet saved"),
        "preview_label": _("Sample certificate"),
        "preview_link": _("Preview a sample certificate (PDF)"),
        "preview_working": _("Updating the sample…"),
        "preview_ready": _("The sample shows your latest changes."),
        "preview_failed": _("The sample cannot be drawn until the marked settings are corrected."),
        "plugins_title": _("Installed plug-ins"),
        "plugins_none": _("None installed."),
        "plugin_broken": _("Broken:"),
    }
