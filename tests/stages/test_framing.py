"""Framing stage: loaded labels, euphemisms, so-called, and what each colours (issue 5)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from sitrep.model import Article, Extraction
from sitrep.pipeline import Pipeline
from sitrep.readers import read_source
from sitrep.resources.framing_lexicon import load_framing_lexicon
from sitrep.settings import Settings
from sitrep.stages.attribution import AttributionStage
from sitrep.stages.framing import FramingStage
from tests.examples import example_article

STAGES = ["dates", "places", "actors", "quantities", "events", AttributionStage, FramingStage]
TECHNIQUES = {
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Appeal_to_fear-prejudice",
}
US = "Military Forces of the United States"
# What each gold cue of the seed refers to, in our terms: an actor name, a person the
# story names, the words labelled, or (for a cue on an event) the event's trigger words.
SEED_REFERS = {
    "terrorists": {US},
    "Takfiri Daesh": {"Islamic State"},
    "terror group": {"Islamic State"},
    "Iraqi counter-terrorism force": {"Popular Mobilization Forces"},
    "Iraqi anti-terror groups": {"Iraqi anti-terror groups"},
    "so-called": {"strategic talks"},
    "American occupation forces": {US},
    "armed resistance": {"Iraqi anti-terror groups"},
    "terror drone strike": {"event:drone strike"},
    "assassination": {"event:drone strike"},
    "top Iranian anti-terror commander": {"Qassem Soleimani"},
    "trenchmate": {"Abu Mahdi Al-Muhandis"},
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(STAGES)


def _labels(extraction: Extraction) -> dict[str, list[str]]:
    return {entry.refers_to: entry.labels for entry in extraction.framing_summary.actors}


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def _rank(cue, want: str) -> tuple[bool, bool, int]:
    """Exact text first, then a cue inside the gold words, then the nearest length."""
    text = _folded(cue.evidence.text)
    return (text != want, text not in want, abs(len(text) - len(want)))


@pytest.fixture(scope="module")
def transformer_pipeline() -> Pipeline:
    return Pipeline(STAGES, settings=Settings.from_env({"SITREP_FRAMING__TRANSFORMER": "true"}))


@pytest.mark.parametrize("tagger", ["word tagger", "transformer"])
def test_seed_framing(shared_data: Path, tagger: str, request: pytest.FixtureRequest) -> None:
    """The seed's framing cues, with the default tagger and with the opt-in transformer."""
    fixture = "pipeline" if tagger == "word tagger" else "transformer_pipeline"
    pipeline: Pipeline = request.getfixturevalue(fixture)
    [article] = list(
        read_source(str(shared_data / "seed" / "article.txt"), published=dt.date(2021, 4, 5))
    )
    extraction = pipeline.extract(article)
    gold = json.loads((shared_data / "seed" / "gold.json").read_text(encoding="utf-8"))
    triggers = {e.id: e.trigger.text for e in extraction.events if e.trigger}
    found = linked = 0
    for item in gold["gold"]["framing"]:
        where, want = item.get("where", "text"), _folded(item["text"])
        cues = [
            c
            for c in extraction.framing
            if c.where == where
            and (_folded(c.evidence.text) in want or want in _folded(c.evidence.text))
        ]
        if not cues:
            continue
        found += 1

        # "terror group" is also inside "Iraqi anti-terror groups": the closest cue is the one.
        refers = min(cues, key=lambda cue, want=want: _rank(cue, want)).refers_to
        if refers in triggers:
            refers = f"event:{triggers[refers]}"
        linked += refers in SEED_REFERS[want]
    assert found >= 11, f"{found} of 12 gold framing cues found"
    assert linked >= 11, f"{linked} of 12 linked to the right actor or event"
    for cue in extraction.framing:
        assert cue.technique is None or cue.technique in TECHNIQUES
        source = article.text if cue.where == "text" else article.title
        assert source[cue.evidence.start : cue.evidence.end] == cue.evidence.text
    summary = extraction.framing_summary
    assert _labels(extraction)[US][:2] == ["terrorists", "American occupation forces"]
    assert summary.claims == 5 and summary.unnamed_claims == 4 and summary.unnamed_share == 0.8
    assert summary.cue_density == pytest.approx(1000 * summary.cues / summary.words, abs=0.01)


def test_same_drone_strike_three_outlets(pipeline: Pipeline) -> None:
    """Reuters and AFP report the Al-Qaim strike plainly; Al-Jabha Daily in its side's words."""
    reuters, jabha, afp = (
        pipeline.extract(example_article(s)) for s in ("ex:001", "ex:002", "ex:003")
    )
    assert jabha.framing_summary.cue_density > 5 * max(
        reuters.framing_summary.cue_density, afp.framing_summary.cue_density, 1.0
    )
    us = _labels(jabha)[US]
    assert "American occupation forces" in us and "occupation forces" in us
    texts = {c.text.lower() for c in jabha.framing}
    assert {"martyrs", "new aggression", "so-called", "criminal strike"} <= texts
    so_called = next(c for c in jabha.framing if c.kind == "so_called")
    assert so_called.refers_to == "international coalition" and so_called.technique == "Doubt"
    # What wire copy does carry is its sources' words, in quotation marks.
    assert all(c.quoted for c in reuters.framing) and reuters.framing_summary.cues == 0


