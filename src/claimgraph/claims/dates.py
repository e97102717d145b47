"""Read the dates of a claim: ISO values and the article's own wording of a day or a period.

``parse_time("Sunday", "en", parse_published("2025-09-09"))`` -> 2025-09-07;
``parse_time("de tweede helft van 2026", "nl", None)`` -> 2026-07-01..2026-12-31;
``parse_time("vorige maand", "nl", parse_published("2025"))`` -> unresolved, "needs the
publication month; the article gives only 2025".

Words resolve against the article's publication date to the tightest interval known to hold
what they name. When the publication date is unknown or too coarse for the wording, the value
stays unresolved and says why: nothing is guessed. Text that is no date at all raises
ValueFormatError, whatever the publication date.

Rules for the ambiguous forms (news reports mostly look back):

- a bare weekday is the latest such day on or before the publication day; "last Friday",
  "afgelopen vrijdag", "vendredi dernier" the latest strictly before it; "this coming Friday",
  "aanstaande vrijdag", "vendredi prochain" the first strictly after it;
- a bare month name is the latest such month on or before the publication month; "last
  September", "afgelopen september", "septembre dernier" the latest strictly before it; "next
  September" the first strictly after it;
- a day and month without a year ("18 maart", "le 18 mars") is the nearest such day to the
  publication day ("per 1 januari" in an article of 2025-12-02 is 2026-01-01); with only a
  publication month or year, it is in the publication year;
- early / mid / late a year are its thirds: Jan-Apr, May-Aug, Sep-Dec ("end of", "eind",
  "fin" are late); of a month: days 1-10, 11-20, 21 to the end;
- "earlier" / "later" go only with the current week, month or year and exclude the
  publication day; with a coarser publication date they keep what is known ("earlier this
  year" in an article of 2025-09 is 2025-01-01..2025-09-30);
- a week is Monday to Sunday (ISO 8601);
- "N days / weeks / months / years ago" ("three weeks ago", "il y a six mois", "twee jaar
  geleden"; N in digits or a word up to twelve) is the day N days before the publication day,
  the week N weeks before the publication week, the month N months before the publication
  month, the year N years before the publication year; each needs the publication date to that
  precision (a week, the day). French "il y a huit jours" and "il y a quinze jours" often mean one and two weeks,
  so they are the two days N and N-1 days before publication;
- seasons are the northern meteorological ones: spring March-May, summer June-August, autumn
  September-November. With a year ("spring 2023", "le printemps 2023", "zomer vorig jaar")
  they are that year's; "this summer", "cet été", "deze zomer" are the publication year's;
  "last spring", "l'été dernier", "vorige zomer" the latest such season that ended before the
  publication month; "next spring" the first that starts after it. Many count seasons from the
  equinoxes and solstices (summer from about 21 June to 22 September), so in the month after a
  season's last ("last summer" on 2025-09-09) and in its first ("next summer" in June) "last"
  and "next" stay unresolved, unless the publication day is past the 23rd. A season without a
  year ("in the summer") and any winter, which runs into the next year, are refused: the
  curator writes the months;
- "recently", "récemment", "onlangs", "a few weeks ago" and the like are refused as too vague:
  the curator leaves the field out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

from claimgraph.claims.values import DateValue, ValueFormatError, parse_date

__all__ = ["TimeValue", "check_order", "parse_published", "parse_time"]

_ISO_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def parse_published(text: str) -> DateValue | None:
    """An article's publication date: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, or ``unknown`` (None)."""
    wording = " ".join(text.split())
    if wording.lower() == "unknown":
        return None
    if not _ISO_RE.match(wording):
        raise ValueFormatError(
            f"'{wording}' is not a publication date; write YYYY-MM-DD, YYYY-MM, YYYY or unknown")
    return parse_date(wording)


@dataclass(frozen=True)
class TimeValue:
    """A date field as written, with the interval it names when the publication date allows."""

    wording: str
    start: dt.date | None
    end: dt.date | None
    value: DateValue | None
    kind: str  # "iso" | "relative"
    reason: str = ""  # why it is unresolved; "" when resolved

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def is_period(self) -> bool:
        """An interval that is not one calendar day, month or year ("Q3 2025", "early 2025")."""
        return self.resolved and self.value is None


def check_order(start: TimeValue, end: TimeValue) -> str | None:
    """A message when ``end`` lies entirely before ``start`` (``until`` before ``since``), else None.

    Overlapping intervals pass: "since 2025" and "until March 2025" may both hold.
    Unresolved values are not compared.
    """
    if start.start is None or end.end is None or not end.end < start.start:
        return None
    return (f"the end '{end.wording}' ({_span_text(end)}) lies before "
            f"the start '{start.wording}' ({_span_text(start)})")


def _span_text(time: TimeValue) -> str:
    assert time.start is not None and time.end is not None
    if time.start == time.end:
        return time.start.isoformat()
    return f"{time.start.isoformat()}..{time.end.isoformat()}"


# --- the publication date ---------------------------------------------------------------

_YEAR, _MONTH, _DAY = 1, 2, 3  # how precise a publication date is, and what a wording needs
_PRECISION = {"gYear": _YEAR, "gYearMonth": _MONTH, "date": _DAY}
_PRECISION_NAME = {_YEAR: "year", _MONTH: "month", _DAY: "day"}


