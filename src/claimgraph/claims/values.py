"""Normalize amounts, percentages and dates as articles write them.

``"1,3 miljard euro"`` -> ``Amount(Decimal("1300000000"), "EUR")``;
``"EUR 1.3 billion ($1.5 billion)"`` -> one amount with a stated conversion;
``"ruim 11 procent"`` -> ``Percentage(Decimal("11"), qualifier="more-than")``.

Number style follows the language: Dutch and French write a decimal comma and group
thousands with a dot or a space; English the other way round. A scale word in the text
("miljard", "billion", "milliard") wins over the file's language when they disagree.
French "billion" is 10^12, as in French it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


class ValueFormatError(ValueError):
    """A value that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str
    original: str
    qualifier: str = "exact"
    converted: "Amount | None" = None
    #: one unit of the last digit written ("$14.3 billion": 0.1 billion): how round the figure is
    step: Decimal = Decimal(0)
    #: the article writes no currency; the curator gives it from the context ("132 millions [EUR]")
    currency_implied: bool = False
    #: the high end of a range ("100 à 140 millions d'euros"; qualifier "between", value the low end)
    upper: Decimal | None = None

    def bounds(self) -> tuple[Decimal, Decimal | None]:
        if self.upper is not None:
            return self.value, self.upper
        return value_bounds(self.value, self.step, self.qualifier)


@dataclass(frozen=True)
class Percentage:
    value: Decimal
    original: str
    qualifier: str = "exact"
    step: Decimal = Decimal(0)

    def bounds(self) -> tuple[Decimal, Decimal]:
        """A stake's range, within 0 to 100 ("more than 40 %" reaches 100)."""
        low, high = value_bounds(self.value, self.step, self.qualifier)
        return low, Decimal(100) if high is None else min(high, Decimal(100))


#: how far "about", "nearly", "close to" widen a figure, each way
APPROXIMATION = Decimal("0.1")


def value_bounds(value: Decimal, step: Decimal, qualifier: str) -> tuple[Decimal, Decimal | None]:
    """The range a figure as written covers: its rounding (half a step each way), widened for
    "about", open above for "more than", down to zero for "up to"; None: no upper bound. The
    upper end is open, so two round figures one step apart do not meet. Two claims on one event
    whose ranges do not overlap disagree."""
    half = step / 2
    low: Decimal
    high: Decimal | None
    if qualifier == "exact":
        low, high = max(value - half, Decimal(0)), value + half
    elif qualifier == "approximately":
        low, high = max((value - half) * (1 - APPROXIMATION), Decimal(0)), (value + half) * (1 + APPROXIMATION)
    elif qualifier in ("more-than", "at-least"):
        low, high = value, None
    else:  # up-to, at-most, less-than
        low, high = Decimal(0), value
    return _normalize(low), None if high is None else _normalize(high)


@dataclass(frozen=True)
class DateValue:
    """An ISO date, year-month or year, with the XSD datatype that fits it."""

    lexical: str
    datatype: str  # "date" | "gYearMonth" | "gYear"


QUALIFIERS: dict[str, str] = {
    # English
    "about": "approximately", "around": "approximately", "approximately": "approximately",
    "approx.": "approximately", "roughly": "approximately", "some": "approximately",
    "nearly": "approximately", "almost": "approximately", "circa": "approximately",
    "ca.": "approximately", "c.": "approximately", "an estimated": "approximately",
    "more than": "more-than", "over": "more-than", "upwards of": "more-than",
    "at least": "at-least", "up to": "up-to", "as much as": "up-to",
    "less than": "less-than", "under": "less-than", "at most": "at-most",
    "close to": "approximately", "just over": "more-than", "a little over": "more-than",
    "well over": "more-than", "in excess of": "more-than", "exceeding": "more-than",
    "could exceed": "more-than", "could top": "more-than", "just under": "less-than",
    # Dutch
    "ongeveer": "approximately", "zo'n": "approximately", "zo’n": "approximately",
    "bijna": "approximately", "rond": "approximately", "ruwweg": "approximately",
    "naar schatting": "approximately",
    "ruim": "more-than", "meer dan": "more-than", "minstens": "at-least", "ten minste": "at-least",
    "tenminste": "at-least", "tot": "up-to", "tot wel": "up-to", "maximaal": "at-most",
    "hooguit": "at-most", "minder dan": "less-than", "nog geen": "less-than",
    # French
    "environ": "approximately", "près de": "approximately", "quelque": "approximately",
    "quelques": "approximately", "plus de": "more-than", "au moins": "at-least",
    "jusqu'à": "up-to", "jusqu’à": "up-to", "moins de": "less-than", "au plus": "at-most",
    "un peu plus de": "more-than", "un peu moins de": "less-than", "près d'": "approximately",
    "près d’": "approximately",
}

