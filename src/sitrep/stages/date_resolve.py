"""Resolution for the dates stage: turn one regex match into a dated interval.

Each method handles one alternative of :data:`date_rules.DATE_RE`. A method raises
``LookupError`` when the match turns out not to be a date ("may be", "a protest march")
and :class:`Unresolved` when it is a date that cannot be resolved (the note code says why).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..document import Document
from ..model import DatePrecision
from ..settings import DateSettings
from . import date_rules as rules

DAY = dt.timedelta(days=1)
# Confidence of each way of knowing a date; thresholds are named, not scattered.
CONFIDENCE = {
    "explicit": 0.95,
    "no_year": 0.9,
    "relative": 0.9,
    "weekday": 0.85,
    "anaphor": 0.8,
    "fallback": 0.5,
    "event_relative": 0.4,
    "vague": 0.3,
    "after_reference": 0.3,
}
_EXPLICIT_YEAR_KINDS = {"iso", "numeric"}
# Month words that are also common English words need stronger context on their own.
_AMBIGUOUS_MONTHS = {"may", "march", "mar"}
_SAFE_MONTH_MODS = {
    "early",
    "mid",
    "late",
    "in",
    "since",
    "during",
    "until",
    "till",
    "throughout",
}
_PLAIN_PREPOSITIONS = {"in", "since", "during", "until", "till", "by", "throughout", "on"}
_WEEK_MODS = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, 31),
    "beginning": (1, 10),
    "start": (1, 10),
    "middle": (11, 20),
    "end": (21, 31),
}


# "X comes days after Y", "came weeks after": the interval runs back from the anchor.
_COMES_AFTER_RE = re.compile(r"\b(?:comes?|came|coming)\s+$", re.IGNORECASE)


class Unresolved(Exception):
    """A found expression that cannot be turned into a date; ``code`` is the note code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Resolved:
    start: dt.date
    end: dt.date
    precision: DatePrecision
    kind: str
    confidence: float
    anchor: dt.date | None
    future: bool = False
    span_start: int | None = None
    span_end: int | None = None


