"""Lexicons and patterns of the events stage: triggers, modes, weapons, targets, claims.

Each trigger names an ACLED (event type, sub-event type) with GTD attack and weapon types
and a PLOVER category; ``rank`` orders triggers when one sentence holds several (the most
specific wins: a "drone strike" beats "fighting").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import CARDINALS
from .scanning import Caseless

ER = "Explosions/Remote violence"

# Words that open a clause giving a cause: "rallied over the killing of a student".
_CAUSE_CUES = (
    r"against|over|because of|in protest (?:at|of|against|over)|to protest|in reaction to"
    r"|in retaliation for|in revenge for|in connection with"
)
CAUSE = re.compile(rf"\b(?:{_CAUSE_CUES}|demanding justice for)\b", re.IGNORECASE)
# What a crowd protests about: "staged a protest, claiming that a girl had been raped",
# "demanding the release of students detained by police", "against the prior clash".
PROTEST_CAUSE = re.compile(
    rf"\b(?:{_CAUSE_CUES}|claiming|alleging|accusing|demanding|condemning|denouncing"
    r"|protesting|for justice|punishment for|in protest|with \S+ demands|demands? (?:for|of|that))\b",
    re.IGNORECASE,
)
# Where the cause's words end: the sentence, or a new clause whose subject acts on the
# crowd ("..., police fired tear gas").
CAUSE_END = re.compile(
    # ", burning posters and lighting bonfires": a participle opens what the crowd did.
    r"[.;]\s|$|,\s+(?=(?!demanding|claiming|alleging|accusing|condemning|denouncing|protesting"
    r"|calling|saying|terming|describing|urging|asking|seeking|including)"
    r"[a-z]+ing\s+(?!and\b)[a-z])|,\s+(?:(?:and|but|while|when|before|after|then)\s+)?(?:the\s+)?"
    r"(?:police|they|security|officers|rab|bgb|army|soldiers|protesters|demonstrators"
    r"|participants|students|workers|supporters|members|locals|residents)\b",
    re.IGNORECASE,
)


# What a story sets the event after or amid: "amid the outbreak of violence after the
# resignation", "following anti-government demonstrations", "ahead of a rally".
# "assaulted 3 members for participating in the demonstration", "on their way to join a
# rally": the gathering the victims took part in sets the assault too.
SETTING_CUE = re.compile(
    r"\b(?:amid|following|ahead of|in the wake of|"
    r"(?:for|over) (?:participat\w+|joining|attending|taking part)(?: in)?|"
    r"(?:on (?:their|his|her) way|going) to (?:join|attend))\b",
    re.IGNORECASE,
)


# A setting is a phrase: it ends at the next comma ("Following the death of a woman,
# hundreds of locals staged a demonstration by blocking a road").
SETTING_END = re.compile(r"[,.;]\s|$")


def without_setting(words: str) -> str:
    """``words`` with what follows a setting cue blanked out to the phrase's end."""
    return _blank_after(words, SETTING_CUE, SETTING_END)


def without_causes(words: str) -> str:
    """``words`` with what a protest is about blanked out (same length), so that a clash
    or an arrest the crowd denounces does not type the protest itself."""
    return _blank_after(words, PROTEST_CAUSE)


def _blank_after(words: str, cues: re.Pattern[str], ends: re.Pattern[str] = CAUSE_END) -> str:
    """``words`` with each cue's clause (to ``ends``) replaced by spaces."""
    parts = []
    position = 0
    for cue in cues.finditer(words):
        if cue.start() < position:
            continue
        end = ends.search(words, cue.end())
        stop = end.start() if end else len(words)
        parts.append(words[position : cue.start()])
        parts.append(" " * (stop - cue.start()))
        position = stop
    parts.append(words[position:])
    return "".join(parts)


VAC = "Violence against civilians"
SD = "Strategic developments"


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    event_type: str
    sub_event_type: str
    rank: int
    attack_type: str | None = None
    weapon_type: str | None = None
    plover: str | None = None
    generic: bool = False  # needs the target to decide between battle and attack on civilians
    casualty_only: bool = False  # a death or injury word, not a named event


def _t(pattern: str, spec: TriggerSpec) -> tuple[re.Pattern[str], TriggerSpec]:
    """A trigger pattern, matched against the lower-cased text (faster than IGNORECASE)."""
    return re.compile(rf"\b(?:{pattern.lower()})\b"), spec


