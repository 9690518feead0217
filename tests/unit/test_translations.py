"""The shipped .mo catalogues are compiled from the .po sources (a stale .mo would show old text)."""
from __future__ import annotations

from io import BytesIO

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from cert_xblock.resources import asset_dir


def test_every_po_file_has_an_up_to_date_mo_beside_it():
    po_files = sorted(asset_dir("translations").glob("*/LC_MESSAGES/django.po"))
    assert po_files, "no translations shipped"
    for po_path in po_files:
        with po_path.open("rb") as handle:
            source = read_po(handle)
        compiled = BytesIO()
        write_mo(compiled, source)
        compiled.seek(0)
        with po_path.with_suffix(".mo").open("rb") as handle:
            shipped = read_mo(handle)
        expected = read_mo(compiled)
        assert {m.id: m.string for m in shipped if m.id} == {m.id: m.string for m in expected if m.id}, po_path
