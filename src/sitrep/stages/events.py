"""Events stage: triggers grouped into events, each with its type, mode and arguments.

Reads what the earlier stages found (dates, places, actors, quantities, casualties) and
decides which of them belong to which event: the event's own sentences first, the
story's context only as a marked default.
"""

from __future__ import annotations

import datetime as dt
import re

from ..document import Document
from ..model import (
    Count,
    DateMention,
    DateValue,
    Event,
    Evidence,
    PlaceMention,
    Quantity,
    Target,
    Weapon,
)
from ..registry import stage
from ..settings import Settings
from . import event_rules as rules
from .actors import story_country
from .event_actors import REPORTING, claimant_of, crowd_as_actor1, find_actors, unidentified
from .event_parts import Cluster, Located, Trigger
from .event_place import PlaceCandidate, choose_place, settle_place
from .event_typing import CROWD_VIOLENCE_SCAN, INTERVENTION_SCAN, assign_type
from .quantities import Casualty
from .scanning import Caseless, declare, may_match
from .victims import named_targets

# Each trigger pattern is scanned only in stories that hold one of its words; weapons and
# targets are looked for with case-sensitive twins (see scanning).
declare(*(pattern for pattern, _spec in rules.TRIGGERS))
_WEAPONS = [(Caseless(pattern), *kinds) for pattern, *kinds in rules.WEAPONS]
_TARGETS = [(Caseless(pattern), kind) for pattern, kind in rules.TARGETS]
# Mode cues count only this close before the trigger (characters).
_MODE_WINDOW = 80
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:but|while|whereas|and)\b|\b(?:but|while|whereas)\b")
_WORDS_BETWEEN = re.compile(r"\s*(?:[\w'-]+\s+){0,2}")