def _label(pattern: str, spec: TriggerSpec) -> tuple[re.Pattern[str], TriggerSpec]:
    """An analyst's label opening a note ("Recruitment: ...", "Non-violent activity: ..."):
    the note says in words which kind of event it tells."""
    return re.compile(rf"(?:(?<=^)|(?<=[.\n]\s))(?:{pattern.lower()})\s*:"), spec


TRIGGERS: list[tuple[re.Pattern[str], TriggerSpec]] = [
    _label(
        r"recruitment|movement of forces|security measures|change to (?:armed )?group"
        r"(?:/activity)?|change to group activity",
        TriggerSpec(SD, "Change to group/activity", 99, None, None, "MOBILIZE"),
    ),
    _label(
        r"non-violent activity|non-violent activities",
        TriggerSpec(SD, "Other", 99, None, None, "OTHER"),
    ),
    _label(
        r"property destruction|destruction of property|looting",
        TriggerSpec(SD, "Looting/property destruction", 99, None, None, "ASSAULT"),
    ),
    _label(
        r"defusal|detonation|weapons seizure",
        TriggerSpec(SD, "Disrupted weapons use", 99, None, None, "SEIZE"),
    ),
    _label(r"agreement", TriggerSpec(SD, "Agreement", 99, None, None, "AGREE")),
    _label(
        r"non-violent transfer of territory|transfer of territory",
        TriggerSpec(SD, "Non-violent transfer of territory", 99, None, None, "YIELD"),
    ),
    _t(
        r"suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|car bomb(?:er|ing)?|vest)|blew (?:himself|herself|themselves) up",
        TriggerSpec(ER, "Suicide bomb", 95, "Bombing/Explosion", "Explosives", "ASSAULT"),
    ),
    _t(
        r"chemical (?:attack|weapons?)|nerve agent|chlorine (?:gas|attack)|sarin",
        TriggerSpec(ER, "Chemical weapon", 94, "Unknown", "Chemical", "ASSAULT"),
    ),
    _t(
        r"air ?strikes?|air raids?|aerial (?:attack|bombardment|bombing)s?|drone (?:strike|attack)s?|bombed from the air|warplanes?|fighter jets?|helicopter gunships?|airstrikes?",
        TriggerSpec(ER, "Air/drone strike", 90, "Bombing/Explosion", "Explosives", "FIGHT"),
    ),
    _t(
        r"rockets?|mortars?(?: rounds?| shells?)?|shell(?:ing|ed|s)|artillery|missiles?|katyushas?|barrage|projectiles?|pounded",
        TriggerSpec(
            ER, "Shelling/artillery/missile attack", 85, "Bombing/Explosion", "Explosives", "FIGHT"
        ),
    ),
    _t(
        r"(?:neutrali[sz]ed|removed|discovered|found|recovered|defused|dismantled|seiz(?:e|es|ed)"
        r"|intercept(?:s|ed)?)"
        r" (?:\w+ ){0,4}?(?:explosives?|explosive devices?|devices?|bombs?|ieds?|mines?)",
        TriggerSpec(SD, "Disrupted weapons use", 84, None, None, "SEIZE"),
    ),
    _t(
        r"molotov cocktails?|petrol bombs?|fire ?bomb(?:s|ed|ing)?|incendiary (?:devices?|bombs?)"
        r"|set afire|set alight|arson(?: attacks?)?|arsonists?|destroyed by fire|fire was set"
        r"|set (?:it|them) ablaze|setting (?:\w+ ){0,3}?on fire|setting fire to"
        r"|set (?:[\w-]+ ){1,7}?(?:on fire|ablaze)|fires? (?:was |were )?(?:started|set) by"
        r"|(?:doused|poured|sprayed|splashed) (?:\w+ ){0,3}?(?:in)?flammable liquid"
        r"|(?:doused|poured|sprayed|splashed) (?:\w+ ){0,2}?(?:gasoline|petrol|kerosene)",
        TriggerSpec(
            "Riots",
            "Violent demonstration",
            83,
            "Facility/Infrastructure Attack",
            "Incendiary",
            "ASSAULT",
        ),
    ),
    _t(
        r"(?:hand )?grenades?",
        TriggerSpec(ER, "Grenade", 82, "Bombing/Explosion", "Explosives", "ASSAULT"),
    ),
    _t(
        r"ieds?|improvised explosive devices?|roadside bombs?|car bombs?|vbieds?|landmines?|land mines?|(?:explosive|bomb) device|magnetic bombs?|sticky bombs?|dynamited|dynamiting|explosive-laden|(?:destroyed|damaged|blown up) (?:\w+ ){0,3}?with (?:explosives|dynamite|a bomb)|timed explosives?|planted (?:an? )?(?:explosives?|explosive devices?|devices?)|(?:threw|thrown|throwing|hurl(?:ed|ing)?|lobbed|tossed) (?:an? |the |\w+ ){0,2}?(?:explosives?|explosive devices?|devices?|dynamite|petards?)|(?:explosives?|explosive devices?|petards?) (?:was |were )?(?:thrown|hurled|lobbed|tossed)|toppled (?:\w+ )?pylons?|blew up|blown up|blow(?:ing|s)? up|blasted|threw explosives|hurled explosives|bombs? (?:exploded|went off|blast|detonated)|bombings?|bombed|blasts?|explosions?|exploded|detonated|detonat(?:e|es|ing)|(?:using|with) explosives|buried explosives?|dynamite|explosive charges?|time bombs?|bombs?",
        TriggerSpec(
            ER, "Remote explosive/landmine/IED", 80, "Bombing/Explosion", "Explosives", "ASSAULT"
        ),
    ),
    _t(
        r"kidnap(?:ped|ping|pings|s)?|abduct(?:ed|ion|ions|s|ing)?|taken hostage|held hostage|hostages?|seized (?:and taken )?captive|held captive|boarded by (?:suspected |armed )?pirates"
        r"|(?:captured|holding|are holding|seized) (?:an? |the |\w+ )?(?:[\w-]+ ){0,3}?(?:workers?|nuns?|missionar(?:y|ies)|tourists?|engineers?|journalists?|priests?|foreigners?|civilians?|diplomats?|doctors?|nurses?|managers?|businessm[ae]n|employees?|executives?|professors?|teachers?|couples?)"
        r"|forced (?:[\w,'-]+ ){1,6}?into (?:a|an|their|the) (?:car|vehicle|van|truck|jeep)"
        r"|(?:captured|seized) by (?:\w+ ){0,2}?(?:guerrillas|rebels|militants|gunmen|pirates|insurgents)",
        TriggerSpec(
            VAC,
            "Abduction/forced disappearance",
            75,
            "Hostage Taking (Kidnapping)",
            None,
            "ASSAULT",
        ),
    ),
    _t(
        r"hijack(?:ed|ing|ings|s|ers?)?|skyjack(?:ed|ing)?"
        r"|(?:seized|commandeered) (?:an? |the )?(?:[\w-]+ ){0,3}?"
        r"(?:jetliner|airliner|plane|aircraft|jet|ship|vessel|ferry|tanker|bus|train)",
        TriggerSpec(VAC, "Abduction/forced disappearance", 76, "Hijacking", None, "ASSAULT"),
    ),
    _t(
        r"rap(?:ed|e|es)|sexual(?:ly)? (?:assault(?:ed)?|violence|abuse)|gang-raped",
        TriggerSpec(VAC, "Sexual violence", 74, "Unarmed Assault", "Melee", "ASSAULT"),
    ),
    _t(
        r"recaptured|retook|regained control|recapture|liberated",
        TriggerSpec("Battles", "Government regains territory", 72, None, None, "FIGHT"),
    ),
    _t(
        r"overran|overrun|overtakes|overtook|seized control|took control|captured the (?:town|city|village|district|base)|fell to",
        TriggerSpec("Battles", "Non-state actor overtakes territory", 71, None, None, "FIGHT"),
    ),
    _t(
        r"clash(?:ed|es)?|fight over|repell?ed|repulsed|fought off|beat back|warring|feuds?|fueds?|battled|battling|shoot[ -]?outs?|fighting|gun ?fights?|gun ?battles?|fire ?fights?|fights? between|(?:clan|ethnic|tribal|communal|inter-?communal) (?:wars?|conflicts?)|conflict between (?:two|rival)|exchanges? of fire|exchanged fire|exchang(?:e|es|ing) fire|fought|battles?|skirmish(?:es)?|engaged(?! to\b)",
        TriggerSpec("Battles", "Armed clash", 70, "Armed Assault", "Firearms", "FIGHT"),
    ),
    _t(
        r"ambush(?:ed|es)?",
        TriggerSpec(VAC, "Attack", 68, "Armed Assault", "Firearms", "ASSAULT", generic=True),
    ),
    _t(
        r"assassinat(?:ed|ion|ions|e)|massacre[ds]?|beheaded|guns? down|spear(?:ed|s)|execut(?:ed|es)|spear|gunned down|shot dead|shot and killed|stabbed(?: to death)?|hack(?:s|ed) (?:\w+ ){0,4}?to death|slashed(?: to death)?|acid attacks?|(?:poured|threw|splashed) acid|hacked(?! into\b| (?:the |a |an |their |his |her )?(?:website|account|server|system|computer|email|phone))|murder(?:ed|s)?|tortured|strangled|hanged|"
        r"thrown (?:\w+ ){0,5}?to (?:his|her|their) deaths?|"
        r"abus(?:ed|ing) (?:\w+ ){0,2}?(?:civilians|refugees|residents|villagers)|brutality against",
        TriggerSpec(VAC, "Attack", 65, "Armed Assault", "Firearms", "ASSAULT"),
    ),
    _t(
        r"lynch(?:ed|ing|ings)?|mob justice|mob action|jungle justice|lynch mob"
        r"|(?:burn(?:ed|t)|stoned?) (?:[\w-]+ ){0,4}to death|set (?:\w+ ){1,4}alight"
        r"|(?:engaged? in|came to) blows",
        TriggerSpec("Riots", "Mob violence", 66, "Unarmed Assault", "Melee", "ASSAULT"),
    ),
    _t(
        r"burn(?:ed|t) down|"
        r"burn(?:s|ed|t|ing)? (?:down )?(?:the |their |a |an |his |her |several |two |three )?"
        r"(?:\w+ ){0,3}?(?:camps?|school|house|houses|homes?|shops?|vehicles?|cars?|buses|office|offices|villas?|kiosks?|stalls?|"
        r"trucks?|lorr(?:y|ies)|matatus?|motorcycles?|stores?|premises|"
        r"property|dormitor(?:y|ies)|buildings?|huts?|church|police station|tyres|tires)",
        TriggerSpec(
            "Riots",
            "Violent demonstration",
            61,
            "Facility/Infrastructure Attack",
            "Incendiary",
            "ASSAULT",
        ),
    ),
    _t(
        r"(?<!anti-)(?<!anti )riot(?:s|ed|ers|ing)?|torched|set (?:fire to|fire on|ablaze|on fire)|lit bonfires|pulled down|vandali[sz]es?|storms|disrupt(?:ed|s)? (?:\w+ ){0,3}(?:trainings?|exercise)|pelt(?:ed|s|ing)?|(?:hurl(?:s|ed|ing)?|throw(?:s|ing)?|threw) (?:stones|rocks)|stone-pelting|shatter(?:ed|ing)|smash(?:ed|ing) (?:\w+ ){0,2}?(?:windows?|window panes|vehicles?|cars?)|damaged property|destroy(?:s|ed)? (?:the |a |an )?(?:\w+ ){0,2}?(?:banners?|billboards?|ballot (?:boxes|papers))|forced (?:their|his|her) way into (?:the )?(?:[\w-]+ ){0,2}?(?:hall|offices?|assembly|compound|premises)|break down (?:a|the) gate|set up road ?blocks|chas(?:e|es|ed|ing) (?:away )?(?:the )?(?:\w+ ){0,2}?(?:police|officers?|mp|chief|officials?)|chased away by|vandali[sz]ed|ransacked|stormed|(?<!of )storming|rampage",
        TriggerSpec("Riots", "Violent demonstration", 60, None, None, "PROTEST"),
    ),
    _t(
        r"mob|vigilantes?|fist ?fights?|scuffles?|brawls?|tussles?|melee|fight broke out|"
        r"roughed up|shoving|jostl(?:ed|ing)|chaos (?:erupted|broke out)",
        TriggerSpec("Riots", "Mob violence", 59, None, None, "PROTEST"),
    ),
    _t(
        r"protest(?:ed|ers|ors|s|ing|d)?|demon?s?tr?at(?:e|es|ion|ions|ors|ed|ing)|demos|rall(?:y|ies|ied)|marched|"
        r"march(?:es)? against|thronged the streets|"
        r"took to the streets|poured (?:in)?to the streets|(?:stage[sd]?|staging|h[eo]lds?|organi[sz]e[sd]?) (?:an? )?(?:(?!(?:in|on|since|until|by|from|of|last|next|early|late|mid) )[\w-]+ )?march(?:es)?\b(?! \d)|march(?:es)? (?:was|were) held|a march (?:to|in|against|through)|block(?:s|ed)? (?:the |a )?(?:[\w-]+ ){0,3}(?:roads?|highway|rail (?:track|line)|traffic|access|car park|entrance)|barricaded (?:the |a )?(?:[\w-]+ ){0,2}(?:roads?|streets?|highway)|march(?:ed|es)? (?:to|in order to) (?:demand|protest|press|call|oppose|denounce|petition)|(?:fired|firing|lobbed|used|using) tear ?gas|disperse[ds]? (?:a |the )?(?:\w+ ){0,2}?(?:crowds?|supporters|protesters|demonstrators|youths|students|voters)|disrupted (?:\w+ ){0,3}(?:sessions?|meetings?|rall(?:y|ies)|polls?|voting)|gathered (?:[\w,'-]+ ){0,10}?(?:demanding|to demand|to protest|in protest)|marches|striking|on strike|petitioned|sit-ins?|human chains?|picket(?:ed|s)?|went on strike|staged a strike|strike action|hunger strike|walkout|boycott(?:ed)?|hartal|gherao|processions?|blockades?|black flags?|black-flag|mourning rally",
        TriggerSpec("Protests", "Peaceful protest", 55, None, None, "PROTEST"),
    ),
    _t(
        r"attack(?:ed|s|ing)?|raid(?:ed|s)?|open(?:ed|ing|s)? fire|fir(?:ed|ing) (?:at|on|upon)|shot at|gunfire|gunshots?|shooting|shot|shots|shoots?|"
        r"machine[- ]?gunned|strafed|hit by (?:\w+ ){0,2}?bullets|sprayed(?= with (?:\w+ ){0,2}?(?:bullets|fire))|came under (?:\w+ )?fire|"
        r"attempt(?:ed)? on (?:the |his |her )?life|"
        r"fired (?:\w+ ){0,2}(?:weapons|shots|rounds|bullets)|"
        r"beat(?:s|en|ing)?(?: up)?|whipped|flogged|storm(?:ed|s)? the|assault(?:ed)?|targeted",
        TriggerSpec(VAC, "Attack", 50, "Armed Assault", "Firearms", "ASSAULT", generic=True),
    ),
    _t(
        r"(?:steal|steals|stole|stolen|stealing|rustl(?:ed|ing)|drove away|driven away)"
        r" (?:[\w,]+ ){0,4}?(?:cattle|livestock|cows|goats|camels|sheep|animals)|cattle rustling"
        r"|(?:livestock|cattle) raids?|(?:raiders|bandits|gunmen|rustlers|attackers) (?:strike|struck)",
        TriggerSpec(VAC, "Attack", 49, "Armed Assault", None, "ASSAULT", generic=True),
    ),
    _t(
        # "killed by an arrow - an extension of the post election violence": the violence a
        # killing is tied to is its setting, not a riot of its own.
        r"(?<!linked to )(?<!related to )(?<!extension of )(?<!extension of the )"
        r"(?<!linked to the )(?<!related to the )(?<!to be )"
        r"(?:post[- ]?election|(?<!post-)(?<!post )election|electoral|political) violence",
        TriggerSpec("Riots", "Violent demonstration", 45, None, None, "PROTEST"),
    ),
    _t(
        r"arrest(?:ed|s)?|detain(?:ed|s)?|apprehended|rounded up|taken into custody|nabbed",
        TriggerSpec(SD, "Arrests", 40, None, None, "COERCE"),
    ),
    _t(
        r"defused|weapons cache|arms cache|seized (?:weapons|arms|explosives)|bomb disposal|dismantled (?:an? )?(?:ied|bomb)|found (?:an? )?(?:ied|bomb|explosive)",
        TriggerSpec(SD, "Disrupted weapons use", 38, None, None, "SEIZE"),
    ),
    _t(
        r"ceasefire|cease-fire|truce|peace (?:deal|agreement|accord)|signed an? (?:\w+ ){0,2}?(?:agreement|deal|accord)|memorandum of understanding|agreed to",
        TriggerSpec(SD, "Agreement", 36, None, None, "AGREE"),
    ),
    _t(
        r"switched sides|defected|joined the|surrendered|laid down (?:their|his) arms|new leader|appointed",
        TriggerSpec(SD, "Change to group/activity", 35, None, None, "MOBILIZE"),
    ),
    _t(
        # "were sabotaged", "an act of sabotage"; "a plan to sabotage" tells no event
        r"sabotaged|acts? of sabotage|sabotage (?:attacks?|operations?)",
        TriggerSpec(
            SD,
            "Looting/property destruction",
            37,
            "Facility/Infrastructure Attack",
            None,
            "ASSAULT",
        ),
    ),
    _t(
        r"looted|looting|burn(?:ed|t) (?:down )?(?:houses|homes|shops|property)|burn(?:ed|t) to the ground|destroyed (?:houses|homes|property|shops)"
        r"|destroy(?:s|ed)? (?:an? |the )?(?:[\w-]+ ){0,3}?(?:masts?|pylons?|towers?)",
        TriggerSpec(SD, "Looting/property destruction", 34, None, None, "ASSAULT"),
    ),
    _t(
        r"t(?:ake|akes|ook|aking) over (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:village|town|area|police station|posts?|camp|base)",
        TriggerSpec(SD, "Non-violent transfer of territory", 32, None, None, "YIELD"),
    ),
    _t(
        r"established (?:a|their) (?:base|headquarters)|set up (?:a )?(?:base|camp|checkpoint)",
        TriggerSpec(SD, "Headquarters or base established", 33, None, None, "MOBILIZE"),
    ),
    _t(
        r"approved an? (?:bill|law|resolution)|passed an? (?:bill|law|resolution)|voted to",
        TriggerSpec(SD, "Other", 30, None, None, "OTHER"),
    ),
    _t(
        r"killed|killing|kills?|dead|died|wounded|injured|hurt|casualties|bodies|body of|"
        r"(?:recovered|found|discovered) (?:an? |the )?(?:\w+ )?body|body (?:was|has been) "
        r"(?:later )?(?:found|recovered|discovered)",
        TriggerSpec(
            VAC, "Attack", 20, "Armed Assault", None, "ASSAULT", generic=True, casualty_only=True
        ),
    ),
]

