"""Quantities stage: counted things ("two rockets") and casualty statements ("3 were killed").

Vague amounts follow ACLED's conservative reading: "dozens" is 12, "hundreds" 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..model import Count, Quantity
from ..numbers import ARTICLES, CARDINALS
from ..registry import stage
from ..settings import Settings
from .scanning import Caseless, declare, may_match

_UNITS = {
    **ARTICLES,
    **CARDINALS,
    "single": 1,
    "a hundred": 100,
    "one hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "a pair of": 2,
    "both": 2,
    "a handful of": 3,
}
# Conservative values for vague amounts (ACLED codebook practice).
_VAGUE = {
    "a few": 3,
    "few": 3,
    "several": 3,
    "some": 3,
    "multiple": 3,
    "many": 10,
    "numerous": 10,
    "dozens of": 12,
    "dozens": 12,
    "scores of": 20,
    "scores": 20,
    "hundreds of": 100,
    "hundreds": 100,
    "thousands of": 1000,
    "thousands": 1000,
}
_MODIFIERS = {
    "at least": "low",
    "more than": "low",
    "over": "low",
    "upwards of": "low",
    "no fewer than": "low",
    "nearly": "high",
    "almost": "high",
    "up to": "high",
    "as many as": "high",
    "fewer than": "high",
    "less than": "high",
    "about": "about",
    "around": "about",
    "some": "about",
    "approximately": "about",
    "roughly": "about",
}

_word_numbers = "|".join(sorted((re.escape(w) for w in _UNITS), key=len, reverse=True))
_vague_numbers = "|".join(sorted((re.escape(w) for w in _VAGUE), key=len, reverse=True))
_modifiers = "|".join(sorted((re.escape(w) for w in _MODIFIERS), key=len, reverse=True))
NUMBER = (
    rf"(?:(?P<mod>{_modifiers})\s+)?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\s*(?:-|to)\s*\d+)?"
    rf"|(?:{_word_numbers})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|{_vague_numbers})"
)
_QUANTITY = re.compile(rf"\b{NUMBER}\s+(?P<unit>[a-z][\w'-]*)\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([a-z][\w'-]*)\b", re.IGNORECASE)
# Words between a number and its noun: "2,500 American troops", "two armed men".
_ADJECTIVES = {
    "more",
    "other",
    "armed",
    "unidentified",
    "unknown",
    "suspected",
    "alleged",
    "masked",
    "foreign",
    "local",
    "young",
    "female",
    "male",
    "innocent",
    "fellow",
    "security",
    "police",
    "army",
    "government",
    "civilian",
    "rebel",
    "militia",
    "heavily",
    "small",
    "large",
    "improvised",
    "explosive",
    "roadside",
    "mortar",
    "artillery",
    "rocket",
    "homemade",
    "home-made",
    "machine",
    "hand",
    "additional",
    "separate",
    "further",
}
# "a"/"an" count only before nouns that are counted in event records.
_COUNT_NOUNS = {
    "rocket",
    "mortar",
    "missile",
    "shell",
    "grenade",
    "bomb",
    "drone",
    "ied",
    "mine",
    "landmine",
    "device",
    "car",
    "vehicle",
    "soldier",
    "policeman",
    "officer",
    "civilian",
    "man",
    "woman",
    "child",
    "boy",
    "girl",
    "person",
    "people",
    "student",
    "worker",
    "teacher",
    "villager",
    "resident",
    "journalist",
    "militant",
    "fighter",
    "gunman",
    "attacker",
    "bomber",
    "member",
    "guard",
    "leader",
    "commander",
    "official",
    "protester",
    "demonstrator",
    "farmer",
    "passenger",
    "driver",
    "body",
    "hostage",
    "suspect",
    "trader",
}
_KILLED = (
    r"(?:killed|dead|died|shot dead|shot and killed|murdered|slain|martyred|embraced martyrdom"
    r"|lost their lives|lost his life|succumbed to (?:his|her|their) (?:injuries|wounds)"
    r"|lost her life|beheaded|decapitated|executed|massacred|assassinated|lynched|gunned down"
    r"|strangled|hanged|(?:stoned|hacked|"
    r"beaten|burnt|burned|stabbed|clubbed|bludgeoned|shot) to death)"
)
_INJURED = r"(?:wounded|injured|hurt|maimed)"
# Up to three words naming who ("soldiers", "other civilians"), never across "and"/"or".
_PEOPLE = (
    # "Three U.S. Naval officers": abbreviations keep their stops.
    r"(?:(?!(?:and|or)\b)(?:\w+(?:\.\w+)+\.?|[\w'-]+)\s+){0,3}?"
    # "Five martyrs of the Islamic resistance were killed": who they were, after "of".
    r"(?:of\s+(?:the\s+|an?\s+)?(?:(?!(?:and|or|were|was)\b)[\w'-]+\s+){1,4}?)?"
)
# What befell the victims before the death verb: "were attacked and killed".
_DONE_AND = (
    r"(?:(?:attacked|abducted|kidnapped|seized|ambushed|shot|stabbed|tortured|beaten) and\s+"
    r"(?:later\s+|then\s+)?)?"
)
# "3 soldiers were killed", "two others wounded", "left 5 dead", "killing 12 civilians".
_CASUALTY_BEFORE = re.compile(
    # "On August 7, 2005 four persons were killed": a year before the count is no count.
    rf"\b{NUMBER}\s+(?!(?:\d|{_word_numbers})\b){_PEOPLE}"
    # "Eight people, mostly Afghan refugees, were killed": an aside between commas.
    r"(?:[\w'-]+,(?:\s+(?!(?:and|or|who|which|were|was)\b)[\w'()-]+){1,6},\s+(?=were\s|was\s))?(?:(?P<passive>were|was|have been|has been|had been|are|is|got|being)\s+)?"
    rf"(?:(?:reportedly|allegedly|also|critically|seriously|fatally|badly|later|found)\s+)?{_DONE_AND}"
    rf"(?P<what>{_KILLED}|{_INJURED})\b",
    re.IGNORECASE,
)
_CASUALTY_AFTER = re.compile(
    rf"\b(?P<what>shot dead|shooting dead|gunned down|shot and killed|shot to death|killing|killed|kills|kill|lynch(?:ed|es|ing)|"
    r"behead(?:ed|ing)|execut(?:ed|ing)(?!\s+(?:an?|the)\s)|murder(?:ed|ing)|massacr(?:ed|ing)|slaughter(?:ed|ing)|"
    r"wounding|wounded|injuring|injured|left|leaving)\s+"
    # "killing four and wounding another 21": "another" counts on, it adds no one; "killed
    # all twenty passengers" counts them.
    rf"(?:another\s+|all\s+)?{NUMBER}\b(?:\s+{_PEOPLE}(?P<state>dead|wounded|injured)\b)?",
    re.IGNORECASE,
)
# One person, named by a role noun: the victim of "Gunmen kill police reservist".
_ONE_PERSON = (
    r"(?:reservist|officer|policeman|policewoman|soldier|chief|trader|farmer|herder|herdsman|"
    r"student|teacher|priest|pastor|imam|cleric|suspect|thief|robber|convict|councillor|driver|"
    r"guard|watchman|journalist|resident|villager|businessman|businesswoman|politician|headman|"
    r"elder|member|civilian|man|woman|boy|girl|child|missionary|leader|activist|supporter|"
    r"worker|official|person|youth|commander|ranger|fisherman|rider|pedestrian|aspirant|"
    r"candidate|nurse|doctor|vendor|hawker|tourist|informer|informant|militant|fighter|"
    r"rebel|insurgent|bandit|raider|rustler|husband|wife|son|daughter|father|mother|brother|"
    r"sister|relative|cousin|nephew|uncle|lawyer|judge|engineer|contractor|lecturer|"
    r"supervisor|manager|director|head|deputy|mayor|governor|owner|colonel|lieutenant|captain|"
    r"sergeant|constable|inspector|editor|reporter|correspondent|photographer|employee|"
    r"diplomat|ambassador|consul|envoy|prosecutor|magistrate|legislator|lawmaker|senator|"
    r"minister|chairman|secretary|spokesman|bodyguard|gendarme|pilot|passenger|shopkeeper|"
    r"merchant|landowner|tribesman|sheikh|monk|nun|bishop|volunteer|interpreter|translator|"
    r"collaborator|defector|hostage|prisoner|detainee|settler|trooper|peacekeeper|marine|"
    r"granddaughter|grandson|grandchild|niece|companion|bomber|attacker|assailant|gunman|"
    r"neighbou?r|councilor|councilman|footman|chauffeur|assistant|aide|advis[eo]r|clerk|"
    r"accountant|cook|servant|shepherd|labou?rer|miner|mechanic|tailor|barber|professor|"
    r"headmaster|rabbi|mullah|cadet|recruit|militiaman|teenager|baby|infant|grandmother|"
    r"grandfather|pensioner|warden|banker|industrialist|landlord|pupil|commando|attache|agent|"
    r"handler|escort)"
)
# "Gunmen kill police reservist", "killed an Awami League member", "killing and robbing him":
# one victim, named without a number.
_ONE_VICTIM = re.compile(
    r"\b(?P<what>kill(?:s|ed|ing)?|shot dead|shooting dead|shoot dead|shot to death|murder(?:s|ed|ing)?|"
    r"lynch(?:es|ed|ing)?|hack(?:s|ed)? to death|stab(?:s|bed)? to death|behead(?:s|ed|ing)?|"
    r"assassinat(?:es|ed|ing)|hang(?:s|ed|ing)|execut(?:es|ed|ing)|strangl(?:es|ed|ing)|"
    r"gunned down|gunning down)\s+"
    r"(?:(?:and [a-z]+ing\s+)?(?:him|her)\b|(?:(?:an?|the|one)\s+)?"
    r"(?:(?!(?:of|and|or|in|case|cases)\b)[a-z'-]+\s+){0,4}?"
    # "killed civilian matatu drivers": the role word modifies a plural noun.
    rf"{_ONE_PERSON}\b(?![-'])(?!\s+(?:[a-z-]+\s+)?[a-z-]+(?:ers|ants|ents|ists|ians|men|ies|ors)\b))",
    re.IGNORECASE,
)
# "Suspected Mungiki member killed at slum", "One police shot dead, three others injured":
# a headline's passive, one person and the verb with no object after it.
_ONE_PASSIVE = re.compile(
    r"(?:^|(?<=[.;:!?]\s)|(?<=\n))(?:(?:an?|one|the)\s+)?(?:[a-z'-]+\s+){0,3}?"
    rf"(?:{_ONE_PERSON}|one police)\s+(?:is\s+|was\s+)?"
    r"(?P<what>killed|shot dead|murdered|lynched|(?:hacked|stabbed|stoned|beaten) to death)"
    r"(?=\s*(?:$|[,.;:]|\b(?:at|in|on|near|by|after|during|when|while|as|and|following|"
    r"outside|inside|over)\b))",
    re.IGNORECASE,
)
# "killing one and wounding another", "seriously injuring another guard": one more victim.
_ONE_MORE = re.compile(
    rf"\b(?P<what>{_KILLED}|{_INJURED}|wounding|injuring|hurting)\s+another"
    rf"(?:\s+{_ONE_PERSON})?(?=\s*(?:[.,;:]|and\b|$))",
    re.IGNORECASE,
)
# A word of the victim's noun phrase, not of a new clause.
_PHRASE_WORD = (
    r"(?!(?:and|or|but|wound\w*|injur\w*|who|which|while|when|before|after|then)\b)[\w'-]+"
)
# The people of a casualty list: one person, or a group ("four civilians", "others").
_PERSONS = (
    rf"(?:{_ONE_PERSON}(?:s|es)?|men|women|people|persons|children|others|police|policemen|"
    r"servicemen|tribesmen|herdsmen|fishermen|businessmen|gunmen|civilians|villagers)"
)
# A further item of a list of the dead or hurt after the first: "killed a woman and a
# six-year old child", "killing two soldiers and three civilians", "was assassinated along
# with his nephew" (read on the lower-cased text; the item's count is added).
_MORE_VICTIMS = re.compile(
    rf"(?:\s+{_PHRASE_WORD}){{0,8}}?\s*(?P<link>,?\s*(?:and|as well as|along with|together with)|,)\s+"
    # "a woman and her four adult sons": the possessive's count is the number after it.
    rf"(?:(?:(?:his|her|their)\s+)?{NUMBER}\s+(?!years?[- ]old)|(?P<one>an?|one|his|her|their|the|another)\s+)"
    rf"(?:{_PHRASE_WORD}\s+){{0,3}}?"
    rf"{_PERSONS}\b(?![-'])"
    r"(?!\s+(?:was|were|is|are|(?:\w+ly\s+)?(?:wounded|injured|hurt|abducted|kidnapped))\b)"
)
# A casualty told verb first ("wounded 12 others") has no subject list before it; nor has
# a list that is the object of a verb ("killed a policeman and a soldier was injured").
_VERB_FIRST = re.compile(r"(?:kill|wound|injur|shoot|shot|lynch|murder|left|leav|gunned|hack)")
_VERB_FIRST_BEFORE = re.compile(
    r"\b(?:kill\w*|wound\w*|injur\w*|shot|shooting|lynch\w*|murder\w*|left|leaving)\s*.?$"
)
_ENDS_WITH_VERB = re.compile(rf"(?:{_KILLED}|{_INJURED})$")
# An item before the first, in a list that is the subject: "Two policemen and a civilian
# were killed", "One police officer and one civilian were killed".
_VICTIMS_BEFORE = re.compile(
    rf"(?:^|[^\w'-])(?:(?P<one>an?|one|the)|{NUMBER})\s+(?:{_PHRASE_WORD}\s+){{0,3}}?"
    rf"{_PERSONS},?\s+and\s+$"
)
# "tried to lynch a man", "suspected of killing a herder": no one died in this event.
_NOT_DONE_BEFORE = re.compile(
    r"(?:\b(?:tr(?:y|ies|ied|ying)|attempt(?:s|ed|ing)?|plot(?:s|ted|ting)?|threat(?:en|ens|ened|ening)?|"
    r"want(?:s|ed)?|vow(?:s|ed)?|plan(?:s|ned)?) to|\b(?:suspected|accused|convicted|arrested|charged"
    r"|blamed|implicated|jailed|wanted) (?:of|for|with|in)|\bfor|\b(?:nearly|almost))\s+$"
)
# "the assassination of Fatah official Kamil Husayn", "the murder of a community leader",
# "He died the following day", "one later died", "shot him to death": one death told
# without a counted subject.
_ONE_NOMINAL = re.compile(
    r"\b(?:assassination|murder|killing|bombing death|beheading) of (?:an? |one |the )?"
    rf"(?:[\w'-]+ ){{0,4}}?{_ONE_PERSON}\b(?![-'])(?!\s+(?:and|or)\b)"
    r"|\b(?:he|she|one) (?:later |subsequently )?(?:died|(?:was|had been) (?:later )?(?:killed|"
    r"shot dead|murdered|assassinated|beheaded|executed|found dead))\b"
    r"|\b(?:he|she|one) died later\b"
    # "brought him to the square and shot him dead"
    r"|\b(?:shot|stabbed|hacked|beat|beaten|burned|burnt|strangled|clubbed|stoned|bludgeoned)"
    r" (?:him|her) (?:to death|dead)\b",
    re.IGNORECASE,
)
# What a crowd or a story reacts to: "protested against the killing of a student".
_REACTION_BEFORE = re.compile(
    r"\b(?:against|over|protest\w*|following|after|demand\w*|justice for|condemn\w*|denounc\w*"
    r"|response to|retal+iation for|revenge for|aveng\w*|probe into|investigat\w*|case|trial"
    r"|involved|accused|held for|suspects?|arrest\w*|news of|recent|prior|earlier"
    r"|previous|alleged)\b"
    r"[^.;]{0,30}$"
)
# The attacker's own death, counted with the dead as ACLED and RAND do: "a suicide bomber
# blew himself up", "killing himself and two police officers" (the others by the list rule).
_SELF_KILLED = re.compile(
    r"\b(?:(?P<one>(?:blew|blowing|blown)\s+(?:himself|herself)\s+up|detonated\s+(?:himself|herself)"
    r"|(?:killing|killed)\s+(?:himself|herself))|(?:blew|blowing)\s+themselves\s+up"
    r"|(?:killing|killed)\s+themselves)\b",
    re.IGNORECASE,
)
# "At least one death reported", "a single fatality".
_ONE_DEATH = re.compile(r"\b(?:one|a single) (?:death|fatality)\b(?! toll)", re.IGNORECASE)
# An abbreviated rank or title: "1st Lt. Firas Hussein", "Dr. Ahmed".
_TITLE = r"(?:lt|col|gen|maj|capt|sgt|cpl|pvt|brig|adm|cmdr|dr|mr|mrs|ms|gov|sen|rev)\."
# "A Hizb-ul-Mujahideen member, allegedly ..., was shot dead", "her driver was killed",
# "The settler later died": one person, the subject of a death or injury verb.
_ONE_SUBJECT = re.compile(
    r"(?<!\bno )(?<!\bnot )\b(?:an?|one|the|his|her|their|its|[a-z][\w-]+'s)\s+"
    # words, an initial ("William E. Bennett"), a title ("1st Lt. Firas Hussein"), a short
    # parenthesis ("bishop (Pierre Claverie)")
    rf"(?P<who>(?:(?:\b\w\.|\b{_TITLE}|[\w'-]+|\([^()]{{1,40}}\)),?\s+){{0,12}}?)"
    r"(?:(?:was|has been|had been|is|got)\s+(?:(?:reportedly|later|allegedly|also|fatally|"
    rf"critically|seriously|slightly|badly|found)\s+)?{_DONE_AND}|(?:later\s+)?(?=died|succumbed))"
    rf"(?P<what>{_KILLED}|{_INJURED})\b",
    re.IGNORECASE,
)
# "Tarsem Singh Toor was assassinated": a named person (capitalised words) as the subject.
_NAMED_SUBJECT = re.compile(
    r"\b(?!(?:Nobody|No|None|Nothing|Noone|No-one)\b)(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+(?:,\s*\d{1,3},|,(?:\s+(?:[\w'-]+|\([^()]{1,30}\))){1,10},|,)?\s+"
    r"(?:(?:was|has been|had been)\s+(?:(?:reportedly|later|allegedly|also|fatally|critically|"
    rf"seriously|slightly|badly|found)\s+)?{_DONE_AND}|(?:later\s+)?(?=died|succumbed))(?P<what>{_KILLED}|"
    rf"{_INJURED})\b"
)
# "Maoists murdered Madhu Shah": one named person as the object of a killing verb.
_NAMED_OBJECT = re.compile(
    r"\b(?i:killed|kills|kill|murdered|assassinated|shot dead|shot and killed|stabbed to death|"
    rf"hacked to death|beheaded|executed|lynched)\s+(?:(?:police|army|(?i:{_TITLE}))\s+)*"
    r"(?:[A-Z][a-z'-]+\s+){1,2}"
    # "Gunmen shot and killed Rahim al-Zamili": an Arabic article before the family name
    r"(?:(?:al|el|ad|ar|as|ash|at|az|an)-)?[A-Z][a-z'-]+\b"
    r"(?!\s+(?:and|or)\b)(?!'s)"
)
# "The police recovered a body", "An unidentified body was found": one dead.
_ONE_BODY = re.compile(
    r"\b(?:(?:recovered|found|discovered|retrieved) (?:(?:an? |one )(?:[\w-]+ )?body|"
    r"the (?:[\w-]+ )?body of (?:an? |one )?\w+)|"
    r"(?:an?|one|his|her) (?:[\w-]+ )?body (?:was|has been) (?:later )?(?:found|recovered|"
    r"discovered)|"
    r"the body of (?:an? |one )?(?:[\w-]+ ){0,3}?\w+ (?:was|has been) (?:later )?(?:found|"
    r"recovered|discovered))\b",
    re.IGNORECASE,
)
# "The bodies of two policemen were discovered", "16 charred bodies", "resulted in the
# death of two civilians": a count of the dead without a death verb ("following the death
# of a trader" is what a crowd reacts to, not a toll).
_BODIES_OF = re.compile(
    rf"\b(?:bodies|(?:resulted in|resulting in|caused|causing|led to|leading to) the deaths?|"
    rf"(?:claimed|claiming|took|taking) the lives)"
    rf" of {NUMBER}\b(?! (?:years?|months?|days?|weeks?)\b)",
    re.IGNORECASE,
)
_N_BODIES = re.compile(rf"\b{NUMBER}\s+(?:[a-z-]+\s+)?bodies\b", re.IGNORECASE)
# "A columnist and his wife were murdered", "killing them both": two dead.
_PAIR = re.compile(
    r"\b(?:an?|the|one)\s+(?:(?!(?:and|or|were|was|who)\b)[\w'-]+,?\s+){0,10}?and\s+"
    r"(?:his|her|their)\s+(?:[\w-]+\s+)?(?:wife|husband|son|daughter|brother|sister|father|"
    r"mother|bodyguard|body guard|guard|driver|aide|companion|friend|colleague|child|nephew|"
    r"niece|cousin|uncle|grandson|granddaughter|footman|chauffeur|assistant|secretary|servant|"
    r"interpreter|translator)"
    r"\s+(?:were|had been|have been)\s+(?:(?:reportedly|later|allegedly|also|found)\s+)?"
    rf"(?P<what>{_KILLED})\b"
    r"|\bkilling (?:them )?both\b|\bboth (?:of them )?were (?:killed|shot dead|murdered)\b",
    re.IGNORECASE,
)
_TOLL = re.compile(
    rf"\b(?P<what>death toll|toll|fatalities|casualties)\s+(?:has\s+)?(?:rose|risen|rises|reached|stood|stands|climbed|is|was|of|at|to|\s)+\s*{NUMBER}\b",
    re.IGNORECASE,
)
# "The death toll from Saturday's bomb attack on an army patrol ... rose to seven"
_TOLL_OF_EVENT = re.compile(
    rf"\b(?P<what>death toll) (?:from|in|of) (?:[\w'-]+ ){{1,24}}?(?:has )?"
    rf"(?:rose|risen|climbed|reached) (?:to )?{NUMBER}\b",
    re.IGNORECASE,
)
_NO_CASUALTIES = re.compile(
    r"\b(?:no|without|did not cause any|didn't cause any|not cause any)\s+"
    r"(?:immediate\s+|reported\s+)?(?P<what>casualties|injuries|fatalities|deaths|one was (?:killed|hurt|injured|wounded)"
    r"|one (?:was|has been) (?:killed|hurt|injured|wounded)|loss of life|victims)\b"
    r"|\bnobody was (?P<what2>killed|hurt|injured|wounded)\b",
    re.IGNORECASE,
)
_NOT_PEOPLE = re.compile(
    r"^(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilometres?|kilometers?|miles?|metres?|meters?|percent|%|times|am|pm)$",
    re.IGNORECASE,
)

# The whole-text scans, run as case-sensitive twins over the lower-cased text. A match of
# NUMBER opens with a digit or with the first letter of one of its words.
_NUMBER_OPENERS = "[\\d" + "".join(sorted({w[0] for w in (*_UNITS, *_VAGUE, *_MODIFIERS)})) + "]"
_QUANTITY_SCAN = Caseless(_QUANTITY, openers=_NUMBER_OPENERS)
_CASUALTY_BEFORE_SCAN = Caseless(_CASUALTY_BEFORE, openers=_NUMBER_OPENERS)
_CASUALTY_AFTER_SCAN = Caseless(_CASUALTY_AFTER)
_ONE_SUBJECT_SCAN = Caseless(_ONE_SUBJECT)
_ONE_VICTIM_SCAN = Caseless(_ONE_VICTIM)
_ONE_PASSIVE_SCAN = Caseless(_ONE_PASSIVE)
_ONE_DEATH_SCAN = Caseless(_ONE_DEATH)
_ONE_MORE_SCAN = Caseless(_ONE_MORE)
_ONE_NOMINAL_SCAN = Caseless(_ONE_NOMINAL)
_SELF_KILLED_SCAN = Caseless(_SELF_KILLED)
_ONE_BODY_SCAN = Caseless(_ONE_BODY)
_TOLL_SCAN = Caseless(_TOLL)
_BODIES_OF_SCAN = Caseless(_BODIES_OF)
_N_BODIES_SCAN = Caseless(_N_BODIES, openers=_NUMBER_OPENERS)
_PAIR_SCAN = Caseless(_PAIR)
_TOLL_OF_EVENT_SCAN = Caseless(_TOLL_OF_EVENT)
_NO_CASUALTIES_SCAN = Caseless(_NO_CASUALTIES)
declare(_NAMED_SUBJECT)


@dataclass(frozen=True, slots=True)
class Casualty:
    """A statement that people were killed or injured, with the count."""

    kind: str  # "killed" or "injured"
    count: Count
    start: int  # normalised-view offsets, for ordering within the document
    end: int


_RANGE = re.compile(r"\d+\s*(?:-|to)\s*\d+")
_RANGE_LINK = re.compile(r"\s*(?:-|to)\s*")
_WORD_LINK = re.compile(r"[- ]")
_KILLED_WORD = re.compile(_KILLED, re.IGNORECASE)
# The verbs of _CASUALTY_AFTER that kill (the others wound).
_KILLING_VERBS = (
    "kill",
    "shot",
    "shooting",
    "gunned",
    "lynch",
    "behead",
    "execut",
    "murder",
    "massacr",
    "slaughter",
)


def parse_number(phrase: str, modifier: str | None = None) -> tuple[int, int, int, bool]:
    """(low, best, high, vague) for a number phrase: '2,500', 'two', 'dozens of', '5-7'."""
    phrase = phrase.lower().strip()
    vague = phrase in _VAGUE
    if vague:
        value = _VAGUE[phrase]
        low, best, high = value, value, None
    elif _RANGE.fullmatch(phrase):
        first, second = (int(part) for part in _RANGE_LINK.split(phrase))
        low, best, high = min(first, second), min(first, second), max(first, second)
    elif phrase.replace(",", "").isdigit():
        low = best = high = int(phrase.replace(",", ""))
    else:
        parts = _WORD_LINK.split(phrase)
        value = _UNITS[phrase] if phrase in _UNITS else sum(_UNITS.get(part, 0) for part in parts)
        low = best = high = value
    kind = _MODIFIERS.get((modifier or "").lower())
    if kind == "low":
        high = None
    elif kind == "high":
        low = 0 if not vague else low
    return low, best, high, vague


@stage("quantities", reads={"text", "dates"}, writes={"quantities", "casualties"})
class QuantityStage:
    """Counted things and casualty statements, each with its evidence."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _count(self, doc: Document, match: re.Match[str]) -> Count | None:
        number = doc.evidence(*match.span("num"), mode="expand")
        if number is None or any(
            number.start < end and start < number.end for start, end in self._dated
        ):
            return None  # "January 3 last year killed": the 3 belongs to a date
        low, best, high, vague = parse_number(match.group("num"), match.group("mod"))
        evidence = doc.evidence(match.start(), match.end(), mode="expand")
        if evidence is None:
            return None
        return Count(
            low=low, best=best, high=high, confidence=0.6 if vague else 0.9, evidence=[evidence]
        )

    def _casualties(self, doc: Document) -> list[Casualty]:
        found: list[Casualty] = []
        text, lowered = doc.text, doc.lowered
        for match in _CASUALTY_BEFORE_SCAN.finditer(text, lowered):
            if _THINGS_COUNTED.search(text, match.end("num"), match.start("what")):
                # "Five suspects linked to the two Mpeketoni attacks have been shot dead": the
                # number counts attacks, and attacks are not shot dead.
                continue
            if not match.group("passive") and (
                _CAUSE_WORDS.search(text, match.end("num"), match.start("what"))
                or (
                    match.group("what").lower() not in ("dead", "died")
                    and _OBJECT_AFTER.match(lowered, match.end())
                )
            ):
                # "two bombs killed", "a suicide bomber killed a woman": the killers, unless
                # "6 militants were killed"
                continue
            count = self._count(doc, match)
            if count:
                kind = "killed" if _KILLED_WORD.match(match.group("what")) else "injured"
                found.append(Casualty(kind, count, match.start(), match.end()))
        for match in _CASUALTY_AFTER_SCAN.finditer(text, lowered):
            if _not_done(lowered, match.start()):
                continue
            what = match.group("what").lower()
            if what in ("left", "leaving"):
                state = (match.group("state") or "").lower()
                if not state:
                    continue
                kind = "killed" if state == "dead" else "injured"
            else:
                kind = "killed" if what.startswith(_KILLING_VERBS) else "injured"
            count = self._count(doc, match)
            if count:
                found.append(Casualty(kind, count, match.start(), match.end()))
        singles = _ONE_SUBJECT_SCAN.finditer(text, lowered)
        if not doc.all_caps:
            if may_match(_NAMED_SUBJECT, text, lowered):
                singles += _NAMED_SUBJECT.finditer(text)
            singles += (
                match
                for match in _NAMED_OBJECT.finditer(text)
                if not _DEMONYM_PLURAL.search(match.group(0))
            )
        singles += _ONE_MORE_SCAN.finditer(text, lowered)
        for match in singles:
            who = (match.groupdict().get("who") or "").strip().lower()
            if who.split()[:1] and who.split()[0] in _NOT_ONE:
                continue  # "the two men", "the 12 victims": counted elsewhere
            if _CLAUSE_WORD.search(who):
                continue  # "the post, in which no one was hurt": another clause, or a group
            evidence = doc.evidence(match.start(), match.end(), mode="expand")
            if evidence is None:
                continue
            what = match.groupdict().get("what") or "killed"
            kind = "killed" if _KILLED_WORD.match(what) else "injured"
            count = Count(low=1, best=1, high=1, confidence=0.7, evidence=[evidence])
            found.append(Casualty(kind, count, match.start(), match.end()))
        for match in [
            *(
                match
                for match in _ONE_VICTIM_SCAN.finditer(text, lowered)
                if not _not_done(lowered, match.start())
            ),
            *_ONE_PASSIVE_SCAN.finditer(text, lowered),
            *_ONE_DEATH_SCAN.finditer(text, lowered),
            *(
                match
                for match in _ONE_NOMINAL_SCAN.finditer(text, lowered)
                if not _REACTION_BEFORE.search(lowered, max(0, match.start() - 60), match.start())
            ),
            *_ONE_BODY_SCAN.finditer(text, lowered),
        ]:
            found += _killed(doc, match, 1, high=1, confidence=0.7)
        for match in _SELF_KILLED_SCAN.finditer(text, lowered):
            if match.group("one"):
                found += _killed(doc, match, 1, high=1, confidence=1.0)
            else:
                found += _killed(doc, match, 2, high=None, confidence=1.0)  # at least two
        for match in _PAIR_SCAN.finditer(text, lowered):
            found += _killed(doc, match, 2, high=2, confidence=0.7)
        for match in [
            *_TOLL_SCAN.finditer(text, lowered),
            *_TOLL_OF_EVENT_SCAN.finditer(text, lowered),
            *_BODIES_OF_SCAN.finditer(text, lowered),
            *_N_BODIES_SCAN.finditer(text, lowered),
        ]:
            count = self._count(doc, match)
            if count:
                found.append(Casualty("killed", count, match.start(), match.end()))
        for match in _NO_CASUALTIES_SCAN.finditer(text, lowered):
            evidence = doc.evidence(match.start(), match.end(), mode="expand")
            if evidence is None:
                continue
            what = (match.group("what") or match.group("what2") or "").lower()
            kinds = []
            if what in ("casualties", "victims") or what.startswith("one was hurt"):
                kinds = ["killed", "injured"]
            elif "kill" in what or what in ("fatalities", "deaths", "loss of life"):
                kinds = ["killed"]
            else:
                kinds = ["injured"]
            for kind in kinds:
                found.append(
                    Casualty(
                        kind,
                        Count(low=0, best=0, high=0, evidence=[evidence]),
                        match.start(),
                        match.end(),
                    )
                )
        found = [casualty for casualty in found if not _running_total(lowered, casualty)]
        # A toll the perpetrators claim yields to one reported otherwise; alone, it is the
        # only count there is.
        claimed = [_claimed_toll(lowered, casualty) for casualty in found]
        reported = {casualty.kind for casualty, own in zip(found, claimed, strict=True) if not own}
        found = [
            _with_listed_victims(doc, casualty)
            for casualty, own in zip(found, claimed, strict=True)
            if not (own and casualty.kind in reported)
        ]
        found.sort(key=lambda casualty: casualty.start)
        return _drop_overlaps(found)

    def _unit_end(self, doc: Document, match: re.Match[str]) -> tuple[str, int]:
        """The counted noun: skip up to two modifiers ("2,500 American troops")."""
        unit, end = match.group("unit"), match.end()
        for _ in range(2):
            modifier = unit.lower() in _ADJECTIVES or (not doc.all_caps and unit[:1].isupper())
            following = _NEXT_WORD.match(doc.text, end)
            if not modifier or following is None or following.group(1)[:1].isupper():
                break
            unit, end = following.group(1), following.end()
        return unit.lower(), end

    def __call__(self, doc: Document) -> None:
        dated = [
            (ev.start, ev.end) for mention in doc.layer("dates", []) for ev in mention.evidence
        ]
        self._dated = dated
        quantities: list[Quantity] = []
        for match in _QUANTITY_SCAN.finditer(doc.text, doc.lowered):
            unit, end = self._unit_end(doc, match)
            if _NOT_PEOPLE.match(unit) or unit in _UNITS or unit in _VAGUE or unit in _NOT_UNITS:
                continue
            if match.group("num").lower() in ("a", "an") and _singular(unit) not in _COUNT_NOUNS:
                continue
            low, best, high, vague = parse_number(match.group("num"), match.group("mod"))
            evidence = doc.evidence(match.start(), end, mode="expand")
            if evidence is None or best == 0:
                continue
            if any(evidence.start < d_end and d_start < evidence.end for d_start, d_end in dated):
                continue
            quantities.append(
                Quantity(
                    value=best,
                    low=low,
                    high=high,
                    unit=_singular(unit),
                    vague=vague,
                    evidence=evidence,
                )
            )
        doc.set_layer("quantities", quantities, stage="quantities")
        doc.set_layer("casualties", self._casualties(doc), stage="quantities")


