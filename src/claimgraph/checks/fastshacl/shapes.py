"""Shapes (SHACL 2.1), targets (2.1.3) and paths (2.3): the shapes graph compiled into plain objects, and the registry of core constraint parameters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Sequence, Union

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import IdentifiedNode, Node

from claimgraph.checks.fastshacl.report import InvalidShapes, UnsupportedShapes
from claimgraph.checks.fastshacl.sparql_text import _IRI_OK, _PREFIX_OK, iri_text, predicates_used
from claimgraph.problems import Severity
from claimgraph.rdf.namespaces import SH

if TYPE_CHECKING:  # evaluate and data import this module
    from claimgraph.checks.fastshacl.data import DataIndex
    from claimgraph.checks.fastshacl.evaluate import _Nested
    from claimgraph.checks.fastshacl.report import Finding


VIOLATION = SH.Violation
#: the problem severity of each of SHACL's severities; any other severity IRI is kept as it is
#: in the results, and counts against conformance as in pySHACL
SEVERITIES: dict[Node, Severity] = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}
_RDF_LANGSTRING = RDF.langString
_XSD_STRING = str(XSD.string)

#: sh: predicates that carry no constraint (documentation, forms, shape structure)
_NON_CONSTRAINTS = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message,
                    SH.severity, SH.deactivated, SH.path, SH.targetClass, SH.targetSubjectsOf,
                    SH.targetObjectsOf, SH.targetNode, SH.declare, SH.prefixes, SH.flags,
                    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint,
                    SH.select}  # sh:select: a shape may be its own SPARQL constraint (sh:sparql itself)

#: the shape-expecting parameters: their values are shapes (as pySHACL finds shapes)
_SHAPE_VALUED = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)


# -- compiled shapes --------------------------------------------------------------------------


#: one item per result: its value node, None for a result without one, a _Nested request or
#: (SPARQL-based components) a whole Finding
CheckItem = Union[Node, None, "_Nested", "Finding"]
#: check(data, focus, values) -> [one item per result]
Check = Callable[["DataIndex", Node, list[Node]], Sequence[CheckItem]]


@dataclass
class Shape:
    node: Node
    name: str
    path: Callable | None = None  # focus -> value nodes; None for a node shape
    path_text: str = ""
    path_node: Node | None = None
    path_sparql: str = ""  # the path as a SPARQL property path, for $PATH
    severity: Node = VIOLATION
    messages: list[str] = field(default_factory=list)
    targets: list[tuple[str, Node]] = field(default_factory=list)
    #: (component, check); a component None while its parameter compiles stands for that
    #: parameter's own component, which CompiledShapes.shape fills in
    checks: list[tuple[Node | None, Check]] = field(default_factory=list)
    sparql: list["SparqlConstraint"] = field(default_factory=list)
    deactivated: bool = False


@dataclass
class SparqlConstraint:
    node: Node
    query: str  # the whole text run: prologue, and $PATH and $currentShape replaced
    messages: list[str]
    once: bool  # True: run once with $this free (see _runs_once); False: once per focus node
    projected: set


class CompiledShapes:
    def __init__(self, shapes: Graph):
        self.graph = shapes
        self._compiled: dict = {}
        g = shapes
        self._custom_parameters = _custom_component_parameters(g)
        self._components = set(self._custom_parameters.values())
        self.whole_graph = False
        classes = {RDFS.Class, OWL.Class, *g.subjects(RDFS.subClassOf, RDFS.Class)}
        # the nodes pySHACL takes for shapes: declared, with a target, or where a shape is expected
        roots: set[Node] = set()
        for kind in (SH.NodeShape, SH.PropertyShape):
            roots.update(g.subjects(RDF.type, kind))
        for predicate in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target,
                          SH.property, SH.node):
            roots.update(g.subjects(predicate, None))
        for predicate in _SHAPE_VALUED:
            roots.update(g.objects(None, predicate))
        for predicate in _SHAPE_LISTS:
            for head in g.objects(None, predicate):
                roots.update(Collection(g, head))
        self._implicit = {n for n in roots if any(t in classes for t in g.objects(n, RDF.type))}
        self.prologue = ""
        for prefix, ns in sorted(shapes.namespaces()):
            if _PREFIX_OK.fullmatch(prefix) and _IRI_OK.fullmatch(str(ns)):
                self.prologue += f"PREFIX {prefix}: <{ns}>\n"
        for decl in sorted(g.objects(None, SH.declare), key=str):
            declared_prefix, declared_ns = g.value(decl, SH.prefix), g.value(decl, SH.namespace)
            if declared_prefix is not None and declared_ns is not None:
                if not _PREFIX_OK.fullmatch(str(declared_prefix)):
                    raise InvalidShapes(f"sh:declare: {str(declared_prefix)!r} is not a SPARQL prefix name; fix it")
                self.prologue += f"PREFIX {declared_prefix}: {iri_text(declared_ns, 'sh:declare')}\n"
        self.shapes = [self.shape(node) for node in sorted(roots, key=str)]
        #: predicates the SPARQL constraints can match (None: any, so the whole data graph)
        self.sparql_predicates: set | None = None if self.whole_graph else set()
        for shape in list(self._compiled.values()):
            for constraint in shape.sparql:
                used = predicates_used(constraint.query)
                self.sparql_predicates = None if used is None or self.sparql_predicates is None \
                    else self.sparql_predicates | used

    def shape(self, node: Node) -> Shape:
        found = self._compiled.get(node)
        if found is not None:
            return found
        g = self.graph
        shape = Shape(node=node, name=shape_name(g, node))
        self._compiled[node] = shape  # before the parts: shapes may refer to each other
        shape.deactivated = _flag(g, node, SH.deactivated)
        shape.severity = g.value(node, SH.severity) or VIOLATION
        shape.messages = sorted(str(m) for m in g.objects(node, SH.message))
        paths = list(g.objects(node, SH.path))
        declared = set(g.objects(node, RDF.type))
        if SH.NodeShape in declared and SH.PropertyShape in declared:
            raise InvalidShapes(f"shape {shape.name} is declared both a sh:NodeShape and a sh:PropertyShape, "
                                "which SHACL does not allow; keep one")
        if len(paths) > 1 or (SH.PropertyShape in declared and not paths):
            raise InvalidShapes(f"shape {shape.name} is a property shape with {len(paths)} values of sh:path; "
                                "SHACL needs exactly one")
        if paths:
            shape.path_node = paths[0]
            shape.path, shape.path_sparql = self._path(paths[0])
            shape.path_text = str(paths[0]) if isinstance(paths[0], URIRef) else ""
        for kind, predicate in (("class", SH.targetClass), ("subjectsOf", SH.targetSubjectsOf),
                                ("objectsOf", SH.targetObjectsOf), ("node", SH.targetNode)):
            shape.targets += [(kind, t) for t in sorted(g.objects(node, predicate), key=str)]
        if node in self._implicit:  # a shape that is also a class targets its instances (SHACL 2.1.3.3)
            shape.targets.append(("class", node))
        used = {p for p in g.predicates(node, None)}
        if used & set(self._custom_parameters):
            # imported here: the SPARQL components build on these shapes
            from claimgraph.checks.fastshacl.sparql import _component_check, _component_uses

            for use in _component_uses(self, shape):
                shape.checks.append((use.component, _component_check(shape, use)))
                self.whole_graph = True  # its queries' predicates are not collected: load every triple
        for p in sorted({p for p in used if str(p).startswith(str(SH))}, key=str):
            if p in _NON_CONSTRAINTS:
                continue
            compile_parameter = _PARAMETERS.get(p)
            if compile_parameter is None:
                raise UnsupportedShapes(f"shape {shape.name} uses sh:{str(p)[len(SH):]}, which the fast SHACL "
                                        "validator does not support; run with --shacl pyshacl")
            for value in sorted(g.objects(node, p), key=str):
                before = len(shape.checks)
                compile_parameter(self, shape, value)
                shape.checks[before:] = [(_component(p) if component is None else component, check)
                                         for component, check in shape.checks[before:]]
        return shape

    def shape_list(self, head) -> list[Shape]:
        return [self.shape(n) for n in Collection(self.graph, head)]

    def _path(self, path, inverse: bool = False):
        """The path's value function (followed backwards with ``inverse``) and its text as a
        SPARQL property path (always forwards)."""
        g = self.graph
        if isinstance(path, URIRef):
            if inverse:
                return (lambda data, f, p=path: data.inverse_values(f, p)), iri_text(path, "sh:path")
            return (lambda data, f, p=path: data.values(f, p)), iri_text(path, "sh:path")
        if not isinstance(path, BNode):
            raise InvalidShapes(f"path {path}: a SHACL path is an IRI or a blank node; fix sh:path")
        if g.value(path, RDF.first) is not None:
            steps = [self._path(step, inverse) for step in Collection(g, path)]
            if len(steps) < 2:
                raise InvalidShapes(f"path {path}: a sequence path needs at least two members (SHACL 2.3.1.1); "
                                    "write a one-step path as its predicate")
            text = "(" + "/".join(text for _, text in steps) + ")"
            walk = steps[::-1] if inverse else steps

            def sequence(data, f, steps=walk):
                nodes = [f]
                for step, _ in steps:
                    nodes = _unique(v for n in nodes for v in step(data, n))
                return nodes
            return sequence, text
        kinds = set(g.predicate_objects(path))
        if len(kinds) == 1:
            (kind, inner), = kinds
            if kind == SH.alternativePath:
                options = [self._path(step, inverse) for step in Collection(g, inner)]
                if len(options) < 2:
                    raise InvalidShapes(f"path {path}: an alternative path needs at least two members "
                                        "(SHACL 2.3.1.3); fix sh:alternativePath")

                def alternative(data, f, options=options):
                    return _unique(v for step, _ in options for v in step(data, f))
                return alternative, "(" + "|".join(text for _, text in options) + ")"
            if kind == SH.inversePath:
                step, text = self._path(inner, not inverse)
                return step, "^" + text
            if kind in (SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
                step, text = self._path(inner, inverse)
                suffix = _REPEAT_SUFFIXES[kind]

                def repeated(data, f, step=step, kind=kind):
                    if kind == SH.zeroOrOnePath:
                        return _unique([f, *step(data, f)])
                    found = {f: None} if kind == SH.zeroOrMorePath else {}
                    todo = [f]
                    while todo:
                        following = []
                        for node in todo:
                            for v in step(data, node):
                                if v not in found:
                                    found[v] = None
                                    following.append(v)
                        todo = following
                    return list(found)
                return repeated, f"({text}){suffix}"
        raise UnsupportedShapes(f"path {path} is not a kind of SHACL path the fast validator knows; run with "
                                "--shacl pyshacl")


#: a repeated path's kind -> its SPARQL property path operator
_REPEAT_SUFFIXES: dict[Node, str] = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


def _flag(g: Graph, node: Node, predicate: URIRef) -> bool:
    """A boolean parameter (sh:deactivated, ...): false when absent, else its Python value's truth."""
    value = g.value(node, predicate)
    # every term in a graph is an IRI, a blank node or a literal, each with a Python value
    return isinstance(value, (IdentifiedNode, Literal)) and bool(value.toPython())


