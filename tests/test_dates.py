import datetime as dt

import pytest

from claimgraph.claims.dates import TimeValue, check_order, parse_published, parse_time
from claimgraph.claims.values import DateValue, ValueFormatError

#: the fixed publication day of the tables below: a Tuesday
PUBLISHED = parse_published("2025-09-09")


def day(text: str) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(text), dt.date.fromisoformat(text)


def days(first: str, last: str) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last)


def interval(text: str, language: str, published: DateValue | None = PUBLISHED) -> tuple:
    time = parse_time(text, language, published)
    assert time.resolved, time.reason
    return time.start, time.end


FORMS = [
    # weekdays: the latest such day on or before publication; "last" strictly before
    ("Sunday", "en", day("2025-09-07")),
    ("on Tuesday", "en", day("2025-09-09")),
    ("last Friday", "en", day("2025-09-05")),
    ("last Tuesday", "en", day("2025-09-02")),
    ("Monday morning", "en", day("2025-09-08")),
    ("this coming Friday", "en", day("2025-09-12")),
    ("zondag", "nl", day("2025-09-07")),
    ("maandag", "nl", day("2025-09-08")),
    ("op dinsdag", "nl", day("2025-09-09")),
    ("afgelopen vrijdag", "nl", day("2025-09-05")),
    ("vrijdag jl.", "nl", day("2025-09-05")),
    ("maandagochtend", "nl", day("2025-09-08")),
    ("aanstaande vrijdag", "nl", day("2025-09-12")),
    ("dimanche", "fr", day("2025-09-07")),
    ("vendredi", "fr", day("2025-09-05")),
    ("le mardi", "fr", day("2025-09-09")),
    ("mardi dernier", "fr", day("2025-09-02")),
    ("lundi soir", "fr", day("2025-09-08")),
    ("vendredi prochain", "fr", day("2025-09-12")),
    # today, yesterday, tomorrow
    ("today", "en", day("2025-09-09")),
    ("yesterday", "en", day("2025-09-08")),
    ("tomorrow", "en", day("2025-09-10")),
    ("the day before yesterday", "en", day("2025-09-07")),
    ("vandaag", "nl", day("2025-09-09")),
    ("gisteren", "nl", day("2025-09-08")),
    ("gisteravond", "nl", day("2025-09-08")),
    ("morgen", "nl", day("2025-09-10")),
    ("aujourd'hui", "fr", day("2025-09-09")),
    ("aujourd’hui", "fr", day("2025-09-09")),
    ("hier", "fr", day("2025-09-08")),
    ("demain", "fr", day("2025-09-10")),
    ("avant-hier", "fr", day("2025-09-07")),
    # month names without a year: the latest such month on or before publication
    ("in February", "en", days("2025-02-01", "2025-02-28")),
    ("in September", "en", days("2025-09-01", "2025-09-30")),
    ("in December", "en", days("2024-12-01", "2024-12-31")),
    ("last September", "en", days("2024-09-01", "2024-09-30")),
    ("next February", "en", days("2026-02-01", "2026-02-28")),
    ("September last year", "en", days("2024-09-01", "2024-09-30")),
    ("in september", "nl", days("2025-09-01", "2025-09-30")),
    ("in februari", "nl", days("2025-02-01", "2025-02-28")),
    ("afgelopen september", "nl", days("2024-09-01", "2024-09-30")),
    ("maart vorig jaar", "nl", days("2024-03-01", "2024-03-31")),
    ("en février", "fr", days("2025-02-01", "2025-02-28")),
    ("en septembre dernier", "fr", days("2024-09-01", "2024-09-30")),
    ("en octobre", "fr", days("2024-10-01", "2024-10-31")),
    # this, last and next month
    ("last month", "en", days("2025-08-01", "2025-08-31")),
    ("this month", "en", days("2025-09-01", "2025-09-30")),
    ("next month", "en", days("2025-10-01", "2025-10-31")),
    ("earlier this month", "en", days("2025-09-01", "2025-09-08")),
    ("later this month", "en", days("2025-09-10", "2025-09-30")),
    ("vorige maand", "nl", days("2025-08-01", "2025-08-31")),
    ("deze maand", "nl", days("2025-09-01", "2025-09-30")),
    ("volgende maand", "nl", days("2025-10-01", "2025-10-31")),
    ("eerder deze maand", "nl", days("2025-09-01", "2025-09-08")),
    ("le mois dernier", "fr", days("2025-08-01", "2025-08-31")),
    ("ce mois-ci", "fr", days("2025-09-01", "2025-09-30")),
    ("le mois prochain", "fr", days("2025-10-01", "2025-10-31")),
    ("plus tôt ce mois-ci", "fr", days("2025-09-01", "2025-09-08")),
    # parts of a month: thirds
    ("mid-September", "en", days("2025-09-11", "2025-09-20")),
    ("eind augustus", "nl", days("2025-08-21", "2025-08-31")),
    ("début septembre", "fr", days("2025-09-01", "2025-09-10")),
    # weeks: Monday to Sunday
    ("this week", "en", days("2025-09-08", "2025-09-14")),
    ("last week", "en", days("2025-09-01", "2025-09-07")),
    ("earlier this week", "en", day("2025-09-08")),
    ("vorige week", "nl", days("2025-09-01", "2025-09-07")),
    ("la semaine dernière", "fr", days("2025-09-01", "2025-09-07")),
    # years
    ("last year", "en", days("2024-01-01", "2024-12-31")),
    ("this year", "en", days("2025-01-01", "2025-12-31")),
    ("next year", "en", days("2026-01-01", "2026-12-31")),
    ("later this year", "en", days("2025-09-10", "2025-12-31")),
    ("earlier this year", "en", days("2025-01-01", "2025-09-08")),
    ("vorig jaar", "nl", days("2024-01-01", "2024-12-31")),
    ("dit jaar", "nl", days("2025-01-01", "2025-12-31")),
    ("volgend jaar", "nl", days("2026-01-01", "2026-12-31")),
    ("later dit jaar", "nl", days("2025-09-10", "2025-12-31")),
    ("l'an dernier", "fr", days("2024-01-01", "2024-12-31")),
    ("l’année dernière", "fr", days("2024-01-01", "2024-12-31")),
    ("cette année", "fr", days("2025-01-01", "2025-12-31")),
    ("l'an prochain", "fr", days("2026-01-01", "2026-12-31")),
    ("l'année prochaine", "fr", days("2026-01-01", "2026-12-31")),
    ("plus tard cette année", "fr", days("2025-09-10", "2025-12-31")),
    ("plus tard dans l'année", "fr", days("2025-09-10", "2025-12-31")),
    # halves and quarters with a year
    ("the second half of 2026", "en", days("2026-07-01", "2026-12-31")),
    ("H2 2026", "en", days("2026-07-01", "2026-12-31")),
    ("the first half of next year", "en", days("2026-01-01", "2026-06-30")),
    ("Q3 2025", "en", days("2025-07-01", "2025-09-30")),
    ("the third quarter of 2025", "en", days("2025-07-01", "2025-09-30")),
    ("in the fourth quarter of last year", "en", days("2024-10-01", "2024-12-31")),
    ("de tweede helft van 2026", "nl", days("2026-07-01", "2026-12-31")),
    ("H2 2026", "nl", days("2026-07-01", "2026-12-31")),
    ("het derde kwartaal van 2025", "nl", days("2025-07-01", "2025-09-30")),
    ("Q3 2025", "nl", days("2025-07-01", "2025-09-30")),
    ("le second semestre 2026", "fr", days("2026-07-01", "2026-12-31")),
    ("la seconde moitié de 2026", "fr", days("2026-07-01", "2026-12-31")),
    ("le troisième trimestre 2025", "fr", days("2025-07-01", "2025-09-30")),
    ("au troisième trimestre de 2025", "fr", days("2025-07-01", "2025-09-30")),
    ("T3 2025", "fr", days("2025-07-01", "2025-09-30")),
    # early, mid, late a year: Jan-Apr, May-Aug, Sep-Dec
    ("early 2025", "en", days("2025-01-01", "2025-04-30")),
    ("mid-2025", "en", days("2025-05-01", "2025-08-31")),
    ("late 2025", "en", days("2025-09-01", "2025-12-31")),
    ("end of 2025", "en", days("2025-09-01", "2025-12-31")),
    ("by the end of 2025", "en", days("2025-09-01", "2025-12-31")),
    ("begin 2025", "nl", days("2025-01-01", "2025-04-30")),
    ("medio 2025", "nl", days("2025-05-01", "2025-08-31")),
    ("eind 2025", "nl", days("2025-09-01", "2025-12-31")),
    ("eind 2024", "nl", days("2024-09-01", "2024-12-31")),
    ("début 2025", "fr", days("2025-01-01", "2025-04-30")),
    ("mi-2025", "fr", days("2025-05-01", "2025-08-31")),
    ("fin 2025", "fr", days("2025-09-01", "2025-12-31")),
    # the same without a year: the publication year's part
    ("the second half of the year", "en", days("2025-07-01", "2025-12-31")),
    ("in the third quarter", "en", days("2025-07-01", "2025-09-30")),
    ("by the end of the year", "en", days("2025-09-01", "2025-12-31")),
    ("by year-end", "en", days("2025-09-01", "2025-12-31")),
    ("de tweede helft van het jaar", "nl", days("2025-07-01", "2025-12-31")),
    ("het derde kwartaal", "nl", days("2025-07-01", "2025-09-30")),
    ("eind dit jaar", "nl", days("2025-09-01", "2025-12-31")),
    ("begin volgend jaar", "nl", days("2026-01-01", "2026-04-30")),
    ("le second semestre de l'année", "fr", days("2025-07-01", "2025-12-31")),
    ("d'ici la fin de l'année", "fr", days("2025-09-01", "2025-12-31")),
    ("en fin d'année", "fr", days("2025-09-01", "2025-12-31")),
    ("début de l'année prochaine", "fr", days("2026-01-01", "2026-04-30")),
    # explicit dates in words; a day and month without a year are in the publication year
    ("March 18, 2025", "en", day("2025-03-18")),
    ("on 18 March 2025", "en", day("2025-03-18")),
    ("Tuesday, March 18, 2025", "en", day("2025-03-18")),
    ("March 18", "en", day("2025-03-18")),
    ("in March 2025", "en", days("2025-03-01", "2025-03-31")),
    ("18 maart 2025", "nl", day("2025-03-18")),
    ("18 maart", "nl", day("2025-03-18")),
    ("dinsdag 18 maart", "nl", day("2025-03-18")),
    ("maart 2025", "nl", days("2025-03-01", "2025-03-31")),
    ("18 mars 2025", "fr", day("2025-03-18")),
    ("le 18 mars", "fr", day("2025-03-18")),
    ("le 1er mars 2025", "fr", day("2025-03-01")),
    ("en mars 2025", "fr", days("2025-03-01", "2025-03-31")),
    # N units ago: that day, or the week, month or year N before the publication's
    ("two days ago", "en", day("2025-09-07")),
    ("10 days ago", "en", day("2025-08-30")),
    ("a week ago", "en", days("2025-09-01", "2025-09-07")),
    ("three weeks ago", "en", days("2025-08-18", "2025-08-24")),
    ("six months ago", "en", days("2025-03-01", "2025-03-31")),
    ("twelve months ago", "en", days("2024-09-01", "2024-09-30")),
    ("a year ago", "en", days("2024-01-01", "2024-12-31")),
    ("since 2 years ago", "en", days("2023-01-01", "2023-12-31")),
    ("twee dagen geleden", "nl", day("2025-09-07")),
    ("drie weken geleden", "nl", days("2025-08-18", "2025-08-24")),
    ("twee weken terug", "nl", days("2025-08-25", "2025-08-31")),
    ("zes maanden geleden", "nl", days("2025-03-01", "2025-03-31")),
    ("een jaar geleden", "nl", days("2024-01-01", "2024-12-31")),
    ("één jaar geleden", "nl", days("2024-01-01", "2024-12-31")),
    ("twee jaar geleden", "nl", days("2023-01-01", "2023-12-31")),
    ("il y a deux jours", "fr", day("2025-09-07")),
    ("il y a une semaine", "fr", days("2025-09-01", "2025-09-07")),
    ("il y a trois semaines", "fr", days("2025-08-18", "2025-08-24")),
    ("il y a six mois", "fr", days("2025-03-01", "2025-03-31")),
    ("il y a un an", "fr", days("2024-01-01", "2024-12-31")),
    ("il y a deux ans", "fr", days("2023-01-01", "2023-12-31")),
    ("jusqu'à il y a 3 ans", "fr", days("2022-01-01", "2022-12-31")),
    # "huit jours", "quinze jours": a week or two, or literally eight or fifteen days
    ("il y a huit jours", "fr", days("2025-09-01", "2025-09-02")),
    ("il y a 15 jours", "fr", days("2025-08-25", "2025-08-26")),
    # seasons (meteorological) with a year or a relative year
    ("spring 2023", "en", days("2023-03-01", "2023-05-31")),
    ("in the spring of 2023", "en", days("2023-03-01", "2023-05-31")),
    ("summer 2024", "en", days("2024-06-01", "2024-08-31")),
    ("autumn 2024", "en", days("2024-09-01", "2024-11-30")),
    ("fall 2024", "en", days("2024-09-01", "2024-11-30")),
    ("summer last year", "en", days("2024-06-01", "2024-08-31")),
    ("this summer", "en", days("2025-06-01", "2025-08-31")),
    ("this autumn", "en", days("2025-09-01", "2025-11-30")),
    ("last spring", "en", days("2025-03-01", "2025-05-31")),
    ("last autumn", "en", days("2024-09-01", "2024-11-30")),
    ("next spring", "en", days("2026-03-01", "2026-05-31")),
    ("next summer", "en", days("2026-06-01", "2026-08-31")),
    ("voorjaar 2023", "nl", days("2023-03-01", "2023-05-31")),
    ("lente 2023", "nl", days("2023-03-01", "2023-05-31")),
    ("in het voorjaar van 2023", "nl", days("2023-03-01", "2023-05-31")),
    ("zomer 2024", "nl", days("2024-06-01", "2024-08-31")),
    ("najaar 2024", "nl", days("2024-09-01", "2024-11-30")),
    ("herfst 2024", "nl", days("2024-09-01", "2024-11-30")),
    ("de zomer van vorig jaar", "nl", days("2024-06-01", "2024-08-31")),
    ("deze zomer", "nl", days("2025-06-01", "2025-08-31")),
    ("dit najaar", "nl", days("2025-09-01", "2025-11-30")),
    ("afgelopen voorjaar", "nl", days("2025-03-01", "2025-05-31")),
    ("vorige herfst", "nl", days("2024-09-01", "2024-11-30")),
    ("volgend voorjaar", "nl", days("2026-03-01", "2026-05-31")),
    ("printemps 2023", "fr", days("2023-03-01", "2023-05-31")),
    ("le printemps 2023", "fr", days("2023-03-01", "2023-05-31")),
    ("au printemps 2023", "fr", days("2023-03-01", "2023-05-31")),
    ("été 2024", "fr", days("2024-06-01", "2024-08-31")),
    ("à l'été 2024", "fr", days("2024-06-01", "2024-08-31")),
    ("automne 2024", "fr", days("2024-09-01", "2024-11-30")),
    ("l'été de l'année dernière", "fr", days("2024-06-01", "2024-08-31")),
    ("cet été", "fr", days("2025-06-01", "2025-08-31")),
    ("ce printemps", "fr", days("2025-03-01", "2025-05-31")),
    ("le printemps dernier", "fr", days("2025-03-01", "2025-05-31")),
    ("l'automne dernier", "fr", days("2024-09-01", "2024-11-30")),
    ("l'été prochain", "fr", days("2026-06-01", "2026-08-31")),
]


