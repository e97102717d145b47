"""Cardinality constraint components (SHACL 4.2): sh:minCount, sh:maxCount."""

from __future__ import annotations

from claimgraph.checks.fastshacl.shapes import CompiledShapes, Shape, _parameter
from claimgraph.rdf.namespaces import SH


@_parameter(SH.minCount)
def _min_count(c: CompiledShapes, shape: Shape, n) -> None:
    n = int(n)
    shape.checks.append((None, lambda data, f, values: [None] if len(values) < n else []))


@_parameter(SH.maxCount)
def _max_count(c: CompiledShapes, shape: Shape, n) -> None:
    n = int(n)
    shape.checks.append((None, lambda data, f, values: [None] if len(values) > n else []))