@dataclass(frozen=True)
class _Published:
    lexical: str
    precision: int
    year: int
    month: int  # 0 when not given
    day: int  # 0 when not given

    @classmethod
    def of(cls, value: DateValue) -> _Published:
        parts = [int(p) for p in value.lexical.split("-")] + [0, 0]
        return cls(value.lexical, _PRECISION[value.datatype], parts[0], parts[1], parts[2])

    @property
    def date(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)

    def earliest(self) -> dt.date:
        """The first day the article may have appeared."""
        if self.precision == _DAY:
            return self.date
        return dt.date(self.year, self.month or 1, 1)

    def latest(self) -> dt.date:
        """The last day the article may have appeared."""
        if self.precision == _DAY:
            return self.date
        if self.precision == _MONTH:
            return _month_end(self.year, self.month)
        return dt.date(self.year, 12, 31)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


class _Unresolvable(Exception):
    """The publication date is known well enough, yet the wording names no day (the reason)."""


# --- what a wording names, before the publication date is applied -----------------------

Interval = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class _Span:
    unit: str  # "day" | "week" | "month" | "season" | "year" | "period"
    needs: int  # the publication precision it needs: 0, _YEAR, _MONTH or _DAY
    resolve: Callable[[_Published | None], Interval]  # called only when ``needs`` is met
    current: bool = False  # the week, month or year of publication ("this month")


@dataclass(frozen=True)
class _YearRef:
    explicit: int | None  # 2025
    offset: int = 0  # relative to the publication year: -1 "last year"

    @property
    def needs(self) -> int:
        return 0 if self.explicit is not None else _YEAR

    def year(self, pub: _Published | None) -> int:
        if self.explicit is not None:
            return self.explicit
        assert pub is not None
        return pub.year + self.offset


def _needs_pub(pub: _Published | None) -> _Published:
    assert pub is not None  # guaranteed by _Span.needs
    return pub


def _year_span(ref: _YearRef) -> _Span:
    def resolve(pub: _Published | None) -> Interval:
        year = ref.year(pub)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return _Span("year", ref.needs, resolve, current=ref.explicit is None and ref.offset == 0)


def _month_offset_span(offset: int) -> _Span:
    def resolve(pub: _Published | None) -> Interval:
        p = _needs_pub(pub)
        year, month = _shift_month(p.year, p.month, offset)
        return dt.date(year, month, 1), _month_end(year, month)
    return _Span("month", _MONTH, resolve, current=offset == 0)


def _named_month_span(month: int, mode: str, ref: _YearRef | None) -> _Span:
    """``mode``: "on-or-before" (a bare name), "before" ("last"), "after" ("next")."""
    def resolve(pub: _Published | None) -> Interval:
        if ref is not None:
            year = ref.year(pub)
        else:
            p = _needs_pub(pub)
            if mode == "after":
                year = p.year if month > p.month else p.year + 1
            elif mode == "before":
                year = p.year if month < p.month else p.year - 1
            else:
                year = p.year if month <= p.month else p.year - 1
        return dt.date(year, month, 1), _month_end(year, month)
    return _Span("month", ref.needs if ref is not None else _MONTH, resolve)


def _week_span(offset: int) -> _Span:
    def resolve(pub: _Published | None) -> Interval:
        day = _needs_pub(pub).date
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    return _Span("week", _DAY, resolve, current=offset == 0)


def _day_offset_span(offset: int) -> _Span:
    def resolve(pub: _Published | None) -> Interval:
        day = _needs_pub(pub).date + dt.timedelta(days=offset)
        return day, day
    return _Span("day", _DAY, resolve)


def _weekday_span(weekday: int, mode: str) -> _Span:
    def resolve(pub: _Published | None) -> Interval:
        day = _needs_pub(pub).date
        if mode == "after":
            day += dt.timedelta(days=(weekday - day.weekday()) % 7 or 7)
        else:
            back = (day.weekday() - weekday) % 7
            if back == 0 and mode == "before":  # "last Friday" in a Friday article: a week ago
                back = 7
            day -= dt.timedelta(days=back)
        return day, day
    return _Span("day", _DAY, resolve)


def _calendar_day_span(wording: str, day: int, month: int, ref: _YearRef,
                       weekday: int | None, language: _Language, *, nearest: bool = False) -> _Span:
    """``nearest``: no year is written; with the publication day known, the day and month in the
    year that puts them nearest to it ("per 1 januari" in an article of 2025-12-02 is 2026-01-01,
    "on 28 December" in one of 2026-01-03 is 2025-12-28); otherwise the publication year's."""
    def resolve(pub: _Published | None) -> Interval:
        try:
            year = ref.year(pub)
            if nearest and pub is not None and pub.precision >= _DAY:
                candidates = []
                for option in (year - 1, year, year + 1):
                    try:
                        candidates.append((abs((dt.date(option, month, day) - pub.date).days), option))
                    except ValueError:  # 29 February in a year without it
                        continue
                if candidates:
                    year = min(candidates)[1]
            date = dt.date(year, month, day)
        except ValueError as exc:
            raise ValueFormatError(f"'{wording}' is not a real date ({exc})") from None
        if weekday is not None and date.weekday() != weekday:
            raise ValueFormatError(
                f"'{wording}': {date.isoformat()} is a {language.weekdays[date.weekday()]}, "
                f"not a {language.weekdays[weekday]}")
        return date, date
    span = _Span("day", ref.needs, resolve)
    if ref.explicit is not None:
        span.resolve(None)  # a wrong day or weekday is an error whatever the article's date
    return span


#: season -> its months (northern, meteorological), and where it begins and ends by the sky
_SEASONS = {"spring": (3, 5, "March equinox", "June solstice"),
            "summer": (6, 8, "June solstice", "September equinox"),
            "autumn": (9, 11, "September equinox", "December solstice")}