@pytest.mark.parametrize("text, language, expected", FORMS)
def test_each_form_resolves_against_the_publication_date(text, language, expected):
    time = parse_time(text, language, PUBLISHED)
    assert (time.start, time.end) == expected
    assert (time.kind, time.reason, time.resolved) == ("relative", "", True)
    assert time.wording == text


def test_the_table_covers_each_language():
    # a guard against the table losing a language while it is edited
    by_language: dict[str, int] = {}
    for _, language, _ in FORMS:
        by_language[language] = by_language.get(language, 0) + 1
    assert set(by_language) == {"en", "nl", "fr"} and min(by_language.values()) >= 35


def test_words_are_read_in_any_case_and_with_any_spacing():
    assert interval("SUNDAY", "en") == day("2025-09-07")
    assert interval("Le Mois Dernier", "fr") == days("2025-08-01", "2025-08-31")
    assert interval("Eind 2025", "nl") == days("2025-09-01", "2025-12-31")
    time = parse_time("  the  second half\nof 2026 ", "en", PUBLISHED)
    assert time.wording == "the second half of 2026"
    assert interval("fevrier", "fr") == days("2025-02-01", "2025-02-28")  # accents may be missing


def test_last_weekday_and_last_month_are_strictly_before_publication():
    friday = parse_published("2025-09-12")
    assert interval("Friday", "en", friday) == day("2025-09-12")
    assert interval("last Friday", "en", friday) == day("2025-09-05")
    assert interval("vendredi dernier", "fr", friday) == day("2025-09-05")
    assert interval("in September", "en", friday) == days("2025-09-01", "2025-09-30")
    assert interval("last September", "en", friday) == days("2024-09-01", "2024-09-30")