DISORDER = {
    "Battles": "Political violence",
    ER: "Political violence",
    VAC: "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    SD: "Strategic developments",
}

# "the attack", "the strike": a definite reference to an event already told.
ANAPHORA = re.compile(
    r"\b(?:the|this|that|the latest|the same|the deadly|the twin) (?:attacks?|strikes?|raids?|blasts?|explosions?|bombings?|assault|incident|clash(?:es)?|fighting|shelling|ambush|violence|kidnapping|abduction|protests?|demonstrations?|riots?|operation)\b"
    r"|\bthe (?:rounds|rockets?|shells|missiles?|mortars?|bombs?|device|explosives?|projectiles?|drones?|gunmen|attackers|assailants|victims?)\b"
    r"|\b(?:were|was) targeted\b|\bin the (?:attack|incident|blast|explosion|clash(?:es)?)\b",
    re.IGNORECASE,
)
# "A car bomb exploded at the embassy 3 years later": weeks or more after what was told,
# another happening (a day or hours later may still be the same one).
LONG_AFTER = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|some)\s+"
    r"(?:weeks?|months?|years?|decades?)\s+later\b",
    re.IGNORECASE,
)
# "Another attack", "a second blast", "another two bombs": a new story. "Four were killed
# and another 21 wounded", "killed one and injured another": more of the same toll.
ANOTHER = re.compile(
    r"\b(?:(?<!wounded )(?<!injured )(?<!killed )(?<!hurt )another(?!\s+(?:\d[\d,]*|(?:"
    + "|".join(sorted(CARDINALS, key=len, reverse=True))
    + r")(?:-\w+)?|dozen|few|several)(?:\s+[\w-]+){0,2}?\s+(?:wounded|injured|killed|dead|"
    r"hurt|died|people|persons|others|civilians|victims)\b)"
    # "One person was killed and another injured", "another soldier was wounded": more
    # victims of the same event.
    r"(?!\s+(?:(?!bomb|blast|attack|explosion)[\w-]+\s+){0,3}?(?:(?:was|were|had been|has been)\s+)?"
    r"(?:\w+ly\s+)?(?:wounded|injured|killed|hurt|died|shot dead)\b)|a second|a separate|separately|"
    r"in a separate|meanwhile|elsewhere)\b",
    re.IGNORECASE,
)
GENERIC_PLURAL = re.compile(
    r"\b(?:multiple|several|a series of|repeated|numerous|frequent|a spate of|a wave of|dozens of|scores of|many)\s+(?:\w+\s+)?(?:attacks|strikes|raids|bombings|clashes|protests)\b",
    re.IGNORECASE,
)

