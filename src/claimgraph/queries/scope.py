"""Scoping a query to some sources, a publication period or some modalities.

A scoped answer is computed as if only the claims in scope existed, as far as the query's
claim variables reach: in the main query and in each sub-query whose ``WHERE`` group uses a
claim variable (``?claim``, ``?claimA``, ``?someClaim``; not ``?claims`` or ``?claimType``),
every solution must bind each of them to a claim in scope, checked by a ``FILTER EXISTS`` at
the end of that group. So counts in a sub-query (``events``) count only claims in scope, and a
row that names no claim (an inferred relation with no single fact behind it) is left out.

The filter is the same SPARQL for the embedded store and for any endpoint. The chosen
sources, dates and modalities are RDF terms in ``VALUES`` blocks, serialized and checked like
parameter values (:func:`claimgraph.queries.saved.insert_values`), never pasted into the
query; the place of the filter is found with the query tokenizer, so braces in strings or
comments are never taken.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pyoxigraph as ox

from claimgraph.claims.values import ValueFormatError, parse_date
from claimgraph.queries.formats import solutions
from claimgraph.queries.saved import (_TERM, XSD, ParameterError, QueryError, SavedQuery, _outer_where, _significant,
                                      serialize_iri, serialize_literal)
from claimgraph.rdf.namespaces import CG
from claimgraph.rdf.vocabulary import MODALITY
from claimgraph.stores.embedded import QueryEngine

#: a claim variable: ``claim``, ``claim`` and one capital or digits (``claimA``), or ``...Claim``
_CLAIM_VARIABLE = re.compile(r"claim(?:[A-Z]|\d+)?|[a-z][A-Za-z0-9]*Claim(?:[A-Z]|\d+)?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PREFIX = "claimgraph_scope_"
DCT_ISSUED = "http://purl.org/dc/terms/issued"
DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"

SOURCE_IDS_QUERY = f"SELECT ?source ?id WHERE {{ ?source a <{CG.Article}> ; <{DCT_IDENTIFIER}> ?id }}"


@dataclass(frozen=True)
class Scope:
    """Which claims an answer may come from; an empty scope keeps every claim.

    ``sources``: source ids (``techzine-2025-09-09-asml-mistral``); ``published_since`` and
    ``published_until``: days (``YYYY-MM-DD``), both included; a source whose date is a month
    or a year is in the period when that month or year overlaps it; an undated source is in no
    period. ``modalities``: claim-file words (``fact``, ``rumour``, ...).
    """

    sources: tuple[str, ...] = ()
    published_since: str | None = None
    published_until: str | None = None
    modalities: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sources or self.published_since or self.published_until or self.modalities)


def scoped_text(engine: QueryEngine, query: SavedQuery, text: str, scope: Scope) -> str:
    """``text`` (the query with its parameters bound) restricted to the claims in ``scope``.

    Raises:
        ParameterError: an unknown source id (with the closest ids), a date that is not a
            day, a period that ends before it starts, an unknown modality (exit 2).
        QueryError: the query has no claim variable, so nothing in it can be scoped.
    """
    if not scope:
        return text
    values = _scope_values(engine, scope)
    if _PREFIX in text:
        raise QueryError(f"{query.path}: variables starting with ?{_PREFIX} are reserved for scoping")
    tokens = _significant(text)
    inserts = []
    for close, variables in _query_groups(tokens, text, str(query.path)):
        claims = sorted(v for v in variables if _CLAIM_VARIABLE.fullmatch(v))
        if claims:
            inserts.append((close, "".join(_claim_filter(v, values) for v in claims)))
    if not inserts:
        raise QueryError(f"query '{query.name}' cannot be scoped: it has no claim variable (?claim, ?claimA, "
                         "?someClaim, ...) to limit to sources, a period or modalities")
    for at, inserted in sorted(inserts, reverse=True):
        text = text[:at] + inserted + text[at:]
    return text


def _scope_values(engine: QueryEngine, scope: Scope) -> dict[str, list[str]]:
    """Each scope variable (without the prefix) -> its serialized terms, every one checked."""
    values: dict[str, list[str]] = {}
    if scope.sources:
        values["source"] = [serialize_iri(iri) for iri in _source_iris(engine, scope.sources)]
    for name, day in (("since", scope.published_since), ("until", scope.published_until)):
        if day is not None:
            values[name] = [serialize_literal(_day(name, day), datatype=XSD + "date")]
    if scope.published_since and scope.published_until and scope.published_since > scope.published_until:
        raise ParameterError(f"--published-until {scope.published_until} is before --published-since "
                             f"{scope.published_since}; give a period that ends after it starts")
    if scope.modalities:
        unknown = [m for m in scope.modalities if m not in MODALITY]
        if unknown:
            raise ParameterError(f"--modality {unknown[0]}: not a modality; use one of {', '.join(MODALITY)}")
        values["modality"] = [serialize_iri(str(MODALITY[m])) for m in dict.fromkeys(scope.modalities)]
    for terms in values.values():
        for term in terms:
            if not _TERM.fullmatch(term):  # (serialized above: this only guards the guard)
                raise ValueError(f"{term!r} is not one serialized RDF term")
    return values


def _day(name: str, value: str) -> str:
    flag = f"--published-{name}"
    try:
        parse_date(value)
    except ValueFormatError:
        raise ParameterError(f"{flag} {value!r}: not a date; write YYYY-MM-DD") from None
    if not _DAY.fullmatch(value):
        raise ParameterError(f"{flag} {value!r}: not a day; write YYYY-MM-DD")
    return value


def _source_iris(engine: QueryEngine, ids: tuple[str, ...]) -> list[str]:
    """The IRI of each source id, as the store has it; an unknown id is an error naming the closest."""
    answer = engine.run(SOURCE_IDS_QUERY, form="SELECT", asserted_only=True)
    known = {row["id"].value: row["source"].value for row in solutions(answer)
             if isinstance(row["id"], ox.Literal) and isinstance(row["source"], ox.NamedNode)}
    iris = []
    for wanted in dict.fromkeys(ids):
        if wanted not in known:
            close = difflib.get_close_matches(wanted, sorted(known), n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(close)}?" if close else "the ids are the names of data/claims/*.yaml"
            raise ParameterError(f"--source {wanted!r}: no source has this id; {hint}", close)
        iris.append(known[wanted])
    return iris


def _claim_filter(variable: str, values: dict[str, list[str]]) -> str:
    """``FILTER`` keeping the solutions whose ``?variable`` is a claim in scope."""
    s, m, p = (f"?{_PREFIX}{n}" for n in ("source", "modality", "published"))
    parts = [f"?{variable} <{CG.source}> {s} ; <{CG.modality}> {m} ."]
    parts += [f"VALUES ?{_PREFIX}{name} {{ {' '.join(terms)} }}" for name, terms in sorted(values.items())]
    if "since" in values or "until" in values:
        parts.append(f"{s} <{DCT_ISSUED}> {p} .")
        # a month or a year is compared with the day cut to its length, as text: "2025-06" is
        # on or after 2025-06-12 and on or before 2025-06-01, since it overlaps both periods
        for name, op in (("since", ">="), ("until", "<=")):
            if name in values:
                parts.append(f"FILTER (STR({p}) {op} SUBSTR(STR(?{_PREFIX}{name}), 1, STRLEN(STR({p}))))")
    return f"\n  FILTER (BOUND(?{variable}) && EXISTS {{ {' '.join(parts)} }})"


def _query_groups(tokens, text: str, where: str) -> list[tuple[int, set[str]]]:
    """For the main query's WHERE group and each sub-query's: the offset of its closing '}' and
    the variables its solutions may bind (those of nested sub-queries only as they project them;
    none from inside EXISTS, NOT EXISTS or MINUS, which bind nothing)."""
    opened = _outer_where(tokens, text, where) - 1
    starts = [next(i for i, t in enumerate(tokens) if t.start == opened)]
    starts += [_subquery_group(tokens, i) for i in range(len(tokens) - 1)
               if tokens[i].value == "{" and tokens[i + 1].kind == "word" and tokens[i + 1].value.upper() == "SELECT"]
    return [_group_variables(tokens, start) for start in starts]


def _subquery_group(tokens, brace: int) -> int:
    """The index of the '{' opening the WHERE group of the sub-query that starts at ``brace``."""
    found = next((i for i in range(brace + 2, len(tokens)) if tokens[i].value == "{"), None)
    if found is None:  # (the syntax check ran before: never reached)
        raise QueryError("a sub-query without a WHERE group")
    return found


def _matching(tokens, start: int) -> int:
    depth = 0
    for i in range(start, len(tokens)):
        if tokens[i].value == "{":
            depth += 1
        elif tokens[i].value == "}":
            depth -= 1
            if depth == 0:
                return i
    raise QueryError("unbalanced braces")  # (the syntax check ran before: never reached)


def _group_variables(tokens, start: int) -> tuple[int, set[str]]:
    end = _matching(tokens, start)
    found: set[str] = set()
    i = start + 1
    while i < end:
        tok = tokens[i]
        previous = tokens[i - 1]
        if tok.value == "{" and previous.kind == "word" and previous.value.upper() in ("EXISTS", "MINUS"):
            i = _matching(tokens, i) + 1
            continue
        if tok.value == "{" and tokens[i + 1].kind == "word" and tokens[i + 1].value.upper() == "SELECT":
            group = _subquery_group(tokens, i)
            projection = tokens[i + 2:group]
            found |= (_group_variables(tokens, group)[1] if _selects_all(projection) else _projected(projection))
            i = _matching(tokens, i) + 1
            continue
        if tok.kind == "word" and previous.value in ("?", "$") and previous.start + 1 == tok.start:
            found.add(tok.value)
        i += 1
    return tokens[end].start, found


def _selects_all(projection) -> bool:
    """``SELECT *`` (a '*' outside parentheses, not the one of ``COUNT(*)``)."""
    depth = 0
    for tok in projection:
        depth += tok.value == "("
        depth -= tok.value == ")"
        if tok.value == "*" and depth == 0:
            return True
    return False


def _projected(tokens) -> set[str]:
    """The variables a sub-query's projection names: bare ones, and those after AS."""
    found, depth = set(), 0
    for i, tok in enumerate(tokens):
        if tok.value == "(":
            depth += 1
        elif tok.value == ")":
            depth -= 1
        elif tok.kind == "word" and i and tokens[i - 1].value in ("?", "$") and tokens[i - 1].start + 1 == tok.start:
            before = tokens[i - 2].value.upper() if i >= 2 else ""
            if depth == 0 or before == "AS":
                found.add(tok.value)
    return found
