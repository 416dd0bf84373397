"""Event actors: who acts and who is acted on, from the trigger's sentence.

actor1/actor2 come from the sentence structure around the trigger (agent before it, by-
phrase after a passive, "between X and Y"), never from anywhere in the story. Claims and
attributions ("X claimed responsibility", "police believe X was responsible") name an
unidentified attacker; ACLED's convention names the crowd of a protest or riot.
"""

from __future__ import annotations

import re

from ..document import Document
from ..model import Actor, Event
from ..resources.actors import country_names
from . import event_rules as rules
from .event_parts import Cluster, Located, Trigger
from .scanning import Caseless


def find_actors(
    doc: Document,
    cluster: Cluster,
    actors: list[Located],
    casualties: list[Located] | None = None,
) -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2) of the cluster's trigger, from its own sentence."""
    trigger = cluster.trigger
    in_sentence = [
        located
        for located in actors
        if located.sentence == trigger.sentence and not _is_speaker(doc, located, trigger)
    ]
    # "Six police officers were killed in attacks": the people a casualty statement
    # counts are victims, never the agent before the trigger.
    victims = [
        located
        for located in in_sentence
        if located.end <= trigger.start
        and any(
            c.start <= located.start and located.end <= c.end
            for c in casualties or []
            if c.sentence == trigger.sentence and not (c.start <= trigger.start < c.end)
        )
    ]
    if victims:
        in_sentence = [located for located in in_sentence if located not in victims]
    # An actor inside the trigger's words ("Israeli warplanes") is its agent.
    before = [
        located
        for located in in_sentence
        if located.start < trigger.start and located.end <= trigger.end
    ]
    after = [located for located in in_sentence if located.start >= trigger.end]
    passive = _PASSIVE_BEFORE.search(doc.text[max(0, trigger.start - 25) : trigger.start])
    by_agent = [
        located
        for located in after
        if _BY_BEFORE.search(doc.text[max(0, located.start - 20) : located.start])
    ]
    actor1 = actor2 = None
    if by_agent:
        actor1 = _prefer_named(by_agent)
        if before:
            actor2 = _prefer_named(before[::-1])
        else:
            rest = [located for located in after if located not in by_agent]
            actor2 = _prefer_named(rest) if rest else None
    elif passive:
        actor2 = _prefer_named(before[::-1]) if before else None
    elif (
        not before and len(after) >= 2 and _BETWEEN.fullmatch(doc.text, trigger.end, after[0].start)
    ):
        # "clashes between Maasai and Kikuyu": the two sides, in the order written.
        actor1, actor2 = after[0].item, after[1].item
    else:
        actor1 = _prefer_named(before[::-1]) if before else None
        actor2 = _prefer_named(after) if after else None
    if trigger.spec.casualty_only and _FINDING.match(doc.text, trigger.start):
        actor1 = None  # "Police recovered a body": who found the dead did not kill them
    if actor2 is None and victims:
        actor2 = victims[0].item
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2 = None
    return actor1, actor2


def _prefer_named(located: list[Located]) -> Actor:
    """The first actor, unless a named group stands within a few words of a role word."""
    first = located[0].item
    if first.kind != "generic":
        return first
    for other in located[1:4]:
        if other.item.kind != "generic" and abs(other.start - located[0].start) < 60:
            return other.item
    return first


def unidentified(country_code: str | None) -> Actor:
    country = country_names().get(country_code or "")
    name = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    return Actor(name=name, text="", kind="generic", inter=2, country_code=country_code)


def crowd_as_actor1(
    event: Event, country: str | None, cluster: Cluster, actors: list[Located]
) -> None:
    """ACLED's convention: the first actor of a protest is "Protesters (Country)", of a riot
    "Rioters (Country)"; a party or group named with them is an associated actor, and the
    state forces they meet are the second actor."""
    kind = "Protesters" if event.event_type == "Protests" else "Rioters"
    named = next(
        (
            located.item
            for located in actors
            if located.sentence in cluster.sentences and located.item.name.startswith(kind)
        ),
        None,
    )
    crowd = named or _role_actor(kind, country)
    previous = event.actor1
    if previous is not None and previous.name == crowd.name:
        return
    if event.actor2 is not None and event.actor2.kind == "party":
        # "Protesting members of CORD are tear-gassed by police": a party is associated
        # with a crowd; in a riot another party's crowd is "Rioters" too.
        event.assoc_actors.append(event.actor2)
        event.actor2 = crowd if kind == "Rioters" else None
    if previous is not None and previous.inter == 1:
        if event.actor2 is None or event.actor2.name == crowd.name:
            event.actor2 = previous
    elif previous is not None and previous.kind != "generic":
        event.assoc_actors.append(previous)
    event.actor1 = crowd
    if event.actor2 is not None and event.actor2.name == crowd.name and kind == "Protesters":
        event.actor2 = None


def _role_actor(kind: str, country_code: str | None) -> Actor:
    country = country_names().get(country_code or "")
    name = f"{kind} ({country})" if country else kind
    inter = 6 if kind == "Protesters" else 5
    return Actor(name=name, text="", kind="generic", inter=inter, country_code=country_code)


REPORTING = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|claimed|confirmed|according to|added|noted|alleged|accused)\b",
    re.IGNORECASE,
)


_REPORTING_SCAN = Caseless(REPORTING)
_FINDING = re.compile(r"(?:recovered|found|discovered)\b", re.IGNORECASE)


def _is_speaker(doc: Document, located: Located, trigger: Trigger) -> bool:
    """An actor who reports the event ("security forces announced ...") is not a party to it."""
    if located.end > trigger.start:
        return False
    return bool(_REPORTING_SCAN.search(doc.text, doc.lowered, located.end, trigger.start))


def claimant_of(doc: Document, cluster: Cluster, actors: list[Located]) -> Actor | None:
    """The named group a claim or an attribution in the event's sentences points at."""
    best: tuple[int, Actor] | None = None
    for index in cluster.sentences:
        start, end = doc.sentences[index]
        if rules.NOT_CLAIMED_SCAN.search(doc.text, doc.lowered, start, end):
            continue
        for cue in rules.ATTRIBUTION_SCAN.finditer(doc.text, doc.lowered, start, end):
            for located in actors:
                actor = located.item
                if located.sentence != index or actor.kind == "generic":
                    continue
                distance = (
                    cue.start() - located.end
                    if located.end <= cue.start()
                    else located.start - cue.end()
                )
                if distance < 0 or distance > 60:
                    continue
                if best is None or distance < best[0]:
                    best = (distance, actor)
    return best[1] if best else None


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$")
_BY_BEFORE = re.compile(r"\bby\s+(?:\w+\s+){0,2}$")
_BETWEEN = re.compile(r"\s*(?:\w+\s+){0,2}?(?:between|pitting|involving)\s+(?:\w+\s+){0,3}?")