# Modes: cue words in the clause before the trigger (or around it).
NEGATION = re.compile(
    r"\b(?:no|not|never|neither|nor|without|didn't|did not|wasn't|were not|was not|weren't|hasn't|haven't|denied that any)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|rejected (?:claims|reports)|dismissed (?:claims|reports)|refuted)\b(?!\s+(?:responsibility|involvement|any (?:role|involvement)))",
    re.IGNORECASE,
)
THREAT = re.compile(
    r"\b(?:vow(?:ed|s)?|pledg(?:ed|es)?|threat(?:en(?:ed|s)?)?|warn(?:ed|s)? of|promised|swore|plans? to|planning to|intends? to|prepar(?:ed|ing) to|will|would|is set to|are set to|is due to|to be held)\b",
    re.IGNORECASE,
)
HYPOTHETICAL = re.compile(
    r"\b(?:could|might|may|if|possible|possibly|fears? of|risk of|in case of|unless|potential)\b",
    re.IGNORECASE,
)
BACKGROUND = re.compile(
    r"\b(?:last year|previously|earlier (?:this|last) (?:year|month)|in the past|have faced|has faced|recalled|anniversary of|comes? (?:days|weeks|months|a day|a week|hours) after|came (?:days|weeks|months|a day|a week) after|had (?:been )?(?:attacked|killed|struck|hit))\b",
    re.IGNORECASE,
)
RETALIATION = re.compile(
    r"\b(?:pledged|vowed|promised|threatened|swore)\s+(?:\w+\s+){0,2}(?:retaliation|revenge|to retaliate|to avenge|reprisals?|response|to respond|to attack|attacks?)\b",
    re.IGNORECASE,
)

