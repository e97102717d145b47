"""Validation results (SHACL 3.6) and the engine's refusals."""

from __future__ import annotations

from dataclasses import dataclass


class UnsupportedShapes(Exception):
    """The shapes graph uses a SHACL feature this engine does not implement."""


class InvalidShapes(UnsupportedShapes):
    """The shapes graph breaks a rule of SHACL itself (pySHACL rejects it too)."""


@dataclass(frozen=True)
class Finding:
    focus: object
    value: object | None
    message: str
    severity: object  # the severity IRI (sh:Violation, sh:Warning, sh:Info or the shape's own)
    shape: object
    path: str  # the result path's IRI, empty for a node shape or a complex path
    component: object = None  # the source constraint component's IRI
    path_node: object = None  # the shape's sh:path node in the shapes graph
