"""Evaluation: focus nodes (SHACL 2.1.3), a shape on a focus node, and every result of the compiled shapes."""

from __future__ import annotations

from typing import NamedTuple

from claimgraph.checks.fastshacl.data import DataIndex
from claimgraph.checks.fastshacl.report import Finding
from claimgraph.checks.fastshacl.shapes import CompiledShapes, Shape
from claimgraph.checks.fastshacl.sparql import _sparql_results


class _Nested(NamedTuple):
    """A check's request: evaluate this nested property shape on this node."""

    shape: "Shape"
    node: object


def _conforms(data: DataIndex, shape: Shape, node) -> bool:
    return not shape.deactivated and not _evaluate(data, shape, node, [])


# -- evaluation ------------------------------------------------------------------------------


def _evaluate(data: DataIndex, shape: Shape, focus, found: list, sparql: bool = True) -> list:
    """Append (source shape, focus, value, component) to ``found`` for every result of
    ``shape`` on ``focus`` (a :class:`Finding` for a SPARQL constraint's), and return ``found``.
    ``sparql`` False leaves the shape's own SPARQL constraints out (a target shape's run for all
    its focus nodes at once, in :func:`validate_index`).

    Eager, with plain calls: a generator per shape and value node made the shapes' evaluation
    slower at scale (benchmarks/RESULTS.md), and the conformance checks
    (sh:or, sh:node, ...) are on small nested shapes, where stopping at the first result gains little.
    """
    if shape.deactivated:
        return found
    values = shape.path(data, focus) if shape.path is not None else [focus]
    for component, check in shape.checks:
        for item in check(data, focus, values):
            if type(item) is _Nested:
                _evaluate(data, item.shape, item.node, found)
            elif type(item) is Finding:  # a SPARQL-based constraint component's result
                found.append(item)
            else:
                found.append((shape, focus, item, component))
    if sparql and shape.sparql:  # a nested shape, or one whose conformance sh:or, sh:node... test
        if data.sparql_store is None:
            raise RuntimeError("a shape with SPARQL constraints, but no store to run them")
        for constraint in shape.sparql:
            found += _sparql_results(data, shape, constraint, [focus], data.sparql_store())
    return found


def focus_nodes(data: DataIndex, shape: Shape) -> list:
    found: dict = {}
    for kind, target in shape.targets:
        if kind == "class":
            nodes = data.instances.get(target, [])
        elif kind == "subjectsOf":
            nodes = data.by_predicate.get(target, {}).keys()
        elif kind == "objectsOf":
            nodes = (o for objects in data.by_predicate.get(target, {}).values() for o in objects)
        else:
            nodes = [target]
        found.update(dict.fromkeys(nodes))
    return list(found)


def validate_index(data: DataIndex, compiled: CompiledShapes, sparql_store=None) -> list[Finding]:
    """Every validation result of the compiled shapes on ``data``.

    ``sparql_store`` is a callable returning a pyoxigraph store of the data graph; it is only
    called when a shape has SPARQL constraints.
    """
    findings: list[Finding] = []
    data.sparql_store = sparql_store
    data.sparql_rows = {}
    for shape in compiled.shapes:
        if shape.deactivated or not shape.targets:
            continue
        nodes = focus_nodes(data, shape)
        for focus in nodes:
            for item in _evaluate(data, shape, focus, [], sparql=False):
                findings.append(item if type(item) is Finding else _finding(*item))
        if shape.sparql and nodes:
            for constraint in shape.sparql:
                findings += _sparql_results(data, shape, constraint, nodes, sparql_store())
    return findings


def _finding(shape: Shape, focus, value, component) -> Finding:
    message = (shape.messages or [f"constraint of shape {shape.name} not met"])[0]
    return Finding(focus, value, message, shape.severity, shape.node, shape.path_text, component, shape.path_node)
