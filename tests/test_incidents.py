"""Incidents: many stories' reports of one happening merged into one record (issue 6)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from sitrep.errors import SitrepError
from sitrep.evaluate.datasets import shared_data_dir
from sitrep.evaluate.incidents import evaluate_incidents, muc_same_incident
from sitrep.incidents import IncidentIndex, IncidentSettings, cluster, incident_id, reconcile
from sitrep.model import (
    Count,
    DateValue,
    Evidence,
    Incident,
    IncidentSource,
    NamedTarget,
    PlaceValue,
)
from sitrep.resources.embeddings import MODEL_DIR

from .examples import STORIES, sample_extractions


@pytest.fixture(scope="module")
def incidents() -> list[Incident]:
    return cluster(sample_extractions())


def _holding(incidents: list[Incident], story: str) -> list[Incident]:
    """The incidents that hold a report from the story whose id starts with ``story``."""
    return [i for i in incidents if any(s.article_id.startswith(story) for s in i.sources)]


def _stories(incident: Incident) -> set[str]:
    return {source.article_id[:6] for source in incident.sources}


def _main_incident(incidents: list[Incident], story: str) -> Incident:
    """The incident holding the story's main event (E1 in the sample corpus)."""
    (found,) = [
        i
        for i in incidents
        for s in i.sources
        if s.article_id.startswith(story) and "E1" in (s.event_id, *s.merged_events)
    ]
    return found


@pytest.mark.parametrize(
    ("stories", "outlets"),
    [
        (("ex:001", "ex:002", "ex:003"), {"Reuters", "Al-Jabha Daily", "AFP"}),
        (("ex:011", "ex:012", "ex:013"), {"AFP", "Horn Observer", "Xinhua"}),
    ],
)
def test_reports_of_one_happening_form_one_incident(
    incidents: list[Incident], stories: tuple[str, ...], outlets: set[str]
) -> None:
    found = _main_incident(incidents, stories[0])
    assert _stories(found) == set(stories)
    assert len(found.sources) == 3
    assert {source.outlet for source in found.sources} == outlets
    assert [s.similarity is None for s in found.sources] == [True, False, False]
    assert all(0.5 < s.similarity <= 1 for s in found.sources[1:])  # type: ignore[operator]


def test_the_alqaim_incident_keeps_each_story_and_reconciles_its_fields(
    incidents: list[Incident],
) -> None:
    found = _main_incident(incidents, "ex:001")
    assert found.id == incident_id(found.sources[0].article_id, found.sources[0].event_id)
    assert found.event_type == "Explosions/Remote violence"
    assert found.date is not None and found.date.start == dt.date(2024, 4, 3)
    assert found.place is not None and found.place.name == "Al Qa'im"  # not the dateline
    # Reuters "at least three", Al-Jabha "five martyrs", AFP "four": the lowest stated.
    stated = {s.outlet: s.fatalities.best for s in found.sources if s.fatalities.evidence}
    assert found.fatalities is not None and found.fatalities.best == min(stated.values())
    article, event = found.provenance["fatalities"].split("#")
    (kept,) = [s for s in found.sources if (s.article_id, s.event_id) == (article, event)]
    assert kept.fatalities == found.fatalities
    texts = {x.article.id: x.article.text for x in sample_extractions()}
    for source in found.sources:
        ev = source.wording
        assert ev is not None and texts[source.article_id][ev.start : ev.end] == ev.text
    jabha = next(s for s in found.sources if s.outlet == "Al-Jabha Daily")
    assert {"martyrs", "new aggression"} <= {cue.text for cue in jabha.framing}
    reuters = next(s for s in found.sources if s.outlet == "Reuters")
    assert any("security sources" in (a.speaker or "") for a in reuters.attributions)


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        ("ex:050", "ex:053", "Kirkuk and Dibis roadside bombs: 3 days, ~40 km apart"),
        ("ex:055", "ex:058", "Ariha shelled again a week later"),
        ("ex:059", "ex:061", "Lakki Marwat and Dera Ismail Khan: same day, ~85 km apart"),
        ("ex:004", "ex:021", "two Nairobi protests, ten months apart"),
        ("ex:001", "ex:011", "a drone strike in Iraq, a bomb in Somalia"),
    ],
)
def test_different_happenings_stay_apart(
    incidents: list[Incident], first: str, second: str, why: str
) -> None:
    assert _main_incident(incidents, first) is not _main_incident(incidents, second), why


