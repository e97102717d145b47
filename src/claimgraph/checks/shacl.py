"""SHACL validation of the mapped graphs: the fast engine, or pySHACL (the reference).

``validate(..., engine="fast")`` uses :mod:`claimgraph.checks.fastshacl`; ``engine="pyshacl"``
runs pySHACL (imported only then: importing it is slow). Both give the same
:class:`ValidationReport` (tested). Each result is turned into a
:class:`~claimgraph.problems.Problem` placed on the claim (file and line) that produced the
focus node, with the shape's ``sh:message``.

Before either engine runs, :func:`refuse_remote_sparql` refuses shapes whose SPARQL text
would leave the data graph (SERVICE, FROM, LOAD, any update): validation never reaches the
network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import RDF

from claimgraph.checks import fastshacl
from claimgraph.checks.fastshacl import SEVERITIES, shape_name
from claimgraph.checks.fastshacl.sparql_text import _IRI_OK, _PREFIX_OK, _expanded
from claimgraph.rdf.namespaces import SH
from claimgraph.problems import Location, Problem, Severity
from claimgraph.rdf.serialization import ntriples_bytes

T = TypeVar("T")


@dataclass(frozen=True)
class ShapeResult:
    focus: str
    path: str
    value: str
    message: str
    severity: Severity  # a severity of the shapes' own counts as an error
    shape: str
    severity_iri: str = ""  # the result's sh:resultSeverity as the engine reports it


@dataclass
class ValidationReport:
    conforms: bool
    results: list[ShapeResult] = field(default_factory=list)

    def problems(self, origins: dict[URIRef, Location], fallback: Location) -> list[Problem]:
        found = []
        for r in self.results:
            where = origins.get(URIRef(r.focus), fallback)
            detail = f" (value: {r.value})" if r.value else ""
            if r.severity_iri and URIRef(r.severity_iri) not in SEVERITIES:
                detail += f" (severity <{r.severity_iri}>)"
            found.append(Problem(where, f"{r.message} [focus <{r.focus}>{detail}]",
                                 "correct the claim or entity this node comes from",
                                 severity=r.severity, code=f"shacl:{r.shape}"))
        return found


ENGINES = ("fast", "pyshacl")


class ValidatorError(Exception):
    """The shapes use something the chosen engine cannot evaluate (exit 2)."""


def validate(data: Graph | list[Graph], shapes: Graph, ontology: Graph, *,
             engine: str = "fast") -> ValidationReport:
    """Validate ``data`` (a graph, or graphs taken together) against ``shapes``.

    The class hierarchy comes from ``ontology``, mixed into the data graph as pySHACL's
    ``ont_graph`` does. Runs without RDFS/OWL inference: ``sh:class`` already follows
    ``rdfs:subClassOf``, and inference belongs to the reasoning stage.
    """
    graphs = data if isinstance(data, list) else [data]
    if engine == "fast":  # each engine's entry refuses SPARQL that would leave the data graph first
        return _validate_fast(graphs, shapes, ontology)
    if engine != "pyshacl":
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    merged = Graph()  # pySHACL needs a context-aware store; new_graph()'s TripleSetStore is not
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return _validate_pyshacl(merged, shapes, ontology)


#: the earlier name, which pipeline.py and tests still import
validate_graph = validate


def _validate_fast(graphs: list[Graph], shapes: Graph, ontology: Graph) -> ValidationReport:
    findings = fast_findings(graphs, shapes, ontology)
    results = sorted({ShapeResult(focus=str(f.focus), path=f.path, value=_term_text(f.value),
                                  message=f.message, severity=_severity(f.severity),
                                  shape=shape_name(shapes, f.shape), severity_iri=str(f.severity))
                      for f in findings},
                     key=_order)
    has_violation = any(r.severity == "error" for r in results)
    return ValidationReport(conforms=not has_violation, results=results)


def fast_findings(graphs: list[Graph], shapes: Graph, ontology: Graph) -> list[fastshacl.Finding]:
    """The fast engine's results, as :class:`fastshacl.Finding` objects (which keep the shape,
    path and severity nodes); shapes it cannot evaluate raise :class:`ValidatorError`."""
    refuse_remote_sparql(shapes)
    try:
        compiled = fastshacl.CompiledShapes(shapes)
    except fastshacl.UnsupportedShapes as exc:
        raise ValidatorError(str(exc)) from None
    index = fastshacl.DataIndex([*graphs, ontology])

    def store():
        import pyoxigraph as ox
        store = ox.Store()
        for graph in (*graphs, ontology):
            store.bulk_load(ntriples_bytes(graph, predicates=compiled.sparql_predicates),
                            format=ox.RdfFormat.N_TRIPLES)
        return store

    try:
        return fastshacl.validate_index(index, compiled, sparql_store=_once(store))
    except fastshacl.UnsupportedShapes as exc:
        raise ValidatorError(str(exc)) from None


def _severity(iri: Node | None) -> Severity:
    return SEVERITIES.get(iri, "error") if iri is not None else "error"


def _once(factory: Callable[[], T]) -> Callable[[], T]:
    made: list[T] = []

    def get() -> T:
        if not made:
            made.append(factory())
        return made[0]
    return get


def _order(r: ShapeResult):
    return (r.focus, r.message, r.value, r.shape)


def _validate_pyshacl(data: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    conforms, report = pyshacl_report(data, shapes, ontology)
    results = []
    # the report's results: not the nested ones pySHACL adds as sh:detail (for sh:node, ...)
    for node in sorted(report.objects(None, SH.result), key=str):
        severity = report.value(node, SH.resultSeverity)
        results.append(ShapeResult(
            focus=str(report.value(node, SH.focusNode)),
            path=_iri_text(report.value(node, SH.resultPath)),
            value=_term_text(report.value(node, SH.value)),
            message=str(report.value(node, SH.resultMessage) or "constraint not met"),
            severity=_severity(severity),
            shape=shape_name(shapes, report.value(node, SH.sourceShape)),
            severity_iri=_term_text(severity),
        ))
    results.sort(key=_order)
    has_violation = any(r.severity == "error" for r in results)
    return ValidationReport(conforms=conforms and not has_violation, results=results)


def pyshacl_report(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph]:
    """pySHACL's conforms and validation report graph, as the project runs it (no inference, SHACL-AF on,
    warnings and infos allowed). A shapes graph pySHACL rejects raises :class:`ValidatorError`."""
    from pyshacl import validate
    from pyshacl.errors import ReportableRuntimeError

    refuse_remote_sparql(shapes)
    try:
        conforms, report, _ = validate(
            data, shacl_graph=shapes, ont_graph=ontology, inference="none",
            advanced=True, allow_warnings=True, abort_on_first=False,
        )
    except (ReportableRuntimeError, NotImplementedError) as exc:
        raise ValidatorError(_rejected(exc)) from None
    if not isinstance(report, Graph):  # a ValidationFailure: the shapes break a rule of SHACL
        raise ValidatorError(_rejected(report))
    return bool(conforms), report


def _rejected(exc) -> str:
    text = " ".join(str(getattr(exc, "message", None) or exc).split()).rstrip(".") or type(exc).__name__
    return f"pySHACL rejects the shapes graph: {text}; fix the shapes"


#: the shapes-graph properties whose literals pySHACL or the fast engine run as SPARQL
SPARQL_PROPERTIES = (SH.select, SH.ask, SH.construct, SH.update)


def refuse_remote_sparql(shapes: Graph, path: Path | None = None, display: str = "") -> None:
    """Refuse (:class:`ValidatorError`) shapes whose SPARQL would leave the data graph or
    change a graph: SERVICE, FROM, LOAD or an update keyword in any sh:select, sh:ask,
    sh:construct or sh:update (SPARQL constraints, SPARQL targets, constraint components'
    validators, rules), or an sh:declare whose prefix or namespace would end the PREFIX line
    it is written into. With ``path`` (the shapes file, shown as ``display``), the message
    names the line of the offending text.
    """
    text = None
    where_file = display or "the shapes graph"
    for subject, predicate, literal in sorted(
            (t for p in SPARQL_PROPERTIES for t in shapes.triples((None, p, None))), key=lambda t: str(t[2])):
        if not isinstance(literal, Literal):
            continue
        found = fastshacl.remote_constructs(str(literal))
        if not found:
            continue
        token, what = found[0]
        if path is not None and text is None:
            text = _read(path)
        where = _located(where_file, text, str(literal), token)
        raise ValidatorError(f"{where}: the SPARQL query in sh:{str(predicate)[len(SH):]} uses {what}; SHACL "
                             "validation never leaves the data graph, remove it from the query")
    for predicate, check in ((SH.namespace, _IRI_OK), (SH.prefix, _PREFIX_OK)):
        for literal in sorted(shapes.objects(None, predicate), key=str):
            if check.fullmatch(str(literal)):
                continue
            if path is not None and text is None:
                text = _read(path)
            where = _located(where_file, text, str(literal), None)
            raise ValidatorError(f"{where}: sh:{predicate[len(SH):]} {str(literal)!r} cannot be written into a "
                                 "SPARQL PREFIX declaration; give a plain prefix name and an IRI")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _located(where_file: str, text: str | None, literal: str, token) -> str:
    """``file:line`` of the token in the literal, found by locating the literal in the file's
    text (or, written with Turtle escapes, the literal's line that holds the token); just the
    file if neither is there."""
    if not text:
        return where_file
    line_in_literal = 0
    if token is not None:  # the token's line in the text it was found in (the literal, or it decoded)
        for variant in _expanded(literal):
            if variant.startswith(token.text, token.start):
                line_in_literal = variant.count("\n", 0, token.start)
                break
    at = text.find(literal)
    if at >= 0:
        return f"{where_file}:{text.count(chr(10), 0, at) + 1 + line_in_literal}"
    lines = literal.split("\n")
    snippet = lines[min(line_in_literal, len(lines) - 1)].strip()
    for written in dict.fromkeys((snippet, snippet.replace("\\", "\\\\"))):  # as is, or Turtle-escaped
        at = text.find(written) if written else -1
        if at >= 0:
            return f"{where_file}:{text.count(chr(10), 0, at) + 1}"
    return where_file


def _term_text(term) -> str:
    return "" if term is None else str(term)


def _iri_text(term) -> str:
    """A result path as text: its IRI for a predicate path, empty for a complex path."""
    return str(term) if isinstance(term, URIRef) else ""
