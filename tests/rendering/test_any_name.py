"""Whatever the name, the renderer returns a PDF or a RenderError, never anything else."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cert_xblock.rendering import Design, RenderError, render_certificate

from .conftest import page_text, sample

ALL_CATEGORIES = st.characters(categories=[
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
    "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn",
])  # fmt: skip
WHITESPACE = st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2003\u3000\u2028", max_size=30)
CONTROLS = st.text(alphabet=st.characters(categories=["Cc", "Cf"]), max_size=30)
NAME_PARTS = st.sampled_from(["Zoë", "Дмитрий", "Αλέξανδρος", "王小明", "やまだ", "김민준", "محمد", "דוד", "لا"])

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _renders_or_refuses(name: str) -> bytes | None:
    try:
        pdf = render_certificate(sample(learner_name=name), Design())
    except RenderError as exc:
        assert str(exc)
        return None
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    return pdf


@PROPERTY
@given(st.text(alphabet=ALL_CATEGORIES, max_size=80))
def test_any_unicode_name(name):
    _renders_or_refuses(name)


@PROPERTY
@given(WHITESPACE)
def test_empty_or_whitespace_only_names_are_refused(name):
    assert _renders_or_refuses(name) is None


@PROPERTY
@given(CONTROLS, NAME_PARTS, CONTROLS)
def test_control_characters_around_a_name_are_dropped(before, name, after):
    pdf = _renders_or_refuses(before + name + after)
    assert pdf is not None and name in page_text(pdf)


@settings(max_examples=15, deadline=None)
@given(st.lists(NAME_PARTS, min_size=40, max_size=120).map(" ".join))
def test_very_long_names(name):
    assert _renders_or_refuses(name) is not None