def test_no_incident_mixes_main_events_that_gold_keeps_apart(incidents: list[Incident]) -> None:
    keys = {}
    for line in STORIES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        keys[record["id"]] = record["gold"]["incident"]
    main = {x.article.id: x.main_event.id for x in sample_extractions() if x.main_event}
    mixed = []
    for incident in incidents:
        held = {
            keys[s.article_id]
            for s in incident.sources
            if main.get(s.article_id) in (s.event_id, *s.merged_events)
        }
        if len(held) > 1:
            mixed.append(sorted(held))
    # ex:054 recalls the Kirkuk bombing "last month"; the events stage reads it as its
    # main, current event (of December), so it may join a December bombing near Kirkuk.
    assert all("kirkuk-families-protest-2024-01-14" in held for held in mixed), mixed


def test_adding_stories_one_by_one_equals_clustering_the_batch(
    incidents: list[Incident],
) -> None:
    index = IncidentIndex()
    for extraction in sample_extractions():
        changed = index.add(extraction)
        asserted = {e.id for e in extraction.events if e.mode == "asserted"}
        recalled = {e.id for e in extraction.events if e.mode == "background"}
        # Each story reports its asserted events in the incidents it says it changed, and
        # those of its background events that recall one of them.
        held = {
            event
            for incident in changed
            for s in incident.sources
            if s.article_id == extraction.article.id
            for event in (s.event_id, *s.merged_events)
        }
        assert asserted <= held <= asserted | recalled
    assert [i.model_dump() for i in index.incidents()] == [i.model_dump() for i in incidents]


def test_resuming_from_stored_incidents_equals_clustering_the_batch(
    incidents: list[Incident],
) -> None:
    stories = sample_extractions()
    half = len(stories) // 2
    first = cluster(stories[:half])
    stored = [Incident.model_validate_json(i.model_dump_json()) for i in first]
    index = IncidentIndex(stored)
    for extraction in stories[half:]:
        index.add(extraction)
    assert [i.model_dump() for i in index.incidents()] == [i.model_dump() for i in incidents]


def test_a_story_with_no_asserted_event_makes_no_incident() -> None:
    story = sample_extractions()[0]
    told = story.model_copy(
        update={
            "events": [
                event.model_copy(update={"mode": mode})
                for event, mode in zip(
                    story.events, ("background", "negated", "threat", "denied"), strict=False
                )
            ]
        }
    )
    index = IncidentIndex()
    assert index.add(told) == []
    assert len(index) == 0 and index.incidents() == []


def _source(article: str, best: int | None, *, stated: bool, **fields: object) -> IncidentSource:
    evidence = [Evidence(start=0, end=5, text="three")] if stated else []
    fatalities = None if best is None else Count(low=best, best=best, high=best, evidence=evidence)
    return IncidentSource(article_id=article, event_id="E1", fatalities=fatalities, **fields)


def test_fatalities_take_the_lowest_figure_a_source_states() -> None:
    sources = [
        _source("a", 7, stated=True),
        _source("b", 0, stated=False),  # nothing said: the pipeline's default zero
        _source("c", 3, stated=True),
        _source("d", None, stated=False),
        _source("e", 3, stated=True),
    ]
    incident = reconcile("inc:x", sources)
    assert incident.fatalities is not None and incident.fatalities.best == 3
    assert incident.provenance["fatalities"] == "c#E1"  # ties: the earlier source
    # No source states a figure: the default zero stands, still without evidence.
    quiet = reconcile("inc:y", [sources[3], sources[1]])
    assert quiet.fatalities is not None and quiet.fatalities.best == 0
    assert not quiet.fatalities.evidence
    # A stated zero ("no one was killed") is a figure like any other.
    assert reconcile("inc:z", [sources[0], _source("f", 0, stated=True)]).fatalities.best == 0