#: the latest day of a month an equinox or solstice falls on (19-23)
_LAST_SKY_DAY = 23


def _season_span(season: str, mode: str, ref: _YearRef | None) -> _Span:
    """``mode`` without a year: "before" ("last summer"), "after" ("next summer")."""
    first_month, last_month, sky_start, sky_end = _SEASONS[season]

    def resolve(pub: _Published | None) -> Interval:
        if ref is not None:
            year = ref.year(pub)
        else:
            p = _needs_pub(pub)
            # in the month after a season's last, it still runs for those who count it by the
            # sky; in its first month it has not begun for them: "last"/"next" names no one year
            early_in_month = p.precision < _DAY or p.day <= _LAST_SKY_DAY
            if mode == "after":
                year = p.year if p.month < first_month else p.year + 1
                if p.month == first_month and early_in_month:
                    raise _Unresolvable(
                        f"{season} may not have begun on {p.lexical}: it begins with "
                        f"{calendar.month_name[first_month]}, or with the {sky_start} as many "
                        f"count; the next one may be {p.year} or {p.year + 1}")
            else:
                year = p.year if p.month > last_month else p.year - 1
                if p.month == last_month + 1 and early_in_month:
                    raise _Unresolvable(
                        f"{season} may not be over on {p.lexical}: it ends with "
                        f"{calendar.month_name[last_month]}, or with the {sky_end} as many "
                        f"count; the last one may be {p.year} or {p.year - 1}")
        return dt.date(year, first_month, 1), _month_end(year, last_month)
    return _Span("season", ref.needs if ref is not None else _MONTH, resolve)


def _ago_span(wording: str, match: re.Match[str], language: _Language) -> _Span:
    """"three weeks ago": the day, week, month or year that many before the publication's."""
    number = int(match["n"]) if match["n"].isdigit() else language.numbers[match["n"]]
    if number < 1:
        raise ValueFormatError(f"'{wording}': the number must be 1 or more")
    unit = language.ago_units[match["unit"]]
    if unit == "day" and number in language.day_idioms:
        nearer = language.day_idioms[number]

        def resolve(pub: _Published | None) -> Interval:
            day = _needs_pub(pub).date
            return day - dt.timedelta(days=number), day - dt.timedelta(days=nearer)
        return _Span("period", _DAY, resolve)
    if unit == "day":
        return _day_offset_span(-number)
    if unit == "week":
        return _week_span(-number)
    if unit == "month":
        return _month_offset_span(-number)
    return _year_span(_YearRef(None, -number))


_YEAR_PARTS = {  # part -> (first month, last month) of each numbered part
    "half": [(1, 6), (7, 12)],
    "quarter": [(1, 3), (4, 6), (7, 9), (10, 12)],
    "third": [(1, 4), (5, 8), (9, 12)],
}
_MONTH_THIRDS = [(1, 10), (11, 20), (21, 31)]
_THIRDS = {"early": 1, "mid": 2, "late": 3}


def _part_span(wording: str, part: str, number: int, span: _Span) -> _Span:
    """A half, quarter or third of a year, a third of a month, or the earlier or later part of
    the current week, month or year."""
    if part in ("earlier", "later"):
        return _relative_part_span(wording, part, span)
    if part in _THIRDS:
        part, number = "third", _THIRDS[part]
    if span.unit == "month" and part == "third":
        first_day, last_day = _MONTH_THIRDS[number - 1]

        def resolve_month(pub: _Published | None) -> Interval:
            start, end = span.resolve(pub)
            return start.replace(day=first_day), min(end, start.replace(day=min(last_day, end.day)))
        return _Span("period", span.needs, resolve_month)
    if span.unit != "year":
        what = "early, mid and late go with a year or a month" if part == "third" else f"a {part} is of a year"
        raise ValueFormatError(f"'{wording}': {what}, not a {span.unit}")
    if not 1 <= number <= len(_YEAR_PARTS[part]):
        raise ValueFormatError(f"'{wording}': a year has {len(_YEAR_PARTS[part])} {part}s")
    first_month, last_month = _YEAR_PARTS[part][number - 1]

    def resolve_year(pub: _Published | None) -> Interval:
        year = span.resolve(pub)[0].year
        return dt.date(year, first_month, 1), _month_end(year, last_month)
    return _Span("period", span.needs, resolve_year)


def _relative_part_span(wording: str, part: str, span: _Span) -> _Span:
    if not span.current:
        raise ValueFormatError(
            f"'{wording}': 'earlier' and 'later' go only with the current week, month or year, "
            "e.g. 'earlier this month', 'later this year'")

    def resolve(pub: _Published | None) -> Interval:
        p = _needs_pub(pub)
        start, end = span.resolve(p)
        if part == "earlier":
            # before the publication day; with a coarser date, up to the last day it may be
            end = min(end, p.date - dt.timedelta(days=1) if p.precision == _DAY else p.latest())
        else:
            start = max(start, p.date + dt.timedelta(days=1) if p.precision == _DAY else p.earliest())
        if end < start:
            raise _Unresolvable(f"no day of that {span.unit} is {part} than the publication day "
                                f"{p.lexical}")
        return start, end
    return _Span("period", span.needs, resolve)


# --- the words of each language ---------------------------------------------------------

