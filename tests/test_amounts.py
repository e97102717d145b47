from decimal import Decimal

import pytest

from claimgraph.claims.values import ValueFormatError, parse_amount, parse_date, parse_percentage


@pytest.mark.parametrize("text, language, value, currency, qualifier", [
    ("1,3 miljard euro", "nl", "1300000000", "EUR", "exact"),
    ("EUR 1.3 billion", "en", "1300000000", "EUR", "exact"),
    ("$1.5bn", "en", "1500000000", "USD", "exact"),
    ("€ 250 mln", "nl", "250000000", "EUR", "exact"),
    ("1.300.000 euro", "nl", "1300000", "EUR", "exact"),
    ("1,300,000 dollars", "en", "1300000", "USD", "exact"),
    ("€ 1 300 000", "fr", "1300000", "EUR", "exact"),
    ("1,3 milliard d'euros", "fr", "1300000000", "EUR", "exact"),
    ("2 billions de dollars", "fr", "2000000000000", "USD", "exact"),
    ("ongeveer 200 miljoen dollar", "nl", "200000000", "USD", "approximately"),
    ("ruim 2 miljard euro", "nl", "2000000000", "EUR", "more-than"),
    ("up to €2 million", "en", "2000000", "EUR", "up-to"),
    ("more than GBP 40m", "en", "40000000", "GBP", "more-than"),
    ("plus de 600 millions d'euros", "fr", "600000000", "EUR", "more-than"),
    ("1,5 miljard EUR", "en", "1500000000", "EUR", "exact"),  # the Dutch scale word decides the style
])
def test_amounts_are_normalized(text, language, value, currency, qualifier):
    amount = parse_amount(text, language=language)
    assert (amount.value, amount.currency, amount.qualifier) == (Decimal(value), currency, qualifier)
    assert amount.original == text
    assert amount.converted is None


def test_an_amount_in_two_currencies_is_one_amount_with_a_conversion():
    amount = parse_amount("EUR 1.3 billion ($1.5 billion)", language="en")
    assert (amount.value, amount.currency) == (Decimal("1300000000"), "EUR")
    assert (amount.converted.value, amount.converted.currency) == (Decimal("1500000000"), "USD")
    assert amount.original == "EUR 1.3 billion ($1.5 billion)"


@pytest.mark.parametrize("text, message", [
    ("1,3 miljoen euroo", "cannot read '1,3 miljoen euroo' as an amount of money"),
    ("5 million", "'5 million' has no currency; an amount needs exactly one"),
    ("-5 million EUR", "'-5 million EUR' is negative; an amount must be zero or more"),
    ("EUR 5 (€5)", "'EUR 5 (€5)': the amount in brackets has the same currency as the main amount; "
                   "brackets are for a conversion into another currency"),
    ("1,30,0 euro", "'1,30,0' has more than one decimal separator ','"),
    ("XYZ 5", "unknown currency 'XYZ'; use an ISO 4217 code such as EUR, USD or GBP"),
])
def test_unreadable_amounts_are_refused_with_a_reason(text, message):
    with pytest.raises(ValueFormatError) as info:
        parse_amount(text, language="nl")
    assert str(info.value) == message


@pytest.mark.parametrize("text, language, value, qualifier", [
    ("11 procent", "nl", "11", "exact"), ("11%", "en", "11", "exact"), ("11,5 %", "nl", "11.5", "exact"),
    ("about 11.5 per cent", "en", "11.5", "approximately"), ("ruim 11 procent", "nl", "11", "more-than"),
    ("20 pour cent", "fr", "20", "exact"), ("100%", "en", "100", "exact"), ("0 %", "en", "0", "exact"),
])
def test_percentages(text, language, value, qualifier):
    pct = parse_percentage(text, language=language)
    assert (pct.value, pct.qualifier, pct.original) == (Decimal(value), qualifier, text)