def test_an_incident_lists_every_person_its_sources_name_as_a_target_once() -> None:
    def named(*names: str) -> list[NamedTarget]:
        return [NamedTarget(name=name) for name in names]

    sources = [
        _source("a", None, stated=False, named_targets=named("Ignacio Ellacuria")),
        _source("b", None, stated=False),
        _source(
            "c", None, stated=False, named_targets=named("IGNACIO ELLACURIA", "Segundo Montes")
        ),
    ]
    incident = reconcile("inc:x", sources)
    assert [target.name for target in incident.named_targets] == [
        "Ignacio Ellacuria",
        "Segundo Montes",
    ]


def test_dates_and_places_take_the_most_precise_then_the_most_agreed() -> None:
    day = DateValue(start=dt.date(2024, 3, 16), end=dt.date(2024, 3, 16), precision="day")
    week = DateValue(start=dt.date(2024, 3, 11), end=dt.date(2024, 3, 17), precision="week")
    city = PlaceValue(name="Mogadishu", country_code="SO", lat=2.04, lon=45.34, precision="exact")
    dateline = PlaceValue(name="Nairobi", country_code="KE", lat=-1.3, lon=36.8, precision="exact")
    baidoa = PlaceValue(name="Baidoa", country_code="SO", lat=3.11, lon=43.65, precision="exact")
    sources = [
        _source("a", None, stated=False, date=week, place=dateline, dateline_place=True),
        _source("b", None, stated=False, date=day, place=baidoa),
        _source("c", None, stated=False, date=day, place=city),
        _source("d", None, stated=False, date=day, place=city),
    ]
    incident = reconcile("inc:x", sources)
    assert incident.date == day and incident.provenance["date"] == "b#E1"
    # Three exact places (the dateline counts as a country): two agree, Baidoa stands alone.
    assert incident.place == city and incident.provenance["place"] == "c#E1"


def test_bad_settings_and_stored_incidents_are_refused() -> None:
    with pytest.raises(SitrepError, match=r"\[E054\] .*threshold"):
        IncidentIndex(settings=IncidentSettings(threshold=1.5))
    with pytest.raises(SitrepError, match=r"\[E052\] .*inc:a.*no sources"):
        IncidentIndex([Incident(id="inc:a")])
    twice = Incident(id="inc:b", sources=[_source("a", None, stated=False)])
    with pytest.raises(SitrepError, match=r"\[E052\] .*duplicate id"):
        IncidentIndex([twice, twice])


def test_the_sample_corpus_scores_above_its_floor() -> None:
    report = evaluate_incidents(STORIES, extractions=sample_extractions())
    assert report["corpus"]["gold"] == "story keys"
    assert report["corpus"]["units"] == len(sample_extractions())
    assert report["sitrep"]["gold_pairs"] >= 11
    assert report["sitrep"]["f1"] >= 0.9, report["sitrep"]
    assert report["sitrep"]["f1"] > report["baseline_type_country_day"]["f1"]
    assert report["sitrep"]["duplicate_rate"] <= 0.2