@dataclass(frozen=True)
class _Language:
    code: str
    name: str
    examples: str
    weekdays: tuple[str, ...]  # English names, for messages; Monday first
    weekday_words: tuple[str, ...]
    months: dict[str, int]
    time_of_day: str  # regex: "morning", "ochtend", "matin" after a weekday
    prepositions: tuple[str, ...]  # dropped from the front: they do not change the date
    articles: tuple[str, ...]
    days: tuple[tuple[str, int], ...]  # regex -> days from publication
    weekday_forms: tuple[tuple[str, str], ...]  # template with {wd} {tod} -> mode
    month_modes: dict[str, str]  # "last" -> "before"
    month_forms: tuple[str, ...]  # templates with {m} {mod} {year}
    day_forms: tuple[str, ...]  # templates with {wd} {m} {year}
    year_words: tuple[tuple[str, int], ...]  # standalone: "last year" -> -1
    year_words_after_part: tuple[tuple[str, int], ...]  # only after a part: "the year"
    month_words: tuple[tuple[str, int], ...]
    month_words_after_part: tuple[tuple[str, int], ...]
    week_words: tuple[tuple[str, int], ...]
    parts: tuple[tuple[str, str], ...]  # regex (group n = ordinal) -> part
    ordinals: dict[str, int]
    connector: str  # regex between a part and what it is part of: "of", "van", "de"
    whole_phrases: tuple[tuple[str, str], ...]  # regex -> an equivalent wording
    numbers: dict[str, int]  # number words of "N units ago"
    ago_forms: tuple[str, ...]  # templates with {n} {unit}
    ago_units: dict[str, str]  # word -> "day" | "week" | "month" | "year"
    day_idioms: dict[int, int]  # "huit jours" may be a week: N days -> the other count they may mean
    seasons: dict[str, str]  # word -> "spring" | "summer" | "autumn" | "winter"
    season_modes: dict[str, str]  # "last" -> "before", "next" -> "after", "this" -> "this"
    season_forms: tuple[str, ...]  # templates with {s} {year}, the modifier as group mod
    season_examples: str
    vague: str  # regex: wordings too vague to date


