"""Dates as articles write them (interim: ISO values only; relative wording is kept unresolved).

The full reader of relative dates and periods in en, nl and fr replaces this module."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from claimgraph.claims.values import DateValue, ValueFormatError, parse_date


@dataclass(frozen=True)
class TimeValue:
    wording: str
    start: dt.date | None
    end: dt.date | None
    value: DateValue | None
    kind: str
    reason: str = ""

    @property
    def resolved(self) -> bool:
        return self.start is not None

    @property
    def is_period(self) -> bool:
        return self.resolved and self.value is None


def parse_published(text: str) -> DateValue | None:
    if text.strip() == "unknown":
        return None
    return parse_date(text)


def _interval(value: DateValue) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in value.lexical.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def parse_time(text: str, language: str, published: DateValue | None) -> TimeValue:
    wording = " ".join(text.split())
    if not wording:
        raise ValueFormatError("a date must not be empty")
    try:
        value = parse_date(wording)
    except ValueFormatError:
        return TimeValue(wording, None, None, None, "relative", "relative dates are not resolved yet")
    start, end = _interval(value)
    return TimeValue(wording, start, end, value, "iso")


def check_order(start: TimeValue, end: TimeValue) -> str | None:
    if start.start and end.end and end.end < start.start:
        return f"'{end.wording}' ends before '{start.wording}' begins"
    return None
