"""Patterns and calendar arithmetic for the dates stage.

One combined, case-insensitive regex finds every temporal expression in a single pass;
each top-level alternative is a named group whose name says how to resolve the match.
Longer forms come first, because at one position the first alternative that matches wins.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..numbers import ARTICLES, CARDINALS
from .scanning import Caseless

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
NUMBERS = {**ARTICLES, **{word: n for word, n in CARDINALS.items() if n <= 12}}
UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "month": 30, "year": 365}

_MON = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)(?![a-z])|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])\.?)"
)
# A day number, not followed by more digits; where it opens an expression it must not
# continue "2,500", "10:30", "1/2" or "AK-47" either (_FIRST_DAY).
_DAY = r"[0-3]?\d(?!\d|:\d|,\d)"
_FIRST_DAY = r"(?<![\d,.:/-])" + _DAY
_ORD = r"(?:st|nd|rd|th)?"
_YEAR_DIGITS = r"(?:1[89]|20)\d\d"
_YEAR4 = _YEAR_DIGITS + r"(?![\d-])"
# Two-digit years only where nothing word-like follows ("9 JAN 90 (EFE)"), never "May 20 people".
# A two-digit year is never the hour of a time that follows ("10 April, 23:00").
_YEAR2 = r"'?\d\d(?=\s*(?:[^\w\s:.]|\.(?!\d)|$))"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![a-z])"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_LINK = r"\s*(?:-|to|and|until|till|through)\s*"
_TIME_OF_DAY = r"(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?"


def _group(name: str, body: str) -> str:
    return f"(?P<{name}>{body})"


_ALTERNATIVES = [
    # "between 3 and 5 May 2021", "3-5 May", "on 3 and 4 March", "the night of 3-4 March"
    _group(
        "range_dm",
        rf"(?:(?P<rdm_pre>between|from|(?:the\s+)?nights?\s+of|on)\s+)?(?P<rdm_d1>{_FIRST_DAY}){_ORD}"
        rf"{_LINK}(?P<rdm_d2>{_DAY}){_ORD}\s+(?:of\s+)?(?P<rdm_m>{_MON})"
        rf"(?:,?\s+(?P<rdm_y>{_YEAR4}))?",
    ),
    # "30 April - 2 May 2021", "between 3 May and 5 May"
    _group(
        "range_dmdm",
        rf"(?:(?P<rdd_pre>between|from|(?:the\s+)?nights?\s+of|on)\s+)?(?P<rdd_d1>{_FIRST_DAY}){_ORD}"
        rf"\s+(?P<rdd_m1>{_MON}){_LINK}(?P<rdd_d2>{_DAY}){_ORD}\s+(?P<rdd_m2>{_MON})"
        rf"(?:,?\s+(?P<rdd_y>{_YEAR4}))?",
    ),
    # "May 3-5, 2021", "between May 3 and May 5"
    _group(
        "range_md",
        rf"(?:(?P<rmd_pre>between|from|(?:the\s+)?nights?\s+of|on)\s+)?(?P<rmd_m1>{_MON})\s+"
        rf"(?P<rmd_d1>{_DAY}){_ORD}{_LINK}(?:(?P<rmd_m2>{_MON})\s+)?(?P<rmd_d2>{_DAY}){_ORD}(?!\s+(?:of\s+)?{_MON})"
        rf"(?:,?\s+(?P<rmd_y>{_YEAR4}))?",
    ),
    _group("iso", rf"(?P<iso_y>{_YEAR_DIGITS})-(?P<iso_m>[01]?\d)-(?P<iso_d>[0-3]?\d)(?!\d)"),
    _group(
        "numeric",
        r"(?<![\d/.-])(?P<num_a>[0-3]?\d)(?P<num_sep>[/.])(?P<num_b>[0-3]?\d)(?P=num_sep)"
        r"(?P<num_y>(?:1[89]|20)\d\d|\d\d)(?![\d/-]|\.\d)",
    ),
    # "on 19/05": day/month with no year only after a preposition, never a bare "1/2"
    _group(
        "numeric_dm",
        r"(?P<ndm_pre>on|of|since|from|until|and|to)\s+(?P<ndm_d>[0-3]?\d)/"
        r"(?P<ndm_m>0[1-9]|1[0-2])(?![\d/])",
    ),
    # "4 April 2021", "the 4th of April", "09 JAN 90", "5 Sept 2019"
    _group(
        "dmy",
        rf"(?P<dmy_d>{_FIRST_DAY}){_ORD}\s+(?:of\s+)?(?P<dmy_m>{_MON})"
        rf"(?:,?\s*(?P<dmy_y>{_YEAR4}|{_YEAR2}))?",
    ),
    # "April 4", "April 4th, 2021", "Oct 5th 2019"
    _group(
        "mdy",
        rf"(?P<mdy_m>{_MON})\s+(?P<mdy_d>{_DAY}){_ORD}(?![a-z])"
        rf"(?:,?\s+(?P<mdy_y>{_YEAR4}|'\d\d))?",
    ),
    # "early March", "mid-March 2021", "March 2020", "in January", "the month of August"
    _group(
        "month",
        r"(?:(?P<mon_mod>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|month)\s+of"
        r"|earlier\s+in|in|since|during|until|till|by|throughout|last|this|next|past)[\s-]+)?"
        rf"(?P<mon_m>{_MON})(?:,?\s+(?:of\s+)?(?P<mon_y>{_YEAR4}))?",
    ),
    # "in 2019", "since 2017": a bare number after a preposition, never "the 1990s"
    _group(
        "year",
        r"(?P<yr_mod>in|during|since|until|throughout|early|mid|late|(?:the\s+)?(?:end|"
        rf"beginning|start|middle)\s+of)[\s-]+(?P<yr_y>{_YEAR4})(?!s\b|')",
    ),
    _group(
        "relative",
        r"(?P<rel>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday"
        r"|today|tonight|tomorrow|last\s+night|overnight|during\s+the\s+night"
        r"|this\s+(?:morning|afternoon|evening)"
        r"|(?:earlier|later)\s+(?:today|this\s+(?:week|month|year))"
        r"|(?:last|this|next|past|previous|coming)\s+(?:week(?:end)?|month|year)"
        r"|(?:over|during)\s+the\s+weekend"
        rf"|(?P<ago_n>{_NUM})\s+(?P<ago_u>day|week|month|year)s?\s+ago)",
    ),
    _group(
        "weekday",
        r"(?:(?P<wd_pre>on|last|this\s+past|this|next|past|coming|early|late|since|by|until)\s+)?"
        rf"(?P<wd_day>{_WEEKDAY})",
    ),
    _group(
        "anaphor",
        r"(?P<ana>the\s+(?:previous|next|following|same|preceding)\s+(?:day|night|morning|"
        r"evening|afternoon|week)|the\s+day\s+(?:before|after)|that\s+(?:same\s+)?(?:day|night|"
        r"morning|evening|afternoon)|the\s+(?:night|evening|morning)\s+before"
        rf"|(?P<ana_n>{_NUM})\s+(?P<ana_u>day|week|night)s?\s+(?P<ana_dir>later|earlier|before"
        r"|after|afterwards|prior))(?![\w-])",
    ),
    _group(
        "vague",
        r"(?P<vag>(?:(?:a\s+few|several|some)\s+)?(?:days|weeks)\s+(?:before|after|later|earlier)"
        r"|(?:in\s+)?recent\s+(?:days|weeks|months)|recently"
        r"|(?:over|in|during)\s+the\s+(?:past|last)\s+(?:(?:few|several|\d+|two|three|four)\s+)?"
        r"(?:days|weeks|months|years))",
    ),
]

DATE_RE = re.compile(r"\b(?:" + "|".join(_ALTERNATIVES) + ")", re.IGNORECASE)

# How an expression of _ALTERNATIVES can open (lower case): a digit, or one of these words
# with what must follow it. Trying the alternatives only where one of these stands makes
# the scan several times faster; every opening of every alternative must be listed here.
_OPENERS = (
    r"\d|between\s|from\s|the\s|nights?\s|on\s|of\s|and\s|to\s|a\s|an\s"
    r"|(?:in|by|since|until|till|during|throughout|last|this|next|past)[\s-]"
    r"|early|earlier|mid|late|end|beginning|start|middle|month|yesterday|today|tonight"
    r"|tomorrow|overnight|previous|coming|over|that|several|some|days|weeks|recent"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
)
DATE_SCAN = Caseless(DATE_RE, openers=_OPENERS)

# Wording after a no-year date that fixes the year: "January 3 last year".
YEAR_SUFFIX_RE = re.compile(
    r",?\s+(?:of\s+)?(?P<which>last|this|next|the\s+previous|the\s+following)\s+year\b",
    re.IGNORECASE,
)
TIME_SUFFIX_RE = re.compile(r"(?:'s)?\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)
# A date that names a thing ("the 19 April Movement", "the 6 December law") is a label.
LABEL_AFTER_RE = re.compile(
    r"(?:\s+(?:general|repeat|presidential|parliamentary|municipal|local))*\s+(?:movement|"
    r"front|brigade|command|commando|revolution|uprising|law|accords?|agreement|university|"
    r"street|avenue|square|stadium|bridge|district|elections?|polls?|vote|referendum|"
    r"anniversary)\b",
    re.IGNORECASE,
)
# "As reported on 1 March": the event happened by then, known only to within about a week.
REPORTED_ON_RE = re.compile(r"\breported\s+on\s+$", re.IGNORECASE)
# "the week beginning 26 November": the date opens a week.
WEEK_OF_RE = re.compile(r"week\s+(?:beginning|starting|commencing|of)\s+(?:on\s+)?$", re.IGNORECASE)
# Forward-looking wording just before a date: "will", "is due to", "scheduled", "upcoming".
FUTURE_BEFORE_RE = re.compile(
    r"\b(?:will|shall|is\s+due|are\s+due|due\s+to|scheduled|planned|plans?\s+to|upcoming|"
    r"expected\s+to|set\s+to|to\s+be\s+held|starts?|begins?|ahead\s+of|deadline)\b"
    # ... in the same clause: "as you will recall, he was kidnapped on 20 December" is past.
    r"(?![^,;]*\b(?:was|were|had|did|has\s+been|have\s+been|recall|remember)\b)[^,;]*$",
    re.IGNORECASE,
)
# A weekday glued to an explicit date ("Sunday [1 June]", "Sunday, June 1") is one mention.
GLUE_RE = re.compile(r"[\s,(\[]*")
DATELINE_BEFORE_RE = re.compile(
    r"\s*(?:\[[^\]\n]{0,40}\]\s*)?[a-z][a-z .,'/()-]{0,60}?,\s*(?:[a-z]+,\s*)?",
    re.IGNORECASE,
)
DATELINE_AFTER_RE = re.compile(r"\s*(?:\([^)\n]{1,80}\)\s*)?(?:--?|:|\(|$)")
# Cheap pre-check: no digit and none of these stems means no date expression at all.
QUICK_RE = re.compile(
    r"\d|day|tonight|tomorrow|night|morning|noon|evening|week|month|year|recent|jan|feb|mar|"
    r"apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec|the\s+same",
    re.IGNORECASE,
)


def month_number(word: str) -> int:
    """Month number (1-12) of a month name or abbreviation such as 'Sept.'."""
    return MONTHS[word.lower().rstrip(".")]


def number_value(word: str) -> int:
    """Value of a small number written in digits or words ('two', 'a')."""
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def day_value(text: str) -> int:
    return int(text.rstrip("stndrhSTNDRH"))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def pivot_year(two_digits: int, month: int, day: int, ref: dt.date | None) -> int:
    """Full year for a two-digit one: the latest century that keeps the date not after ``ref``."""
    if ref is None:
        ref = dt.date.today()
    for century in (ref.year // 100 * 100, ref.year // 100 * 100 - 100):
        year = century + two_digits
        try:
            if dt.date(year, month, min(day, 28)) <= ref:
                return year
        except ValueError:
            continue
    return ref.year // 100 * 100 - 100 + two_digits


def latest_weekday(weekday: int, ref: dt.date, *, strictly_before: bool = False) -> dt.date:
    """The latest ``weekday`` not after ``ref`` (before it when ``strictly_before``)."""
    back = (ref.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return ref - dt.timedelta(days=back)


def next_weekday(weekday: int, ref: dt.date) -> dt.date:
    """The first ``weekday`` after ``ref``."""
    ahead = (weekday - ref.weekday()) % 7 or 7
    return ref + dt.timedelta(days=ahead)