def test_a_percentage_above_100_is_refused():
    with pytest.raises(ValueFormatError, match=r"^percentage 101 is outside 0-100$"):
        parse_percentage("101 procent", language="nl")


@pytest.mark.parametrize("text, datatype", [("2025-09-09", "date"), ("2025-09", "gYearMonth"), ("2023", "gYear")])
def test_dates(text, datatype):
    assert parse_date(text).datatype == datatype


@pytest.mark.parametrize("text, message", [
    ("2025-02-30", "'2025-02-30' is not a real date (day is out of range for month)"),
    ("2025-13", "'2025-13' is not a real date (month must be in 1..12)"),
    ("9 september 2025", "'9 september 2025' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
])
def test_impossible_dates_are_refused(text, message):
    with pytest.raises(ValueFormatError) as info:
        parse_date(text)
    assert str(info.value) == message


@pytest.mark.parametrize("text, language, low, high", [
    ("$14 billion", "en", "13500000000", "14500000000"),       # a round figure covers its rounding
    ("$14.3 billion", "en", "14250000000", "14350000000"),
    ("1,3 miljard euro", "nl", "1250000000", "1350000000"),
    ("close to $15 billion", "en", "13050000000", "17050000000"),  # "about" widens by 10 %
    ("could exceed $10 billion", "en", "10000000000", None),     # open upwards
    ("un peu plus de 14 milliards de dollars", "fr", "14000000000", None),
    ("up to €2 million", "en", "0", "2000000"),
])
def test_an_amount_covers_the_range_its_wording_allows(text, language, low, high):
    from decimal import Decimal
    found = parse_amount(text, language=language).bounds()
    assert found == (Decimal(low), None if high is None else Decimal(high))


@pytest.mark.parametrize("text, low, high", [
    ("49%", "48.5", "49.5"), ("11 procent", "10.5", "11.5"), ("more than 40%", "40", "100"),
])
def test_a_stake_covers_its_rounding_within_0_to_100(text, low, high):
    from decimal import Decimal
    assert parse_percentage(text, language="en" if "%" in text else "nl").bounds() == (Decimal(low), Decimal(high))


def test_an_amount_with_a_conversion_keeps_its_rounding():
    """The conversion in brackets changes nothing of the main figure's range (review finding)."""
    with_conversion = parse_amount("2 billion euros ($2.3 billion)", language="en")
    assert with_conversion.bounds() == parse_amount("2 billion euros", language="en").bounds()


def test_the_rand_is_read_as_r_or_rand():
    assert parse_amount("close to R80 billion", language="en").currency == "ZAR"
    assert parse_amount("€4.1 billion (R78.5 billion)", language="en").converted.currency == "ZAR"


@pytest.mark.parametrize("text, language, value, qualifier", [
    ("plus d'un milliard d'euros", "fr", "1000000000", "more-than"),
    ("près d'un milliard d'euros", "fr", "1000000000", "approximately"),
    ("one billion dollars", "en", "1000000000", "exact"),
    ("a billion dollars", "en", "1000000000", "exact"),
    ("twee miljard euro", "nl", "2000000000", "exact"),
])
def test_a_number_word_before_a_scale_word_is_a_number(text, language, value, qualifier):
    amount = parse_amount(text, language=language)
    assert (amount.value, amount.qualifier, amount.original) == (Decimal(value), qualifier, text)


def test_a_number_word_alone_is_not_an_amount():
    with pytest.raises(ValueFormatError, match="cannot read 'a dollar' as an amount of money"):
        parse_amount("a dollar", language="en")


def test_swiss_french_groups_thousands_with_an_apostrophe():
    from claimgraph.claims.values import parse_quantity
    assert parse_quantity("près de 60'000 collaborateurs", language="fr").value == Decimal(60000)
    assert parse_amount("CHF 1'250'000", language="fr").value == Decimal(1250000)
    with pytest.raises(ValueFormatError, match="'5'000' is not a number"):
        parse_quantity("5'000 employees", language="en")