def test_the_calendar_value_is_given_for_one_day_month_or_year_only():
    assert parse_time("Sunday", "en", PUBLISHED).value == DateValue("2025-09-07", "date")
    assert parse_time("vorige maand", "nl", PUBLISHED).value == DateValue("2025-08", "gYearMonth")
    assert parse_time("l'an dernier", "fr", PUBLISHED).value == DateValue("2024", "gYear")
    q3 = parse_time("Q3 2025", "en", PUBLISHED)
    assert q3.value is None and q3.is_period
    assert not parse_time("last month", "en", PUBLISHED).is_period


def test_iso_input_works_with_any_publication_date():
    for published in (None, parse_published("2025"), PUBLISHED):
        time = parse_time("2025-06", "nl", published)
        assert time == TimeValue("2025-06", dt.date(2025, 6, 1), dt.date(2025, 6, 30),
                                 DateValue("2025-06", "gYearMonth"), "iso")
    assert parse_time("2024", "fr", None).end == dt.date(2024, 12, 31)
    assert parse_time("2025-09-07", "en", None).value == DateValue("2025-09-07", "date")


def test_periods_with_an_explicit_year_need_no_publication_date():
    assert interval("the second half of 2026", "en", None) == days("2026-07-01", "2026-12-31")
    assert interval("18 mars 2025", "fr", None) == day("2025-03-18")


