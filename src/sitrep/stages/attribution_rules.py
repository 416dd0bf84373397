"""Patterns of the attribution stage: reporting cues, quotations and speaker kinds.

All patterns run on the normalised view (straight quotes, ASCII dashes); wire copy in
capitals is lower-cased there, so every pattern is case-insensitive unless it looks for a
proper name.
"""

from __future__ import annotations

import re

_VERBS = (
    r"said|says|say|told|tells|tell|reported|reports|announced|announces|stated|states|"
    r"claimed|claims|confirmed|confirms|added|adds|noted|alleged|alleges|insisted|warned|"
    r"denied|denies|declared|explained|acknowledged|admitted|tweeted|wrote|posted|estimated|"
    r"estimates|disclosed|revealed|quoted|indicated"
)
# "X said", "X told Y", "X reported": the verb, found anywhere; the speaker is worked out around it.
VERB = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
# A reporting verb right after a "citing X" phrase: "citing an unnamed source, reported".
VERB_AFTER = re.compile(rf",?\s*(?:{_VERBS})\b", re.IGNORECASE)
ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
CITING = re.compile(r"\b(?:citing|quoting)\b", re.IGNORECASE)
# "It is estimated that", "it was reported that", "are believed to": claims resting on no one.
PASSIVE = re.compile(
    r"\b(?:it\s+(?:is|was|has\s+been|had\s+been)\s+(?:estimated|believed|reported|said|thought|"
    r"understood|feared|alleged|claimed|rumou?red)\s+that|"
    r"(?:is|are|was|were)\s+(?:believed|reported|said|thought|estimated|alleged|feared)\s+to)\b",
    re.IGNORECASE,
)
# Where a clause begins, looking back from a verb: the speaker never runs past one of these.
CLAUSE_START = re.compile(r'[,;:"(]|\b(?:that|and|but|while|as|after|when|because)\s', re.I)
# After "told": the addressee ("told AFP", "told reporters", "told our correspondent").
ADDRESSEE = re.compile(r"\s+(?:the\s+)?", re.IGNORECASE)
# Words that end a speaker phrase but are not part of it: "The Pentagon later", "Moscow again".
TRAILING = re.compile(
    r"(?:\s+(?:later|also|again|earlier|previously|then|today|yesterday|on\s+\w+day|"
    r"has|have|had|would|will|had\s+also|has\s+also|separately|however|too|in\s+a\s+statement))+$",
    re.IGNORECASE,
)
# An apposition after a name: "Kataib Hezbollah, one of the most powerful factions, said".
APPOSITION = re.compile(r"(?:one of|a|an|the|its|his|her|their)\s", re.IGNORECASE)
# A participle aside between a speaker and the verb: "an official, speaking on condition ..., said".
ASIDE = re.compile(r"\s*(?:speaking|who|citing|quoted|requesting|asking|declining)\b", re.I)
SOCIAL = re.compile(
    r"\b(?:on\s+(?:telegram|twitter|x|facebook|whatsapp|instagram|social media|youtube)|"
    r"tweeted|posted|in\s+a\s+(?:post|tweet|video))\b",
    re.IGNORECASE,
)
ANONYMOUS = re.compile(
    r"\b(?:unnamed|anonymous|anonymity|sources?|officials?|officers?|an?\s+(?:\w+\s+){0,2}"
    r"(?:spokes(?:man|woman|person)|commander|diplomat|member|employee|doctor|aide))\b",
    re.IGNORECASE,
)
WITNESS = re.compile(
    r"\b(?:witness(?:es)?|eyewitness(?:es)?|residents?|villagers?|locals?|survivors?|relatives?|"
    r"neighbou?rs?|passers-by|shopkeepers?|family members?|a\s+(?:local\s+)?(?:man|woman))\b",
    re.IGNORECASE,
)
MEDIA = re.compile(
    r"\b(?:media|newspapers?|news agency|agency|television|tv|channels?|radio|broadcasters?|websites?|"
    r"outlets?|daily|magazine|reuters|afp|xinhua)\b",
    re.IGNORECASE,
)
GROUP = re.compile(
    r"\b(?:group|militants?|rebels?|insurgents?|militia|faction|movement|taliban|al-shabaab|"
    r"hezbollah|hamas|houthis?|jihadists?|fighters|claimed responsibility)\b",
    re.IGNORECASE,
)
OFFICIAL = re.compile(
    r"\b(?:ministry|minister|government|police|army|military|forces|command|administration|"
    r"authorities|governor|mayor|president|spokes(?:man|woman|person)|council|office|"
    r"department|pentagon|kremlin|white house|presidency|prosecutor|court|embassy|director|"
    r"commission|agency|state department|defen[cs]e|interior|officials?)\b",
    re.IGNORECASE,
)
# Two or more capitalised words that are not all organisation or title words: a person.
NAME = re.compile(r"\b[A-Z][a-z'-]+(?:\s+(?:al-|Al-|bin\s+|de\s+|van\s+)?[A-Z][\w'-]+)+")
NOT_NAME_WORDS = frozenset(
    [
        "ministry",
        "minister",
        "government",
        "police",
        "army",
        "military",
        "forces",
        "force",
        "command",
        "administration",
        "authorities",
        "governor",
        "mayor",
        "president",
        "spokesman",
        "spokeswoman",
        "council",
        "office",
        "department",
        "security",
        "defence",
        "defense",
        "interior",
        "state",
        "news",
        "agency",
        "national",
        "regional",
        "provincial",
        "district",
        "iraqi",
        "american",
        "us",
        "u.s.",
        "russian",
        "ukrainian",
        "somali",
        "kenyan",
        "afghan",
        "syrian",
        "iranian",
        "islamic",
        "republic",
        "united",
        "nations",
        "the",
        "a",
        "an",
        "of",
        "and",
        "forces'",
        "popular",
        "mobilization",
        "units",
        "unit",
        "general",
        "lieutenant",
        "colonel",
        "major",
        "brigadier",
        "captain",
        "sergeant",
        "commander",
        "chief",
        "deputy",
        "head",
        "director",
        "secretary",
        "foreign",
        "affairs",
        "federal",
        "central",
        "kataib",
        "hezbollah",
        "shabaab",
        "taliban",
        "daesh",
        "isis",
        "isil",
    ]
)
# Words that make a capitalised run a body, not a person: "Ministry of Internal Security".
ORG_HEADS = frozenset(
    [
        "ministry",
        "agency",
        "council",
        "office",
        "department",
        "service",
        "force",
        "forces",
        "army",
        "police",
        "command",
        "administration",
        "committee",
        "commission",
        "court",
        "party",
        "front",
        "movement",
        "brigade",
        "brigades",
        "group",
        "union",
        "association",
        "organisation",
        "organization",
        "network",
        "authority",
        "directorate",
        "secretariat",
        "house",
        "pentagon",
        "kremlin",
        "government",
        "parliament",
        "assembly",
        "municipality",
        "hospital",
        "university",
    ]
)
QUOTE = '"'
