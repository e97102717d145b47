"""SPARQL text: tokens, remote constructs, pre-binding (SHACL 5.2.1) and the predicates a query can match."""

from __future__ import annotations

import functools
import re
import threading
from typing import Iterable, NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from claimgraph.checks.fastshacl.report import InvalidShapes, UnsupportedShapes


def predicates_used(query: str) -> set | None:
    """Every predicate a SPARQL query's patterns can match, or None if one is a variable.

    Loading only triples with these predicates into the store for SPARQL constraints gives
    the same solutions: a triple pattern can only match a triple with its predicate.
    """
    from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath

    # first, so that importing rdflib's SPARQL parser also runs there (it leaves cycles too)
    algebra = _on_own_thread(lambda: _algebra(query))
    from rdflib.plugins.sparql.parserutils import CompValue

    found: set = set()

    def path_iris(path) -> bool:
        if isinstance(path, URIRef):
            found.add(path)
            return True
        if isinstance(path, (AlternativePath, SequencePath)):
            return all(path_iris(p) for p in path.args)
        if isinstance(path, InvPath):
            return path_iris(path.arg)
        if isinstance(path, MulPath) and not path.zero:
            return path_iris(path.path)
        # a variable, a negated path (matches any other predicate), or p* / p? (a zero-length
        # path matches every node of the graph, so the graph must not be filtered)
        return False

    def walk(node) -> bool:
        if isinstance(node, CompValue):
            if "triples" in node:  # BGP, or a TriplesBlock inside EXISTS (left untranslated)
                triples = list(node["triples"] or [])
                if any(not isinstance(t, (list, tuple)) or len(t) != 3 for t in triples):
                    return False  # a layout this walk does not know: do not filter
                if not all(path_iris(t[1]) for t in triples):
                    return False
            return all(walk(value) for key, value in node.items() if key != "triples")
        if isinstance(node, (list, tuple)):
            return all(walk(value) for value in node)
        return not isinstance(node, NegatedPath)

    return found if walk(algebra) else None


@functools.lru_cache(maxsize=256)  # a query is parsed for its plan and for its predicates
def _algebra(query: str):
    from rdflib.plugins.sparql import prepareQuery
    return prepareQuery(query).algebra


def _on_own_thread(work):
    """``work()``, run on a thread of its own, and its result (or its exception, raised here).

    rdflib's SPARQL parser (pyparsing), and importing it, leave reference cycles of
    exceptions, tracebacks and frames behind. A frame object keeps its caller's frame and,
    once that returns, its locals: parsed on the caller's thread, those cycles would keep the
    validator's data index and the run's graphs alive until the cyclic collector runs, which
    a command-line run never lets it do (see ``pipeline._collector_paused``). A fresh
    thread's frames lead back to nothing of ours.
    """
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller as it is
            outcome.append((False, exc))

    thread = threading.Thread(target=run, name="claimgraph-sparql-parse")
    thread.start()
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


# -- SPARQL text: tokens, remote constructs, pre-bound variables -------------------------------


class Token(NamedTuple):
    kind: str  # iri, string, var, word (a bare name: keyword or function), pname, lang, number, punct
    text: str
    start: int  # offset in the query text


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\U000EFFFF]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z_\u00C0-\U000EFFFF][\w\-.\u00B7\u00C0-\U000EFFFF]*
               (?::(?:[\w\-.:%\u00B7\u00C0-\U000EFFFF]|\\[^\s])*)?
             |:(?:[\w\-.:%\u00B7\u00C0-\U000EFFFF]|\\[^\s])*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
