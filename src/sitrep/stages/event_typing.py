"""Event typing: the trigger's (event type, sub-event type), refined by who acts and how.

The trigger names a first guess ("clashed" -> Battles / Armed clash). ACLED's definitions
then turn on the actors: a battle is fought between organised armed groups; the same
"clashed" between party supporters, students or villagers armed with sticks and bricks
is a riot; a demonstration whose crowd burns or vandalises is a violent demonstration.
Each refinement reads only the words of the event's own sentences.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import event_rules as rules
from .scanning import Caseless

if TYPE_CHECKING:
    from ..document import Document
    from ..model import Actor, Event, Target

# Organised non-state armed actors (ACLED inter 2, 3 and 4, and foreign forces): with
# them a clash is a battle. Political parties (kind "party") are not among them: their
# supporters' street fights are riots in ACLED's terms.
_ARMED_KINDS = frozenset({"rebel", "militia", "identity_militia", "external"})
# Role words that make an organised non-state armed side without a dictionary name.
ARMED_CUE = re.compile(
    r"\b(?:gunm[ae]n|militants?|insurgents?|rebels?|bandits?|raiders?|cattle rustlers?|"
    r"rustlers?|militias?|militiam[ae]n|herders?|herdsm[ae]n|pastoralists?|clans?|"
    r"communit(?:y|ies)|ethnic|tribal|tribes?|terrorists?|fighters|jihadists?|"
    r"armed (?:men|groups?|gangs?)|gangs?|criminals|thugs|robbers|"
    r"al[- ]shabaa?b|taliban)\b",
    re.IGNORECASE,
)
# Ordinary people acting together: with them (and no armed side) violence is a riot.
CROWD_CUE = re.compile(
    r"\b(?:students?|supporters?|activists?|protesters?|protestors?|demonstrators?|"
    r"rioters?|youths?|villagers?|residents|locals|workers|traders|vendors|mobs?|crowds?|"
    r"operators|drivers|boda bodas?|settlers|squatters|fans|mourners|relatives|groups|"
    r"shopkeepers|labou?rers|hawkers|voters|inhabitants|riders|fishermen|sellers|"
    r"brokers|"
    r"vigilantes?|staff|teachers|family members|neighbou?rs|locals|"
    r"followers|factions?|rivals?|rival (?:groups?|factions?)|two groups|a group of (?:people|"
    r"locals|villagers|residents|youths)|leaders and activists|members of|accomplices|"
    r"party (?:men|members|workers)|"
    r"local weapons|sharp weapons|bricks?|brickbats|sticks|stones|iron rods|hockey sticks|"
    r"chairs|rods)\b",
    re.IGNORECASE,
)
# What a crowd does that makes a demonstration violent.
CROWD_VIOLENCE = re.compile(
    r"\b(?:vandali[sz](?:ed|ing|e)|torch(?:ed|ing)|set (?:fire|ablaze|on fire)|"
    r"burn(?:t|ed|ing)? (?:down )?(?:vehicles?|buses|cars?|houses?|shops?|offices?|"
    r"police|the)|clash(?:ed|es)?|threw (?:stones|bricks|rocks)|hurl(?:ed|ing) "
    r"(?:stones|rocks|bricks)|pelt(?:ed|ing)|stone[- ]pelting|brickbats|looted|looting|"
    r"rampage|riot(?:ed|ing|s)?|rioters|violent(?:ly)?|crude bombs|cocktails|"
    r"damaged|smashed|barricad(?:e|ed|ing)|bonfires?|"
    r"destroy(?:s|ed|ing)?|destruction|exploded|engaged (?:the )?police|"
    r"burn(?:s|ed|t)?(?! (?:an |the |\w+ )?effig)|"
    r"broke into|broken into|break(?:s|ing)? into|stones? thrown|thrown stones|hit by (?:a )?stones?|block(?:ed|ing|s)? (?:both sides of |the |a )?(?:roads?|highway)|"
    r"burning (?:old )?(?:tires|tyres|tyers)|lit (?:\w+ )?(?:tires|tyres|bonfires|fires)|"
    r"broke (?:a|the) police line|extorted|setting (?:fire|ablaze|on fire)|"
    r"(?:demonstrators|protesters|protestors) (?:also )?(?:assaulted|attacked|beat|injured|"
    r"hacked|hurled|threw)|"
    r"stole|stolen|set alight)\b",
    re.IGNORECASE,
)
PROTEST_CUE = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|hartal|strike|blockade|procession|"
    r"marched|marches|a march|agitation|demand(?:ed|ing|s)|bonfires|riot(?:s|ed|ing|ers)?|anti-riot)\b",
    re.IGNORECASE,
)
# Police intervention in a demonstration: tear gas, batons, arrests, dispersal.
INTERVENTION = re.compile(
    r"tear ?gas|dispers|baton|water cannon|rubber bullets|arrested|arresting|"
    r"(?<!the )arrests? (?!of\b)(?:\w+ )?(?:protesters|demonstrators|students|members|"
    r"activists|people|them|several|some|many|dozens|scores|\d+|two|three|four|five|six)|"
    r"detained|charged|"
    r"intervened|intervention|"
    r"assaulted|attacked|beat|obstructed|blocked them|foiled|stopped",
    re.IGNORECASE,
)
HOMEMADE_BOMB = re.compile(
    r"\b(?:crude|cocktail|petrol|hand-?made|country-?made|home-?made) bombs?|\bcocktails\b|"
    r"\bmolotov",
    re.IGNORECASE,
)
# The street bombs of South Asian reports; a petrol bomb or a Molotov cocktail thrown by
# unknown attackers stays an attack unless a crowd threw it.
CRUDE_BOMB = re.compile(r"\b(?:crude|cocktail|hand-?made|country-?made) bombs?", re.IGNORECASE)
FIREARM_CUE = re.compile(
    r"\b(?:gun\w*|shot|shots|shoot\w*|opened fire|fired (?:at|on|upon|into|shots)|firing|"
    r"rifles?|pistols?|bullets?|ak-47s?|machine-?guns?|snipers?|firearms?|armed men)\b",
    re.IGNORECASE,
)
_BY_AGENT = re.compile(r"\s+(?:[\w-]+\s+){0,3}?by\s+([^,.;]{0,60})", re.IGNORECASE)
_BE = r"\b(?:was|were|been|being|is|are)"
_PASSIVE = re.compile(_BE + r"\s+(?:\w+\s+)?$", re.IGNORECASE)
VAC = rules.VAC
_KILL_VERB = re.compile(r"kill(?:s|ed|ing)?", re.IGNORECASE)
_CLASH = re.compile(
    r"clash|fight|fought|battle|engaged|skirmish|exchange of fire|exchanged fire", re.I
)
_ASSAULT = re.compile(r"attack|assault|beat|raid|targeted|storm", re.I)
# A gathering that is the target of the violence ("youths threw stones at a CORD rally",
# "armed youths disrupt an ODM rally"): the event is the attack on it, not a protest.
_GATHERING_ATTACKED = re.compile(
    r"\b(?:disrupt(?:ed|ing|s)?|attack(?:ed|ing|s)?|assault(?:ed|ing|s)?|heckl(?:ed|ing|e)|"
    r"(?:stones|bricks|rocks|brickbats|bombs?) (?:at|on))\s+"
    r"(?:(?:a|an|the|their|its|his|her)\s+)?(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# A campaign's gathering, not a demonstration: ACLED codes an attack on demonstrators as
# the protest it met, an attack on a rally as mob violence.
_RALLY_WORDS = r"rall(?:y|ies)|campaign|meeting"
_RALLY = re.compile(_RALLY_WORDS, re.IGNORECASE)
_RALLY_WORD = re.compile(rf"\b(?:{_RALLY_WORDS})\b", re.IGNORECASE)
# The police's words for a crowd they met: a demonstration only if a crowd is there.
_FORCE_ON_A_CROWD = re.compile(r"tear ?gas|dispers", re.IGNORECASE)
# Forces of order as the doer: their blow to a gathering is an intervention, not a riot.
_FORCES_OF_ORDER = re.compile(
    r"\b(?:police\w*|security (?:forces|personnel|agents)|soldiers|troops|army|military|"
    r"law enforcers|officers|RAB|BGB|GSU)\b",
    re.IGNORECASE,
)


# Case-sensitive twins of the cues, for lower-cased words (see scanning).
_ARMED = Caseless(ARMED_CUE)
_CROWD = Caseless(CROWD_CUE)
_PROTEST = Caseless(PROTEST_CUE)
_HOMEMADE_BOMB = Caseless(HOMEMADE_BOMB)
_CRUDE_BOMB = Caseless(CRUDE_BOMB)
CROWD_VIOLENCE_SCAN = Caseless(CROWD_VIOLENCE)
INTERVENTION_SCAN = Caseless(INTERVENTION)
_FIREARM = Caseless(FIREARM_CUE)


def _is_armed(actor: Actor | None) -> bool:
    """State forces, rebels, militias, foreign forces - named, or by role ("soldiers")."""
    return actor is not None and actor.kind != "party" and actor.inter in {1, 2, 3, 4, 8}


# A counted group right before the verb: "at least 15 people, including security guards,
# assaulted", "4-5 assailants hacked": ordinary people acting together.
_COUNTED_DOERS = re.compile(
    r"\b(?:at least |about |around |over |some |nearly )?\d+(?:\s*-\s*\d+)?\s+"
    r"(?:people|persons|men|assailants|locals)(?:,[^,]{0,60},)?\s+(?:\w+,\s+){0,3}"
    r"(?:\w+\s+(?:and\s+)?)?$",
    re.IGNORECASE,
)
# Uncounted "assailants" who beat, stab or hack someone: a group at close quarters, a mob
# (ACLED); "unknown assailants attack a village" stays an armed attack.
_ASSAILANTS = re.compile(
    r"\bassailants(?:,[^,]{0,60},)?\s+(?:\w+,\s+){0,3}(?:\w+\s+(?:and\s+)?)?$", re.IGNORECASE
)
_BLOWS = re.compile(r"assault|beat|stab", re.IGNORECASE)


# The forces fought back: an exchange, so a battle ("The police fired back and killed two
# of them", "police opened fire, killing 2 of the attackers").
FORCES_FIGHT_BACK = re.compile(
    r"\b(?:fired back|returned fire|return(?:ing)? fire|fought back|fight back|fighting back|"
    r"exchange of fire|exchanged fire|exchanging fire|shoot-?out|gun ?fight|fire ?fight|"
    r"repulsed|repelled|killing \w+ of the (?:attackers|raiders|militants|gunmen|bandits)|"
    r"killed \w+ of the (?:attackers|raiders|militants|gunmen|bandits)|"
    r"(?:\w+ )?of the (?:suspected )?(?:attackers|raiders|militants|gunmen|bandits) (?:were|was) "
    r"(?:also |later |however, )?(?:shot|killed)|(?:one|an?) attacker was (?:shot|killed)|"
    r"clash(?:ed|es)? (?:with|between) (?:the )?(?:police|security|soldiers|troops|kdf|army))",
    re.IGNORECASE,
)
_FORCES_FIGHT_BACK = Caseless(FORCES_FIGHT_BACK)


# Blows dealt by hand ("2 people shot dead" is a headline's passive, not 2 shooters).
_HANDS_ON = re.compile(r"assault|beat|hack|stab|attack|lynch|chas|kill", re.IGNORECASE)


def _crowd_agent(doc: Document, event: Event) -> bool:
    """The doer of an assault is a crowd ("rivals stabbed", "lynched by residents") and
    no armed group stands beside it: read the clause before the trigger, or its by-phrase."""
    if event.trigger is None:
        return False
    start, end = doc.view_offset(event.trigger.start), doc.view_offset(event.trigger.end)
    s_start, s_end = doc.sentences[doc.sentence_of(start)]
    after = doc.text[end:s_end]
    by = _BY_AGENT.match(after)
    if by:
        agent = by.group(1)
    elif _PASSIVE.search(doc.text[max(s_start, start - 25) : start]):
        return False
    else:
        agent = doc.text[max(s_start, start - 120) : start]
    lowered = agent.lower()
    if _ARMED.search(agent, lowered, gate=False):
        return False
    counted = (_COUNTED_DOERS.search(agent) and _HANDS_ON.match(event.trigger.text)) or (
        _ASSAILANTS.search(agent) and _BLOWS.match(event.trigger.text)
    )
    return bool(_CROWD.search(agent, lowered, gate=False) or counted)


def _gathering_attacked(doc: Document, event: Event) -> bool:
    """The trigger names a gathering that others attacked ("threw stones at CORD's rally")."""
    if event.trigger is None or not _RALLY.match(event.trigger.text):
        return False
    start = doc.view_offset(event.trigger.start)
    s_start, _ = doc.sentences[doc.sentence_of(start)]
    window = max(s_start, start - 80)
    found = _GATHERING_ATTACKED.search(doc.text[window:start])
    return found is not None and not _FORCES_OF_ORDER.search(
        doc.text[s_start : window + found.start()]
    )


def _struck_gathering(words: str) -> bool:
    """The only gathering the words tell is one the crowd struck ("throw stones at a CORD
    rally"): the riot is mob violence, not a demonstration turned violent."""
    return any(
        _GATHERING_ATTACKED.search(words[max(0, rally.start() - 80) : rally.start()])
        for rally in _RALLY_WORD.finditer(words)
    )


_BY_BEFORE = re.compile(
    r"\bby\s+(?!\w+ing\b)(?:(?:the|a|an|his|her|their)\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE
)


def _names_the_doer(doc: Document, target: Target) -> bool:
    """The target word is in a by-phrase: the doer's ("shot and killed by police")."""
    return any(
        _BY_BEFORE.search(
            doc.text[max(0, doc.view_offset(ev.start) - 30) : doc.view_offset(ev.start)]
        )
        for ev in target.evidence
    )


_ARMED_VICTIM = re.compile(
    r"\b(?:suspected|suspects?|gunm[ae]n|militants?|insurgents?|fighters|bandits?|raiders?|"
    r"rustlers?|kidnappers?|carjackers?|robbers?|thugs?|gangsters?|gang members|criminals|"
    r"attackers|assailants|terrorists?)\b",
    re.IGNORECASE,
)


# The three words after a casualty statement, short of a by-phrase (the doer's).
_PHRASE_AFTER = re.compile(r"(?:\s+(?!by\b)[\w'-]+){0,3}")


def _armed_victims(doc: Document, event: Event) -> bool:
    """The people the forces killed or wounded are named as armed or as suspects: in the
    casualty statement, the noun phrase right after it ("shot dead five suspected
    carjackers"), or actor2."""
    counts = [event.fatalities, event.injuries]
    told = []
    for evidence in (ev for count in counts if count is not None for ev in count.evidence):
        end = doc.view_offset(evidence.end)
        told.append(evidence.text + _PHRASE_AFTER.match(doc.text, end).group())
    if event.actor2 is not None:
        told += [ev.text for ev in event.actor2.evidence]
    return any(_ARMED_VICTIM.search(words) for words in told)


_PASSIVE_VERB = re.compile(_BE + r"\b", re.IGNORECASE)


def _guards_struck(doc: Document, event: Event) -> bool:
    """Guards on the receiving end ("killed a watchman", "three guards were hacked"), not
    guards who did it ("prison guards attacked residents"): they were armed, so the attack
    on them was a fight."""
    if event.trigger is None:
        return False
    trigger_start = doc.view_offset(event.trigger.start)
    trigger_end = doc.view_offset(event.trigger.end)
    s_start, s_end = doc.sentences[doc.sentence_of(trigger_start)]
    after = rules.ARMED_GUARD.search(doc.text, trigger_end, min(s_end, trigger_end + 60))
    if after is not None:
        return True
    before = list(rules.ARMED_GUARD.finditer(doc.text, s_start, trigger_start))
    return bool(before) and bool(_PASSIVE_VERB.search(doc.text, before[-1].end(), trigger_start))


def _armed_doer(event: Event) -> bool:
    """The doer is a named armed group ("suspected members of MRC kill a woman")."""
    return event.actor1 is not None and event.actor1.kind in _ARMED_KINDS


def _either_side_is(event: Event, kinds: frozenset[str] | set[str]) -> bool:
    return any(actor is not None and actor.kind in kinds for actor in (event.actor1, event.actor2))


def _has_armed_actor(event: Event) -> bool:
    return _either_side_is(event, _ARMED_KINDS)


def assign_type(doc: Document, event: Event, spec: rules.TriggerSpec, words: str) -> None:
    """Set the event's ACLED, GTD and PLOVER types from its trigger ``spec`` and ``words``
    (the text of the event's own sentences)."""
    event_type, sub_event_type = spec.event_type, spec.sub_event_type
    attack_type, weapon_type = spec.attack_type, spec.weapon_type
    # A target word that names the doer ("attacked by a police officer") is no target.
    doer = event.actor1.evidence if event.actor1 is not None else []
    targets = [
        target
        for target in event.targets
        if not any(
            ev.start < own.end and own.start < ev.end for ev in target.evidence for own in doer
        )
    ]
    guards = _guards_struck(doc, event)
    # Each one struck can fight back; guards count with the targets.
    armed_targets = [target.type in rules.ARMED_TARGET_TYPES for target in targets]
    armed_targets += [True] * guards
    # Those struck, short of the ones a by-phrase names as doers.
    struck_armed = [
        target.type in rules.ARMED_TARGET_TYPES
        for target in targets
        if not _names_the_doer(doc, target)
    ]
    struck_armed += [True] * guards
    trigger = event.trigger.text if event.trigger else ""
    lowered = words.lower()

    def says(scan: Caseless, told: str = words) -> bool:
        return scan.search(told, lowered if told is words else told.lower(), gate=False) is not None

    armed_words = says(_ARMED) or _has_armed_actor(event)
    state_agent = event.actor1 is not None and event.actor1.kind == "state"
    forces_agent = event.actor1 is not None and event.actor1.inter == 1
    crowd = says(_CROWD)
    if spec.generic:
        against_armed = any(armed_targets) or (
            event.actor2 is not None
            and event.actor2.inter in {1, 2, 3, 8}
            and event.actor2.kind != "party"
        )
        if against_armed:
            event_type, sub_event_type = "Battles", "Armed clash"
    # A demonstration the riot grew from, not one it came after or amid ("amid the outbreak
    # of violence ... following anti-government demonstrations").
    protest = says(_PROTEST, rules.without_setting(words))
    if event_type == "Battles" and sub_event_type == "Armed clash" and _CLASH.search(trigger):
        # "supporters of two candidates clashed with sticks", "the protest engaged in running
        # battles with police", "pro-BNP and Awami League lawyers clashed": no organised
        # armed side.
        party_side = _either_side_is(event, {"party"})
        if (crowd or protest or party_side) and not armed_words:
            event_type = "Riots"
            sub_event_type = "Violent demonstration" if protest else "Mob violence"
    elif (
        ((spec.generic and _ASSAULT.search(trigger)) or spec.sub_event_type == "Attack")
        and (not spec.casualty_only or _KILL_VERB.fullmatch(trigger))
        and _crowd_agent(doc, event)
        and not state_agent
        and not _armed_doer(event)
    ):
        # "supporters of a candidate assaulted a polling agent": a mob, not an armed group.
        event_type = "Riots"
        sub_event_type = "Violent demonstration" if protest else "Mob violence"
    elif (
        event_type == rules.ER
        and says(_HOMEMADE_BOMB)
        and (crowd or says(_CRUDE_BOMB))
        and not armed_words
        and not state_agent
    ):
        # "supporters threw crude bombs at the procession", "unidentified persons exploded
        # cocktail bombs near the university": street violence, not remote war (ACLED codes
        # crude bombs thrown by no organised armed group as mob violence).
        event_type = "Riots"
    if (
        event_type == VAC
        and _is_armed(event.actor1)
        and _is_armed(event.actor2)
        and event.actor2.inter != 4
        and event.actor1.name != event.actor2.name
    ):
        # "a police reservist shot dead by suspected al-Shabaab": armed on both sides. (A
        # community named as the victim - "raiders attack a Pokot village", "shot dead two
        # herders" - is civilians.)
        event_type, sub_event_type = "Battles", "Armed clash"
    if event_type == VAC and sub_event_type == "Attack":
        # "Two police officers were shot dead while on traffic duty": the forces are armed,
        # so their attackers fought them; "Police shot dead five suspected carjackers": an
        # armed gang the forces met. ACLED codes both as battles.
        forces_attacked = not forces_agent and struck_armed and all(struck_armed)
        fought_back = not crowd and says(_FORCES_FIGHT_BACK)
        if forces_attacked or fought_back or (forces_agent and _armed_victims(doc, event)):
            event_type, sub_event_type = "Battles", "Armed clash"
    if spec.weapon_type == "Incendiary" and event_type == "Riots" and not (crowd or protest):
        # "Unknown attackers threw Molotov cocktails at a church": an attack, not a riot.
        event_type, sub_event_type = VAC, "Attack"
    if event_type == "Riots" and (forces_agent or _armed_doer(event)) and not (crowd or protest):
        # "Police set fire to a Pokot village", "al-Shabaab vandalized a mast": armed men's
        # violence, with no crowd to riot.
        event_type, sub_event_type = VAC, "Attack"
    if event_type == "Protests" and _FORCE_ON_A_CROWD.search(trigger) and not (crowd or protest):
        # "Police fired tear gas into a nursery school": force with no crowd to disperse.
        event_type, sub_event_type = VAC, "Attack"
    if event_type == "Protests" and _gathering_attacked(doc, event) and not state_agent:
        event_type, sub_event_type = "Riots", "Mob violence"
        protest = False
    if event_type == "Protests":
        # What the crowd did or met, not what it protests about ("against the prior clash").
        deeds = rules.without_setting(rules.without_causes(words))
        if says(CROWD_VIOLENCE_SCAN, deeds):
            event_type, sub_event_type = "Riots", "Violent demonstration"
        elif event.fatalities and (event.fatalities.best or 0) > 0:
            sub_event_type = "Excessive force against protesters"
        elif says(INTERVENTION_SCAN, deeds):
            sub_event_type = "Protest with intervention"
    if event_type == "Riots":
        struck = protest and _struck_gathering(rules.without_setting(words))
        sub_event_type = "Violent demonstration" if protest and not struck else "Mob violence"
    if event.weapons:
        weapon_type = event.weapons[0].type if weapon_type is None or spec.generic else weapon_type
    elif says(_FIREARM):
        # "kidnapped at gunpoint", "shot": a firearm is named though no weapon noun is.
        if weapon_type is None and event_type in ("Battles", VAC, "Riots"):
            weapon_type = "Firearms"
    elif weapon_type == "Firearms":
        weapon_type = None  # "attacked a village": the weapon is not said; not guessed

    if event.trigger is not None:
        start = max(0, doc.view_offset(event.trigger.start) - 60)
        if "assassinat" in doc.text[start : doc.view_offset(event.trigger.end) + 60].lower():
            attack_type = "Assassination"
    event.event_type, event.sub_event_type = event_type, sub_event_type
    event.disorder_type = rules.DISORDER.get(event_type)
    if sub_event_type == "Excessive force against protesters":
        event.disorder_type = "Political violence; Demonstrations"
    elif sub_event_type == "Mob violence":
        event.disorder_type = "Political violence"  # ACLED: mob violence is not a demonstration
    event.attack_type, event.weapon_type, event.plover = attack_type, weapon_type, spec.plover
    event.target_type = event.targets[0].type if event.targets else None
