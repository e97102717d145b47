"""Shape-based constraint components (SHACL 4.7): sh:node, sh:property, sh:qualifiedValueShape."""

from __future__ import annotations

from claimgraph.checks.fastshacl.evaluate import _Nested, _conforms
from claimgraph.checks.fastshacl.report import UnsupportedShapes
from claimgraph.checks.fastshacl.shapes import CompiledShapes, Shape, _each_value, _flag, _parameter
from claimgraph.rdf.namespaces import SH


@_parameter(SH.node)
def _node(c: CompiledShapes, shape: Shape, node) -> None:
    other = c.shape(node)
    _each_value(shape, lambda data, v: _conforms(data, other, v))


@_parameter(SH.qualifiedValueShape)
def _qualified(c: CompiledShapes, shape: Shape, node) -> None:
    g = c.graph
    if _flag(g, shape.node, SH.qualifiedValueShapesDisjoint):
        raise UnsupportedShapes(f"shape {shape.name} uses sh:qualifiedValueShapesDisjoint, which the fast "
                                "SHACL validator does not support; run with --shacl pyshacl")
    qualified = c.shape(node)
    # int() of an rdflib term reads its text: str() says so to the type checker
    low = g.value(shape.node, SH.qualifiedMinCount)
    high = g.value(shape.node, SH.qualifiedMaxCount)

    def count(data, values) -> int:
        return sum(1 for v in values if _conforms(data, qualified, v))
    if low is not None:
        shape.checks.append((SH.QualifiedMinCountConstraintComponent,
                             lambda data, f, values: [None] if count(data, values) < int(str(low)) else []))
    if high is not None:
        shape.checks.append((SH.QualifiedMaxCountConstraintComponent,
                             lambda data, f, values: [None] if count(data, values) > int(str(high)) else []))


@_parameter(SH.property)
def _property(c: CompiledShapes, shape: Shape, node) -> None:
    nested = c.shape(node)
    shape.checks.append((None, lambda data, f, values: [_Nested(nested, v) for v in values]))
