"""Tiny helpers to ASK and SELECT over rdflib graphs with claimgraph's prefixes.

``cgi:source/x`` is not a legal SPARQL prefixed name ('/' must be escaped), so test
patterns may write it for readability and it is expanded to a full IRI here.
"""

import re

from rdflib import Graph

from claimgraph.rdf.namespaces import CGI, sparql_prologue

_SLASHED_CURIE = re.compile(r"\bcgi:([A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)+)")


def _expand(text: str) -> str:
    return _SLASHED_CURIE.sub(lambda m: f"<{CGI}{m.group(1)}>", text)


def ask(graph: Graph, pattern: str) -> bool:
    return bool(graph.query(sparql_prologue() + "ASK { " + _expand(pattern) + " }").askAnswer)


def select(graph: Graph, query: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(sparql_prologue() + _expand(query))]