@stage(
    "events",
    reads={
        "text",
        "sentences",
        "dates",
        "reference_date",
        "places",
        "actors",
        "quantities",
        "casualties",
    },
    writes={"events"},
)
class EventStage:
    """Group triggers into events and attach their arguments from the event's own sentences."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    # -- locating earlier stages' mentions -----------------------------------------------
    @staticmethod
    def _locate(doc: Document, items: list, evidence_of) -> list[Located]:
        located = []
        for item in items:
            evidence = evidence_of(item)
            if evidence is None:
                continue
            start, end = doc.view_offset(evidence.start), doc.view_offset(evidence.end)
            located.append(Located(item, start, end, doc.sentence_of(start)))
        return located

    # -- triggers and clusters -----------------------------------------------------------
    def _triggers(self, doc: Document) -> list[Trigger]:
        found: list[Trigger] = []
        taken: list[tuple[int, int]] = []
        lowered = doc.text.lower()
        if len(lowered) != len(doc.text):  # keep offsets: fold only one-to-one characters
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in doc.text)
        for pattern, spec in rules.TRIGGERS:  # ordered by rank: specific words claim text first
            if not may_match(pattern, lowered, lowered):
                continue
            for match in pattern.finditer(lowered):
                start, end = match.span()
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue
                taken.append((start, end))
                if spec.casualty_only and _NO_BEFORE.search(doc.text, max(0, start - 25), start):
                    continue  # "caused no casualties" says something of an event, names none
                found.append(Trigger(start, end, spec, doc.sentence_of(start)))
        found.sort(key=lambda trigger: trigger.start)
        return found

    def _is_anaphoric(self, doc: Document, trigger: Trigger, *, told: bool, adjacent: bool) -> bool:
        """Once an event is told, 'the attack' refers back to it, and so, right after it, does
        'were targeted'. Before any event, the same words introduce one."""
        before = doc.text[max(0, trigger.start - 20) : trigger.start].lower()
        # "the assassination of Soleimani": a definite noun with its own object names a new event.
        if _OF_AFTER.match(doc.text[trigger.end : trigger.end + 5]):
            return False
        if told and _DEFINITE_BEFORE.search(before):
            return True
        return adjacent and trigger.spec.generic and bool(_PASSIVE_BEFORE.search(before))

    def _clusters(
        self,
        doc: Document,
        triggers: list[Trigger],
        dates: list[Located],
        casualties: list[Located] | None = None,
    ) -> list[Cluster]:
        by_sentence: dict[int, list[Trigger]] = {}
        for trigger in triggers:
            by_sentence.setdefault(trigger.sentence, []).append(trigger)
        dated_sentences = {
            located.sentence
            for located in dates
            if located.item.precision in ("day", "week", "month")
        }
        clusters: list[Cluster] = []
        current: Cluster | None = None
        text, lowered = doc.text, doc.lowered
        for index, (s_start, s_end) in enumerate(doc.sentences):
            adjacent = current is not None and current.sentences[-1] == index - 1
            candidates = [
                t
                for t in by_sentence.get(index, [])
                if not self._is_anaphoric(doc, t, told=current is not None, adjacent=adjacent)
            ]
            if rules.GENERIC_PLURAL_SCAN.search_slice(text, lowered, s_start, s_end):
                candidates = [t for t in candidates if t.spec.rank > 55 and not t.spec.generic]
                candidates = [
                    t
                    for t in candidates
                    if not rules.GENERIC_PLURAL_SCAN.search_slice(
                        text, lowered, max(0, t.start - 40), t.end
                    )
                ]
            candidates = _without_protest_causes(doc, candidates)
            candidates = _without_recalled(doc, candidates)
            refers_back = bool(
                rules.ANAPHORA_SCAN.search_slice(text, lowered, s_start, s_end)
            ) or any(
                self._is_anaphoric(doc, t, told=current is not None, adjacent=adjacent)
                for t in by_sentence.get(index, [])
            )
            new_story = bool(
                rules.ANOTHER_SCAN.search_slice(text, lowered, s_start, s_end)
                or rules.LONG_AFTER_SCAN.search_slice(text, lowered, s_start, s_end)
            )
            fights_back = (
                current is not None
                and current.trigger.spec.event_type == rules.VAC
                and _FIGHT_BACK.search(text, s_start, s_end) is not None
            )
            if fights_back:
                # "In the ensuing gunfight": the definite clash is the attack's own battle.
                candidates += [
                    t
                    for t in by_sentence.get(index, [])
                    if t.spec.sub_event_type == "Armed clash" and t not in candidates
                ]
            if candidates:
                best = max(candidates, key=lambda t: (t.spec.rank, -t.start))
                # "1 was shot dead.": a sentence that only tells the toll of the event before.
                in_toll = any(
                    located.start <= best.start and best.end <= located.end
                    for located in casualties or []
                    if located.sentence == index
                )
                # "Students protested in Kisumu. They clashed with police.": the crowd's
                # violence is the same demonstration, told on.
                # "... staged a protest. Police detained 9 activists during the protest.": the
                # arrests are the intervention the demonstration met.
                # "... staged a demonstration. Demonstrators exploded crude bombs": the same.
                crowd_turns_violent = (
                    current is not None
                    and current.trigger.spec.event_type == "Protests"
                    and (
                        best.spec.event_type == "Riots"
                        or best.spec.sub_event_type
                        in ("Armed clash", "Arrests", "Looting/property destruction")
                        or (
                            best.spec.event_type in (rules.ER, rules.VAC, "Battles")
                            and _CROWD_SUBJECT.match(text, s_start) is not None
                        )
                    )
                )
                # "An attack with explosives ... The attack was launched from a car, from
                # which they threw three dynamite charges": the same attack told more exactly
                # (its weapons join it; the attack keeps its type)
                told_more = (
                    refers_back
                    and current is not None
                    and current.trigger.spec.generic
                    and best.spec.event_type in ("Battles", rules.ER, rules.VAC)
                    # "The attack came a day after five car bombs detonated": another event
                    and not _EARLIER_EVENT.search(text, s_start, best.start)
                )
                # "Bandits attacked a village. Police reservists responded and exchanged
                # fire with them.": the attack met an armed response; one battle.
                fought_back = fights_back and best.spec.sub_event_type == "Armed clash"
                # "A policeman was kidnapped. His body was found the next day.": the fate
                # of the victim just told, whenever it was found.
                victim_found = _VICTIM_FOUND.match(text, s_start) is not None
                continues = (
                    adjacent
                    and not new_story
                    and (
                        (in_toll and index not in dated_sentences)
                        or victim_found
                        or (crowd_turns_violent and index not in dated_sentences)
                        or (refers_back and (best.spec.generic or best.spec.casualty_only))
                        or told_more
                        or fought_back
                        or (
                            index not in dated_sentences
                            and (
                                best.spec.casualty_only
                                or best.spec.sub_event_type == current.trigger.spec.sub_event_type
                            )
                        )
                    )
                )
                # One undated sentence between, no new story: the event may still go on.
                after_aside = (
                    current is not None
                    and not adjacent
                    and current.sentences[-1] == index - 2
                    and not new_story
                    and index not in dated_sentences
                )
                # "...attack in a market. The motivation is unknown. Two police officers were
                # killed": a toll a sentence later still belongs to the event told.
                toll_after_aside = after_aside and in_toll and best.spec.casualty_only
                # "Students held demonstrations ... They oppose a plan ... The students
                # barricaded the highway": the crowd's deed after an aside.
                deed_after_aside = after_aside and (
                    crowd_turns_violent
                    or best.spec.event_type == current.trigger.spec.event_type == "Protests"
                )
                if continues or toll_after_aside or deed_after_aside:
                    current.sentences.append(index)
                    if (
                        best.spec.rank > current.trigger.spec.rank
                        and not best.spec.casualty_only
                        and (fought_back or not (in_toll or told_more))
                    ):
                        current.trigger = best
                    continue
                current = Cluster(best, [index])
                clusters.append(current)
            elif current is not None and (
                (adjacent and _mentions_claim_or_toll(doc, s_start, s_end))
                or (
                    current.sentences[-1] >= index - 2
                    and not new_story
                    and _tells_protest_deed(doc, current, s_start, s_end)
                )
                or (refers_back and current.sentences[-1] >= index - 2 and not new_story)
            ):
                current.sentences.append(index)
        return clusters

    # -- arguments -------------------------------------------------------------------------
    def _date(
        self,
        doc: Document,
        cluster: Cluster,
        dates: list[Located],
        reference: dt.date | None,
        mode: str,
    ) -> DateValue | None:
        allow_future = mode in ("threat", "future")
        usable = [
            located
            for located in dates
            if located.item.kind != "dateline"
            and (allow_future or not located.item.future)
            and located.item.start is not None
            and (allow_future or reference is None or located.item.start <= reference)
        ]
        inside = [located for located in usable if located.sentence in cluster.sentences]
        # "the army reported today that ...": the time of the report, not of the event.
        told = [located for located in inside if not _reporting_time(doc, located)]
        if not told and _HAD_BEFORE.search(
            doc.lowered, max(0, cluster.trigger.start - 24), cluster.trigger.start
        ):
            # "said today that two attackers had lost their lives": before the report, on a
            # day the sentence does not tell
            inside = []
        else:
            inside = told or inside
        # "protested against the attacks ... the previous day": that date times the cause.
        if cluster.trigger.spec.event_type in ("Protests", "Riots"):
            inside = [
                located for located in inside if not _times_a_cause(doc, located, cluster.trigger)
            ]
        framing = [
            located
            for located in inside
            if _frames_sentence(doc, located, cluster.trigger.sentence)
        ]
        if framing:
            # "On 12 Oct, students protested the killing ... on 7 Oct": the opening date
            # times the sentence's main clause; later dates time what it recalls.
            return _as_value(framing[0].item)
        if inside:

            def rank(located: Located) -> tuple:
                vague = located.item.kind == "vague"
                return (
                    vague,
                    abs(located.sentence - cluster.trigger.sentence),
                    abs(located.start - cluster.trigger.start),
                )

            return _as_value(min(inside, key=rank).item)
        before = [
            located
            for located in usable
            if located.sentence < cluster.sentences[0] and located.item.kind != "vague"
        ]
        if before:
            return _as_value(before[-1].item)
        if reference is None:
            return None
        return DateValue(
            start=reference, end=reference, precision="day", default=True, confidence=0.4
        )

    def _weapons(self, doc: Document, cluster: Cluster, context: dict) -> list[Weapon]:
        weapons: dict[str, Weapon] = {}
        taken: list[tuple[int, int]] = []
        quantities: list[Located] = context["quantities"]
        for index in cluster.sentences:
            start, end = doc.sentences[index]
            for scan, weapon_type, subtype in context["weapons"]:
                for match in scan.finditer(doc.text, doc.lowered, start, end, gate=False):
                    if any(
                        match.start() < t_end and t_start < match.end() for t_start, t_end in taken
                    ):
                        continue  # a longer phrase ("roadside bomb") already named this weapon
                    taken.append(match.span())
                    known = weapons.get(subtype)
                    if known is not None and known.count is not None:
                        continue
                    evidence = doc.evidence(match.start(), match.end(), mode="expand")
                    if evidence is None:
                        continue
                    count, count_evidence = _count_before(doc, match.span(), quantities)
                    if known is not None and count is None:
                        continue
                    # A later mention that gives the count ("several Katyusha rockets") wins.
                    weapons[subtype] = Weapon(
                        type=weapon_type,
                        subtype=subtype,
                        count=count,
                        evidence=[count_evidence or evidence],
                    )
        return list(weapons.values())

    def _targets(self, doc: Document, cluster: Cluster, context: dict) -> list[Target]:
        start, end = doc.sentences[cluster.trigger.sentence]
        found: list[tuple[int, Target]] = []
        text, lowered = doc.text, doc.lowered
        for scan, target_type in context["targets"]:
            match = scan.search(text, lowered, cluster.trigger.end, end, gate=False)
            if match is None:
                earlier = [
                    m
                    for m in scan.finditer(text, lowered, start, cluster.trigger.start, gate=False)
                    if not REPORTING.match(doc.text, m.end() + 1)
                ]
                match = earlier[-1] if earlier else None
            if match and REPORTING.match(doc.text, match.end() + 1):
                continue  # "officials said": who speaks is not what was hit
            if match:
                evidence = doc.evidence(match.start(), match.end(), mode="expand")
                if evidence is not None:
                    distance = abs(match.start() - cluster.trigger.end)
                    found.append(
                        (
                            distance,
                            Target(type=target_type, text=evidence.text, evidence=[evidence]),
                        )
                    )
        found.sort(key=lambda pair: pair[0])
        return [target for _, target in found[:2]]

    def _casualties(self, cluster: Cluster, casualties: list[Located], kind: str) -> Count | None:
        per_sentence: dict[int, list[Count]] = {}
        for located in casualties:
            casualty: Casualty = located.item
            if casualty.kind == kind and located.sentence in cluster.sentences:
                per_sentence.setdefault(located.sentence, []).append(casualty.count)
        if not per_sentence:
            return None
        # Within a sentence, distinct groups add up; a later sentence repeating the toll does
        # not, unless it tells of more dead ("His nephew was also killed").
        totals = [_sum_counts(counts) for _, counts in sorted(per_sentence.items())]
        toll = totals[0]
        for more in totals[1:]:
            if any(_MORE_DEAD.search(ev.text) for ev in more.evidence):
                toll = _sum_counts([toll, more])
            elif (more.best or 0) > (toll.best or 0):
                toll = more
        return toll

    def _mode(
        self, doc: Document, cluster: Cluster, dates: list[Located]
    ) -> tuple[str, Evidence | None]:
        trigger = cluster.trigger
        start, _ = doc.sentences[trigger.sentence]
        prefix = doc.text[start : trigger.start]
        breaks = list(_CLAUSE_BREAK.finditer(prefix))
        clause_start = max(
            start + (breaks[-1].end() if breaks else 0), trigger.start - _MODE_WINDOW
        )
        # Dates are blanked so that "On 21 May" is never read as the modal "may".
        chars = list(doc.text[clause_start : trigger.start])
        for located in dates:
            for position in range(
                max(located.start, clause_start), min(located.end, trigger.start)
            ):
                chars[position - clause_start] = " "
        clause = "".join(chars)
        if not doc.all_caps:
            # "Doctors Without Borders were kidnapped": a word of a name, no negation
            clause = _NAME_NEGATION.sub(lambda m: m.group(1) + " " * len(m.group(2)), clause)
        clause_lowered = clause.lower()
        checks = (
            ("denied", rules.DENIAL_SCAN),
            ("negated", rules.NEGATION_SCAN),
            ("threat", rules.THREAT_SCAN),
            ("hypothetical", rules.HYPOTHETICAL_SCAN),
        )
        for mode, scan in checks:
            # Blanked dates make the clause no part of the text: no word check for it.
            match = scan.search(clause, clause_lowered, gate=False)
            if match:
                if mode == "threat" and not _THREAT_WORD.match(match.group(0)):
                    mode = "future"
                cue = doc.evidence(
                    clause_start + match.start(), clause_start + match.end(), mode="expand"
                )
                return mode, cue
        return "asserted", None

    def _claimed(self, doc: Document, cluster: Cluster) -> tuple[bool | None, Evidence | None]:
        for index in cluster.sentences:
            start, end = doc.sentences[index]
            for value, scan in ((False, rules.NOT_CLAIMED_SCAN), (True, rules.CLAIMED_SCAN)):
                match = scan.search(doc.text, doc.lowered, start, end)
                if match:
                    return value, doc.evidence(match.start(), match.end(), mode="expand")
        return None, None

    # -- the event ----------------------------------------------------------------------------
    def _event(self, doc: Document, cluster: Cluster, number: int, context: dict) -> Event:
        trigger_ev = doc.evidence(cluster.trigger.start, cluster.trigger.end, mode="expand")
        mode, mode_ev = self._mode(doc, cluster, context["dates"])
        event = Event(id=f"E{number}", mode=mode, trigger=trigger_ev)
        event.date = self._date(doc, cluster, context["dates"], context["reference"], mode)
        event.place = choose_place(
            doc,
            sentences=cluster.sentences,
            trigger_sentence=cluster.trigger.sentence,
            trigger_start=cluster.trigger.start,
            candidates=[
                PlaceCandidate(located.item, located.start, located.sentence)
                for located in context["places"]
            ],
            all_places=context["all_places"],
        )
        event.place = settle_place(event.place, doc, context["all_places"])
        event.actor1, event.actor2 = find_actors(
            doc, cluster, context["actors"], context["casualties"]
        )
        event.weapons = self._weapons(doc, cluster, context)
        event.targets = self._targets(doc, cluster, context)
        event.named_targets = named_targets(doc, cluster.sentences)
        event.fatalities = self._casualties(cluster, context["casualties"], "killed")
        event.injuries = self._casualties(cluster, context["casualties"], "injured")
        event.claimed, claim_ev = self._claimed(doc, cluster)
        claimant = claimant_of(doc, cluster, context["actors"])
        if claimant is not None and (
            event.actor1 is None or event.actor1.name.startswith("Unidentified")
        ):
            # "The Taliban claimed responsibility", "police believe the FARC was responsible".
            if event.actor2 is not None and event.actor2.name == claimant.name:
                event.actor2 = None
            event.actor1 = claimant
        if cluster.trigger.spec.event_type == "Protests" and event.fatalities is not None:
            # "students protested after a student died in a road accident": the death is
            # the protest's cause unless force meets the crowd in the telling.
            told = " ".join(
                doc.sentence_text(doc.sentence_of(doc.view_offset(ev.start)))
                for ev in event.fatalities.evidence
            )
            if (event.fatalities.best or 0) > 0 and not _FORCE.search(told):
                event.fatalities = None
        words = " ".join(doc.sentence_text(index) for index in cluster.sentences)
        assign_type(doc, event, cluster.trigger.spec, words)
        country = event.place.country_code if event.place else context["focus"]
        if event.actor1 is None and event.event_type in ("Battles", rules.ER, rules.VAC):
            event.actor1 = unidentified(country)
        elif event.event_type in ("Protests", "Riots"):
            crowd_as_actor1(event, country, cluster, context["actors"])
        if event.fatalities is None and mode == "asserted" and event.event_type is not None:
            # Nothing said about deaths: zero, marked as a default by its missing evidence.
            event.fatalities = Count(low=0, best=0, high=0, confidence=0.3)
        if (
            event.injuries is None
            and mode == "asserted"
            and event.event_type not in (None, "Protests")
        ):
            event.injuries = Count(low=0, best=0, high=0, confidence=0.3)
        if trigger_ev:
            event.evidence["event_type"] = [trigger_ev]
        if mode_ev:
            event.evidence["mode"] = [mode_ev]
        if claim_ev:
            event.evidence["claimed"] = [claim_ev]
        event.confidence = 0.5 + 0.05 * min(
            6,
            sum(
                value is not None
                for value in (
                    event.date,
                    event.place,
                    event.actor1,
                    event.actor2,
                    event.fatalities,
                    event.weapon_type,
                )
            ),
        )
        return event

    def _threats(self, doc: Document, clusters: list[Cluster], number: int) -> list[Event]:
        """Pledges of retaliation: kept as threat events, never as things that happened."""
        events = []
        for match in rules.RETALIATION_SCAN.finditer(doc.text, doc.lowered):
            sentence = doc.sentence_of(match.start())
            if any(cluster.trigger.sentence == sentence for cluster in clusters):
                continue
            evidence = doc.evidence(match.start(), match.end(), mode="expand")
            number += 1
            events.append(
                Event(
                    id=f"E{number}",
                    mode="threat",
                    trigger=evidence,
                    confidence=0.5,
                    evidence={"mode": [evidence]} if evidence else {},
                )
            )
        return events

    def _mark_main(self, doc: Document, events: list[Event], clusters: dict[str, Cluster]) -> None:
        told: list[Event] = []
        for event in events:
            cluster = clusters.get(event.id)
            if event.mode != "asserted" or cluster is None:
                continue
            start, _ = doc.sentences[cluster.trigger.sentence]
            if rules.BACKGROUND_SCAN.search_slice(
                doc.text,
                doc.lowered,
                max(start, cluster.trigger.start - _MODE_WINDOW),
                cluster.trigger.end,
            ):
                event.mode = "background"
                continue
            told.append(event)
        # "In 2008, 1,300 were killed ...; on Sunday a man was injured": the story's own
        # event is the first one not dated long before the report.
        reference = doc.layer("reference_date")
        recent = [event for event in told if not _long_before(event, reference)]
        main = (recent or told or [None])[0]
        if main is not None:
            main.main = True
        if main is None or main.date is None or main.date.start is None:
            return
        for event in events:
            if (
                event is main
                or event.mode != "asserted"
                or event.date is None
                or event.date.end is None
            ):
                continue
            if event.date.end < main.date.start - dt.timedelta(days=1):
                event.mode = "background"

    def __call__(self, doc: Document) -> None:
        dates = self._locate(doc, doc.layer("dates", []), _first_evidence)
        places: list[PlaceMention] = doc.layer("places", [])
        lowered = doc.lowered
        context = {
            "dates": dates,
            "reference": doc.layer("reference_date"),
            "places": self._locate(doc, places, lambda mention: _first_evidence(mention.value)),
            "all_places": places,
            "actors": self._locate(doc, doc.layer("actors", []), _first_evidence),
            "quantities": self._locate(doc, doc.layer("quantities", []), lambda q: q.evidence),
            "casualties": [
                Located(casualty, casualty.start, casualty.end, doc.sentence_of(casualty.start))
                for casualty in doc.layer("casualties", [])
            ],
            "focus": story_country(places),
            # Only the weapon and target words the story holds are looked for, event by event.
            "weapons": [item for item in _WEAPONS if may_match(item[0].pattern, doc.text, lowered)],
            "targets": [item for item in _TARGETS if may_match(item[0].pattern, doc.text, lowered)],
        }
        clusters = self._clusters(doc, self._triggers(doc), dates, context["casualties"])
        events = [
            self._event(doc, cluster, number, context) for number, cluster in enumerate(clusters, 1)
        ]
        by_id = {event.id: cluster for event, cluster in zip(events, clusters, strict=True)}
        events += self._threats(doc, clusters, len(events))
        self._mark_main(doc, events, by_id)
        doc.set_layer("events", events, stage="events")


# A stated date this long before the report times an earlier event the story recalls.
_RECALLED_AFTER = dt.timedelta(days=60)


# A later toll of other victims: "His nephew was also killed", "Another person ... died".
_MORE_DEAD = re.compile(r"\b(?:also|another|other|more)\b", re.IGNORECASE)


def _sum_counts(counts: list[Count]) -> Count:
    """Distinct groups of people added up, with the evidence of each."""
    return Count(
        low=sum(count.low or 0 for count in counts),
        best=sum(count.best or 0 for count in counts),
        high=None if any(count.high is None for count in counts) else sum(c.high for c in counts),
        confidence=min(count.confidence for count in counts),
        evidence=[ev for count in counts for ev in count.evidence],
    )


def _long_before(event: Event, reference: dt.date | None) -> bool:
    date = event.date
    if reference is None or date is None or date.default or date.end is None:
        return False
    return date.end < reference - _RECALLED_AFTER


def _first_evidence(item) -> Evidence | None:
    return item.evidence[0] if item.evidence else None


def _as_value(mention: DateMention) -> DateValue:
    return DateValue(
        start=mention.start,
        end=mention.end,
        precision=mention.precision,
        default=mention.default,
        confidence=mention.confidence,
        evidence=mention.evidence,
    )


_FORCE = re.compile(
    r"\b(?:police|policem[ae]n|officers?|security forces|soldiers|troops|army|forces|shot|"
    r"gunfire|fired|bullets?|tear ?gas|clash\w*|stamped\w*|crush\w*)\b",
    re.IGNORECASE,
)
# A capitalised negation word after a capitalised word is a word of a name.
_NAME_NEGATION = re.compile(r"(\b[A-Z][\w'’-]*\s+)(Without|No|Not|Never|Nor|Neither)\b")
_NO_BEFORE = re.compile(r"\b(?:no|without|any)\s+(?:\w+\s+)?$", re.IGNORECASE)
_REPORT_TIME = re.compile(
    r"\b(?:said|says|reported|announced|stated|told|confirmed|denounced|declared|added|disclosed|revealed|indicated)\s+(?:\w+\s+)?$",
)
# A past perfect just before a trigger: "had lost", "had been killed".
_HAD_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?(?:\w+\s+)?$")
_REPORT_TIME_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:said|reported|announced|stated|told|confirmed|denounced|declared|disclosed|revealed|indicated)\b",
)


_OPENING = re.compile(
    r"(?:on|as reported on|reported on|on or about|on or around|on or before|around|between|from|in|during)?",
    re.IGNORECASE,
)


def _frames_sentence(doc: Document, located: Located, sentence: int) -> bool:
    """The date opens the sentence: "On 3 May 2019, ...", "12 Sep. Residents ..."."""
    start, _ = doc.sentences[sentence]
    if located.sentence != sentence or located.start - start > 25:
        return False
    return bool(_OPENING.fullmatch(doc.text[start : located.start].strip(" \n\t\"'(")))


# Words that put what follows them before, or beside, the event being told.
_EARLIER_EVENT = re.compile(
    r"\b(?:following|after|before|since|came|comes|previous|earlier|prior|one of|another|other"
    # "The group also claimed credit for the January dynamite bombing": the doer's record
    r"|also claimed)\b",
    re.IGNORECASE,
)


_CLAUSE_END = re.compile(r"[,;:]|\b(?:and|but|while)\b")
# A protest verb with its object: "protested the murder of", "to protest the rape".
_PROTEST_OBJECT = re.compile(r"\s+(?:the|a|an|his|her|their|its)\b", re.IGNORECASE)
# "protested after a student was raped": what the crowd reacts to.
_AFTER = re.compile(r"\bafter\b(?!\s+which)", re.IGNORECASE)
# The crowd named by its victim ("colleagues of a man beheaded by", "relatives of a
# teacher who was shot dead"), or a sentence opened by what it reacts to ("After a rider
# was gunned down ...").
_VICTIM_OF_THE_CROWD = re.compile(
    r"(?:\b(?:colleagues|relatives|famil(?:y|ies)|friends|parents|classmates|comrades|"
    r"neighbou?rs) of (?:a|an|the|their|his|her) (?:[\w-]+ ){0,4}?"
    r"(?:who (?:was|were|had been) )?|^\s*(?:shortly |soon |days |hours )?after\b[^,;]*)$",
    re.IGNORECASE,
)


# How a sentence that tells on may open ("Later, ...").
_TELLING_ON = r"\s*(?:(?:later|then|afterwards),?\s+)?"
# A sentence that opens on the body of the victim just told ("His body was found").
_VICTIM_FOUND = re.compile(
    _TELLING_ON + r"(?:his|her|their)\s+(?:[\w-]+\s+)?bod(?:y|ies)\b", re.IGNORECASE
)
# Those attacked fight back: "Police reservists responded and exchanged fire with the
# bandits", "Marakwet herders retaliated", "In the ensuing gunfight ...".
_FIGHT_BACK = re.compile(
    r"\b(?:respond(?:ed|s)|retaliat(?:ed|es)|ensuing|engag(?:ed|e|es) the|fought back|"
    r"returned fire|repulsed|repelled)\b",
    re.IGNORECASE,
)
# A sentence whose subject is the demonstration's crowd.
_CROWD_SUBJECT = re.compile(
    _TELLING_ON
    + r"(?:the\s+)?(?:angry\s+)?(?:demonstrators|protesters|protestors|crowd|mob|rioters)\b",
    re.IGNORECASE,
)
_RECALLED_BEFORE = re.compile(
    r"\b(?:prior|previous|earlier|last|past|upcoming|planned|proposed)\s+(?:[\w'-]+\s+)?$",
    re.IGNORECASE,
)
# What the victims were watching: "assaulted by police while covering political riots".
_WITNESSED_BEFORE = re.compile(
    r"\b(?:while|when|as) (?:\w+ ){0,2}(?:covering|photographing|filming|reporting on|"
    r"documenting|watching)\s+(?:[\w'-]+\s+){0,4}$",
    re.IGNORECASE,
)
# The victims' part in a gathering: "assaulted 3 members for participating in the
# anti-government demonstration", "for joining BNP's rally".
_JOINED_BEFORE = re.compile(
    r"\b(?:participat\w+|joining|to join|attending|taking part)\s+(?:in\s+)?"
    r"(?:[\w'-]+\s+){0,4}$",
    re.IGNORECASE,
)


def _without_recalled(doc: Document, candidates: list[Trigger]) -> list[Trigger]:
    """Drop the triggers that recall an earlier or announce a coming event, or name a
    gathering the victims took part in or were covering ("killed a vendor for not attending
    the prior demonstration"), when the sentence tells another."""
    text = doc.text

    def recalled(trigger: Trigger) -> bool:
        if _RECALLED_BEFORE.search(text, max(0, trigger.start - 30), trigger.start):
            return True
        if _WITNESSED_BEFORE.search(text, max(0, trigger.start - 60), trigger.start):
            return True
        return trigger.spec.event_type == "Protests" and bool(
            _JOINED_BEFORE.search(text, max(0, trigger.start - 60), trigger.start)
        )

    kept = [trigger for trigger in candidates if not recalled(trigger)]
    return kept or candidates


def _without_protest_causes(doc: Document, candidates: list[Trigger]) -> list[Trigger]:
    """Drop the triggers that name what a protest in the same sentence is about or follows:
    the protest is the event, the rape or killing it denounces ("following prior clashes",
    "protested the murder of", "colleagues of a man beheaded by al-Shabaab protest") is its
    cause."""
    protests = [t for t in candidates if t.spec.event_type == "Protests"]
    if not protests or len(protests) == len(candidates):
        return candidates
    first = min(protests, key=lambda t: t.start)
    sentence_start, _ = doc.sentences[first.sentence]
    # "protested the rape of", "to protest the killing": the verb's object is the cause.
    transitive = _PROTEST_OBJECT.match(doc.text, first.end) is not None
    kept = []
    for trigger in candidates:
        if trigger.spec.event_type != "Protests" and trigger.start > first.end:
            between = doc.text[first.end : trigger.start]
            cues = list(rules.PROTEST_CAUSE.finditer(between)) + list(
                rules.SETTING_CUE.finditer(between)
            )
            cues += list(_AFTER.finditer(between))
            cues.sort(key=lambda cue: cue.end())
            if transitive and not _CLAUSE_END.search(between):
                continue
            if cues and not _CLAUSE_END.search(between, cues[-1].end()):
                continue
        elif trigger.spec.event_type != "Protests" and _VICTIM_OF_THE_CROWD.search(
            doc.text[sentence_start : trigger.start]
        ):
            continue
        kept.append(trigger)
    return kept


def _times_a_cause(doc: Document, located: Located, trigger: Trigger) -> bool:
    """A date inside a causal clause that does not hold the trigger ("rallied over the
    killing of a student on 7 May") times the cause the story recalls, not the event."""
    start, _ = doc.sentences[located.sentence]
    before = doc.text[start : located.start]
    causes = list(rules.CAUSE.finditer(before))
    if not causes:
        return False
    cause = causes[-1]
    clause = before[cause.end() :]
    if _CLAUSE_END.search(clause):
        return False  # the causal clause closed before the date
    cause_start = start + cause.start()
    return not (cause_start <= trigger.start < located.start)


def _reporting_time(doc: Document, located: Located) -> bool:
    """A date that times the report ("reported today", "today announced"), not the event."""
    before = doc.text[max(0, located.start - 30) : located.start].lower()
    after = doc.text[located.end : located.end + 30].lower()
    return bool(_REPORT_TIME.search(before) or _REPORT_TIME_AFTER.match(after))


def _mentions_claim_or_toll(doc: Document, start: int, end: int) -> bool:
    """The sentence text[start:end] tells a claim, an attribution or a toll."""
    text, lowered = doc.text, doc.lowered
    return bool(
        rules.CLAIMED_SCAN.search_slice(text, lowered, start, end)
        or rules.NOT_CLAIMED_SCAN.search_slice(text, lowered, start, end)
        or rules.ATTRIBUTION_SCAN.search_slice(text, lowered, start, end)
        or _TOLL_WORD_SCAN.search_slice(text, lowered, start, end)
    )


def _tells_protest_deed(doc: Document, current: Cluster, start: int, end: int) -> bool:
    """A demonstration told on without a new trigger: what its crowd did or met ("The
    students barricaded the highway with boulders", "Police used tear gas")."""
    if current.trigger.spec.event_type != "Protests":
        return False
    text, lowered = doc.text, doc.lowered
    return bool(
        CROWD_VIOLENCE_SCAN.search_slice(text, lowered, start, end)
        or INTERVENTION_SCAN.search_slice(text, lowered, start, end)
    )


_TOLL_WORD_SCAN = Caseless(
    re.compile(r"\b(?:casualties|killed|wounded|injured|dead|died|succumbed|toll|body)\b", re.I)
)
_OF_AFTER = re.compile(r"\s+of\b")
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|the same|the latest|the deadly)\s+(?:\w+\s+)?$")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been)\s+$")
_THREAT_WORD = re.compile(r"vow|pledg|threat|warn|promis|swore", re.I)


def _count_before(
    doc: Document, weapon: tuple[int, int], quantities: list[Located]
) -> tuple[int | None, Evidence | None]:
    """The count written just before a weapon word: 'two rockets', 'several Katyusha rockets'.

    The evidence runs from the count to the end of the weapon's words."""
    start, end = weapon
    for located in quantities:
        quantity: Quantity = located.item
        inside = located.start <= start < located.end
        between = doc.text[located.end : start] if located.end <= start else None
        if inside or (between is not None and _WORDS_BETWEEN.fullmatch(between)):
            return quantity.value, doc.evidence(located.start, max(end, located.end), mode="expand")
    return None, None
