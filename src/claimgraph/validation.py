"""SHACL validation of the mapped graphs with pySHACL.

Each result is turned into a :class:`~claimgraph.problems.Problem` placed on the claim
(file and line) that produced the focus node, with the shape's ``sh:message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .namespaces import SH
from .problems import Location, Problem

SEVERITIES = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}


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
                                 severity=r.severity, code=f"shacl:{_local(r.shape)}"))
        return found


def validate_graph(data: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    """Validate ``data`` against ``shapes``; class hierarchy comes from ``ontology``.

    Runs without RDFS/OWL inference: ``sh:class`` already follows ``rdfs:subClassOf`` in the
    ontology mixed into the data graph, and inference belongs to the reasoning stage.
    """
    conforms, report, _ = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none",
        advanced=True, allow_warnings=True, abort_on_first=False,
    )
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        results.append(ShapeResult(
            focus=str(report.value(node, SH.focusNode)),
            path=_term_text(report.value(node, SH.resultPath)),
            value=_term_text(report.value(node, SH.value)),
            message=str(report.value(node, SH.resultMessage) or "constraint not met"),
            severity=SEVERITIES.get(report.value(node, SH.resultSeverity), "error"),
            shape=_term_text(report.value(node, SH.sourceShape)),
        ))
    results.sort(key=lambda r: (r.focus, r.message, r.value))
    has_violation = any(r.severity == "error" for r in results)
    return ValidationReport(conforms=bool(conforms) and not has_violation, results=results)


def _term_text(term) -> str:
    return "" if term is None else str(term)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if iri else "shape"
