"""Document: the normalised view and its offset map back to the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.document import Document, is_all_caps
from sitrep.errors import SitrepError


def test_folding_keeps_offsets_into_the_original() -> None:
    original = "Rockets hit\u00a0near \u201cBalad\u201d \u2014 officials said.\r\nNo casualties."
    doc = Document(original)
    assert doc.text == 'Rockets hit near "Balad" - officials said.\nNo casualties.'
    start = doc.text.index('"Balad"')
    ev = doc.evidence(start, start + len('"Balad"'))
    assert ev is not None
    assert ev.text == "\u201cBalad\u201d"
    assert original[ev.start : ev.end] == ev.text
    tail = doc.text.index("No casualties")
    ev = doc.evidence(tail, tail + len("No casualties"))
    assert ev.text == "No casualties" and original[ev.start : ev.end] == "No casualties"


def test_nfkc_expansion_is_refused_in_strict_mode_and_grown_in_expand_mode() -> None:
    original = "The \ufb01ghters left."  # the 'fi' ligature becomes two characters
    doc = Document(original)
    assert doc.text == "The fighters left."
    inside = doc.text.index("i")  # second half of the ligature
    assert doc.evidence(inside, inside + 7) is None
    ev = doc.evidence(inside, inside + 7, mode="expand")
    assert ev.text == "\ufb01ghters"
    ev = doc.evidence(inside, inside + 7, mode="contract")
    assert ev.text == "ghters"


def test_all_caps_wire_copy_is_lower_cased_in_the_view_only() -> None:
    original = "LIMA, 9 JAN 90 (EFE) -- TERRORISTS ATTACKED A POLICE STATION IN HUANCAYO."
    doc = Document(original)
    assert doc.all_caps
    assert doc.text.startswith("lima, 9 jan 90")
    start = doc.text.index("police station")
    assert doc.evidence(start, start + 14).text == "POLICE STATION"
    assert not is_all_caps("Police said NATO and the UN met in Kabul on Monday.")


def test_sentences_split_on_paragraphs_and_skip_blank_lines() -> None:
    doc = Document("First sentence without stop\n\nSecond one. Third one.")
    texts = [doc.text[s:e].strip() for s, e in doc.sentences]
    assert texts == ["First sentence without stop", "Second one.", "Third one."]
    assert doc.sentence_of(doc.text.index("Third")) == 2


def test_a_rank_before_a_name_ends_no_sentence() -> None:
    doc = Document("The police chief, Col. Aiyad Razaq, was killed. Brig. Gen. Ali Hassan left.")
    texts = [doc.text[s:e].strip() for s, e in doc.sentences]
    assert texts == [
        "The police chief, Col. Aiyad Razaq, was killed.",
        "Brig. Gen. Ali Hassan left.",
    ]


def test_a_rank_in_wire_caps_ends_no_sentence() -> None:
    # wire copy in capitals is read lower-cased, where spaCy knows no "gen." nor "mr."
    doc = Document("GEN. JUAN RAFAEL BUSTILLO SAID THE ARMY LEFT. MR. SMITH AGREED WITH HIM.")
    assert doc.all_caps
    assert len(doc.sentences) == 2


def test_a_dotted_acronym_in_wire_caps_ends_no_sentence() -> None:
    doc = Document(
        "AN ATTACK ON A BUILDING WHERE U.S. DIPLOMATS RESIDE LEFT ONE INJURED. THE F.M.L.N. "
        "DENIED IT, THE U.S., HE SAID, DID NOT. IT WAS 5 P.M."
    )
    assert doc.all_caps
    texts = [doc.text[s:e].strip() for s, e in doc.sentences]
    assert texts == [
        "an attack on a building where u.s. diplomats reside left one injured.",
        "the f.m.l.n. denied it, the u.s., he said, did not.",
        "it was 5 p.m.",
    ]


def test_spans_outside_the_text_are_an_error() -> None:
    doc = Document("short")
    with pytest.raises(SitrepError, match="E004"):
        doc.evidence(2, 10)


def test_layers_are_never_overwritten() -> None:
    doc = Document("text")
    doc.set_layer("dates", [], stage="dates")
    with pytest.raises(SitrepError, match="E003"):
        doc.set_layer("dates", [1], stage="other")


_PIECES = st.sampled_from(
    [
        "Rockets",
        " ",
        "\u00a0",
        "\u201c",
        "\u201d",
        "\r\n",
        "\ufb01",
        "e\u0301",
        "\u2014",
        "ok",
        "X",
        "\u0130",
        "\n\n",
        ".",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40), st.data())
def test_every_span_maps_back_to_exact_original_characters(pieces: list[str], data) -> None:
    original = "".join(pieces)
    doc = Document(original)
    start = data.draw(st.integers(0, len(doc.text)))
    end = data.draw(st.integers(start, len(doc.text)))
    for mode in ("strict", "contract", "expand"):
        ev = doc.evidence(start, end, mode=mode)
        if ev is not None:
            assert original[ev.start : ev.end] == ev.text
            assert 0 <= ev.start <= ev.end <= len(original)
