"""Named targets: the people an event struck or was aimed at, named as the story names them.

GTD and the MUC answer keys record who was killed or kidnapped ("Attorney General Roberto
Garcia Alvarado"), and reports of one happening meet on those names far more surely than
on their dates. A person's name is a run of two to five name words that a given name opens
("Jose Antonio Rodriguez Porth") or a title leads ("Father Ignacio Ellacuria"); in wire
caps, where capitals say nothing, a name word is any word that is no stop word and no verb
form. It is a target where the sentence puts it in a victim's slot:

- "the murder of [the Jesuit priest] X", "the attack on X", "an attempt on X's life";
- "gunmen killed [Mayor] X", "X was kidnapped", "X, the mayor, has been shot";
- "X's assassination".

Offsets are into the normalised view (``doc.text``); evidence maps them to the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..document import Document
from ..model import NamedTarget
from ..resources.given_names import given_names
from ..resources.person_names import person_names
from .place_rules import stop_words, words

_HARM = (
    r"kill(?:s|ed|ing)?|murder(?:s|ed|ing)?|assassinat(?:e|es|ed|ing)|kidnap(?:s|ped|ping)?|"
    r"abduct(?:s|ed|ing)?|shot|shoots?|shooting|wound(?:s|ed|ing)?|injur(?:es|ed|ing)|"
    r"attack(?:s|ed|ing)?|execut(?:e|es|ed|ing)|slain|seiz(?:e|es|ed|ing)|"
    r"hack(?:s|ed)? to death|stabb(?:ed|ing)|tortur(?:e|es|ed|ing)|beat(?:en)? to death|"
    r"machine-?gunn(?:ed|ing)|gunned down|riddled"
)
_HARM_NOUN = (
    r"murder|assassination|killing|kidnapping|abduction|death|slaying|execution|attack|"
    r"attempt|shooting|disappearance|torture|massacre|body|bodies|remains|funeral"
)
_PASSIVE = re.compile(
    rf"\s*(?:(?:was|were|has been|have been|had been|is|are|being)\s+(?:{_HARM})|survived|died)\b"
)
_PASSIVE_GAP = re.compile(r",[^,.;:]{1,60},")  # "X, the mayor of Y, was shot"
_OF_BEFORE = re.compile(rf"\b(?:{_HARM_NOUN})s?\s+(?:of|on|against|on the life of)\s+$")
_VERB_BEFORE = re.compile(rf"\b(?:{_HARM})(?:\s+dead)?\s+$")
# "the victim was identified as X", "identified the dead men as X and Y".
_IDENTIFIED_BEFORE = re.compile(
    r"\b(?:identified (?:\w+\s+){0,3}as|(?:victims?|dead) (?:was|were|is|are))\s+$"
)
# "killing nine people, including the union leader X": a harm word earlier in the clause.
_INCLUDING_BEFORE = re.compile(rf"\b(?:{_HARM}|{_HARM_NOUN})s?\b[^.;:]{{0,80}}\bincluding\s+$")
_POSSESSIVE_AFTER = re.compile(rf"(?:'s|\u2019s|')\s+(?:{_HARM_NOUN})\b")
# Words a title is made of, before a name: "the former attorney general", "Jesuit priest".
TITLE_WORDS = words(
    """
    mr mrs ms miss dr gen general president vice minister deputy lt col sgt capt colonel
    captain lieutenant sergeant major commander chief father priest bishop archbishop
    monsignor reverend rev sister brother pastor imam sheikh judge justice magistrate mayor
    governor senator congressman congresswoman councillor councilman ambassador consul
    attorney prosecutor journalist reporter editor leader candidate secretary director
    businessman trade unionist union activist professor prof engineer lawyer doctor jesuit
    former late retired well-known opposition leftist rightist supreme court congress
    assembly legislative vice-president police army defense defence interior justice foreign
    finance labor labour national assistant elect president-elect mp mca hon
    """
)
# The article and title words between a harm word and the name: "killed the former mayor".
_LEAD_WORDS = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|two|three|four|five|six|(?:{})s?)\.?\s+)+$".format(
        "|".join(sorted(TITLE_WORDS))
    )
)
# Lower-case words inside a name: "Maria de los Angeles", "Osama bin Laden".
_PARTICLES = words("de del la las los y bin al van von da do")
# Word forms that are never part of a name in wire caps.
_NOT_NAME = re.compile(r"(?:ed|ing|ly|tion|ment|ness)$")
# A run ending on one of these names a place or a body, not a person: "Rosario Island".
_NOT_PERSON_LAST = words(
    """
    island islands street avenue road river lake hill hills mountain mountains city town
    village department province district municipality square park bridge university hospital
    school college building headquarters company party front court church base airport
    station plaza neighborhood neighbourhood sector zone valley
    """
)
_REPORTING = frozenset({"said", "says", "told", "stated", "reported", "added", "declared"})
# Between two names of one list: ", ", " and ", ", 32; " (an age), with title words.
_LIST_GAP = re.compile(
    r"(?:,\s*\d{{1,3}})?(?:\s*[,;]\s*(?:and\s+)?|\s+and\s+)(?:(?:{})\.?\s+)*".format(
        "|".join(sorted(TITLE_WORDS))
    ),
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"[\[\]]")  # a transcriber's insertion: "[retired] general"
_WORD = re.compile(r"[A-Za-z](?:\.|[A-Za-z'\-]*)")  # a word, or an initial: "John F. Kennedy"
MAX_NAME_WORDS = 5


def _name_word(word: str, caps: bool) -> bool:
    bare = word.rstrip(".").lower()
    if (
        len(bare) < 2
        or bare.endswith(("'s", "\u2019s"))
        or bare in stop_words()
        or bare in _REPORTING
        or bare in TITLE_WORDS
    ):
        return False
    if caps:
        return not _NOT_NAME.search(bare) or person_names().get(bare) is not None
    return word[:1].isupper() and not word.isupper()


Title = tuple[int, int] | None


def people(doc: Document, start: int, end: int) -> list[tuple[int, int, Title]]:
    """Person names in ``doc.text[start:end]``: (start, end, span of the title before it)."""
    text, caps = doc.text, doc.all_caps
    names = person_names()
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]
    found: list[tuple[int, int, Title]] = []
    index = 0
    while index < len(words):
        run = index
        while run < len(words) and run - index < MAX_NAME_WORDS:
            word = words[run][2]
            gap = text[words[run - 1][1] : words[run][0]] if run > index else " "
            if gap.strip():  # punctuation ends a name
                break
            if _name_word(word, caps) or word.lower() in _PARTICLES and run > index:
                run += 1
            else:
                break
        while run > index and words[run - 1][2].lower() in _PARTICLES:
            run -= 1
        if run - index >= 2:
            title = _title_before(text, words, index)
            first = words[index][2].rstrip(".").lower()
            given = names.get(first) == "given" or first in given_names()
            # In wire caps a title may lead any words ("NATIONAL GUARD HEADQUARTERS"):
            # only a given name opens a name there.
            last = words[run - 1][2].rstrip(".").lower()
            if (given or (title and not caps)) and last not in _NOT_PERSON_LAST:
                found.append((words[index][0], words[run - 1][1], title))
                index = run
                continue
        index += 1  # "PRIESTS IGNACIO ELLACURIA": the name may open on the next word
    return found


def _title_before(text: str, words: list[tuple[int, int, str]], index: int) -> Title:
    """The span of the title words right before a name ("attorney general"), or None."""
    first = index
    while first > 0 and words[first - 1][2].rstrip(".").lower() in TITLE_WORDS:
        if text[words[first - 1][1] : words[first][0]].strip() not in ("", "."):  # "Gen. X"
            break
        first -= 1
    return (words[first][0], words[index - 1][1]) if first < index else None


def _in_victim_slot(doc: Document, start: int, end: int) -> bool:
    text = doc.text
    before = _LEAD_WORDS.sub("", _BRACKETS.sub("", text[max(0, start - 120) : start].lower()))
    if any(
        cue.search(before)
        for cue in (_OF_BEFORE, _VERB_BEFORE, _IDENTIFIED_BEFORE, _INCLUDING_BEFORE)
    ):
        return True
    after = text[end : end + 80].lower()
    gap = _PASSIVE_GAP.match(after)
    return bool(
        _PASSIVE.match(after)
        or (gap and _PASSIVE.match(after, gap.end()))
        or _POSSESSIVE_AFTER.match(after)
    )


def _groups(doc: Document, found: list[tuple[int, int, Title]]) -> list[list[tuple[int, int]]]:
    """Names listed together ("X, Colonel Y, and Senator Z"): one slot holds them all."""
    groups: list[list[tuple[int, int]]] = []
    for start, end, title in found:
        lead = title[0] if title else start
        if groups and _LIST_GAP.fullmatch(doc.text, groups[-1][-1][1], lead):
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
    return groups


def named_targets(doc: Document, sentences: Iterable[int]) -> list[NamedTarget]:
    """The people named in a victim's slot in the given sentences, first mention each."""
    found: dict[str, NamedTarget] = {}
    for index in sentences:
        start, end = doc.sentences[index]
        named = people(doc, start, end)
        titles = {(name_start, name_end): title for name_start, name_end, title in named}
        for group in _groups(doc, named):
            lead = titles[group[0]][0] if titles[group[0]] else group[0][0]
            if not _in_victim_slot(doc, lead, group[-1][1]):
                continue
            for name_start, name_end in group:
                evidence = doc.evidence(name_start, name_end, mode="expand")
                if evidence is None or evidence.text.lower() in found:
                    continue
                title = titles[(name_start, name_end)]
                title_evidence = doc.evidence(*title, mode="expand") if title else None
                found[evidence.text.lower()] = NamedTarget(
                    name=" ".join(evidence.text.split()),
                    title=title_evidence.text if title_evidence else None,
                    evidence=[evidence],
                )
    return list(found.values())