@pytest.mark.parametrize("text, language, published, reason", [
    ("Sunday", "en", None, "the article's publication date is unknown"),
    ("vorige maand", "nl", None, "the article's publication date is unknown"),
    ("le 18 mars", "fr", None, "the article's publication date is unknown"),
    ("Sunday", "en", "2025-06", "needs the publication day; the article gives only 2025-06"),
    ("maandag", "nl", "2025-06", "needs the publication day; the article gives only 2025-06"),
    ("hier", "fr", "2025", "needs the publication day; the article gives only 2025"),
    ("last month", "en", "2025", "needs the publication month; the article gives only 2025"),
    ("in februari", "nl", "2025", "needs the publication month; the article gives only 2025"),
    ("earlier this week", "en", "2025-09-08",  # a Monday
     "no day of that week is earlier than the publication day 2025-09-08"),
    ("later this month", "en", "2025-09-30",
     "no day of that month is later than the publication day 2025-09-30"),
    # N units ago needs the publication date to the unit's precision (a week: the day)
    ("two days ago", "en", None, "the article's publication date is unknown"),
    ("two days ago", "en", "2025-09", "needs the publication day; the article gives only 2025-09"),
    ("three weeks ago", "en", "2025-09", "needs the publication day; the article gives only 2025-09"),
    ("six months ago", "en", "2025", "needs the publication month; the article gives only 2025"),
    ("a year ago", "en", None, "the article's publication date is unknown"),
    ("drie weken geleden", "nl", "2025-09", "needs the publication day; the article gives only 2025-09"),
    ("zes maanden geleden", "nl", "2025", "needs the publication month; the article gives only 2025"),
    ("twee jaar geleden", "nl", None, "the article's publication date is unknown"),
    ("il y a huit jours", "fr", "2025-09", "needs the publication day; the article gives only 2025-09"),
    ("il y a six mois", "fr", "2025", "needs the publication month; the article gives only 2025"),
    ("il y a deux ans", "fr", None, "the article's publication date is unknown"),
    # this season needs the year; last and next the month
    ("this summer", "en", None, "the article's publication date is unknown"),
    ("last spring", "en", "2025", "needs the publication month; the article gives only 2025"),
    ("zomer vorig jaar", "nl", None, "the article's publication date is unknown"),
    ("vorige zomer", "nl", "2025", "needs the publication month; the article gives only 2025"),
    ("cet été", "fr", None, "the article's publication date is unknown"),
    ("l'été prochain", "fr", "2025", "needs the publication month; the article gives only 2025"),
    # summer by the September equinox is not over on 9 September; autumn by it not begun
    ("last summer", "en", "2025-09-09",
     "summer may not be over on 2025-09-09: it ends with August, or with the September equinox "
     "as many count; the last one may be 2025 or 2024"),
    ("vorige zomer", "nl", "2025-09",
     "summer may not be over on 2025-09: it ends with August, or with the September equinox "
     "as many count; the last one may be 2025 or 2024"),
    ("l'été dernier", "fr", "2025-09-09",
     "summer may not be over on 2025-09-09: it ends with August, or with the September equinox "
     "as many count; the last one may be 2025 or 2024"),
    ("next autumn", "en", "2025-09-09",
     "autumn may not have begun on 2025-09-09: it begins with September, or with the September "
     "equinox as many count; the next one may be 2025 or 2026"),
    ("komende herfst", "nl", "2025-09-09",
     "autumn may not have begun on 2025-09-09: it begins with September, or with the September "
     "equinox as many count; the next one may be 2025 or 2026"),
    ("le printemps prochain", "fr", "2025-03",
     "spring may not have begun on 2025-03: it begins with March, or with the March equinox "
     "as many count; the next one may be 2025 or 2026"),
])
def test_unresolved_values_say_why(text, language, published, reason):
    time = parse_time(text, language, parse_published(published) if published else None)
    assert (time.start, time.end, time.value, time.resolved) == (None, None, None, False)
    assert time.reason == reason
    assert time.kind == "relative" and not time.is_period