# scale word -> (power of ten, language it settles the number style for, or "")
SCALES: dict[str, tuple[int, str]] = {
    "thousand": (3, "en"), "k": (3, ""), "million": (6, ""), "millions": (6, "fr"),
    "mn": (6, "en"), "mln": (6, ""), "mln.": (6, ""), "m": (6, "en"),
    "billion": (9, "en"), "billions": (9, "en"), "bn": (9, "en"), "b": (9, "en"),
    "trillion": (12, "en"), "tn": (12, "en"),
    "duizend": (3, "nl"), "miljoen": (6, "nl"), "miljard": (9, "nl"), "mld": (9, "nl"),
    "mld.": (9, "nl"), "mrd": (9, "nl"), "mrd.": (9, "nl"), "biljoen": (12, "nl"),
    "mille": (3, "fr"), "milliard": (9, "fr"), "milliards": (9, "fr"), "md": (9, "fr"),
    "mds": (9, "fr"), "md€": (9, "fr"),
}
FRENCH_BILLION = 12

CURRENCY_WORDS: dict[str, str] = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "us-dollar": "USD", "amerikaanse dollar": "USD", "dollars américains": "USD",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "pond": "GBP",
    "livres": "GBP", "livre sterling": "GBP", "chf": "CHF", "zwitserse frank": "CHF",
    "francs suisses": "CHF", "¥": "JPY", "jpy": "JPY", "yen": "JPY", "cny": "CNY",
    "yuan": "CNY", "renminbi": "CNY", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
    "cad": "CAD", "c$": "CAD", "aud": "AUD", "a$": "AUD", "inr": "INR", "krw": "KRW",
    "r": "ZAR", "rand": "ZAR",  # South African rand, written "R80 billion"
}
# a currency's minor unit, as share prices in London are written ("GBX 141.80": 141.80 pence):
# word -> (ISO 4217 code, how many of them make one unit)
MINOR_UNITS: dict[str, tuple[str, int]] = {"gbx": ("GBP", 100), "pence": ("GBP", 100)}
# ISO 4217 codes accepted when written as a code (a short, curated list; extend as needed).
ISO_4217 = frozenset({
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "SEK", "NOK", "DKK", "CAD", "AUD", "INR",
    "KRW", "SGD", "HKD", "TWD", "BRL", "MXN", "PLN", "CZK", "HUF", "ILS", "AED", "SAR",
    "ZAR", "NZD", "TRY", "RUB",
})

_SPACE = r"[ \u00a0\u202f]"
_NUMBER = r"-?\d[\d.,\u00a0\u202f '’]*\d|-?\d"
_CURRENCY_PATTERN = "|".join(
    sorted((re.escape(w) for w in (*CURRENCY_WORDS, *MINOR_UNITS)), key=len, reverse=True)
    + [r"[A-Z]{3}"]
)
_SCALE_PATTERN = "|".join(sorted((re.escape(w) for w in SCALES), key=len, reverse=True))
_QUALIFIER_PATTERN = "|".join(sorted((re.escape(w) for w in QUALIFIERS), key=len, reverse=True))

