"""Answer a saved query: resolve parameter values to RDF terms, bind them, run, label.

A value for an ``_iri`` parameter may be an IRI (``<https://...>`` or ``https://...``), a
CURIE (``cgi:asml``), or an entity's id, label or alias in any language, matched
case-insensitively in the store itself. Name lookups bind the name as a literal too, so
no value is ever pasted into query text.
"""

from __future__ import annotations

import difflib
import re

import pyoxigraph as ox

from claimgraph.claims.values import ValueFormatError, parse_date
from claimgraph.rdf.namespaces import GRAPH_ASSERTED, GRAPH_ONTOLOGY
from claimgraph.stores.embedded import QueryEngine, RawAnswer
from claimgraph.stores.persistent import StoreEngine, index_digest
from claimgraph.rdf.namespaces import PREFIXES, sparql_prologue
from claimgraph.queries.saved import (XSD, ParameterError, SavedQuery, bind_values, insert_values, page_text,
                                     serialize_iri, serialize_literal)
from claimgraph.queries.formats import solutions
from claimgraph.queries.scope import Scope, scoped_text

_ABSOLUTE_IRI = re.compile(r"^(https?|urn|mailto|file|tag):", re.IGNORECASE)
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):(\S*)$")

#: what a parameter value may name: an entity of the registry by label, alias or id, or an event by its id
_NAMED = """
  {
    ?entity dct:source ?dataset . ?dataset a cg:Dataset .
    { ?entity rdfs:label ?name } UNION { ?entity skos:altLabel ?name } UNION { ?entity dct:identifier ?name }
  } UNION {
    ?claim cg:event ?entity . ?entity dct:identifier ?name .
  }"""

ENTITY_NAMES_QUERY = sparql_prologue() + """
SELECT DISTINCT ?entity ?name WHERE {""" + _NAMED + """
  FILTER (LCASE(STR(?name)) = LCASE(STR(?wanted)))
}"""

#: the same lookup as an index in the query store on disk, made once when the store is filled
#: (by Oxigraph's own LCASE, so it matches exactly what ENTITY_NAMES_QUERY's FILTER matches); a
#: graph that no saved query sees (each names its graphs)
NAME_INDEX_GRAPH = "urn:claimgraph:store:names"
NAME_INDEX_UPDATE = sparql_prologue() + f"""
INSERT {{ GRAPH <{NAME_INDEX_GRAPH}> {{ ?entity <{NAME_INDEX_GRAPH}#name> ?key }} }}
USING <{GRAPH_ONTOLOGY}> USING <{GRAPH_ASSERTED}>
WHERE {{""" + _NAMED + """
  BIND (LCASE(STR(?name)) AS ?key)
}"""
INDEXED_NAMES_QUERY = f"""
SELECT DISTINCT ?entity WHERE {{
  BIND (LCASE(STR(?wanted)) AS ?key)
  GRAPH <{NAME_INDEX_GRAPH}> {{ ?entity <{NAME_INDEX_GRAPH}#name> ?key }}
}}"""

ALL_NAMES_QUERY = sparql_prologue() + """
SELECT DISTINCT ?name WHERE {
  ?entity dct:source ?dataset . ?dataset a cg:Dataset .
  { ?entity rdfs:label ?name } UNION { ?entity skos:altLabel ?name } UNION { ?entity dct:identifier ?name }
}"""

LABELS_QUERY = sparql_prologue() + """
SELECT ?s ?label WHERE { ?s rdfs:label ?label }"""


def run_saved_query(engine: QueryEngine, query: SavedQuery, values: dict[str, str], *,
                    asserted_only: bool = False, tsv: bool = False, scope: Scope | None = None,
                    page: int | None = None) -> RawAnswer:
    """Resolve ``values`` (parameter name -> user text), bind them and run ``query`` (``tsv``:
    see :meth:`QueryEngine.run`), limited to the claims in ``scope``; with ``page``, that page of
    a paginated query and one row more (:func:`claimgraph.queries.saved.page_text`)."""
    terms = resolve_parameters(engine, query, values)
    text = bind_values(query, terms)
    if scope:
        text = scoped_text(engine, query, text, scope)
    if page is not None:
        text = page_text(query, text, page)
    return engine.run(text, form=query.form, asserted_only=asserted_only, tsv=tsv)


