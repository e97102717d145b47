"""Property pair constraint components (SHACL 4.5): sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals."""

from __future__ import annotations

from rdflib import BNode, URIRef

from claimgraph.checks.fastshacl.report import InvalidShapes, UnsupportedShapes
from claimgraph.checks.fastshacl.shapes import _PARAMETERS, CompiledShapes, Shape, _parameter, _unique
from claimgraph.rdf.namespaces import SH


@_parameter(SH.equals)
def _equals(c: CompiledShapes, shape: Shape, predicate) -> None:
    def check(data, f, values):
        others = set(data.values(f, predicate))
        mine = set(values)
        return [v for v in _unique([*values, *data.values(f, predicate)])
                if (v in mine) != (v in others)]
    shape.checks.append((None, check))


@_parameter(SH.disjoint)
def _disjoint(c: CompiledShapes, shape: Shape, predicate) -> None:
    def check(data, f, values):
        others = set(data.values(f, predicate))
        return [v for v in values if v in others]
    shape.checks.append((None, check))


def _order(name: str, strict: bool):
    """sh:lessThan (``strict``) or sh:lessThanOrEquals, compared as pySHACL compares: an IRI or a
    string literal as its text, other literals with rdflib's ordering; a string against a
    non-string is not less. Values rdflib cannot order stop pySHACL with an error: refused."""
    def compile_order(c: CompiledShapes, shape: Shape, predicate) -> None:
        if not isinstance(predicate, URIRef):
            raise InvalidShapes(f"shape {shape.name}: the value of sh:{name} must be an IRI; fix the shapes")

        def comparable(node):
            if isinstance(node, BNode):  # pySHACL stops with an error here: refuse rather than answer
                raise UnsupportedShapes(f"shape {shape.name}: sh:{name} compares the blank node {node}, which "
                                        "SHACL leaves undefined; run with --shacl pyshacl")
            if isinstance(node, URIRef):
                return str(node), True
            if isinstance(node.value, str):
                return node.value, True
            return node, False

        def less(a, b) -> bool:
            (x, x_text), (y, y_text) = comparable(a), comparable(b)
            if x_text != y_text:
                return False
            try:
                return bool(x < y) if strict else bool(x <= y)
            except TypeError:
                raise UnsupportedShapes(f"shape {shape.name}: sh:{name} compares {a} with {b}, which the fast "
                                        "SHACL validator cannot order; run with --shacl pyshacl") from None

        def check(data, f, values):
            others = data.values(f, predicate)
            return [v for v in _unique(values) for o in others if not less(v, o)]
        shape.checks.append((None, check))
    return compile_order


_PARAMETERS[SH.lessThan] = _order("lessThan", strict=True)
_PARAMETERS[SH.lessThanOrEquals] = _order("lessThanOrEquals", strict=False)