_AMOUNT_RE = re.compile(
    rf"""^(?:(?P<qual>{_QUALIFIER_PATTERN}){_SPACE}+)?
        (?:(?P<cur1>{_CURRENCY_PATTERN}){_SPACE}*)?
        (?P<num>{_NUMBER})
        (?:{_SPACE}*(?P<scale>{_SCALE_PATTERN})(?![a-z]))?
        (?:{_SPACE}*(?:d['’]|de{_SPACE}+)?(?P<cur2>{_CURRENCY_PATTERN}))?$""",
    re.IGNORECASE | re.VERBOSE,
)
_PERCENT_RE = re.compile(
    rf"""^(?:(?P<qual>{_QUALIFIER_PATTERN}){_SPACE}+)?
        \+?(?P<num>{_NUMBER}){_SPACE}*
        (?:%|procent|percent|per{_SPACE}cent|pct\.?|pour{_SPACE}cent|pourcent)$""",
    re.IGNORECASE | re.VERBOSE,
)
_CONVERSION_RE = re.compile(r"^(?P<main>.+?)\s*\((?P<conv>[^()]+)\)$")

AMOUNT_HINT = ("write it as the article does, e.g. '1,3 miljard euro', 'EUR 1.3 billion', "
               "'$1.5bn' or 'EUR 1.3 billion ($1.5 billion)'")


_IMPLIED_CURRENCY_RE = re.compile(r"^(?P<main>.+?)\s*\[(?P<code>[^\]]*)\]$")


def parse_amount(text: str, *, language: str) -> Amount:
    """Parse a money amount written in ``language`` ("nl", "en" or "fr"). An amount the article
    writes without a currency takes it in brackets from the curator: ``132 millions [EUR]``."""
    original = " ".join(text.split())
    implied = _IMPLIED_CURRENCY_RE.match(original)
    if implied:
        code, main = implied["code"].strip(), implied["main"]
        if code not in ISO_4217:
            raise ValueFormatError(f"'[{code}]' is not an ISO 4217 currency code; write e.g. '{main} [EUR]'")
        try:
            _parse_single_amount(main, main, language)
        except ValueFormatError:
            amount = _parse_single_amount(f"{main} {code}", main, language)
            return Amount(amount.value, amount.currency, main, amount.qualifier, step=amount.step,
                          currency_implied=True)
        raise ValueFormatError(f"'{main}' writes its currency; drop '[{code}]' (brackets are for an amount "
                               "the article gives without one)")
    match = _CONVERSION_RE.match(original)
    if match:
        main = _parse_single_amount(match["main"], original, language)
        converted = _parse_single_amount(match["conv"], match["conv"], language)
        if converted.currency == main.currency:
            raise ValueFormatError(
                f"'{original}': the amount in brackets has the same currency as the main amount; "
                "brackets are for a conversion into another currency")
        return Amount(main.value, main.currency, original, main.qualifier, converted, step=main.step)
    return _parse_single_amount(original, original, language)


#: number words an article writes before a scale word ("un milliard", "one billion", "twee miljard")
NUMBER_WORDS: dict[str, str] = {
    "a": "1", "an": "1", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10",
    "een": "1", "één": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5", "zes": "6", "zeven": "7",
    "acht": "8", "negen": "9", "tien": "10",
    "un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "sept": "7", "huit": "8",
    "neuf": "9", "dix": "10",
}
_NUMBER_WORD_RE = re.compile(
    rf"(?:\b(?P<de>d['’])|\b)(?P<word>{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})"
    rf"(?={_SPACE}+(?:{_SCALE_PATTERN})\b)", re.IGNORECASE)


def _digits_for_number_words(text: str) -> str:
    """'plus d'un milliard' -> 'plus de 1 milliard': a number word before a scale word is a number."""
    return _NUMBER_WORD_RE.sub(lambda m: ("de " if m["de"] else "") + NUMBER_WORDS[m["word"].lower()], text)


#: a range of amounts: two figures sharing one scale word and one currency, joined by a dash or by
#: "à", "to", "tot" ("between ... and", "tussen ... en", "entre ... et"); docs/claim-format.md has examples
_RANGE_RE = re.compile(
    rf"""^(?:(?P<between>between|tussen|entre){_SPACE}+)?
        (?:(?P<cur>{_CURRENCY_PATTERN}){_SPACE}*)?
        (?P<low>{_NUMBER}){_SPACE}*(?:-|–|{_SPACE}(?:à|to|tot|and|en|et){_SPACE})
        {_SPACE}*(?P<rest>\d.*)$""",
    re.IGNORECASE | re.VERBOSE,
)


