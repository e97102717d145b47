"""Validation results (SHACL 3.6) and the engine's refusals."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.term import Node


class UnsupportedShapes(Exception):
    """The shapes graph uses a SHACL feature this engine does not implement."""


class InvalidShapes(UnsupportedShapes):
    """The shapes graph breaks a rule of SHACL itself (pySHACL rejects it too)."""


@dataclass(frozen=True)
class Finding:
    focus: Node
    value: Node | None
    message: str
    severity: Node  # the severity IRI (sh:Violation, sh:Warning, sh:Info or the shape's own)
    shape: Node
    path: str  # the result path's IRI, empty for a node shape or a complex path
    component: Node | None = None  # the source constraint component's IRI
    path_node: Node | None = None  # the shape's sh:path node in the shapes graph
