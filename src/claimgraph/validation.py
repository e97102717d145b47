"""SHACL validation of the mapped graphs: the fast engine, or pySHACL (the reference).

``validate_graph(..., engine="fast")`` uses :mod:`claimgraph.fastshacl`; ``engine="pyshacl"``
runs pySHACL (imported only then: it takes ~0.15 s to import). Both give the same
:class:`ValidationReport` (tested). Each result is turned into a
:class:`~claimgraph.problems.Problem` placed on the claim (file and line) that produced the
focus node, with the shape's ``sh:message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from . import fastshacl
from .fastshacl import SEVERITIES, shape_name
from .namespaces import SH
from .problems import Location, Problem
from .serialization import ntriples_bytes


@dataclass(frozen=True)
class ShapeResult:
    focus: str
    path: str
    value: str
    message: str
    severity: str
    shape: str


@dataclass
class ValidationReport:
    conforms: bool
    results: list[ShapeResult] = field(default_factory=list)

    def problems(self, origins: dict[URIRef, Location], fallback: Location) -> list[Problem]:
        found = []
        for r in self.results:
            where = origins.get(URIRef(r.focus), fallback)
            detail = f" (value: {r.value})" if r.value else ""
            found.append(Problem(where, f"{r.message} [focus <{r.focus}>{detail}]",
                                 "correct the claim or entity this node comes from",
                                 severity=r.severity, code=f"shacl:{r.shape}"))
        return found


ENGINES = ("fast", "pyshacl")


class ValidatorError(Exception):
    """The shapes use something the chosen engine cannot evaluate (exit 2)."""


def validate_graph(data: Graph | list[Graph], shapes: Graph, ontology: Graph, *,
                   engine: str = "fast") -> ValidationReport:
    """Validate ``data`` (a graph, or graphs taken together) against ``shapes``.

    The class hierarchy comes from ``ontology``, mixed into the data graph as pySHACL's
    ``ont_graph`` does. Runs without RDFS/OWL inference: ``sh:class`` already follows
    ``rdfs:subClassOf``, and inference belongs to the reasoning stage.
    """
    graphs = data if isinstance(data, list) else [data]
    if engine == "fast":
        return _validate_fast(graphs, shapes, ontology)
    if engine != "pyshacl":
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    merged = Graph()  # pySHACL needs a context-aware store; new_graph()'s TripleSetStore is not
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return _validate_pyshacl(merged, shapes, ontology)


def _validate_fast(graphs: list[Graph], shapes: Graph, ontology: Graph) -> ValidationReport:
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
        findings = fastshacl.validate_index(index, compiled, sparql_store=_once(store))
    except fastshacl.UnsupportedShapes as exc:
        raise ValidatorError(str(exc)) from None
    results = sorted({ShapeResult(focus=str(f.focus), path=f.path, value=_term_text(f.value),
                                  message=f.message, severity=f.severity,
                                  shape=shape_name(shapes, f.shape)) for f in findings},
                     key=_order)
    has_violation = any(r.severity == "error" for r in results)
    return ValidationReport(conforms=not has_violation, results=results)


def _once(factory):
    made = []

    def get():
        if not made:
            made.append(factory())
        return made[0]
    return get


def _order(r: ShapeResult):
    return (r.focus, r.message, r.value, r.shape)


def _validate_pyshacl(data: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    from pyshacl import validate

    conforms, report, _ = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none",
        advanced=True, allow_warnings=True, abort_on_first=False,
    )
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        results.append(ShapeResult(
            focus=str(report.value(node, SH.focusNode)),
            path=_iri_text(report.value(node, SH.resultPath)),
            value=_term_text(report.value(node, SH.value)),
            message=str(report.value(node, SH.resultMessage) or "constraint not met"),
            severity=SEVERITIES.get(report.value(node, SH.resultSeverity), "error"),
            shape=shape_name(shapes, report.value(node, SH.sourceShape)),
        ))
    results.sort(key=_order)
    has_violation = any(r.severity == "error" for r in results)
    return ValidationReport(conforms=bool(conforms) and not has_violation, results=results)


def _term_text(term) -> str:
    return "" if term is None else str(term)


def _iri_text(term) -> str:
    """A result path as text: its IRI for a predicate path, empty for a complex path."""
    return str(term) if isinstance(term, URIRef) else ""
