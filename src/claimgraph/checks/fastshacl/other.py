"""Other constraint components (SHACL 4.8): sh:in, sh:hasValue."""

from __future__ import annotations

from rdflib.collection import Collection

from claimgraph.checks.fastshacl.shapes import CompiledShapes, Shape, _each_value, _parameter
from claimgraph.rdf.namespaces import SH


@_parameter(SH["in"])
def _in(c: CompiledShapes, shape: Shape, head) -> None:
    allowed = set(Collection(c.graph, head))
    _each_value(shape, lambda data, v: v in allowed)


@_parameter(SH.hasValue)
def _has_value(c: CompiledShapes, shape: Shape, value) -> None:
    shape.checks.append((None, lambda data, f, values: [] if value in values else [None]))