def _component(parameter) -> URIRef:
    """SHACL's constraint component of a core parameter: sh:minCount -> sh:MinCountConstraintComponent."""
    if parameter == SH.sparql:
        return SH.SPARQLConstraintComponent
    local = parameter[len(SH):]
    return SH[local[0].upper() + local[1:] + "ConstraintComponent"]


def _custom_component_parameters(g: Graph) -> dict[Node, Node]:
    """parameter path -> constraint component, for every SPARQL-based (or other) constraint
    component the shapes graph declares; SHACL's own components are never declared there."""
    found: dict[Node, Node] = {}
    components = set(g.subjects(RDF.type, SH.ConstraintComponent)) | set(g.subjects(SH.parameter, None))
    for component in components:
        for parameter in g.objects(component, SH.parameter):
            for path in g.objects(parameter, SH.path):
                if not str(path).startswith(str(SH)):  # a copy of SHACL's own declarations
                    found.setdefault(path, component)
    return found


def shape_name(shapes: Graph, node) -> str:
    """A stable name for a shape: its local name, or that of the named shape it belongs to."""
    seen = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        parent = next(iter(sorted(shapes.subjects(None, node), key=str)), None)
        while parent is not None and shapes.value(predicate=RDF.rest, object=parent) is not None:
            parent = shapes.value(predicate=RDF.rest, object=parent)  # walk back to a list's head
        if parent is None:
            return "shape"
        node = parent
    if not isinstance(node, URIRef):
        return "shape"
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _unique(values: Iterable) -> list:
    return list(dict.fromkeys(values))


# -- constraint parameters: each adds a check (data, focus, values) -> [one item per result] ---
# An item is the result's value node, None for a result without one, or a _Nested request.

_PARAMETERS: dict = {}


def _parameter(predicate):
    def register(function):
        _PARAMETERS[predicate] = function
        return function
    return register


def _each_value(shape: Shape, ok: Callable) -> None:
    """A per-value constraint: one result for each value node that fails ``ok``."""
    shape.checks.append((None, lambda data, f, values: [v for v in values if not ok(data, v)]))