_IRREGULAR = {"men": "man", "women": "woman", "people": "person", "children": "child"}
# Words that follow a number but never name what was counted ("30 were killed").
_NOT_UNITS = {
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "have",
    "has",
    "had",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "with",
    "who",
    "which",
    "that",
    "the",
    "more",
    "others",
    "other",
    "people's",
    "per",
    "p.m",
    "a.m",
}
# Things, not people: a number that counts them never counts the dead.
_THINGS_COUNTED = re.compile(
    r"\b(?:bombs|blasts|explosions|attacks|strikes|raids|devices|mines|rockets|shells"
    r"|grenades|drones|missiles|clashes|incidents|bombings|ambushes)\b",
    re.IGNORECASE,
)
# "A roadside bomb killed two": the thing that killed is not a count of the dead.
_CAUSE_WORDS = re.compile(
    r"\b(?:bombs?|blasts?|explosions?|attacks?|strikes?|raids?|devices?|mines?|rockets?|shells?"
    r"|grenades?|drones?|missiles?|fire|clash(?:es)?|gunman|gunmen|attackers?|militants?)\b",
    re.IGNORECASE,
)


# What follows an active killing verb when the number before it counts the killers.
_OBJECT_AFTER = re.compile(
    r"\s+(?:an?|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d|several|dozens|scores|hundreds|many|at least|more than|some)\b"
)