def _parse_range(text: str, original: str, language: str) -> Amount | None:
    """A range of two figures sharing their scale and currency, or None when ``text`` is no range."""
    match = _RANGE_RE.match(text.strip())
    if not match:
        return None
    rest = f"{match['cur']} {match['rest']}" if match["cur"] else match["rest"]
    high = _parse_single_amount(rest, original, language)
    if high.qualifier != "exact" or high.upper is not None:
        return None
    written = parse_number(match["low"], style=language)
    # the low figure takes the high one's scale word and unit (the text writes them once, after the high one)
    high_number = _RANGE_HIGH_NUMBER.match(match["rest"])
    scale = high.value / parse_number(high_number[0], style=language) if high.value and high_number else Decimal(0)
    low = _normalize(written * scale)
    if low >= high.value:
        raise ValueFormatError(f"'{original}': a range goes from the lower figure to the higher one")
    return Amount(low, high.currency, original, "between", step=high.step, upper=high.value)


_RANGE_HIGH_NUMBER = re.compile(_NUMBER)


def _parse_single_amount(text: str, original: str, language: str) -> Amount:
    text = _digits_for_number_words(text)
    ranged = _parse_range(text, original, language) if not text.startswith("-") else None
    if ranged is not None:
        return ranged
    match = _AMOUNT_RE.match(text.strip())
    if not match:
        raise ValueFormatError(f"cannot read '{text.strip()}' as an amount of money")
    currencies = [c for c in (match["cur1"], match["cur2"]) if c]
    if len(currencies) != 1:
        what = "no currency" if not currencies else "two currencies"
        raise ValueFormatError(f"'{text.strip()}' has {what}; an amount needs exactly one")
    currency, per_unit = MINOR_UNITS.get(currencies[0].lower(), (None, 1))
    currency = currency or _currency_code(currencies[0])
    scale_word = (match["scale"] or "").lower()
    power, scale_language = SCALES.get(scale_word, (0, ""))
    style = scale_language or language
    if scale_word in ("billion", "billions") and language == "fr":
        power, style = FRENCH_BILLION, "fr"
    written = parse_number(match["num"], style=style)
    number = written / per_unit
    value = number * (Decimal(10) ** power)
    if value < 0:
        raise ValueFormatError(f"'{text.strip()}' is negative; an amount must be zero or more")
    if value >= MAX_AMOUNT:
        raise ValueFormatError(f"'{text.strip()}' is {value:.3E} {currency}, more than any deal is worth; "
                               "check the number and its scale word")
    qualifier = QUALIFIERS[match["qual"].lower()] if match["qual"] else "exact"
    step = _last_digit(written) * (Decimal(10) ** power) / per_unit
    return Amount(_normalize(value), currency, original, qualifier, step=step)


def _currency_code(word: str) -> str:
    code = CURRENCY_WORDS.get(word.lower())
    if code:
        return code
    if word.upper() == word and word in ISO_4217:
        return word
    raise ValueFormatError(f"unknown currency '{word}'; use an ISO 4217 code such as EUR, USD or GBP")