def test_a_coarse_publication_date_keeps_what_it_knows():
    # "earlier this year" in an article of June 2025 is some day up to the end of June
    june = parse_published("2025-06")
    assert interval("earlier this year", "en", june) == days("2025-01-01", "2025-06-30")
    assert interval("later this year", "en", june) == days("2025-06-01", "2025-12-31")
    assert interval("eerder deze maand", "nl", june) == days("2025-06-01", "2025-06-30")
    assert interval("18 maart", "nl", parse_published("2025")) == day("2025-03-18")


@pytest.mark.parametrize("text, language, message", [
    ("next blue moon", "en",
     "cannot read 'next blue moon' as a date; write YYYY-MM-DD, YYYY-MM or YYYY, or the "
     "article's English wording, e.g. 'Sunday', 'last September', 'Q3 2025', 'the second half of 2026'"),
    ("binnenkort", "nl",
     "cannot read 'binnenkort' as a date; write YYYY-MM-DD, YYYY-MM or YYYY, or the "
     "article's Dutch wording, e.g. 'zondag', 'vorige maand', 'Q3 2025', 'de tweede helft van 2026'"),
    ("31 februari 2025", "nl", "'31 februari 2025' is not a real date (day is out of range for month)"),
    ("2025-13", "en", "'2025-13' is not a real date (month must be in 1..12)"),
    ("2025-9-9", "en", "'2025-9-9' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("Monday, March 18, 2025", "en", "'Monday, March 18, 2025': 2025-03-18 is a Tuesday, not a Monday"),
    ("Sunday", "nl",
     "cannot read 'Sunday' as a Dutch date: it reads as English, but the article's language is nl; "
     "write the article's own wording, or YYYY-MM-DD, YYYY-MM or YYYY"),
    ("in september", "fr",
     "cannot read 'in september' as a French date: it reads as English or Dutch, but the article's "
     "language is fr; write the article's own wording, or YYYY-MM-DD, YYYY-MM or YYYY"),
    ("later in 2024", "en",
     "'later in 2024': 'earlier' and 'later' go only with the current week, month or year, "
     "e.g. 'earlier this month', 'later this year'"),
    ("the second half of March", "en", "'the second half of March': a half is of a year, not a month"),
    ("Sunday", "de", "unknown language 'de' for a date; expected en, nl or fr"),
    ("0 days ago", "en", "'0 days ago': the number must be 1 or more"),
    ("thirteen days ago", "en",
     "cannot read 'thirteen days ago' as a date; write YYYY-MM-DD, YYYY-MM or YYYY, or the "
     "article's English wording, e.g. 'Sunday', 'last September', 'Q3 2025', 'the second half of 2026'"),
    ("il y a deux ans", "nl",
     "cannot read 'il y a deux ans' as a Dutch date: it reads as French, but the article's "
     "language is nl; write the article's own wording, or YYYY-MM-DD, YYYY-MM or YYYY"),
    # winter runs into the next year: refused in every form
    ("winter 2024", "en",
     "'winter 2024': a winter runs from December into February of the next year, so its year is "
     "ambiguous; write the months instead, as YYYY-MM (e.g. 2024-12, 2025-02)"),
    ("last winter", "en",
     "'last winter': a winter runs from December into February of the next year, so its year is "
     "ambiguous; write the months instead, as YYYY-MM (e.g. 2024-12, 2025-02)"),
    ("de winter van 2024", "nl",
     "'de winter van 2024': a winter runs from December into February of the next year, so its "
     "year is ambiguous; write the months instead, as YYYY-MM (e.g. 2024-12, 2025-02)"),
    ("vorige winter", "nl",
     "'vorige winter': a winter runs from December into February of the next year, so its year is "
     "ambiguous; write the months instead, as YYYY-MM (e.g. 2024-12, 2025-02)"),
    ("hiver 2024", "fr",
     "'hiver 2024': a winter runs from December into February of the next year, so its year is "
     "ambiguous; write the months instead, as YYYY-MM (e.g. 2024-12, 2025-02)"),
    ("cet hiver", "fr",
     "'cet hiver': a winter runs from December into February of the next year, so its year is "
     "ambiguous; write the months instead, as YYYY-MM (e.g. 2024-12, 2025-02)"),
    ("winter 2024", "fr",
     "cannot read 'winter 2024' as a French date: it reads as English or Dutch, but the article's "
     "language is fr; write the article's own wording, or YYYY-MM-DD, YYYY-MM or YYYY"),
    # a season needs its year; it has no halves, thirds or earlier part
    ("in the summer", "en",
     "'in the summer': a season needs its year, e.g. 'summer 2025', 'last summer', 'this summer'; "
     "or write the months as YYYY-MM"),
    ("in het voorjaar", "nl",
     "'in het voorjaar': a season needs its year, e.g. 'zomer 2025', 'vorige zomer', 'deze zomer'; "
     "or write the months as YYYY-MM"),
    ("à l'automne", "fr",
     "'à l'automne': a season needs its year, e.g. 'l'été 2025', 'l'été dernier', 'cet été'; "
     "or write the months as YYYY-MM"),
    ("last summer 2024", "en",
     "cannot read 'last summer 2024' as a date; write YYYY-MM-DD, YYYY-MM or YYYY, or the "
     "article's English wording, e.g. 'Sunday', 'last September', 'Q3 2025', 'the second half of 2026'"),
    ("late summer 2024", "en", "'late summer 2024': early, mid and late go with a year or a month, not a season"),
    ("fin de l'été 2024", "fr", "'fin de l'été 2024': early, mid and late go with a year or a month, not a season"),
    ("the first half of summer 2024", "en", "'the first half of summer 2024': a half is of a year, not a season"),
    ("earlier this summer", "en",
     "'earlier this summer': 'earlier' and 'later' go only with the current week, month or year, "
     "e.g. 'earlier this month', 'later this year'"),
    # too vague to date: the curator leaves the field out
    ("recently", "en", "'recently' is too vague to date; leave the field out"),
    ("until recently", "en", "'until recently' is too vague to date; leave the field out"),
    ("a few weeks ago", "en", "'a few weeks ago' is too vague to date; leave the field out"),
    ("in recent months", "en", "'in recent months' is too vague to date; leave the field out"),
    ("onlangs", "nl", "'onlangs' is too vague to date; leave the field out"),
    ("recent", "nl", "'recent' is too vague to date; leave the field out"),
    ("kort geleden", "nl", "'kort geleden' is too vague to date; leave the field out"),
    ("een paar weken geleden", "nl", "'een paar weken geleden' is too vague to date; leave the field out"),
    ("récemment", "fr", "'récemment' is too vague to date; leave the field out"),
    ("tout récemment", "fr", "'tout récemment' is too vague to date; leave the field out"),
    ("il y a quelques semaines", "fr", "'il y a quelques semaines' is too vague to date; leave the field out"),
    ("ces derniers mois", "fr", "'ces derniers mois' is too vague to date; leave the field out"),
    ("recently", "nl",
     "cannot read 'recently' as a Dutch date: it reads as English, but the article's language is nl; "
     "write the article's own wording, or YYYY-MM-DD, YYYY-MM or YYYY"),
])
def test_unreadable_wording_is_refused_with_examples(text, language, message):
    with pytest.raises(ValueFormatError) as excinfo:
        parse_time(text, language, PUBLISHED)
    assert str(excinfo.value) == message


def test_dates_outside_the_calendar_are_refused():
    with pytest.raises(ValueFormatError, match="'0000' is not a real date"):
        parse_time("0000", "en", None)
    with pytest.raises(ValueFormatError, match="'Q3 0000' is not a real date"):
        parse_time("Q3 0000", "en", None)
    with pytest.raises(ValueFormatError, match="'next year' is not a real date"):
        parse_time("next year", "en", parse_published("9999"))


def test_unreadable_wording_is_refused_even_without_a_publication_date():
    with pytest.raises(ValueFormatError, match="cannot read 'soon'"):
        parse_time("soon", "en", None)


def test_parse_published():
    assert parse_published("2025-09-09") == DateValue("2025-09-09", "date")
    assert parse_published("2025-06") == DateValue("2025-06", "gYearMonth")
    assert parse_published(" 2025 ") == DateValue("2025", "gYear")
    assert parse_published("unknown") is None
    assert parse_published("Unknown") is None
    with pytest.raises(ValueFormatError) as excinfo:
        parse_published("09-09-2025")
    assert str(excinfo.value) == ("'09-09-2025' is not a publication date; "
                                  "write YYYY-MM-DD, YYYY-MM, YYYY or unknown")
    with pytest.raises(ValueFormatError, match="not a real date"):
        parse_published("2025-02-30")


def test_check_order_refuses_an_end_before_the_start():
    since = parse_time("Q3 2025", "en", PUBLISHED)
    until = parse_time("2025-03", "en", PUBLISHED)
    assert check_order(since, until) == ("the end '2025-03' (2025-03-01..2025-03-31) lies before "
                                         "the start 'Q3 2025' (2025-07-01..2025-09-30)")
    assert check_order(parse_time("last week", "en", PUBLISHED), parse_time("yesterday", "en", PUBLISHED)) is None
    assert check_order(parse_time("today", "en", PUBLISHED),
                       parse_time("2025-09-01", "en", PUBLISHED)) == (
        "the end '2025-09-01' (2025-09-01) lies before the start 'today' (2025-09-09)")


def test_check_order_accepts_overlaps_equal_days_and_unresolved_values():
    assert check_order(parse_time("2025", "en", None), parse_time("March 2025", "en", None)) is None
    assert check_order(parse_time("today", "en", PUBLISHED), parse_time("2025-09-09", "en", None)) is None
    unresolved = parse_time("Sunday", "en", None)
    assert check_order(unresolved, parse_time("2020", "en", None)) is None
    assert check_order(parse_time("2030", "en", None), unresolved) is None


def test_new_forms_are_read_in_any_case():
    assert interval("Two Days Ago", "en") == day("2025-09-07")
    assert interval("IL Y A SIX MOIS", "fr") == days("2025-03-01", "2025-03-31")
    assert interval("Twee Jaar Geleden", "nl") == days("2023-01-01", "2023-12-31")
    assert interval("Summer 2024", "en") == days("2024-06-01", "2024-08-31")
    assert interval("Printemps 2023", "fr") == days("2023-03-01", "2023-05-31")
    assert interval("ZOMER 2024", "nl") == days("2024-06-01", "2024-08-31")
    assert interval("ete 2024", "fr") == days("2024-06-01", "2024-08-31")  # accents may be missing
    with pytest.raises(ValueFormatError, match="too vague to date"):
        parse_time("Recently", "en", PUBLISHED)
    with pytest.raises(ValueFormatError, match="a winter runs from December"):
        parse_time("WINTER 2024", "nl", PUBLISHED)


def test_ago_counts_from_the_publication_day_week_month_or_year():
    # a Sunday article: the week of publication is 2025-09-01..07
    sunday = parse_published("2025-09-07")
    assert interval("a week ago", "en", sunday) == days("2025-08-25", "2025-08-31")
    assert interval("il y a deux semaines", "fr", sunday) == days("2025-08-18", "2025-08-24")
    # across a year boundary
    january = parse_published("2025-01-15")
    assert interval("two months ago", "en", january) == days("2024-11-01", "2024-11-30")
    assert interval("drie dagen geleden", "nl", january) == day("2025-01-12")
    # months and years need only the month and year
    assert interval("zes maanden geleden", "nl", parse_published("2025-09")) == days("2025-03-01", "2025-03-31")
    assert interval("il y a deux ans", "fr", parse_published("2025")) == days("2023-01-01", "2023-12-31")
    assert parse_time("six months ago", "en", PUBLISHED).value == DateValue("2025-03", "gYearMonth")
    assert parse_time("a year ago", "en", PUBLISHED).value == DateValue("2024", "gYear")
    assert parse_time("il y a huit jours", "fr", PUBLISHED).is_period
    with pytest.raises(ValueFormatError, match="'5000 years ago' is not a real date"):
        parse_time("5000 years ago", "en", PUBLISHED)


def test_last_and_next_season_depend_on_the_publication_month():
    april = parse_published("2025-04-15")  # in spring by either count
    assert interval("last spring", "en", april) == days("2024-03-01", "2024-05-31")
    assert interval("this spring", "en", april) == days("2025-03-01", "2025-05-31")
    assert interval("next spring", "en", april) == days("2026-03-01", "2026-05-31")
    assert interval("komende zomer", "nl", april) == days("2025-06-01", "2025-08-31")
    assert interval("l'automne dernier", "fr", april) == days("2024-09-01", "2024-11-30")
    # after the 23rd the equinox or solstice has passed: both counts agree
    late_september = parse_published("2025-09-24")
    assert interval("last summer", "en", late_september) == days("2025-06-01", "2025-08-31")
    assert interval("l'automne prochain", "fr", late_september) == days("2026-09-01", "2026-11-30")
    assert interval("next summer", "en", parse_published("2025-06-24")) == days("2026-06-01", "2026-08-31")
    # "this" season is the publication year's, past or to come; the year is enough
    year = parse_published("2025")
    assert interval("this autumn", "en", year) == days("2025-09-01", "2025-11-30")
    assert interval("deze zomer", "nl", parse_published("2025-01")) == days("2025-06-01", "2025-08-31")


def test_seasons_with_an_explicit_year_need_no_publication_date():
    assert interval("spring 2023", "en", None) == days("2023-03-01", "2023-05-31")
    assert interval("het najaar van 2024", "nl", None) == days("2024-09-01", "2024-11-30")
    assert interval("l'été 2024", "fr", None) == days("2024-06-01", "2024-08-31")
    assert parse_time("summer 2024", "en", None).is_period


def test_refused_wordings_are_refused_even_without_a_publication_date():
    for text, language in (("recently", "en"), ("onlangs", "nl"), ("récemment", "fr"),
                           ("winter 2024", "en"), ("l'hiver dernier", "fr"), ("in the spring", "en")):
        with pytest.raises(ValueFormatError):
            parse_time(text, language, None)


@pytest.mark.parametrize("wording, language, published, expected", [
    ("per 1 januari", "nl", "2025-12-02", "2026-01-01"),   # "as of 1 January" in December: the coming one
    ("on 28 December", "en", "2026-01-03", "2025-12-28"),  # in early January: the one just past
    ("le 18 mars", "fr", "2025-03-20", "2025-03-18"),
    ("18 maart", "nl", "2025", "2025-03-18"),              # only the year known: that year's
])
def test_a_day_and_month_without_a_year_is_the_nearest_to_the_publication(wording, language, published, expected):
    value = parse_time(wording, language, parse_published(published))
    assert (value.start.isoformat(), value.end.isoformat()) == (expected, expected)