_CLAUSE_WORD = re.compile(
    r"\b(?:and|or|were|are|no|not|which|who|that|when|after|before|while|where)\b", re.I
)
# First words after "the" that make a group, not one person.
_NOT_ONE = frozenset(
    {
        *_UNITS,
        *_VAGUE,
        "other",
        "others",
        "rest",
        "remaining",
        "victims",
        "dead",
        "people",
        "bodies",
        "attackers",
        "gunmen",
    }
)


# "killed Iraqi Army Soldiers": capitalised words that name a group, not one person.
_DEMONYM_PLURAL = re.compile(r"(?:ians|ese|ers|ists|men|ites|ies|ces|ops)\b")


def _singular(word: str) -> str:
    if word.endswith(tuple(_IRREGULAR)):
        for plural, singular in _IRREGULAR.items():
            if word.endswith(plural):
                return word[: -len(plural)] + singular
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _not_done(lowered: str, start: int) -> bool:
    """Is the killing verb at ``start`` an attempt, an accusation or a threat?"""
    return _NOT_DONE_BEFORE.search(lowered, max(0, start - 30), start) is not None


# A toll the perpetrators claim ("the Taliban claimed that nine policemen were killed",
# "claimed to have killed fifteen"): their word, not a count of the dead.
_CLAIMED_TOLL_BEFORE = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:that\s+|to have\s+)?(?:(?:it|they)\s+(?:had\s+|have\s+)?)?$"
)
# A running total of other events: "Over ninety people have been killed in the lead up to
# these elections", "... have been killed since January".
_RUNNING_TOTAL_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:since|so far|this year|in the lead[- ]up|over the (?:past|last)|"
    r"in recent (?:weeks|months|years)|to date)\b"
)
_PERFECT = re.compile(r"\b(?:have|has) been\b")