class Resolver:
    """Turns matches into :class:`Resolved` dates for one document."""

    def __init__(self, doc: Document, config: DateSettings, ref: dt.date | None) -> None:
        self.doc = doc
        self.text = doc.text
        self.config = config
        self.ref = ref
        self.grace = dt.timedelta(days=config.future_grace_days)
        self.established: Resolved | None = None

    # -- helpers -------------------------------------------------------------------------
    def need_ref(self) -> dt.date:
        if self.ref is None:
            raise Unresolved("date.no_reference", "relative date with no reference date")
        return self.ref

    def capitalised(self, word: str | None) -> bool:
        # In mixed-case copy a month or weekday is capitalised; "may be" and "a march" are not.
        return word is None or self.doc.all_caps or word[:1].isupper()

    def future_context(self, start: int) -> bool:
        sentence = self.doc.sentences[self.doc.sentence_of(start)] if self.doc.sentences else (0, 0)
        window_start = max(sentence[0], start - 60)
        return rules.FUTURE_BEFORE_RE.search(self.text, window_start, start) is not None

    def make_date(self, year: int, month: int, day: int) -> dt.date:
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            raise Unresolved("date.unparsed", f"not a calendar date: {exc}") from exc

    def year_for(self, month: int, day: int, *, future: bool) -> int:
        """The year that keeps a no-year date not after the reference (or next, if future)."""
        self.make_date(2000, month, day)  # a leap year: rejects only impossible days
        ref = self.need_ref()
        year = ref.year
        candidate = self._safe(year, month, day)
        if future:
            return year + 1 if candidate < ref else year
        return year - 1 if candidate > ref + self.grace else year

    @staticmethod
    def _safe(year: int, month: int, day: int) -> dt.date:
        # Feb 29 in a common year is compared as Feb 28; validity is checked afterwards.
        return dt.date(year, month, min(day, 28) if month == 2 and day == 29 else day)

    def suffix_year(self, end: int) -> tuple[int | None, int]:
        """Year fixed by "last year"/"this year" after ``end``, and the new span end."""
        suffix = rules.YEAR_SUFFIX_RE.match(self.text, end)
        if suffix is None:
            return None, end
        ref = self.need_ref()
        offset = {"last": -1, "this": 0, "next": 1}.get(suffix["which"].split()[-1].lower())
        if offset is None:
            offset = -1 if "previous" in suffix["which"].lower() else 1
        return ref.year + offset, suffix.end()

    def explicit_year(self, text: str | None, month: int, day: int) -> int | None:
        if not text:
            return None
        digits = text.lstrip("'")
        if len(digits) == 4:
            return int(digits)
        return rules.pivot_year(int(digits), month, day, self.ref)

    # -- kinds ---------------------------------------------------------------------------
    def day_month(self, m: re.Match[str], prefix: str, future: bool) -> Resolved:
        month_word = m[f"{prefix}_m"]
        if not self.capitalised(month_word) or rules.LABEL_AFTER_RE.match(self.text, m.end()):
            raise LookupError
        month = rules.month_number(month_word)
        day = rules.day_value(m[f"{prefix}_d"])
        year = self.explicit_year(m[f"{prefix}_y"], month, day)
        span_end = m.end()
        explicit = year is not None
        if year is None:
            year, span_end = self.suffix_year(m.end())
            explicit = year is not None
        if year is None:
            year = self.year_for(month, day, future=future)
        value = self.make_date(year, month, day)
        confidence = CONFIDENCE["explicit" if explicit else "no_year"]
        week = rules.WEEK_OF_RE.search(self.text, max(0, m.start() - 30), m.start())
        if week is not None:
            return Resolved(
                value,
                value + 6 * DAY,
                "week",
                "range",
                confidence,
                self.ref,
                future,
                span_start=week.start(),
                span_end=span_end,
            )
        time = rules.TIME_SUFFIX_RE.match(self.text, span_end)
        span_end = time.end() if time else span_end
        reported = rules.REPORTED_ON_RE.search(self.text, max(0, m.start() - 20), m.start())
        return Resolved(
            value,
            value,
            "week" if reported else "day",
            "absolute",
            confidence,
            self.ref,
            future,
            span_end=span_end,
        )

    def numeric(self, m: re.Match[str], iso: bool) -> Resolved:
        if iso:
            year, month, day = int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])
        else:
            first, second = int(m["num_a"]), int(m["num_b"])
            day, month = (
                (first, second) if self.config.ambiguous_order == "dmy" else (second, first)
            )
            if month > 12 and day <= 12:
                day, month = month, day
            year = self.explicit_year(m["num_y"], month, min(day, 28))
        value = self.make_date(year, month, day)
        return Resolved(value, value, "day", "absolute", CONFIDENCE["explicit"], self.ref)

    def day_slash_month(self, m: re.Match[str], future: bool) -> Resolved:
        day, month = int(m["ndm_d"]), int(m["ndm_m"])
        value = self.make_date(self.year_for(month, day, future=future), month, day)
        return Resolved(
            value,
            value,
            "day",
            "absolute",
            CONFIDENCE["no_year"],
            self.ref,
            future,
            span_start=m.start("ndm_d"),
        )

    def month(self, m: re.Match[str], future: bool) -> Resolved:
        word = m["mon_m"]
        mod = (m["mon_mod"] or "").lower().split()
        mod_word = mod[-2] if len(mod) >= 2 and mod[-1] == "of" else (mod[0] if mod else "")
        has_year = m["mon_y"] is not None
        if not mod and not has_year:
            raise LookupError
        # "in early march": a part-of-month word makes a lower-case month a month.
        if not self.capitalised(word) and mod_word not in _WEEK_MODS:
            raise LookupError
        if (
            word.lower().rstrip(".") in _AMBIGUOUS_MONTHS
            and not has_year
            and (mod_word not in _SAFE_MONTH_MODS | set(_WEEK_MODS) | {"month"})
        ):
            raise LookupError
        month = rules.month_number(word)
        span_end = m.end()
        year = int(m["mon_y"]) if has_year else None
        if year is None:
            year, span_end = self.suffix_year(m.end())
        explicit = year is not None
        future = future or mod_word == "next"
        if year is None:
            ref = self.need_ref()
            year = ref.year
            if future and rules.month_end(year, month) < ref:
                year += 1
            elif not future and (
                dt.date(year, month, 1) > ref + self.grace
                or (mod_word in {"last", "past"} and month == ref.month)
            ):
                year -= 1
        first, last = dt.date(year, month, 1), rules.month_end(year, month)
        precision: DatePrecision = "month"
        if mod_word in _WEEK_MODS:
            low, high = _WEEK_MODS[mod_word]
            first, last = first.replace(day=low), last.replace(day=min(high, last.day))
            precision = "week"
        confidence = CONFIDENCE["explicit" if explicit else "no_year"]
        span_start = m.start("mon_m") if mod_word in _PLAIN_PREPOSITIONS else m.start()
        return Resolved(
            first,
            last,
            precision,
            "absolute",
            confidence,
            self.ref,
            future,
            span_start=span_start,
            span_end=span_end,
        )

    def year(self, m: re.Match[str]) -> Resolved:
        year = int(m["yr_y"])
        mod = m["yr_mod"].lower()
        span_start = m.start("yr_y") if mod in _PLAIN_PREPOSITIONS else m.start()
        return Resolved(
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
            "year",
            "absolute",
            CONFIDENCE["explicit"],
            self.ref,
            span_start=span_start,
        )

    def range(self, m: re.Match[str], prefix: str, future: bool) -> Resolved:
        groups = m.groupdict()
        month1 = (
            groups.get(f"{prefix}_m1")
            or groups[f"{prefix}_m" if prefix == "rdm" else f"{prefix}_m1"]
        )
        month2 = groups.get(f"{prefix}_m2") or month1
        if not (self.capitalised(month1) and self.capitalised(month2)):
            raise LookupError
        m1, m2 = rules.month_number(month1), rules.month_number(month2)
        d1, d2 = rules.day_value(m[f"{prefix}_d1"]), rules.day_value(m[f"{prefix}_d2"])
        year = int(m[f"{prefix}_y"]) if m[f"{prefix}_y"] else None
        explicit = year is not None
        if year is None:
            # The start decides the year: a range may still run past the reference date.
            self.make_date(2000, m2, d2)
            year = self.year_for(m1, d1, future=future) + (m1 > m2)
        last = self.make_date(year, m2, d2)
        first = self.make_date(year - (m1 > m2), m1, d1)
        if first > last:
            raise Unresolved("date.unparsed", "range ends before it starts")
        night = "night" in (m[f"{prefix}_pre"] or "").lower()
        width = (last - first).days
        precision: DatePrecision = (
            "day" if night or width == 0 else "week" if width <= 10 else "month"
        )
        prep = (m[f"{prefix}_pre"] or "").lower()
        span_start = (
            m.start(f"{prefix}_d1" if prefix != "rmd" else "rmd_m1") if prep == "on" else None
        )
        return Resolved(
            first,
            last,
            precision,
            "range",
            CONFIDENCE["explicit" if explicit else "no_year"],
            self.ref,
            future,
            span_start=span_start,
        )

    def relative(self, m: re.Match[str], future: bool) -> Resolved:
        ref = self.need_ref()
        words = m["rel"].lower().split()
        phrase = " ".join(words)
        kind, conf = "relative", CONFIDENCE["relative"]
        span_end = m.end()
        if m["ago_n"]:
            count, unit = rules.number_value(m["ago_n"]), m["ago_u"].lower()
            if unit == "day":
                value = ref - count * DAY
                return Resolved(value, value, "day", kind, conf, ref)
            if unit == "week":
                value = ref - 7 * count * DAY
                return Resolved(value, value, "week", kind, conf, ref)
            if unit == "month":
                first = rules.add_months(ref, -count)
                return Resolved(
                    first, rules.month_end(first.year, first.month), "month", kind, conf, ref
                )
            return self._year_span(ref.year - count, ref)
        single = {
            "the day before yesterday": -2,
            "yesterday": -1,
            "last night": -1,
            "overnight": -1,
            "during the night": -1,
            "today": 0,
            "tonight": 0,
            "earlier today": 0,
            "this morning": 0,
            "this afternoon": 0,
            "this evening": 0,
            "later today": 0,
            "tomorrow": 1,
            "the day after tomorrow": 2,
        }
        if phrase in single:
            offset = single[phrase]
            value = ref + offset * DAY
            time = rules.TIME_SUFFIX_RE.match(self.text, span_end)
            span_end = time.end() if time and words[-1] in {"yesterday", "tomorrow"} else span_end
            return Resolved(
                value,
                value,
                "day",
                kind,
                conf,
                ref,
                future=offset > 0 or phrase == "later today",
                span_end=span_end,
            )
        which, unit = words[-2], words[-1]
        forward = which in {"next", "coming"} or words[0] == "later"
        if unit == "weekend":
            saturday = rules.latest_weekday(5, ref - DAY)
            if forward or (which == "this" and ref.weekday() < 5):
                saturday = rules.next_weekday(5, ref)
            return Resolved(saturday, saturday + DAY, "week", kind, conf, ref, forward)
        if unit == "week":
            monday = rules.latest_weekday(0, ref)
            if which in {"past", "previous"}:
                return Resolved(ref - 7 * DAY, ref - DAY, "week", kind, conf, ref)
            if which == "last":
                return Resolved(monday - 7 * DAY, monday - DAY, "week", kind, conf, ref)
            if forward:
                start = monday + 7 * DAY if which != "this" else ref + DAY
                end = monday + 13 * DAY if which != "this" else monday + 6 * DAY
                return Resolved(start, end, "week", kind, conf, ref, True)
            end = ref - DAY if words[0] == "earlier" and ref > monday else ref
            return Resolved(monday, end, "week", kind, conf, ref)
        if unit == "month":
            first = ref.replace(day=1)
            if which in {"last", "past", "previous"}:
                first = rules.add_months(ref, -1)
            elif forward and which != "this":
                first = rules.add_months(ref, 1)
            last = rules.month_end(first.year, first.month)
            if which == "this" and not forward:
                last = ref - DAY if words[0] == "earlier" and ref.day > 1 else ref
            if words[0] == "later":
                first = ref + DAY
            return Resolved(first, last, "month", kind, conf, ref, forward)
        year = ref.year + (
            -1 if which in {"last", "past", "previous"} else 1 if forward and which != "this" else 0
        )
        return self._year_span(year, ref, future=forward)

    @staticmethod
    def _year_span(year: int, ref: dt.date, *, future: bool = False) -> Resolved:
        return Resolved(
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
            "year",
            "relative",
            CONFIDENCE["relative"],
            ref,
            future,
        )

    def weekday(self, m: re.Match[str], future: bool) -> Resolved:
        word = m["wd_day"]
        if not self.capitalised(word):
            raise LookupError
        ref = self.need_ref()
        weekday = rules.WEEKDAYS[word.lower()]
        pre = " ".join((m["wd_pre"] or "").lower().split())
        future = future or pre in {"next", "coming"}
        if future and pre not in {"last", "past", "this past"}:
            value = rules.next_weekday(weekday, ref)
        else:
            future = False
            value = rules.latest_weekday(
                weekday, ref, strictly_before=pre in {"last", "past", "this past"}
            )
        time = rules.TIME_SUFFIX_RE.match(self.text, m.end())
        span_start = m.start("wd_day") if pre in _PLAIN_PREPOSITIONS else m.start()
        conf = CONFIDENCE["weekday"] if not future else CONFIDENCE["weekday"] - 0.15
        return Resolved(
            value,
            value,
            "day",
            "weekday",
            conf,
            ref,
            future,
            span_start=span_start,
            span_end=time.end() if time else m.end(),
        )

    def anchor(self) -> tuple[Resolved | None, dt.date, float]:
        if self.established is not None:
            return self.established, self.established.start, CONFIDENCE["anaphor"]
        return None, self.need_ref(), CONFIDENCE["fallback"]

    def anaphor(self, m: re.Match[str]) -> Resolved:
        words = m["ana"].lower().split()
        established, base, conf = self.anchor()
        if m["ana_n"]:
            count, unit = rules.number_value(m["ana_n"]), m["ana_u"].lower()
            sign = 1 if m["ana_dir"].lower() in {"later", "after", "afterwards"} else -1
            step = count * (7 if unit == "week" else 1)
            precision: DatePrecision = "week" if unit == "week" else "day"
        else:
            after = any(w in words for w in ("next", "following", "after"))
            before = any(w in words for w in ("previous", "preceding", "before"))
            sign = 1 if after else -1 if before else 0
            precision = "week" if words[-1] == "week" else "day"
            step = 7 if precision == "week" else 1
        if sign > 0 and established is not None:
            base = established.end
        value = base + sign * step * DAY
        if (
            re.match(
                r"\s+(?:the|a|an|his|her|its|their)\b",
                self.text[m.end() : m.end() + 8],
                re.IGNORECASE,
            )
            and sign
        ):
            # "two days before the election": relative to an event we cannot date.
            conf = CONFIDENCE["event_relative"]
        return Resolved(value, value, precision, "anaphoric", conf, base)

    def vague(self, m: re.Match[str]) -> Resolved:
        words = m["vag"].lower().split()
        ref = self.need_ref()
        width = self.config.vague_days
        unit = next((w for w in words if w.rstrip("s") in rules.UNIT_DAYS), "days").rstrip("s")
        count = next((w for w in words if w.isdigit() or w in rules.NUMBERS), None)
        if unit != "day":
            width = rules.UNIT_DAYS[unit] * (rules.number_value(count) if count else 1)
        elif count:
            width = rules.number_value(count)
        if words[-1] == "after" and _COMES_AFTER_RE.search(self.text, 0, m.start()):
            # "the raid comes days after X": X lies days before the story's time.
            words[-1] = "before"
        if words[-1] in {"before", "earlier"}:
            _, base, _ = self.anchor()
            first, last = base - width * DAY, base - DAY
        elif words[-1] in {"after", "later"}:
            _, base, _ = self.anchor()
            first, last = base + DAY, base + width * DAY
        else:
            base = ref
            first, last = ref - width * DAY, ref
        precision: DatePrecision = "week" if width <= 10 else "month" if width <= 62 else "year"
        return Resolved(first, last, precision, "vague", CONFIDENCE["vague"], base)

    # -- dispatch ------------------------------------------------------------------------
    def resolve(self, m: re.Match[str]) -> Resolved:
        """Resolve one match; LookupError means "not a date after all", skip silently."""
        kind = m.lastgroup
        future = self.future_context(m.start())
        if kind in {"dmy", "mdy"}:
            return self.day_month(m, kind, future)
        if kind in {"iso", "numeric"}:
            return self.numeric(m, iso=kind == "iso")
        if kind == "numeric_dm":
            return self.day_slash_month(m, future)
        if kind == "month":
            return self.month(m, future)
        if kind == "year":
            return self.year(m)
        if kind in {"range_dm", "range_dmdm", "range_md"}:
            prefix = {"range_dm": "rdm", "range_dmdm": "rdd", "range_md": "rmd"}[kind]
            return self.range(m, prefix, future)
        if kind == "relative":
            return self.relative(m, future)
        if kind == "weekday":
            return self.weekday(m, future)
        if kind == "anaphor":
            return self.anaphor(m)
        return self.vague(m)