CLAIMED = re.compile(
    r"\b(?:claimed responsibility|claimed the (?:attack|bombing|killing|blast)|has claimed|took responsibility|in a claim of responsibility)\b",
    re.IGNORECASE,
)
NOT_CLAIMED = re.compile(
    r"\b(?:no (?:claim|one|group|organi[sz]ation|immediate claim)(?: has| had| immediately)?(?: yet)? (?:of responsibility|claimed|has claimed|took responsibility)"
    r"|no claim of responsibility|nobody (?:has )?claimed|not (?:yet )?(?:been )?claimed|no group (?:has )?(?:yet )?claimed|unclaimed)\b",
    re.IGNORECASE,
)
# A claim or an attribution that names who did it ("X claimed responsibility", "claimed by
# X", "police believe X was responsible", "blamed on X", "attributed the attack to X").
ATTRIBUTION = re.compile(
    r"\b(?:claim(?:ed|s|ing)? (?:joint |full )?(?:responsibility|credit)|"
    r"(?:took|accepted|assumed|claim) (?:joint |full )?(?:responsibility|credit)|"
    r"claimed (?:the|this|that) (?:attack|bombing|killing|blast|kidnapping|assassination)|"
    r"(?:was|were|been) claimed by|in a claim of responsibility|"
    r"(?:is|are|was|were) (?:widely )?(?:believed|suspected|thought) to (?:be|have)|"
    r"believed? (?:that )?|suspect(?:ed|s)? (?:that )?|blamed (?:on )?|attribut(?:e|ed|es) "
    r"(?:the (?:attack|incident|bombing|killing) )?to|(?:is|are|was|were) responsible|"
    r"carried out by|perpetrated by|the work of)",
    re.IGNORECASE,
)
SUSPECTED = re.compile(r"\b(?:suspected|blamed|believed to be|accused)\b", re.IGNORECASE)

