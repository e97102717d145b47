"""Property pair constraint components (SHACL 4.5): sh:equals, sh:disjoint."""

from __future__ import annotations

from claimgraph.checks.fastshacl.shapes import CompiledShapes, Shape, _parameter, _unique
from claimgraph.rdf.namespaces import SH


@_parameter(SH.equals)
def _equals(c: CompiledShapes, shape: Shape, predicate) -> None:
    def check(data, f, values):
        others = set(data.values(f, predicate))
        mine = set(values)
        return [v for v in _unique([*values, *data.values(f, predicate)])
                if (v in mine) != (v in others)]
    shape.checks.append(check)


@_parameter(SH.disjoint)
def _disjoint(c: CompiledShapes, shape: Shape, predicate) -> None:
    def check(data, f, values):
        others = set(data.values(f, predicate))
        return [v for v in values if v in others]
    shape.checks.append(check)