#: significant digits a number may have (decimal arithmetic is exact to 28)
MAX_DIGITS = 20
#: amounts from here on are refused: a wrong scale word, not a deal (10^16)
MAX_AMOUNT = Decimal(10) ** 16


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parse_number(text: str, *, style: str) -> Decimal:
    """Read a number in the style of a language: en ``1,300.5``; nl/fr ``1.300,5`` or ``1 300,5``."""
    digits = re.sub(r"[\u00a0\u202f ]", " ", text.strip())
    if style == "fr":  # Swiss French groups thousands with an apostrophe: 60'000
        digits = re.sub(r"(?<=\d)['’](?=\d{3})", " ", digits)
    negative = digits.startswith("-")
    digits = digits.lstrip("-")
    decimal_sep, group_seps = (".", ",") if style == "en" else (",", ". ")
    if digits.count(decimal_sep) > 1:
        raise ValueFormatError(f"'{text}' has more than one decimal separator '{decimal_sep}'")
    whole, _, fraction = digits.partition(decimal_sep)
    groups = re.split("[" + re.escape(group_seps) + "]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise ValueFormatError(
            f"'{text}' is not a valid number in '{style}' style (thousands come in groups of three)")
    if not all(_ascii_digits(g) for g in groups) or (fraction and not _ascii_digits(fraction)):
        raise ValueFormatError(f"'{text}' is not a number")
    if len(groups) > 1 and groups[0] == "0":
        # '0,100' in English or '0.100' in Dutch: a thousands separator after a lone 0 is
        # almost surely a decimal separator of another language; refuse rather than guess
        decimal_written = "0" + decimal_sep + "".join(groups[1:])
        raise ValueFormatError(
            f"'{text}' does not fit the article's number style ('{style}': '{decimal_sep}' is the decimal "
            f"separator, '{group_seps[0]}' groups thousands); for the fraction write {decimal_written}")
    significant = len("".join(groups).lstrip("0") + fraction)
    if significant > MAX_DIGITS:
        raise ValueFormatError(f"'{text}' has {significant} digits; at most {MAX_DIGITS} are read "
                               "(no article gives an amount that exact)")
    try:
        value = Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation:  # pragma: no cover - guarded by the digit checks
        raise ValueFormatError(f"'{text}' is not a number") from None
    return -value if negative else value


def parse_percentage(text: str, *, language: str, over_100: bool = False) -> Percentage:
    """Parse ``11 procent``, ``11%``, ``about 11.5 per cent``; the value must lie in 0..100
    (with ``over_100``, a premium or a growth rate, from 0 up)."""
    original = " ".join(text.split())
    match = _PERCENT_RE.match(original)
    if not match:
        raise ValueFormatError(f"cannot read '{original}' as a percentage")
    value = parse_number(match["num"], style=language)
    if value < 0:
        raise ValueFormatError(f"percentage {value} is negative; write the figure and say 'direction: down'"
                               if over_100 else f"percentage {value} is outside 0-100")
    if value > 100 and not over_100:
        raise ValueFormatError(f"percentage {value} is outside 0-100")
    qualifier = QUALIFIERS[match["qual"].lower()] if match["qual"] else "exact"
    return Percentage(_normalize(value), original, qualifier, _last_digit(value))


@dataclass(frozen=True)
class Quantity:
    """A number with a unit: ``Quantity(Decimal("10"), "GW", "10 GW")``; the unit is a UCUM code
    (``{employee}`` for a count of employees, as UCUM writes counts of things)."""

    value: Decimal
    unit: str
    original: str
    qualifier: str = "exact"
    step: Decimal = Decimal(0)

    @property
    def counts(self) -> bool:
        """Whether the unit counts things (employees, customers) rather than measuring (GW)."""
        return self.unit.startswith("{")

    def bounds(self) -> tuple[Decimal, Decimal | None]:
        return value_bounds(self.value, self.step, self.qualifier)