""", re.VERBOSE | re.DOTALL)


def sparql_tokens(text: str) -> list[Token]:
    """The tokens of a SPARQL text, without whitespace and comments.

    Enough of SPARQL's lexical grammar to tell keywords from the same letters inside an IRI,
    a string, a comment, a variable or a prefixed name (``ex:service`` is no SERVICE). An
    unterminated string or IRI makes its opening character a punctuation token: the rest
    is still read as tokens, so a keyword after it is still seen.
    """
    found = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        # every alternative of _TOKEN is a named group, and its last matches any character (\s+ a newline)
        assert match is not None and match.lastgroup is not None
        kind = match.lastgroup
        value = match.group()
        if kind == "name":
            value = value.rstrip(".")  # a name never ends with '.': that is the triple's end
            kind = "pname" if ":" in value else "word"
        if kind not in ("space", "comment"):
            found.append(Token(kind, value, position))
        position += len(value)
    return found


#: keywords of SPARQL that reach beyond the data graph (another endpoint, a graph fetched by
#: IRI) or change a graph: none may run during validation
REMOTE_KEYWORDS = {"SERVICE": "SERVICE (a federated query to another endpoint)",
                   "FROM": "FROM (a dataset clause, which makes the engine fetch the graph by its IRI)",
                   "LOAD": "LOAD (a SPARQL Update that fetches a document)"}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"}


def _expanded(text: str) -> list[str]:
    """The text as each engine reads it: SPARQL decodes \\uXXXX and \\UXXXXXXXX escapes before
    parsing (rdflib also takes \\u with eight digits, and either case)."""
    def decode(match):
        code = int(next(g for g in match.groups() if g), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)
    variants = [text, re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", decode, text),
                re.sub(r"\\[uU]([0-9A-Fa-f]{4}(?:[0-9A-Fa-f]{4})?)", decode, text)]
    return list(dict.fromkeys(variants))


def remote_constructs(text: str) -> list[tuple[Token, str]]:
    """The tokens of a SPARQL text that would make it leave the data graph or change a graph,
    each with a description: SERVICE, FROM (NAMED), LOAD and every SPARQL Update keyword (also
    when written with \\u escapes)."""
    found = []
    for variant in _expanded(text):
        for token in sparql_tokens(variant):
            if token.kind != "word":
                continue
            keyword = token.text.upper()
            if keyword in REMOTE_KEYWORDS:
                found.append((token, REMOTE_KEYWORDS[keyword]))
            elif keyword in UPDATE_KEYWORDS:
                found.append((token, f"{keyword} (SPARQL Update, which changes graphs)"))
        if found:
            break
    return found


#: the variables SHACL pre-binds in a SPARQL constraint (a validator also pre-binds $value
#: and the component's parameters)
_PRE_BOUND = ("this", "currentShape", "shapesGraph")


def check_prebinding_rules(text: str, where: str, parameters: Iterable[str] = ()) -> None:
    """Refuse a query that SHACL forbids for pre-binding (SHACL 5.2.1: no MINUS, no VALUES,
    no federated query, no ``AS`` on a potentially pre-bound variable, and a nested SELECT must
    project ``$this``), as pySHACL rejects it; ``$shapesGraph`` is not implemented here.
    """
    tokens = sparql_tokens(text)
    pre_bound = {*_PRE_BOUND, *parameters}
    depth_selects = 0
    for i, token in enumerate(tokens):
        word = token.text.upper() if token.kind == "word" else None
        if word in ("MINUS", "VALUES", "SERVICE"):
            raise InvalidShapes(f"{where}: its SPARQL query uses {word}, which SHACL does not allow where "
                                "variables are pre-bound (SHACL 5.2.1); rewrite the query without it")
        if word == "AS" and i + 1 < len(tokens) and tokens[i + 1].kind == "var" \
                and tokens[i + 1].text[1:] in pre_bound:
            raise InvalidShapes(f"{where}: its SPARQL query binds {tokens[i + 1].text} with AS, which SHACL "
                                "does not allow for a pre-bound variable (SHACL 5.2.1); use another name")
        if token.kind == "var" and token.text[1:] == "shapesGraph":
            raise UnsupportedShapes(f"{where}: its SPARQL query uses $shapesGraph, which the fast SHACL "
                                    "validator does not support; run with --shacl pyshacl")
        if word == "ASK" and depth_selects == 0:  # an ASK validator: every SELECT in it is a sub-select
            depth_selects = 1
        if word == "SELECT":
            depth_selects += 1
            if depth_selects > 1:  # a sub-select: it must return $this (SHACL 5.2.1)
                projected = []
                for later in tokens[i + 1:]:
                    if later.kind == "word" and later.text.upper() in ("WHERE", "FROM") or later.text == "{":
                        break
                    projected.append(later)
                names = {t.text[1:] for t in projected if t.kind == "var"}
                missing = sorted({"this", *parameters} - names, key=lambda n: (n != "this", n))
                if any(t.text == "*" for t in projected) or missing:
                    missing = missing or ["this"]
                    raise InvalidShapes(f"{where}: a nested SELECT in its SPARQL query does not return "
                                        f"{', '.join('$' + m for m in missing)}, which SHACL requires of sub-queries "
                                        "(SHACL 5.2.1); add it to its projection")


def substitute_variable(text: str, name: str, replacement: str) -> str:
    """``text`` with every variable token ``$name``/``?name`` replaced by ``replacement`` (a
    SPARQL fragment made from terms, never from data text)."""
    parts = []
    last = 0
    for token in sparql_tokens(text):
        if token.kind == "var" and token.text[1:] == name:
            parts += [text[last:token.start], replacement]
            last = token.start + len(token.text)
    parts.append(text[last:])
    return "".join(parts)


def variable_used(text: str, name: str) -> bool:
    return any(t.kind == "var" and t.text[1:] == name for t in sparql_tokens(text))


_IRI_OK = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_PREFIX_OK = re.compile(r"(?:[A-Za-z\u00C0-\U000EFFFF](?:[\w\-.\u00B7\u00C0-\U000EFFFF]*[\w\-\u00B7\u00C0-\U000EFFFF])?)?")


def iri_text(iri, where: str) -> str:
    """An IRI as a SPARQL IRI reference, refused if it has a character that would end it."""
    if not _IRI_OK.fullmatch(str(iri)):
        raise InvalidShapes(f"{where}: {str(iri)!r} is not an IRI that can be written in SPARQL; fix it")
    return f"<{iri}>"


def term_text(term, where: str) -> str:
    """An RDF term as SPARQL text (for pre-binding): an IRI or a literal, escaped; a blank node
    cannot be written into a query (it would be a fresh variable there), so it is refused."""
    if isinstance(term, URIRef):
        return iri_text(term, where)
    if isinstance(term, Literal):
        body = str(term)
        for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r")):
            body = body.replace(raw, escaped)
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*", term.language):
                raise UnsupportedShapes(f"{where}: the language tag {term.language!r} cannot be written in SPARQL")
            return f'"{body}"@{term.language}'
        return f'"{body}"^^{iri_text(term.datatype or XSD.string, where)}'
    raise UnsupportedShapes(f"{where}: its SPARQL query must be run with $this bound to the blank node {term}, "
                            "which the fast SHACL validator does not support; run with --shacl pyshacl")


_CLAUSE_ENDS = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP", "SELECT", "WHERE"}


def prebind(query: str, name: str, value: str) -> str:
    """The query with variable ``name`` pre-bound to the SPARQL term ``value`` as SHACL defines
    it (5.2.1): every occurrence replaced by the value, ``bound($name)`` true; in a SELECT's
    projection the variable is dropped (a projection left empty returns a constant), and in
    GROUP BY and ORDER BY the value is bracketed, where SPARQL allows an expression."""
    tokens = sparql_tokens(query)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the text
    region = None  # None, "projection" or "condition" (GROUP BY / ORDER BY)
    depth = 0
    projection_vars = 0
    fresh = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = token.text.upper() if token.kind == "word" else None
        if word == "SELECT":
            region, depth, projection_vars = "projection", 0, 0
            i += 1
            continue
        if region == "projection" and depth == 0 and (word == "WHERE" or token.text == "{"):
            if projection_vars == 0:
                fresh += 1
                edits.append((token.start, token.start, f"(1 AS ?claimgraph_prebound_{fresh}) "))
            region = None
        elif word in ("GROUP", "ORDER") and i + 1 < len(tokens) and tokens[i + 1].text.upper() == "BY":
            region, depth = "condition", 0
            i += 2
            continue
        elif region == "condition" and depth == 0 and (word in _CLAUSE_ENDS or token.text == "}"):
            region = None
        if region == "projection" and depth == 0 and token.text in ("*", "("):
            projection_vars += 1
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        if word == "BOUND" and i + 3 < len(tokens) and tokens[i + 1].text == "(" \
                and tokens[i + 2].kind == "var" and tokens[i + 2].text[1:] == name and tokens[i + 3].text == ")":
            edits.append((token.start, tokens[i + 3].start + 1, "(true)"))
            i += 4
            continue
        if token.kind == "var":
            end = token.start + len(token.text)
            if token.text[1:] != name:
                if region == "projection" and depth == 0:
                    projection_vars += 1
            elif region == "projection" and depth == 0:
                edits.append((token.start, end, ""))
            elif region == "condition":
                edits.append((token.start, end, f"({value})"))
            else:
                edits.append((token.start, end, value))
        i += 1
    parts, last = [], 0
    for start, end, text in sorted(edits):
        parts += [query[last:start], text]
        last = end
    parts.append(query[last:])
    return "".join(parts)