WEAPONS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(p, re.IGNORECASE), weapon_type, subtype)
    for p, weapon_type, subtype in [
        (r"\b(?:katyusha )?rockets?\b", "Explosives", "rocket"),
        (r"\bmortar(?:s| rounds?| shells?)?\b", "Explosives", "mortar"),
        (r"\bmissiles?\b", "Explosives", "missile"),
        (r"\b(?:artillery )?shells?\b|\bartillery\b", "Explosives", "shell"),
        (r"\bgrenades?\b", "Explosives", "grenade"),
        (r"\bdrones?\b", "Explosives", "drone"),
        (r"\b(?:car ?|truck )bombs?\b|\bvbieds?\b", "Explosives", "vehicle bomb"),
        (
            r"\bieds?\b|\bimprovised explosive devices?\b|\broadside bombs?\b|\bbooby[- ]?traps?\b",
            "Explosives",
            "IED",
        ),
        (r"\blandmines?\b|\bland mines?\b", "Explosives", "landmine"),
        (r"\bdynamite\b", "Explosives", "dynamite"),
        (r"\bsuicide (?:vest|belt)s?\b", "Explosives", "suicide vest"),
        (r"\bbombs?\b|\bexplosives?\b|\bexplosive devices?\b", "Explosives", "bomb"),
        (
            r"\b(?:ak-47s?|rifles?|(?:sub-?)?machine-?guns?|pistols?|revolvers?|shotguns?|carbines?|"
            r"uzis?|guns?|firearms?|bullets?|gunfire|gunshots?|(?:automatic|assault|"
            r"(?:heavy|large|high)[- ]caliber) weapons?)\b",
            "Firearms",
            "firearm",
        ),
        (
            r"\bmolotov cocktails?\b|\bpetrol bombs?\b|\bfirebombs?\b|\barson\b|\bset (?:fire|ablaze)\b|\btorched\b",
            "Incendiary",
            "incendiary",
        ),
        (
            r"\b(?:knives|knife|machetes?|axes|swords?|sticks|clubs|batons|stones|rocks|iron rods|pipes)\b",
            "Melee",
            "melee",
        ),
        (r"\bchemical weapons?\b|\bchlorine\b|\bsarin\b|\bnerve agent\b", "Chemical", "chemical"),
    ]
]

