"""Faster regex scans with exactly the results of the plain ones.

Two tricks, both worked out from the patterns' own sources so they never drift from them:

* **Skip what cannot match.** Most of the stages' patterns are long alternations
  ("rockets?|mortars?|shelling|...") that the engine tries at every word of an article,
  although most articles hold none of their words. Every match contains one of a few
  literal words ("rocket", "mortar", "shell", ...): when none is in the text, the scan
  is skipped (:func:`may_match`). One Aho-Corasick pass over a text finds the words of
  every pattern at once.
* **Case-insensitive patterns without IGNORECASE.** Python's engine tries IGNORECASE
  literals several times slower than plain ones. Where ``str.lower`` keeps every offset
  (:func:`readable`), a pattern's case-sensitive twin run over the lower-cased text
  matches at the same places with the same spans; each match is then taken again from
  the text itself, so that its groups keep their case (:class:`Caseless`).

Patterns are declared when their module is imported (:func:`declare`, :class:`Caseless`)
and their words read from their sources together on first use, so that the automaton is
built once; a twin is compiled on its first use.
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, NamedTuple

import ahocorasick

# Shorter words are in nearly every text: testing them would cost more than it saves.
MIN_WORD = 3


class Required(NamedTuple):
    """Every match contains one of ``words``; compare lower-cased when ``fold``."""

    words: tuple[str, ...]
    fold: bool


def _better(new: Required | None, old: Required | None) -> bool:
    if new is None:
        return False
    if old is None:
        return True
    # The rarer requirement: longer shortest word, then fewer words.
    new_key = (min(map(len, new.words)), -len(new.words))
    old_key = (min(map(len, old.words)), -len(old.words))
    return new_key > old_key


def _run(parts: list[str], fold: bool) -> Required | None:
    word = "".join(parts)
    if fold:
        if not word.isascii():
            return None  # case-insensitive non-ASCII letters fold in ways str.lower() does not
        word = word.lower()
    return Required((word,), fold) if len(word) >= MIN_WORD else None


class _Unreadable(Exception):
    """A construct :class:`_Source` does not follow (the pattern gets no words)."""


_QUANTIFIER = re.compile(r"\{(\d*)(?:,(\d*))?\}")
# Characters that stand for themselves wherever they are ("{" may open a quantifier).
_LITERALS = re.compile(r"[^\\.^$*+?{\[|()]+")


class _Source:
    """Reads a pattern's source for its required words.

    It follows literals, escapes, character classes, groups and quantifiers, and gives
    up (:class:`_Unreadable`) on anything else: scoped flags, conditionals, numeric
    escapes. A literal run counts only whole: a character under a quantifier ends it.
    """

    def __init__(self, source: str, fold: bool) -> None:
        self.text, self.at, self.fold = source, 0, fold

    def alternation(self) -> Required | None:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        if not all(branches):
            return None  # one branch needs no word: the alternation needs none
        words = tuple(dict.fromkeys(word for branch in branches for word in branch.words))
        return Required(words, self.fold)

    def sequence(self) -> Required | None:
        best: Required | None = None
        run: list[str] = []
        while self.peek() not in ("", "|", ")"):
            literal = _LITERALS.match(self.text, self.at)
            if literal is not None:  # plain characters, read at once
                self.at = literal.end()
                if self.quantifier() is None:
                    run.append(literal.group())
                    continue
                run.append(literal.group()[:-1])  # a quantifier binds the last one only
                kind, value, low = "other", None, 0
            else:
                kind, value = self.atom()
                low = self.quantifier()
                if kind == "char" and low is None:
                    run.append(value)
                    continue
            best = _best(best, _run(run, self.fold) if run else None)
            run = []
            if kind == "group" and (low is None or low >= 1):
                best = _best(best, value)
        return _best(best, _run(run, self.fold) if run else None)

    def atom(self) -> tuple[str, Any]:
        text, at = self.text, self.at
        char = text[at]
        if char == "(":
            return self.group()
        if char == "[":
            self.skip_class()
            return "other", None
        if char == "\\":
            escaped = text[at + 1 : at + 2]
            self.at += 2
            if escaped in ("", "g") or escaped in "xuUN0123456789":
                raise _Unreadable(text[at : at + 2])
            # \s, \b, \w ...: a class or a position; \. \- \(: that character itself
            return ("other", None) if escaped.isalpha() else ("char", escaped)
        self.at += 1
        if char in ".^$":
            return "other", None
        if char in "*+?" or (char == "{" and _QUANTIFIER.match(text, at)):
            raise _Unreadable(char)
        return "char", char

    def group(self) -> tuple[str, Any]:
        text, at = self.text, self.at
        if text.startswith(("(?=", "(?!", "(?<=", "(?<!"), at):
            self.at = at + (4 if text[at + 2] == "<" else 3)
            self.alternation()  # zero width: what it looks at is not in the match
            self.close()
            return "other", None
        if text.startswith("(?#", at):
            self.at = text.index(")", at) + 1
            return "other", None
        if text.startswith("(?P=", at):
            self.at = text.index(")", at) + 1
            return "other", None
        if text.startswith("(?:", at):
            self.at = at + 3
        elif text.startswith("(?P<", at):
            self.at = text.index(">", at) + 1
        elif text.startswith("(?", at):
            raise _Unreadable(text[at : at + 3])  # flags, conditionals, atomic groups
        else:
            self.at = at + 1
        found = self.alternation()
        self.close()
        return "group", found

    def close(self) -> None:
        if self.peek() != ")":
            raise _Unreadable("unbalanced")
        self.at += 1

    def skip_class(self) -> None:
        text, at = self.text, self.at + 1
        if text[at : at + 1] == "^":
            at += 1
        if text[at : at + 1] == "]":
            at += 1  # a "]" first is a literal
        while at < len(text) and text[at] != "]":
            at += 2 if text[at] == "\\" else 1
        if at >= len(text):
            raise _Unreadable("unclosed class")
        self.at = at + 1

    def quantifier(self) -> int | None:
        """The least count of a quantifier here (consumed), or None when there is none."""
        text, at = self.text, self.at
        char = text[at : at + 1]
        if char in ("?", "*", "+"):
            low = 1 if char == "+" else 0
            self.at = at + 1
        elif char == "{" and (found := _QUANTIFIER.match(text, at)):
            low = int(found.group(1) or 0)
            self.at = found.end()
        else:
            return None
        if self.peek() in ("?", "+"):  # lazy or possessive
            self.at += 1
        return low

    def peek(self) -> str:
        return self.text[self.at : self.at + 1]


def _best(old: Required | None, new: Required | None) -> Required | None:
    return new if _better(new, old) else old


def _requirement(pattern: re.Pattern[str]) -> Required | None:
    """The words of which every match of ``pattern`` contains one, if any."""
    if pattern.flags & re.VERBOSE:
        return None
    fold = bool(pattern.flags & re.IGNORECASE)
    source = _Source(pattern.pattern, fold)
    try:
        found = source.alternation()
    except _Unreadable:
        return None
    if found is None or source.at != len(pattern.pattern):
        return None
    words = found.words
    # A word holding another word of the list adds nothing: "kill" is in every "killed".
    words = tuple(w for w in words if not any(o != w and o in w for o in words))
    return Required(words, fold)


# What a case-sensitive twin over lower-cased text could read differently: inline or
# scoped flags, escapes that may stand for a letter, non-ASCII characters (some match
# ASCII letters case-insensitively: "\u017f" matches "s") ...
_TWIN_UNSAFE = re.compile(r"\(\?[aiLmsux-]|\\[xuUN0-9]|[^\x00-\x7f]")
# ... and upper-case letters, once group names and escapes ("\S", "\W") are set aside.
_NAMES_AND_ESCAPES = re.compile(r"\(\?P[<=]\w+[>)]|\\.")


def _twin_source(pattern: re.Pattern[str], openers: str | None) -> str | None:
    """The source of the pattern's case-sensitive twin, or None if it cannot have one."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or _TWIN_UNSAFE.search(source):
        return None
    if any("A" <= char <= "Z" for char in _NAMES_AND_ESCAPES.sub("", source)):
        return None
    if openers:
        # A lookahead at the match's start; after a leading \b, which fails faster.
        if source.startswith(r"\b"):
            source = rf"\b(?={openers})" + source[2:]
        else:
            source = rf"(?={openers})" + source
    return source


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No garbage collection for a while: reading and compiling patterns makes many
    short-lived objects, and once spaCy and the gazetteer are loaded each collection they
    set off walks the whole heap (several times the work itself)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Registry:
    """The declared patterns, their words, and one Aho-Corasick automaton of every word:
    one pass over a text tells which words it holds, for all patterns at once."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._pending: list[re.Pattern[str]] = []
        # By the pattern's id, which stays unique while the pattern is kept here: hashing
        # a compiled pattern hashes its whole program, slower than many a scan.
        self._known: dict[int, tuple[re.Pattern[str], Required | None, frozenset[int]]] = {}
        self._ids: dict[str, int] = {}
        self._automaton: Any = None  # rebuilt after words are added

    def declare(self, pattern: re.Pattern[str]) -> None:
        with self.lock:
            self._pending.append(pattern)

    def known(self, pattern: re.Pattern[str]) -> tuple[Required | None, frozenset[int]]:
        """The pattern's requirement and its words' ids (analysing what is pending)."""
        entry = self._known.get(id(pattern))
        if entry is None:
            with self.lock:
                self.flush()
                self._add(pattern)
                entry = self._known[id(pattern)]
        return entry[1], entry[2]

    def flush(self) -> None:
        """Read the words of every pattern declared since the last time."""
        with self.lock, _gc_paused():
            pending, self._pending = self._pending, []
            for pattern in pending:
                self._add(pattern)

    def _add(self, pattern: re.Pattern[str]) -> None:
        if id(pattern) in self._known:
            return  # declared twice: its words are known
        need = _requirement(pattern)
        ids: frozenset[int] = frozenset()
        if need is not None:
            # The text is looked at lower-cased: so are the words.
            words = [word.lower() for word in need.words]
            for word in words:
                self._ids.setdefault(word, len(self._ids))
            ids = frozenset(self._ids[word] for word in words)
            self._automaton = None
        self._known[id(pattern)] = (pattern, need, ids)

    def present(self, text: str) -> frozenset[int]:
        """Ids of the words found in ``text`` (remembered for the last few texts)."""
        automaton = self._automaton
        if automaton is None:
            with self.lock:
                if self._automaton is None:
                    built = ahocorasick.Automaton()
                    for word, word_id in self._ids.items():
                        built.add_word(word, word_id)
                    built.make_automaton()
                    self._automaton = built
                automaton = self._automaton
        return _found(automaton, text)


@lru_cache(maxsize=16)
def _found(automaton: Any, text: str) -> frozenset[int]:
    # Keyed by the automaton too: one built before a word was added does not know it.
    return frozenset(word_id for _end, word_id in automaton.iter(text))


_REGISTRY = _Registry()


def declare(*patterns: re.Pattern[str]) -> None:
    """Declare patterns that :func:`may_match` will be asked about (at import, so that
    they are analysed together with the others on first use)."""
    for pattern in patterns:
        _REGISTRY.declare(pattern)


def required(pattern: re.Pattern[str]) -> Required | None:
    """Words of which every match of ``pattern`` contains one (None: no such words).

    Worked out once per pattern object: meant for patterns compiled once, at import.
    """
    return _REGISTRY.known(pattern)[0]


# Non-ASCII characters that ignoring case reads as ASCII letters ("\u017f" is an "s");
# the tests check this list against the running Python.
_ASCII_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
_LAST_READABLE: tuple[str, str, bool] = ("", "", True)


def readable(text: str, lowered: str) -> bool:
    """Can ``lowered`` (``text.lower()``) stand for ``text`` in a case-sensitive scan?

    Always for ASCII text; for other text, when lower-casing kept one character for one
    and no character folds to an ASCII letter. (Remembered for the last text asked.)
    """
    global _LAST_READABLE
    if text.isascii():
        return True
    last_text, last_lowered, answer = _LAST_READABLE
    if last_text is text and last_lowered is lowered:
        return answer
    answer = len(lowered) == len(text) and not _ASCII_FOLDS.search(text)
    _LAST_READABLE = (text, lowered, answer)
    return answer


# The last answer per pattern (by id, as in the registry), with the text it was about.
_LAST_ANSWER: dict[int, tuple[str, bool]] = {}


def may_match(pattern: re.Pattern[str], text: str, lowered: str | None = None) -> bool:
    """False only when ``pattern`` cannot match anywhere in ``text``.

    ``lowered`` is ``text.lower()`` when the caller has it already. The answer holds for
    any part of ``text`` too: a pattern that cannot match in a document cannot match in
    one of its sentences.
    """
    need, ids = _REGISTRY.known(pattern)
    if need is None:
        return True
    hay = lowered if lowered is not None else text.lower()
    if readable(text, hay):
        last = _LAST_ANSWER.get(id(pattern))
        if last is not None and last[0] is hay:
            return last[1]  # asked again about the same document (its sentences, say)
        # A word is in the text only if its lower-cased form is in the lower-cased text
        # (exactly so when the pattern ignores case).
        answer = not ids.isdisjoint(_REGISTRY.present(hay))
        _LAST_ANSWER[id(pattern)] = (hay, answer)
        return answer
    if need.fold:
        return True  # some letters fold in ways str.lower() does not
    return any(word in text for word in need.words)


_UNSET: Any = object()


class Caseless:
    """An IGNORECASE pattern, scanned as its case-sensitive twin over lower-cased text.

    ``openers`` (optional, lower case) is a regex of how a match can begin: the twin then
    tries the pattern only where one stands. It must allow every opening of the pattern;
    the tests check the twin against the pattern. A pattern with upper case, non-ASCII
    letters or scoped case flags gets no twin (``twin`` is None) and is scanned as it is.
    """

    def __init__(self, pattern: re.Pattern[str], *, openers: str | None = None) -> None:
        self.pattern = pattern
        self._openers = openers
        self._twin: Any = _UNSET  # compiled on first use: start-up pays only for those used
        _REGISTRY.declare(pattern)

    @property
    def twin(self) -> re.Pattern[str] | None:
        """The case-sensitive twin (None when the pattern cannot have one)."""
        twin = self._twin
        if twin is _UNSET:
            source = _twin_source(self.pattern, self._openers)
            flags = self.pattern.flags & ~re.IGNORECASE
            with _gc_paused():
                twin = self._twin = None if source is None else re.compile(source, flags)
        return twin

    def finditer(
        self,
        text: str,
        lowered: str,
        pos: int = 0,
        endpos: int | None = None,
        *,
        gate: bool = True,
    ) -> list[re.Match[str]]:
        """``list(pattern.finditer(text, pos, endpos))``; ``lowered`` is ``text.lower()``.

        With ``gate``, a text that cannot hold a match (:func:`may_match`) is not scanned:
        worth it for a document, whose words are looked up once for every pattern; not for
        a short string made on the fly.
        """
        end = len(text) if endpos is None else endpos
        if gate and not may_match(self.pattern, text, lowered):
            return []
        twin = self.twin
        if twin is None or not readable(text, lowered):
            return list(self.pattern.finditer(text, pos, end))
        match = self.pattern.match
        return [match(text, found.start(), end) for found in twin.finditer(lowered, pos, end)]

    def search(
        self,
        text: str,
        lowered: str,
        pos: int = 0,
        endpos: int | None = None,
        *,
        gate: bool = True,
    ) -> re.Match[str] | None:
        """``pattern.search(text, pos, endpos)``; as :meth:`finditer` otherwise."""
        end = len(text) if endpos is None else endpos
        if gate and not may_match(self.pattern, text, lowered):
            return None
        twin = self.twin
        if twin is None or not readable(text, lowered):
            return self.pattern.search(text, pos, end)
        found = twin.search(lowered, pos, end)
        return None if found is None else self.pattern.match(text, found.start(), end)

    def search_slice(self, text: str, lowered: str, start: int, end: int) -> re.Match[str] | None:
        """``pattern.search(text[start:end])``: the slice searched as a string of its own
        (its edges are the string's edges), offsets relative to it; ``text`` is gated
        whole, so a document's sentences cost one word lookup between them."""
        if not may_match(self.pattern, text, lowered):
            return None
        twin = self.twin
        if twin is None or not readable(text, lowered):
            return self.pattern.search(text[start:end])
        part = text[start:end]
        found = twin.search(lowered[start:end])
        return None if found is None else self.pattern.match(part, found.start())