def test_muc_templates_are_one_incident_only_when_their_slots_agree() -> None:
    jesuits = {
        "incident_type": "ATTACK",
        "date": "1989-11-16",
        "country_code": "SV",
        "location_raw": "EL SALVADOR: SAN SALVADOR (CITY)",
        "human_targets": ["JESUIT PRIESTS"],
        "physical_targets": [],
        "perpetrators": ["ARMED FORCES"],
    }
    retold = {**jesuits, "human_targets": ["JESUITS", "TWO WOMEN"], "location_raw": ""}
    assert muc_same_incident(jesuits, retold) is True  # date and target agree
    assert muc_same_incident(jesuits, {**retold, "date": None}) is None  # only the target
    assert muc_same_incident(jesuits, {**jesuits, "incident_type": "BOMBING"}) is False
    assert muc_same_incident(jesuits, {**jesuits, "date": "1989-11-20"}) is False
    other = {**jesuits, "human_targets": ["PEASANTS"], "perpetrators": ["TERRORISTS"]}
    assert muc_same_incident(jesuits, other) is False  # nothing specific in common
    misspelt = {**jesuits, "human_targets": ["JESUT PRIESTS"]}
    assert muc_same_incident(jesuits, misspelt) is True
    # An undated template fits too many happenings: the same city and target is not enough.
    undated = {**jesuits, "date": None, "human_targets": ["JESUITS"]}
    assert muc_same_incident(jesuits, undated) is None
    # Alternative locations: one of them on the other's path will do.
    either = {
        **jesuits,
        "location_raw": "(EL SALVADOR: ZARAGOZA (TOWN)) / (EL SALVADOR: SAN SALVADOR (CITY))",
    }
    assert muc_same_incident(jesuits, either) is True
    # Places that part below the country may be gazetteers of other depth: undecided.
    campus = {**jesuits, "location_raw": "EL SALVADOR: UCA (UNIVERSITY)"}
    assert muc_same_incident(jesuits, campus) is None


def test_muc_gold_leaves_unscored_what_its_own_pairs_imply() -> None:
    from sitrep.evaluate.incidents import Unit, _gold_pairs

    slots = {"incident_type": "ATTACK", "date": "1989-11-16", "country_code": "SV"}
    named = [["JESUITS", "MAIDS"], ["JESUITS", "IGNACIO ELLACURIA"], ["IGNACIO ELLACURIA"]]
    units = [
        Unit(f"m{n}", {**slots, "human_targets": targets}, None) for n, targets in enumerate(named)
    ]
    sure, unscored = _gold_pairs(units, story_keys=False)
    # A = B and B = C: A and C share no name, yet are one incident; neither side is scored.
    assert sure == {(0, 1), (1, 2)} and unscored == {(0, 2)}


@pytest.mark.shared
def test_muc_incidents_are_scored_on_a_sample() -> None:
    data = shared_data_dir()
    if data is None:
        pytest.skip("../shared/data is absent: the MUC incident evaluation needs muc-dev.jsonl")
    report = evaluate_incidents(data / "muc-dev.jsonl", sample=120)
    assert report["corpus"]["gold"] == "MUC templates"
    assert report["corpus"]["records"] == 120
    result = report["sitrep"]
    assert 0 <= result["precision"] <= 1 and 0 <= result["recall"] <= 1
    assert result["true_pairs"] <= min(result["predicted_pairs"], result["gold_pairs"])
    assert report["corpus"]["gold_pairs_reachable"] <= report["corpus"]["gold_pairs_with_events"]