def resolve_parameters(engine: QueryEngine, query: SavedQuery, values: dict[str, str]) -> dict[str, str]:
    known = {p.name for p in query.params}
    for name in values:
        if name not in known:
            takes = ", ".join(sorted(known)) or "no parameters"
            raise ParameterError(f"unknown parameter '{name}' for query '{query.name}'; it takes: {takes}")
    terms: dict[str, str] = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            if param.required:
                raise ParameterError(
                    f"query '{query.name}' needs parameter '{param.name}' ({param.description}); "
                    f"for example: -p {param.name}=\"{param.example}\"")
            continue
        terms[param.name] = _term(engine, param.name, param.kind, value)
    return terms


def _term(engine: QueryEngine, name: str, kind: str, value: str) -> str:
    try:
        if kind == "iri":
            return serialize_iri(resolve_entity(engine, name, value))
        if kind == "string" or kind == "literal":
            return serialize_literal(value)
        if kind.startswith("lang:"):
            return serialize_literal(value, lang=kind[5:])
        datatype = kind[4:]
        if datatype == "date":
            parse_date(value)
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                raise ValueFormatError(f"'{value}' is not a date; write YYYY-MM-DD")
        elif datatype in ("integer", "decimal") and not re.match(r"^-?\d+(\.\d+)?$", value):
            raise ValueFormatError(f"'{value}' is not a number")
        return serialize_literal(value, datatype=XSD + datatype)
    except (ValueError, ValueFormatError) as exc:
        raise ParameterError(f"-p {name}: {exc}") from None


def resolve_entity(engine: QueryEngine, name: str, value: str) -> str:
    """An IRI for ``value``: an IRI, a CURIE with a claimgraph prefix, or an entity name."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if _ABSOLUTE_IRI.match(text):
        return text
    curie = _CURIE.match(text)
    if curie and curie.group(1) in PREFIXES:
        return str(PREFIXES[curie.group(1)]) + curie.group(2)
    found = _entities_named(engine, text)
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(found)
        raise ParameterError(f"-p {name}: '{value}' is ambiguous; it names {listed}; give one of these IRIs",
                               found)
    names: dict[str, str] = {}
    for candidate in _all_names(engine):
        names.setdefault(candidate.casefold(), candidate)
    close = difflib.get_close_matches(text.casefold(), list(names), n=3, cutoff=0.6)
    shown = [names[c] for c in close]
    hint = f"; closest names: {', '.join(repr(n) for n in shown)}" if shown else ""
    raise ParameterError(f"-p {name}: no entity is named '{value}'{hint}", shown)


def _entities_named(engine: QueryEngine, text: str) -> list[str]:
    if isinstance(engine, StoreEngine) and index_digest(NAME_INDEX_UPDATE) in engine.indexes:
        query = insert_values(INDEXED_NAMES_QUERY, {"wanted": [serialize_literal(text)]})
        answer = engine.run_on_graphs(query, [NAME_INDEX_GRAPH])
    else:
        query = insert_values(ENTITY_NAMES_QUERY, {"wanted": [serialize_literal(text)]})
        answer = engine.run(query, form="SELECT", asserted_only=True)
    return sorted({row["entity"].value for row in solutions(answer) if isinstance(row["entity"], ox.NamedNode)})


def _all_names(engine: QueryEngine) -> list[str]:
    answer = engine.run(ALL_NAMES_QUERY, form="SELECT", asserted_only=True)
    return sorted({row["name"].value for row in solutions(answer) if isinstance(row["name"], ox.Literal)})


def label_lookup(engine: QueryEngine, lang: str):
    """A function IRI list -> {IRI: label}, preferring ``lang``, then English, then any."""

    def lookup(iris: list[str]) -> dict[str, str]:
        query = insert_values(LABELS_QUERY, {"s": [serialize_iri(i) for i in iris]})
        answer = engine.run(query, form="SELECT", asserted_only=True)
        best: dict[str, tuple[int, str]] = {}
        for row in solutions(answer):
            label, subject = row["label"], row["s"]
            # labels only decorate a table: a row a server got wrong is left out, the IRI shows
            if not isinstance(label, ox.Literal) or not isinstance(subject, ox.NamedNode):
                continue
            rank = 0 if label.language == lang else 1 if label.language == "en" else 2 if label.language else 3
            iri = subject.value
            if iri not in best or (rank, label.value) < best[iri]:
                best[iri] = (rank, label.value)
        return {iri: label for iri, (_, label) in best.items()}

    return lookup