# GTD target types, by the words that name the target.
TARGETS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), target_type)
    for p, target_type in [
        (
            # Not a refugee camp, nor a relief convoy: those are people and aid, not forces.
            r"\b(?:air ?base|air ?field|base|(?<!refugee )(?<!refugees )(?<!idp )(?<!displacement )camp|barracks|checkpoint|check point|(?<!relief )(?<!food )(?<!aid )(?<!humanitarian )convoy|patrol|outpost|garrison|military|soldiers?|troops|army|commandos?)\b",
            "Military",
        ),
        (
            r"\b(?:police (?:station|post|checkpoint|vehicle)|policem[ae]n|police officers?|police|"
            r"(?:police )?reservists?|(?:wildlife |park |security )?rangers?|wildlife wardens?|kpr)\b",
            "Police",
        ),
        (r"\b(?:embassy|consulate|diplomats?|ambassador)\b", "Government (Diplomatic)"),
        (
            r"\b(?:polling station|election rally|campaign rally|candidate|ministry|government (?:office|building)|governor|officials?|lawmakers?|mayor)\b",
            "Government (General)",
        ),
        (
            r"\b(?:mosque|church|temple|shrine|imam|priest|worshippers|pilgrims)\b",
            "Religious Figures/Institutions",
        ),
        (
            r"\b(?:schools?|universit(?:y|ies)|college|students|teachers|pupils)\b",
            "Educational Institution",
        ),
        (
            r"\b(?:journalists?|reporters?|radio station|newspaper|tv station)\b",
            "Journalists & Media",
        ),
        (r"\b(?:airport|airliner|aircraft|plane)\b", "Airports & Aircraft"),
        (
            r"\b(?:pipeline|power (?:station|plant|line)|pylons?|oil (?:field|well)|water supply|dam)\b",
            "Utilities",
        ),
        (
            r"\b(?:aid workers?|ngo|charity|humanitarian|unhcr|wfp|red cross|relief (?:convoy|workers?)|food convoy)\b",
            "NGO",
        ),
        (r"\b(?:bus|train|railway|bridge|highway)\b", "Transportation"),
        (r"\b(?:bank|shops?|market|business|hotel|restaurant|factory|company)\b", "Business"),
        (
            r"\b(?:civilians?|villagers?|residents|village|homes?|houses?|farmers?|passers-by|wedding|funeral|refugees?|idps?)\b",
            "Private Citizens & Property",
        ),
    ]
]
ARMED_TARGET_TYPES = {"Military", "Police"}
# Armed people who are no target type of their own: guards and watchmen.
ARMED_GUARD = re.compile(r"\b(?<!crossing )(?:guards?|watchm[ae]n)\b", re.IGNORECASE)

# Case-sensitive twins of the patterns above for the lower-cased text (see scanning).
ANAPHORA_SCAN = Caseless(ANAPHORA)
ANOTHER_SCAN = Caseless(ANOTHER)
LONG_AFTER_SCAN = Caseless(LONG_AFTER)
GENERIC_PLURAL_SCAN = Caseless(GENERIC_PLURAL)
NEGATION_SCAN = Caseless(NEGATION)
DENIAL_SCAN = Caseless(DENIAL)
THREAT_SCAN = Caseless(THREAT)
HYPOTHETICAL_SCAN = Caseless(HYPOTHETICAL)
BACKGROUND_SCAN = Caseless(BACKGROUND)
RETALIATION_SCAN = Caseless(RETALIATION)
CLAIMED_SCAN = Caseless(CLAIMED)
NOT_CLAIMED_SCAN = Caseless(NOT_CLAIMED)
ATTRIBUTION_SCAN = Caseless(ATTRIBUTION)