#: unit word (en, nl, fr; singular and plural) -> UCUM code
UNITS: dict[str, str] = {
    **{w: "GW" for w in ("gw", "gigawatt", "gigawatts")},
    **{w: "MW" for w in ("mw", "megawatt", "megawatts")},
    **{w: "kW" for w in ("kw", "kilowatt", "kilowatts")},
    **{w: "GW.h" for w in ("gwh", "gigawattuur", "gigawatt-hour", "gigawatt-hours")},
    **{w: "MW.h" for w in ("mwh", "megawattuur", "megawatt-hour", "megawatt-hours")},
    **{w: "TW.h" for w in ("twh", "terawattuur", "terawatt-hour", "terawatt-hours")},
    **{w: "{employee}" for w in ("employee", "employees", "staff", "people", "workers", "werknemers",
                                 "medewerkers", "personeelsleden", "mensen", "employés", "salariés",
                                 "collaborateurs", "personnes")},
    **{w: "{customer}" for w in ("customer", "customers", "clients", "client", "klanten", "klant")},
    **{w: "{user}" for w in ("user", "users", "gebruikers", "gebruiker", "utilisateurs", "utilisateur")},
    **{w: "{order}" for w in ("order", "orders", "bestellingen", "commandes")},
    **{w: "{country}" for w in ("country", "countries", "landen", "pays")},
    **{w: "{market}" for w in ("market", "markets", "markten", "marchés")},
    **{w: "{partner}" for w in ("partner", "partners", "partenaires")},
    **{w: "{city}" for w in ("cities", "towns", "cities and towns", "steden", "villes")},
    **{w: "{GPU}" for w in ("gpu", "gpus", "chips")},
}
_UNIT_PATTERN = "|".join(sorted((re.escape(w) for w in UNITS), key=len, reverse=True))
_QUANTITY_RE = re.compile(
    rf"""^(?:(?P<qual>{_QUALIFIER_PATTERN}){_SPACE}+)?
        (?P<num>{_NUMBER})
        (?:{_SPACE}*(?P<scale>{_SCALE_PATTERN})(?![a-z]))?
        (?:{_SPACE}*(?:d['’]|de{_SPACE}+)?(?P<unit>[^\d]+?))?$""",
    re.IGNORECASE | re.VERBOSE,
)
QUANTITY_HINT = "write a number and a unit as the article does, e.g. '10 GW', 'about 900 employees', '653 miljoen bestellingen'"


def parse_quantity(text: str, *, language: str) -> Quantity:
    """Parse a number with a unit: ``10 GW``, ``ongeveer 900 werknemers``, ``653 millions de commandes``."""
    original = " ".join(text.split())
    match = _QUANTITY_RE.match(_digits_for_number_words(original))
    if not match:
        if _AMOUNT_RE.match(original):
            raise ValueFormatError(f"'{original}' is an amount of money; write it under 'amount'")
        raise ValueFormatError(f"cannot read '{original}' as a number with a unit")
    word = (match["unit"] or "").strip().lower()
    if not word:
        raise ValueFormatError(f"'{original}' has no unit")
    if word in CURRENCY_WORDS or word.upper() in ISO_4217:
        raise ValueFormatError(f"'{original}' is an amount of money; write it under 'amount'")
    if word not in UNITS:
        raise ValueFormatError(f"unknown unit '{match['unit'].strip()}' in '{original}' (known: GW, MW, "
                               "MWh, employees, customers, users, orders, countries, markets, partners, ...); "
                               "write the unit alone ('customers', not 'active customers')")
    scale_word = (match["scale"] or "").lower()
    power, scale_language = SCALES.get(scale_word, (0, ""))
    style = scale_language or language
    if scale_word in ("billion", "billions") and language == "fr":
        power, style = FRENCH_BILLION, "fr"
    number = parse_number(match["num"], style=style)
    if number < 0:
        raise ValueFormatError(f"'{original}' is negative; a quantity must be zero or more")
    qualifier = QUALIFIERS[match["qual"].lower()] if match["qual"] else "exact"
    value = number * (Decimal(10) ** power)
    return Quantity(_normalize(value), UNITS[word], original, qualifier,
                    _last_digit(number) * (Decimal(10) ** power))


def _last_digit(number: Decimal) -> Decimal:
    """One unit of the last digit of a number as read (before normalizing): 14.3 -> 0.1, 645 -> 1."""
    exponent = number.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(text: str) -> DateValue:
    """Parse ``2025-09-09``, ``2025-09`` or ``2025``; impossible dates are refused."""
    match = _DATE_RE.match(text.strip())
    if not match:
        raise ValueFormatError(f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = match.groups()
    try:
        if day:
            dt.date(int(year), int(month), int(day))
            return DateValue(text.strip(), "date")
        if month:
            dt.date(int(year), int(month), 1)
            return DateValue(text.strip(), "gYearMonth")
    except ValueError as exc:
        raise ValueFormatError(f"'{text}' is not a real date ({exc})") from None
    return DateValue(text.strip(), "gYear")


def _normalize(value: Decimal) -> Decimal:
    """Drop exponent and trailing zeros so equal amounts print alike (1.30E+9 -> 1300000000)."""
    normalized = value.normalize()
    if normalized == normalized.to_integral():
        return normalized.quantize(Decimal(1))
    return normalized