_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_EN = _Language(
    code="en", name="English",
    examples="'Sunday', 'last September', 'Q3 2025', 'the second half of 2026'",
    weekdays=_WEEKDAYS_EN,
    weekday_words=tuple(w.lower() for w in _WEEKDAYS_EN),
    months={"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
            "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
            "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
            "sept": 9, "oct": 10, "nov": 11, "dec": 12},
    time_of_day=r"(?: (?:morning|afternoon|evening|night))?",
    prepositions=("on", "in", "at", "during", "by", "as of", "since", "from", "until", "till",
                  "in the course of", "over the course of", "sometime in", "some time in"),
    articles=("the",),
    days=((r"today|earlier today|later today|this (?:morning|afternoon|evening)|tonight", 0),
          (r"yesterday(?: (?:morning|afternoon|evening))?", -1),
          (r"day before yesterday", -2),
          (r"tomorrow(?: (?:morning|afternoon|evening|night))?", 1),
          (r"day after tomorrow", 2)),
    weekday_forms=(("{wd}{tod}", "on-or-before"),
                   ("(?:last|this past) {wd}{tod}", "before"),
                   ("(?:this )?coming {wd}{tod}", "after")),
    month_modes={"last": "before", "this past": "before", "next": "after",
                 "this coming": "after", "coming": "after"},
    month_forms=("(?:(?P<mod>last|this past|next|this coming|coming) )?{m}(?:,? (?:of )?{year})?",),
    day_forms=("(?:{wd},? )?{m} (?P<d>\\d{{1,2}})(?:st|nd|rd|th)?(?:,? {year})?",
               "(?:{wd},? )?(?:the )?(?P<d>\\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{m}(?:,? {year})?"),
    year_words=(("this year|the current year", 0), ("last year", -1), ("next year", 1)),
    year_words_after_part=(("the year|year", 0),),
    month_words=(("this month|the current month", 0), ("last month", -1), ("next month", 1)),
    month_words_after_part=(("the month|month", 0),),
    week_words=(("this week", 0), ("last week", -1), ("next week", 1)),
    parts=((r"(?P<n>first|1st|second|2nd)[ -]half", "half"),
           (r"h(?P<n>[12])|(?P<n2>[12])h", "half"),
           (r"(?P<n>first|1st|second|2nd|third|3rd|fourth|4th|last|final)[ -]quarter", "quarter"),
           (r"q(?P<n>[1-4])|(?P<n2>[1-4])q", "quarter"),
           (r"earlier(?: in)?", "earlier"), (r"later(?: in)?", "later"),
           (r"early|beginning of|the beginning of|start of|the start of", "early"),
           (r"mid|middle of|the middle of", "mid"),
           (r"late|end of|the end of|end|close of|the close of", "late")),
    ordinals={"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
              "4th": 4, "last": 4, "final": 4},
    connector=r"(?:of|in) ",
    whole_phrases=((r"year-end|year end", "end of the year"),),
    numbers={"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12},
    ago_forms=("{n} {unit} ago",),
    ago_units={"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
               "months": "month", "year": "year", "years": "year"},
    day_idioms={},
    seasons={"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
             "winter": "winter"},
    season_modes={"this": "this", "last": "before", "this past": "before", "next": "after",
                  "this coming": "after", "coming": "after"},
    season_forms=("(?:the )?(?:(?P<mod>this|last|this past|next|this coming|coming) )?{s}"
                  "(?:,? (?:of )?{year})?",),
    season_examples="'summer 2025', 'last summer', 'this summer'",
    vague=(r"(?:(?:very|only|just|more|most) )?(?:recently|lately)|not long ago"
           r"|(?:a few|few|several|some|a couple of|a couple|many) (?:days|weeks|months|years) ago"
           r"|(?:some time|sometime|a while|a little while) (?:ago|back)"
           r"|recent (?:days|weeks|months|years)|(?:past|last) few (?:days|weeks|months|years)"),
)

_NL = _Language(
    code="nl", name="Dutch",
    examples="'zondag', 'vorige maand', 'Q3 2025', 'de tweede helft van 2026'",
    weekdays=_WEEKDAYS_EN,
    weekday_words=("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    months={"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
            "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
            "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
            "sept": 9, "okt": 10, "nov": 11, "dec": 12},
    # "maandagochtend" is one word
    time_of_day=r"(?: ?(?:ochtend|morgen|middag|avond|nacht))?",
    prepositions=("op", "in", "per", "tegen", "sinds", "vanaf", "tot", "tot en met", "t/m",
                  "in de loop van", "gedurende", "uiterlijk"),
    articles=("de", "het"),
    days=((r"vandaag|eerder vandaag|later vandaag|vanochtend|vanmorgen|vanmiddag|vanavond", 0),
          (r"gisteren|gister|gisterochtend|gistermorgen|gistermiddag|gisteravond", -1),
          (r"eergisteren", -2),
          (r"morgen|morgenochtend|morgenvroeg|morgenmiddag|morgenavond", 1),
          (r"overmorgen", 2)),
    weekday_forms=(("{wd}{tod}", "on-or-before"),
                   ("(?:afgelopen|vorige) {wd}{tod}", "before"),
                   ("{wd}{tod} (?:jongstleden|jl\\.?|j\\.l\\.?)", "before"),
                   ("(?:aanstaande|komende) {wd}{tod}", "after"),
                   ("{wd}{tod} (?:aanstaande|a\\.s\\.?)", "after")),
    month_modes={"afgelopen": "before", "vorige": "before", "volgende": "after",
                 "komende": "after", "aanstaande": "after"},
    month_forms=("(?:(?P<mod>afgelopen|vorige|volgende|komende|aanstaande) )?{m}"
                 "(?: (?:van )?{year})?",),
    day_forms=("(?:{wd},? )?(?P<d>\\d{{1,2}})(?:e|ste|de)? {m}(?: {year})?",),
    year_words=(("dit jaar|het lopende jaar|lopende jaar", 0), ("vorig jaar", -1),
                ("volgend jaar|komend jaar", 1)),
    year_words_after_part=(("het jaar", 0),),
    month_words=(("deze maand", 0), ("vorige maand", -1), ("volgende maand|komende maand", 1)),
    month_words_after_part=(("de maand", 0),),
    week_words=(("deze week", 0), ("vorige week", -1), ("volgende week|komende week", 1)),
    parts=((r"(?P<n>eerste|1e|1ste|tweede|2e|2de)[ -](?:helft|jaarhelft|halfjaar|half jaar)", "half"),
           (r"h(?P<n>[12])", "half"),
           (r"(?P<n>eerste|1e|1ste|tweede|2e|2de|derde|3e|3de|vierde|4e|4de|laatste)[ -]kwartaal",
            "quarter"),
           (r"q(?P<n>[1-4])|k(?P<n2>[1-4])", "quarter"),
           (r"eerder(?: in)?", "earlier"), (r"later(?: in)?", "later"),
           (r"begin|begin van|het begin van|aan het begin van|start van", "early"),
           (r"medio|midden|midden van|het midden van|half|halverwege|mid", "mid"),
           (r"eind|einde|eind van|einde van|het eind van|het einde van|aan het eind van"
            r"|aan het einde van", "late")),
    ordinals={"eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3,
              "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4, "laatste": 4},
    connector=r"van ",
    whole_phrases=((r"jaareinde|het jaareinde", "eind dit jaar"),),
    numbers={"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
             "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12},
    ago_forms=("{n} {unit} (?:geleden|terug)",),
    ago_units={"dag": "day", "dagen": "day", "week": "week", "weken": "week", "maand": "month",
               "maanden": "month", "jaar": "year", "jaren": "year"},
    day_idioms={},
    seasons={"voorjaar": "spring", "lente": "spring", "zomer": "summer", "najaar": "autumn",
             "herfst": "autumn", "winter": "winter"},
    season_modes={"deze": "this", "dit": "this", "vorige": "before", "vorig": "before",
                  "afgelopen": "before", "volgende": "after", "volgend": "after",
                  "komende": "after", "komend": "after", "aanstaande": "after"},
    season_forms=("(?:(?:de|het) )?(?:(?P<mod>deze|dit|vorige|vorig|afgelopen|volgende|volgend"
                  "|komende|komend|aanstaande) )?{s}(?: (?:van )?{year})?",),
    season_examples="'zomer 2025', 'vorige zomer', 'deze zomer'",
    vague=(r"(?:(?:pas|nog|heel) )?(?:onlangs|recent|recentelijk|kortgeleden|kort geleden)"
           r"|(?:tot )?voor kort"
           r"|(?:een paar|enkele|enige|een aantal) (?:dagen|weken|maanden|jaren|jaar) (?:geleden|terug)"
           r"|(?:een tijd|een tijdje|enige tijd|geruime tijd) (?:geleden|terug)"
           r"|(?:afgelopen|laatste) (?:dagen|weken|maanden|jaren)"),
)

_FR = _Language(
    code="fr", name="French",
    examples="'dimanche', 'le mois dernier', 'T3 2025', 'le second semestre 2026'",
    weekdays=_WEEKDAYS_EN,
    weekday_words=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    # accents are dropped before matching: "février" is "fevrier"
    months={"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
            "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
            "decembre": 12, "janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9,
            "oct": 10, "nov": 11, "dec": 12},
    time_of_day=r"(?: (?:matin|apres-midi|soir|soiree))?",
    prepositions=("le", "en", "au", "a", "des", "depuis", "d'ici", "d'ici a", "jusqu'a",
                  "jusqu'au", "jusqu'en", "a partir de", "a partir du", "au cours de",
                  "au cours du", "dans le courant de", "courant", "pour"),
    articles=("le", "la", "l'"),
    days=((r"aujourd'hui|ce matin|cet apres-midi|ce soir|plus tot dans la journee"
           r"|plus tard dans la journee", 0),
          (r"hier(?: (?:matin|apres-midi|soir))?", -1),
          (r"avant-hier", -2),
          (r"demain(?: (?:matin|apres-midi|soir))?", 1),
          (r"apres-demain", 2)),
    weekday_forms=(("{wd}{tod}", "on-or-before"),
                   ("{wd} dernier{tod}", "before"), ("{wd}{tod} dernier", "before"),
                   ("{wd} prochain{tod}", "after"), ("{wd}{tod} prochain", "after")),
    month_modes={"dernier": "before", "passe": "before", "prochain": "after"},
    month_forms=("{m}(?: (?P<mod>dernier|passe|prochain))?(?: (?:de |d')?{year})?",),
    day_forms=("(?:{wd},? )?(?:le )?(?P<d>\\d{{1,2}})(?:er)? {m}(?: {year})?",),
    year_words=(("cette annee|(?:l')?annee en cours", 0),
                ("(?:l')?(?:an|annee) (?:derniere?|passee?)", -1),
                ("(?:l')?(?:an|annee) prochaine?", 1)),
    year_words_after_part=(("(?:l')?annee", 0),),
    month_words=(("ce mois-ci|ce mois", 0), ("(?:le )?mois (?:dernier|passe)", -1),
                 ("(?:le )?mois prochain", 1)),
    month_words_after_part=(("(?:le )?mois", 0),),
    week_words=(("cette semaine", 0), ("(?:la )?semaine (?:derniere|passee)", -1),
                ("(?:la )?semaine prochaine", 1)),
    parts=((r"(?P<n>premier|premiere|1er|1re|deuxieme|2e|2eme|second|seconde)[ -](?:semestre|moitie)",
            "half"),
           (r"[sh](?P<n>[12])", "half"),
           (r"(?P<n>premier|1er|deuxieme|2e|2eme|second|troisieme|3e|3eme|quatrieme|4e|4eme"
            r"|dernier)[ -]trimestre", "quarter"),
           (r"[tq](?P<n>[1-4])", "quarter"),
           (r"plus tot(?: dans)?", "earlier"), (r"plus tard(?: dans)?", "later"),
           (r"debut", "early"), (r"mi|milieu", "mid"), (r"fin", "late")),
    ordinals={"premier": 1, "premiere": 1, "1er": 1, "1re": 1, "deuxieme": 2, "2e": 2, "2eme": 2,
              "second": 2, "seconde": 2, "troisieme": 3, "3e": 3, "3eme": 3, "quatrieme": 4,
              "4e": 4, "4eme": 4, "dernier": 4},
    connector=r"(?:de |d'|du )",
    whole_phrases=(),
    numbers={"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
             "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15},
    ago_forms=("il y a {n} {unit}",),
    ago_units={"jour": "day", "jours": "day", "semaine": "week", "semaines": "week",
               "mois": "month", "an": "year", "ans": "year", "annee": "year", "annees": "year"},
    day_idioms={8: 7, 15: 14},
    seasons={"printemps": "spring", "ete": "summer", "automne": "autumn", "hiver": "winter"},
    season_modes={"ce": "this", "cet": "this", "dernier": "before", "passe": "before",
                  "prochain": "after"},
    season_forms=("(?P<mod>cet|ce) {s}",
                  "(?:l'|le )?{s}(?: (?P<mod>dernier|passe|prochain))?(?: (?:de |d')?{year})?"),
    season_examples="'l'été 2025', 'l'été dernier', 'cet été'",
    vague=(r"(?:(?:tout|tres|plus) )?recemment|dernierement"
           r"|(?:il y a )?(?:quelques|plusieurs) (?:jours|semaines|mois|ans|annees)"
           r"|il y a (?:peu|peu de temps|quelque temps|un moment|un certain temps)"
           r"|ces (?:derniers jours|dernieres semaines|derniers mois|dernieres annees)"),
)

_LANGUAGES = {language.code: language for language in (_EN, _NL, _FR)}


def _alternatives(words: Iterable[str]) -> str:
    """One regex group of the words, the longest first so "sept" wins over "sep"."""
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class _Grammar:
    language: _Language
    days: tuple[tuple[re.Pattern[str], int], ...]
    weekdays: tuple[tuple[re.Pattern[str], str], ...]
    calendar_days: tuple[re.Pattern[str], ...]
    months: tuple[re.Pattern[str], ...]
    relative: tuple[tuple[re.Pattern[str], str, int], ...]  # -> unit, offset
    relative_after_part: tuple[tuple[re.Pattern[str], str, int], ...]
    explicit_year: re.Pattern[str]
    parts: tuple[tuple[re.Pattern[str], str], ...]
    connector: re.Pattern[str]
    whole_phrases: tuple[tuple[re.Pattern[str], str], ...]
    lead: re.Pattern[str]  # prepositions and articles at the front
    ago: tuple[re.Pattern[str], ...]
    seasons: tuple[re.Pattern[str], ...]
    vague: re.Pattern[str]


def _grammar(language: _Language) -> _Grammar:
    def full(pattern: str) -> re.Pattern[str]:
        return re.compile(f"(?:{pattern})$")

    month = _alternatives(language.months) + r"\.?"
    weekday = _alternatives(language.weekday_words)
    year_words = "|".join(p for p, _ in language.year_words)
    year = rf"(?:(?P<y>\d{{4}})|(?P<yrel>{year_words}))"
    relative = tuple((full(p), unit, offset)
                     for unit, words in (("year", language.year_words),
                                         ("month", language.month_words),
                                         ("week", language.week_words))
                     for p, offset in words)
    after_part = tuple((full(p), unit, offset)
                       for unit, words in (("year", language.year_words_after_part),
                                           ("month", language.month_words_after_part))
                       for p, offset in words)
    lead_words = _alternatives(language.prepositions + language.articles)
    return _Grammar(
        language=language,
        days=tuple((full(p), offset) for p, offset in language.days),
        weekdays=tuple((full(t.format(wd=f"(?P<wd>{weekday})", tod=language.time_of_day)), mode)
                       for t, mode in language.weekday_forms),
        calendar_days=tuple(full(t.format(wd=f"(?P<wd>{weekday})", m=f"(?P<m>{month})", year=year))
                            for t in language.day_forms),
        months=tuple(full(t.format(m=f"(?P<m>{month})", year=year)) for t in language.month_forms),
        relative=relative,
        relative_after_part=after_part,
        explicit_year=full(r"(?P<y>\d{4})"),
        parts=tuple((re.compile(f"(?:{p})(?:[ -]+|$)"), part) for p, part in language.parts),
        connector=re.compile(language.connector),
        whole_phrases=tuple((full(p), wording) for p, wording in language.whole_phrases),
        # a word that ends in an apostrophe ("l'", "d'ici") needs no space after it
        lead=re.compile(rf"^{lead_words}(?:(?<=')|\s+)"),
        ago=tuple(full(t.format(n=rf"(?P<n>\d{{1,4}}|{_alternatives(language.numbers)})",
                                unit=f"(?P<unit>{_alternatives(language.ago_units)})"))
                  for t in language.ago_forms),
        seasons=tuple(full(t.format(s=f"(?P<s>{_alternatives(language.seasons)})", year=year))
                      for t in language.season_forms),
        vague=full(language.vague),
    )


_GRAMMARS = {code: _grammar(language) for code, language in _LANGUAGES.items()}


def _fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe and hyphen: what the patterns expect."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[’‘ʼ`´]", "'", plain)
    plain = re.sub(r"[‐‑‒–—]", "-", plain)
    return " ".join(plain.split())


# --- parsing ----------------------------------------------------------------------------

def parse_time(text: str, language: str, published: DateValue | None) -> TimeValue:
    """Read a claim's date field: ISO (``2025-09``) or the article's wording (``vorige maand``).

    ``language`` is the article's ("en", "nl" or "fr"); ``published`` its publication date,
    None when unknown. Raises ValueFormatError for text that is no date.
    """
    wording = " ".join(text.split())
    if re.match(r"^\d{4}(?:-|$)", wording):
        value = parse_date(wording)  # its message says what ISO form is expected
        start, end = _within_calendar(wording, lambda: _calendar_interval(value))
        return TimeValue(wording, start, end, value, "iso")
    grammar = _GRAMMARS.get(language)
    if grammar is None:
        raise ValueFormatError(f"unknown language '{language}' for a date; expected en, nl or fr")
    span = _read(wording, grammar)
    if span is None:
        raise ValueFormatError(_unreadable_message(wording, grammar))
    pub = _Published.of(published) if published is not None else None
    if span.needs and pub is None:
        return _unresolved(wording, "the article's publication date is unknown")
    if pub is not None and span.needs > pub.precision:
        return _unresolved(wording, f"needs the publication {_PRECISION_NAME[span.needs]}; "
                                    f"the article gives only {pub.lexical}")
    try:
        start, end = _within_calendar(wording, lambda: span.resolve(pub))
    except _Unresolvable as exc:
        return _unresolved(wording, str(exc))
    return TimeValue(wording, start, end, _calendar_value(start, end), "relative")


def _within_calendar(wording: str, resolve: Callable[[], Interval]) -> Interval:
    """The interval, or ValueFormatError when it leaves the calendar Python has (years 1-9999)."""
    try:
        return resolve()
    except ValueFormatError:
        raise
    except (ValueError, OverflowError) as exc:
        raise ValueFormatError(f"'{wording}' is not a real date ({exc})") from None


def _unresolved(wording: str, reason: str) -> TimeValue:
    return TimeValue(wording, None, None, None, "relative", reason)


def _unreadable_message(wording: str, grammar: _Grammar) -> str:
    # a curator who copied another language's wording, or gave the file the wrong language
    readers = [other.language.name for other in _GRAMMARS.values()
               if other is not grammar and _reads_as(wording, other)]
    if readers:
        return (f"cannot read '{wording}' as a {grammar.language.name} date: it reads as "
                f"{' or '.join(readers)}, but the article's language is {grammar.language.code}; "
                "write the article's own wording, or YYYY-MM-DD, YYYY-MM or YYYY")
    return (f"cannot read '{wording}' as a date; write YYYY-MM-DD, YYYY-MM or YYYY, or the "
            f"article's {grammar.language.name} wording, e.g. {grammar.language.examples}")


def _reads_as(wording: str, grammar: _Grammar) -> bool:
    """Whether the language knows the wording, even if only to refuse it ("winter 2024")."""
    try:
        return _read(wording, grammar) is not None
    except ValueFormatError:
        return True


def _calendar_interval(value: DateValue) -> Interval:
    pub = _Published.of(value)
    return pub.earliest(), pub.latest()


def _calendar_value(start: dt.date, end: dt.date) -> DateValue | None:
    """The day, month or year the interval is exactly, if it is one."""
    if start == end:
        return DateValue(start.isoformat(), "date")
    if start.day == 1 and end == _month_end(start.year, start.month):
        return DateValue(f"{start.year:04d}-{start.month:02d}", "gYearMonth")
    if (start.month, start.day) == (1, 1) and end == dt.date(start.year, 12, 31):
        return DateValue(f"{start.year:04d}", "gYear")
    return None


#: prepositions and articles dropped from the front at most ("dès le", "à partir du 1er")
_MAX_LEAD_WORDS = 3


def _read(wording: str, grammar: _Grammar) -> _Span | None:
    """What the wording names, or None when it is no date in this language."""
    text = _fold(wording)
    for _ in range(_MAX_LEAD_WORDS):  # "d'ici la fin de l'année": drop "d'ici", then "la"
        lead = grammar.lead.match(text)
        if not lead or lead.end() == len(text):
            break
        text = text[lead.end():]
    if grammar.vague.match(text):
        raise ValueFormatError(f"'{wording}' is too vague to date; leave the field out")
    for pattern, equivalent in grammar.whole_phrases:
        if pattern.match(text):
            text = equivalent
    for pattern, offset in grammar.days:
        if pattern.match(text):
            return _day_offset_span(offset)
    for pattern in grammar.ago:
        match = pattern.match(text)
        if match:
            return _ago_span(wording, match, grammar.language)
    for pattern, mode in grammar.weekdays:
        match = pattern.match(text)
        if match:
            return _weekday_span(grammar.language.weekday_words.index(match["wd"]), mode)
    for pattern in grammar.calendar_days:
        match = pattern.match(text)
        if match:
            weekday = grammar.language.weekday_words.index(match["wd"]) if match["wd"] else None
            year_ref = _year_ref(match, grammar)
            return _calendar_day_span(wording, int(match["d"]), _month_number(match["m"], grammar),
                                      year_ref or _YearRef(None), weekday, grammar.language,
                                      nearest=year_ref is None)
    for pattern, part in grammar.parts:
        match = pattern.match(text)
        if not match:
            continue
        rest = text[match.end():]
        connector = grammar.connector.match(rest)
        if connector:
            rest = rest[connector.end():]
        if not rest and part in ("half", "quarter"):
            of: _Span | None = _year_span(_YearRef(None))  # "the second half": of this year
        else:
            of = _target(wording, rest, grammar, after_part=True)
        if of is not None:
            return _part_span(wording, part, _ordinal(match, grammar), of)
    return _target(wording, text, grammar, after_part=False)


def _target(wording: str, text: str, grammar: _Grammar, *, after_part: bool) -> _Span | None:
    """A year, month, season or week: "2025", "last year", "September", "vorige maand",
    "summer 2024", "cette semaine"."""
    match = grammar.explicit_year.match(text)
    if match:
        return _year_span(_YearRef(int(match["y"])))
    words = grammar.relative + (grammar.relative_after_part if after_part else ())
    for pattern, unit, offset in words:
        if pattern.match(text):
            if unit == "year":
                return _year_span(_YearRef(None, offset))
            return _month_offset_span(offset) if unit == "month" else _week_span(offset)
    for pattern in grammar.months:
        match = pattern.match(text)
        if match:
            ref = _year_ref(match, grammar)
            if ref is not None and match["mod"]:
                return None  # "last September 2025" says the year twice
            mode = grammar.language.month_modes[match["mod"]] if match["mod"] else "on-or-before"
            return _named_month_span(_month_number(match["m"], grammar), mode, ref)
    for pattern in grammar.seasons:
        match = pattern.match(text)
        if match:
            return _season(wording, match, grammar)
    return None


def _season(wording: str, match: re.Match[str], grammar: _Grammar) -> _Span | None:
    season = grammar.language.seasons[match["s"]]
    if season == "winter":
        raise ValueFormatError(
            f"'{wording}': a winter runs from December into February of the next year, so its "
            "year is ambiguous; write the months instead, as YYYY-MM (e.g. 2024-12, 2025-02)")
    ref = _year_ref(match, grammar)
    modifier = match["mod"]
    if ref is not None and modifier:
        return None  # "last summer 2024" says the year twice
    mode = grammar.language.season_modes[modifier] if modifier else None
    if mode == "this":
        ref, mode = _YearRef(None), None
    if ref is None and mode is None:
        raise ValueFormatError(
            f"'{wording}': a season needs its year, e.g. {grammar.language.season_examples}; "
            "or write the months as YYYY-MM")
    return _season_span(season, mode or "", ref)


def _year_ref(match: re.Match[str], grammar: _Grammar) -> _YearRef | None:
    groups = match.groupdict()  # a form may have no year at all ("cet été")
    if groups.get("y"):
        return _YearRef(int(groups["y"]))
    if groups.get("yrel"):
        for pattern, unit, offset in grammar.relative:
            if unit == "year" and pattern.match(groups["yrel"]):
                return _YearRef(None, offset)
    return None


def _month_number(word: str, grammar: _Grammar) -> int:
    return grammar.language.months[word.rstrip(".")]


def _ordinal(match: re.Match[str], grammar: _Grammar) -> int:
    groups = match.groupdict()
    word = groups.get("n") or groups.get("n2")
    if word is None:
        return 0  # early, mid, late, earlier, later
    return int(word) if word.isdigit() else grammar.language.ordinals[word]