def test_same_missile_strike_three_outlets(pipeline: Pipeline) -> None:
    reuters, kyiv, moscow = (
        pipeline.extract(example_article(s)) for s in ("ex:008", "ex:009", "ex:010")
    )
    assert [c for c in reuters.framing if not c.quoted] == []
    assert reuters.framing_summary.quoted_cues >= 1  # the ministry's "temporary deployment point"
    kyiv_cues = {c.text.lower(): c for c in kyiv.framing}
    assert kyiv_cues["terrorists"].refers_to == "Unidentified Armed Group (Russia)"
    assert "occupiers" in kyiv_cues and "the aggressor" in kyiv_cues
    moscow_cues = {c.text.lower(): c for c in moscow.framing}
    assert moscow_cues["so-called"].refers_to == "regional administration"
    assert moscow_cues["kyiv regime"].technique == "Name_Calling,Labeling"
    assert moscow_cues["eliminated"].kind == "euphemism"
    assert moscow_cues["staged provocation"].technique == "Loaded_Language"


def test_same_bombing_three_outlets(pipeline: Pipeline) -> None:
    afp, horn, xinhua = (
        pipeline.extract(example_article(s)) for s in ("ex:011", "ex:012", "ex:013")
    )
    assert len(horn.framing) >= 5 > len(afp.framing)
    horn_labels = _labels(horn)
    # "The Khawarij, as the government calls al-Shabaab": every "Khawarij" means al-Shabaab.
    assert horn_labels["al-Shabaab"].count("Khawarij") >= 1
    assert all(c.refers_to == "al-Shabaab" for c in horn.framing if c.text == "Khawarij")
    title = [c for c in horn.framing if c.where == "title"]
    assert (
        title and horn.article.title[title[0].evidence.start : title[0].evidence.end] == "Khawarij"
    )
    assert "brave soldiers" in horn_labels["Military Forces of Somalia"]
    assert xinhua.framing_summary.cues <= 1


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2019, unidentified gunmen shot dead a trader in Mandera town. Police said the attackers fled.",
        "Militants of the Al-Aqsa Martyrs Brigades fired on an army post near Jenin.",
        "Terrorists threw a grenade at a police station in Srinagar, injuring two officers.",
        "Rioters blocked the road and burned tyres; police dispersed them with tear gas.",
        "The National Liberation Army claimed the attack on the pipeline.",
    ],
)
def test_neutral_copy_has_no_cues(pipeline: Pipeline, text: str) -> None:
    extraction = pipeline.extract(Article(id="n", text=text, published=dt.date(2019, 5, 5)))
    assert extraction.framing == [], [c.text for c in extraction.framing]
    assert extraction.framing_summary.cue_density == 0.0


def test_context_words_need_a_loadedexample_article(pipeline: Pipeline) -> None:
    plain = pipeline.extract(
        Article(id="p", text="A massacre of 20 villagers was reported in Ituri.")
    )
    assert plain.framing == []
    loaded = pipeline.extract(
        Article(
            id="l",
            text="The thugs of the regime carried out a massacre; the occupiers fled the so-called safe zone.",
        )
    )
    texts = {c.text.lower() for c in loaded.framing}
    assert {"thugs", "massacre", "the regime", "occupiers", "so-called"} <= texts


def test_scare_quote_without_speaker(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(
        Article(id="s", text='Troops entered the village for a "routine patrol" before dawn.')
    )
    [cue] = [c for c in extraction.framing if c.kind == "scare_quote"]
    assert cue.evidence.text == '"routine patrol"'
    quoted = pipeline.extract(
        Article(id="t", text='The ministry said troops carried out a "routine patrol" at dawn.')
    )
    assert all(c.kind != "scare_quote" for c in quoted.framing)


def test_lexicon_is_well_formed() -> None:
    lexicon = load_framing_lexicon()
    assert len(lexicon.terms) > 300
    kinds = {"label", "euphemism", "intensifier", "hedge", "so_called"}
    for term in lexicon.terms:
        assert term.kind in kinds and term.polarity in ("negative", "positive", "neutral")
        assert term.technique is None or term.technique in TECHNIQUES
        assert term.target in ("actor", "event", "any") and term.note


def test_tagger_finds_what_the_lexicon_lacks(pipeline: Pipeline) -> None:
    text = "The radical leftists and their cronies spewed venomous lies, Al-Shabaab said."
    extraction = pipeline.extract(Article(id="t", text=text, published=dt.date(2020, 1, 1)))
    tagged = [c for c in extraction.framing if c.kind == "tagged"]
    assert [c.text for c in tagged] == ["radical leftists"], [c.text for c in tagged]
    [cue] = tagged
    assert cue.technique == "Name_Calling,Labeling" and cue.polarity is None
    assert text[cue.evidence.start : cue.evidence.end] == cue.text
    # A lexicon cue the tagger overlaps keeps its kind and grows to the tagger's extent.
    [lexical] = [c for c in extraction.framing if c.kind == "label"]
    assert lexical.technique == "Loaded_Language" and "venomous lies" in lexical.text
    assert len(lexical.text) > len("venomous")


def test_tagger_can_be_switched_off() -> None:
    text = "The radical leftists and their cronies spewed venomous lies, Al-Shabaab said."
    article = Article(id="t", text=text, published=dt.date(2020, 1, 1))
    off = Pipeline(STAGES, settings=Settings.from_env({"SITREP_FRAMING__TAGGER": "false"}))
    cues = off.extract(article).framing
    assert cues and all(c.kind != "tagged" for c in cues)
    assert [c.text for c in cues] == ["venomous"]  # the lexicon's word, not grown
