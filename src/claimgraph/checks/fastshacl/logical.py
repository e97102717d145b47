"""Logical constraint components (SHACL 4.6): sh:not, sh:and, sh:or, sh:xone."""

from __future__ import annotations

from claimgraph.checks.fastshacl.evaluate import _conforms
from claimgraph.checks.fastshacl.shapes import CompiledShapes, Shape, _each_value, _parameter
from claimgraph.rdf.namespaces import SH


@_parameter(SH["and"])
def _and(c: CompiledShapes, shape: Shape, head) -> None:
    members = c.shape_list(head)
    _each_value(shape, lambda data, v: all(_conforms(data, m, v) for m in members))


@_parameter(SH["or"])
def _or(c: CompiledShapes, shape: Shape, head) -> None:
    members = c.shape_list(head)
    _each_value(shape, lambda data, v: any(_conforms(data, m, v) for m in members))


@_parameter(SH.xone)
def _xone(c: CompiledShapes, shape: Shape, head) -> None:
    members = c.shape_list(head)
    _each_value(shape, lambda data, v: sum(_conforms(data, m, v) for m in members) == 1)


@_parameter(SH["not"])
def _not(c: CompiledShapes, shape: Shape, node) -> None:
    negated = c.shape(node)
    _each_value(shape, lambda data, v: not _conforms(data, negated, v))