def _claimed_toll(lowered: str, casualty: Casualty) -> bool:
    """The casualty statement is the perpetrators' claim."""
    return bool(_CLAIMED_TOLL_BEFORE.search(lowered, max(0, casualty.start - 40), casualty.start))


def _running_total(lowered: str, casualty: Casualty) -> bool:
    """The casualty statement counts a running total of other events."""
    return bool(_PERFECT.search(lowered, casualty.start, casualty.end)) and bool(
        _RUNNING_TOTAL_AFTER.match(lowered, casualty.end)
    )


def _killed(
    doc: Document, match: re.Match[str], people: int, *, high: int | None, confidence: float
) -> list[Casualty]:
    """A death statement of a fixed count, or nothing when its words cannot be evidenced."""
    evidence = doc.evidence(match.start(), match.end(), mode="expand")
    if evidence is None:
        return []
    count = Count(low=people, best=people, high=high, confidence=confidence, evidence=[evidence])
    return [Casualty("killed", count, match.start(), match.end())]


def _listed(match: re.Match[str]) -> int:
    """How many people one item of a casualty list names."""
    if match.group("one"):
        return 1
    _, best, _, _ = parse_number(match.group("num"), match.group("mod"))
    return best


def _with_listed_victims(doc: Document, casualty: Casualty) -> Casualty:
    """The casualty with the other items of its list added: "a policeman, two soldiers and
    four civilians" after "killed", or "Two policemen and" before "a civilian were killed"."""
    lowered = doc.lowered
    extra, start, end = 0, casualty.start, casualty.end
    listed, position = 0, end
    # "1 student was killed, and at least 50 people were injured": a list goes on after an
    # object ("killed a policeman and ..."), not after the verb of a passive
    # ("was shot dead along with another man" goes on)
    ends_with_verb = _ENDS_WITH_VERB.search(lowered, start, end) is not None
    while (more := _MORE_VICTIMS.match(lowered, position)) is not None:
        if ends_with_verb and "with" not in more.group("link"):
            break
        listed += _listed(more)
        position = more.end()
        if more.group("link") != ",":
            # a list closes with "and"; commas alone are an apposition ("Rahim al-Zamili,
            # a party member")
            extra, end = listed, position
            break
    sentence_start = doc.sentences[doc.sentence_of(start)][0] if doc.sentences else 0
    before = None
    if not _VERB_FIRST.match(lowered, start):  # a subject list, not "and wounded 12 others"
        # One character before the sentence, for the pattern's word boundary at its start.
        before = _VICTIMS_BEFORE.search(lowered, max(sentence_start - 1, start - 80, 0), start)
    if (
        before is not None
        and before.end() == start
        and not _VERB_FIRST_BEFORE.search(lowered, max(0, before.start() - 20), before.start() + 1)
    ):
        extra += _listed(before)
        start = before.start() + (0 if lowered[before.start()].isalnum() else 1)
    if not extra:
        return casualty
    evidence = doc.evidence(start, end, mode="expand")
    if evidence is None:
        return casualty
    count = casualty.count
    total = Count(
        low=(count.low or 0) + extra,
        best=(count.best or 0) + extra,
        high=None if count.high is None else count.high + extra,
        confidence=min(count.confidence, 0.7),
        evidence=[evidence],
    )
    return Casualty(casualty.kind, total, start, end)


def _drop_overlaps(found: list[Casualty]) -> list[Casualty]:
    """Keep the first of casualty statements that cover the same words."""
    kept: list[Casualty] = []
    for casualty in found:
        if any(
            casualty.kind == other.kind
            and casualty.start < other.end
            and other.start < casualty.end
            for other in kept
        ):
            continue
        kept.append(casualty)
    return kept