def test_the_embedding_model_loads_offline_from_the_package_without_torch() -> None:
    size = sum(path.stat().st_size for path in MODEL_DIR.iterdir() if path.is_file())
    assert size <= 10 * 1024 * 1024
    script = (
        "import os, sys;"
        "from sitrep.resources.embeddings import load;"
        "model = load();"
        "vectors = model.encode(['A drone strike killed three fighters.', 'Protest in Nairobi']);"
        "print(vectors.shape[1], os.environ['HF_HUB_OFFLINE'], 'torch' in sys.modules)"
    )
    # Any attempt at the network would go to a closed port and fail.
    dead = "http://127.0.0.1:9"
    env = {"PATH": "/usr/bin:/bin", "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "HF_HUB_OFFLINE": ""}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["128", "1", "False"]


def test_incident_thresholds_come_from_the_project_settings_and_environment() -> None:
    from sitrep.settings import Settings

    settings = Settings.from_env({"SITREP_INCIDENTS__THRESHOLD": "0.99"})
    assert IncidentIndex(settings=settings).settings.threshold == 0.99
    # At 0.99 almost nothing joins: the three al-Qaim reports no longer merge.
    strict = cluster(sample_extractions(), settings=settings)
    assert len(strict) > len(cluster(sample_extractions()))
    with pytest.raises(SitrepError, match=r"\[E054\]"):
        IncidentIndex(settings=Settings.from_env({"SITREP_INCIDENTS__THRESHOLD": "1.5"}))


def test_a_stored_incident_reads_back_into_the_report_it_was_matched_as(
    incidents: list[Incident],
) -> None:
    from sitrep.incidents.index import anchor_of
    from sitrep.incidents.window import StoredIncident, stored_anchor

    settings = IncidentSettings()
    for incident in incidents:
        stored = StoredIncident.model_validate_json(incident.model_dump_json())
        assert stored_anchor(stored, settings) == anchor_of(incident.sources, settings)[0]


def test_a_default_date_reaches_back_from_the_date_the_pipeline_fell_back_on() -> None:
    from sitrep.incidents.similarity import date_window

    settings = IncidentSettings()
    dateline = dt.date(2024, 4, 3)
    default = DateValue(start=dateline, end=dateline, precision="day", default=True)
    # Published a day after its dateline: the window is the three days before the dateline.
    window, _, day = date_window(default, dateline + dt.timedelta(days=1), settings)
    assert window == (dateline.toordinal() - 3, dateline.toordinal()) and day is None
    # No date at all: the days before publication.
    published = dt.date(2024, 4, 4)
    assert date_window(None, published, settings)[0] == (
        published.toordinal() - 3,
        published.toordinal(),
    )


def test_a_story_recalling_a_happening_joins_its_incident_but_starts_none() -> None:
    stories = {x.article.id[:6]: x for x in sample_extractions()}
    recalled = stories["ex:002"].model_copy(
        update={
            "events": [
                event.model_copy(update={"mode": "background"})
                for event in stories["ex:002"].events
            ]
        }
    )
    alone = IncidentIndex()
    assert alone.add(recalled) == []  # nothing to recall yet: no incident from a recall
    index = IncidentIndex()
    index.add(stories["ex:001"])
    (joined,) = index.add(recalled)
    assert _stories(joined) == {"ex:001", "ex:002"}


def test_a_report_matching_two_incidents_merges_them() -> None:
    # Alone, ex:011 and ex:012 (one happening) score below a 0.7 threshold; ex:013 matches
    # both at 0.7 or more, which shows they were one happening told apart.
    stories = {x.article.id[:6]: x for x in sample_extractions()}
    order = [stories["ex:011"], stories["ex:012"], stories["ex:013"]]
    kept_apart = IncidentSettings(threshold=0.7, merge_threshold=1.0)
    apart = cluster(order, settings=kept_apart)
    assert _stories(_main_incident(apart, "ex:011")) == {"ex:011", "ex:013"}
    assert _stories(_main_incident(apart, "ex:012")) == {"ex:012"}

    index = IncidentIndex(settings=kept_apart.model_copy(update={"merge_threshold": 0.7}))
    index.extend(order[:2])
    first, second = (_main_incident(index.incidents(), s).id for s in ("ex:011", "ex:012"))
    assert index.take_merged() == {}
    changed = index.add(order[2])
    merged = _main_incident(index.incidents(), "ex:011")
    assert merged.id == first and _stories(merged) == {"ex:011", "ex:012", "ex:013"}
    assert [incident.id for incident in changed] == [first]
    assert index.take_merged() == {second: first}
    assert index.take_merged() == {}  # said once
    # the absorbed incident's first source took the score of the report that bridged them
    assert all(source.similarity is not None for source in merged.sources[1:])
    # resuming from what was stored before the bridge gives the same
    stored = [
        Incident.model_validate_json(i.model_dump_json())
        for i in cluster(order[:2], settings=index.settings)
    ]
    resumed = IncidentIndex(stored, settings=index.settings)
    resumed.add(order[2])
    assert [i.model_dump() for i in resumed.incidents()] == [
        i.model_dump() for i in index.incidents()
    ]


def test_a_merge_threshold_out_of_range_is_refused() -> None:
    with pytest.raises(SitrepError, match="merge_threshold"):
        IncidentSettings(merge_threshold=1.5)
