"""A fast SHACL validator for SHACL Core and SPARQL constraints, refusing what it does not implement.

pySHACL evaluates every constraint through rdflib's graph API, node by node, which is too slow
for a large project (figures: benchmarks/RESULTS.md). Here the data graph is indexed once
(predicate -> subject -> objects, and class -> instances), the shapes graph is compiled into
plain Python objects, and each constraint is checked with dictionary lookups. SPARQL
constraints run on pyoxigraph.

Implemented:

- shapes: every node pySHACL takes for a shape (declared sh:NodeShape / sh:PropertyShape,
  with a target, or the value of sh:property, sh:node, sh:not, sh:qualifiedValueShape, or a
  member of sh:and / sh:or / sh:xone lists); ``sh:deactivated``; ``sh:message`` (the first,
  sorted); ``sh:severity``, any IRI kept as it is (:attr:`Finding.severity`);
- targets: ``sh:targetClass``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``,
  ``sh:targetNode``, and the implicit class target of a shape that is also an ``rdfs:Class``
  (or an instance of a subclass of it in the shapes graph, ``owl:Class`` included; SHACL 2.1.3.3);
- paths: predicate, sequence, alternative, inverse (of any path), zero-or-more, one-or-more,
  zero-or-one;
- core constraints: ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minCount``,
  ``sh:maxCount``, ``sh:pattern`` (``sh:flags``), ``sh:minLength``, ``sh:maxLength``,
  ``sh:languageIn``, ``sh:uniqueLang`` (only ``true`` activates it), ``sh:in``, ``sh:hasValue``,
  ``sh:min/maxInclusive``, ``sh:min/maxExclusive``, ``sh:equals``, ``sh:disjoint``, ``sh:and``,
  ``sh:or``, ``sh:not``, ``sh:xone``, ``sh:node``, ``sh:property``, ``sh:qualifiedValueShape``
  with ``sh:qualifiedMin/MaxCount``; every result names its constraint component;
- SPARQL constraints (``sh:sparql`` with one ``sh:select``, on any shape, nested ones too):
  prefixes from the shapes graph and ``sh:declare``; ``$PATH`` replaced by the shape's path;
  ``$currentShape``; ``?value`` and ``?path`` of the rows; ``{?var}`` in messages. ``$this``
  is pre-bound as SHACL 5.2.1 defines it: where running the query once with ``$this`` free
  gives the same rows (see :func:`_runs_once`) it runs once; otherwise it runs once per focus
  node with ``$this`` replaced by the node (:func:`prebind`: ``bound($this)`` is true);
- SPARQL-based constraint components declared in the shapes graph (SHACL 6): a shape with every
  mandatory parameter uses the component; ``sh:nodeValidator`` / ``sh:propertyValidator``
  (SELECT, once per focus node) or else ``sh:validator`` (ASK, once per value node of a node
  shape), with ``$this``, ``$value``, ``$PATH`` and the parameters pre-bound; messages from the
  validator or the component, ``{$parameter}`` replaced.

Refused with :class:`UnsupportedShapes` (the message names the construct and ``--shacl
pyshacl``): ``sh:closed``, ``sh:lessThan``, ``sh:lessThanOrEquals``,
``sh:qualifiedValueShapesDisjoint``; of SPARQL-based components, where pySHACL and SHACL part
(a parameter with several values; an ASK validator on a property shape, whose results pySHACL
gives no ``sh:value``) and validators of other forms; SHACL-AF (``sh:target``, rules,
``sh:expression``...), any other ``sh:`` parameter, ``sh:ask`` constraints, ``$shapesGraph``,
a query that must be pre-bound to a blank node (it cannot be written into the query text),
``?failure`` rows. Refused with :class:`InvalidShapes` (as pySHACL rejects them): queries
SHACL forbids where variables are pre-bound (MINUS, VALUES, SERVICE, ``AS $this``, a nested
SELECT that does not return ``$this``), property shapes without exactly one ``sh:path``, a
shape both node and property shape, a one-member sequence path, an ``sh:declare`` that cannot
be written as a PREFIX. SPARQL that would leave the data graph (SERVICE, FROM, LOAD, updates;
see :func:`remote_constructs`) is refused before either engine runs
(:func:`claimgraph.checks.shacl.refuse_remote_sparql`).

pySHACL stays the reference: ``tests/test_fastshacl.py`` checks that both engines give the
same results on every shape example, on the seed data and on a generated project with broken
claims, and construct by construct; ``tests/test_shacl_manifests.py`` runs every W3C and DASH
test case (core and SPARQL) that pySHACL ships: each gives the expected report or is refused.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Callable, Iterable, NamedTuple

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import IdentifiedNode, Node

from claimgraph.problems import Severity
from claimgraph.rdf.namespaces import SH
from claimgraph.rdf.triples import all_triples

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


_TRUE = Literal(True)
_NO_VALUES: list = []  # shared by every lookup that finds nothing: never changed


class DataIndex:
    """The data graph (data + ontology, as pySHACL's ``ont_graph`` mixes them) for lookups."""

    def __init__(self, graphs: Iterable[Graph]):
        self.by_predicate: dict = defaultdict(dict)  # p -> s -> [o]
        seen_graphs: list = []  # sets (or graphs) already indexed: a triple in two counts once
        for graph in graphs:
            for s, p, o in all_triples(graph):
                if seen_graphs and any((s, p, o) in g for g in seen_graphs):
                    continue
                subjects = self.by_predicate[p]
                objects = subjects.get(s)
                if objects is None:
                    subjects[s] = [o]
                else:
                    objects.append(o)
            seen_graphs.append(all_triples(graph))
        self._inverse: dict = {}
        self._superclasses: dict = {}
        self.sparql_store = None  # set by validate_index: a callable giving the pyoxigraph store
        self.sparql_rows: dict = {}  # id(SparqlConstraint) -> ?this -> rows, of one-run constraints
        sub_class: dict = defaultdict(set)
        for s, objects in self.by_predicate.get(RDFS.subClassOf, {}).items():
            sub_class[s].update(objects)
        self._sub_class = sub_class
        self.instances: dict = defaultdict(list)  # class -> direct and indirect instances
        self._instance_sets: dict = {}
        for s, types in self.by_predicate.get(RDF.type, {}).items():
            classes: set = set()
            for t in types:
                classes |= self.superclasses(t)
            for c in classes:
                self.instances[c].append(s)

    def values(self, s, p) -> list:
        """The objects of ``s`` under ``p`` (do not change the list: it is the index's own)."""
        subjects = self.by_predicate.get(p)
        return _NO_VALUES if subjects is None else subjects.get(s, _NO_VALUES)

    def inverse_values(self, o, p) -> list:
        index = self._inverse.get(p)
        if index is None:
            index = defaultdict(list)
            for s, objects in self.by_predicate.get(p, {}).items():
                for obj in objects:
                    index[obj].append(s)
            self._inverse[p] = index
        return index.get(o, [])

    def superclasses(self, cls) -> set:
        """``cls`` and everything it is an ``rdfs:subClassOf*`` of."""
        found = self._superclasses.get(cls)
        if found is None:
            found, todo = {cls}, [cls]
            while todo:
                for sup in self._sub_class.get(todo.pop(), ()):
                    if sup not in found:
                        found.add(sup)
                        todo.append(sup)
            self._superclasses[cls] = found
        return found

    def is_instance(self, node, cls) -> bool:
        """``node`` has a type that is ``cls`` or one of its subclasses: membership in the set
        of ``cls``'s direct and indirect instances (made once per class)."""
        members = self._instance_sets.get(cls)
        if members is None:
            members = self._instance_sets[cls] = frozenset(self.instances.get(cls, ()))
        return type(node) is not Literal and node in members


# -- compiled shapes --------------------------------------------------------------------------


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
    #: (component, check): check(data, focus, values) -> [result value, None or _Nested]
    checks: list[tuple[Node | None, Callable]] = field(default_factory=list)
    #: the checks of the parameter being compiled, which ``CompiledShapes.shape`` moves to
    #: ``checks`` with that parameter's component
    parameter_checks: list[Callable] = field(default_factory=list)
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
            declared, namespace = g.value(decl, SH.prefix), g.value(decl, SH.namespace)
            if declared is not None and namespace is not None:
                if not _PREFIX_OK.fullmatch(str(declared)):
                    raise InvalidShapes(f"sh:declare: {str(declared)!r} is not a SPARQL prefix name; fix it")
                self.prologue += f"PREFIX {declared}: {iri_text(namespace, 'sh:declare')}\n"
        self.shapes = [self.shape(node) for node in sorted(roots, key=str)]
        #: predicates the SPARQL constraints can match (None: any, so the whole data graph)
        self.sparql_predicates: set | None = None if self.whole_graph else set()
        for shape in list(self._compiled.values()):
            for constraint in shape.sparql:
                used = predicates_used(constraint.query)
                self.sparql_predicates = None if used is None or self.sparql_predicates is None \
                    else self.sparql_predicates | used

    def shape(self, node) -> Shape:
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
                compile_parameter(self, shape, value)
                shape.checks += [(_component(p), check) for check in shape.parameter_checks]
                shape.parameter_checks.clear()
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
                suffixes: dict[Node, str] = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}
                suffix = suffixes[kind]

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


def _flag(g: Graph, node: Node, parameter: URIRef) -> bool:
    """A boolean parameter of a shape: its value's Python value, false when it is absent."""
    value = g.value(node, parameter, default=Literal(False))
    return bool(value.toPython()) if isinstance(value, (IdentifiedNode, Literal)) else bool(value)


def _component(parameter) -> URIRef:
    """SHACL's constraint component of a core parameter: sh:minCount -> sh:MinCountConstraintComponent."""
    if parameter == SH.sparql:
        return SH.SPARQLConstraintComponent
    local = parameter[len(SH):]
    return SH[local[0].upper() + local[1:] + "ConstraintComponent"]


def _custom_component_parameters(g: Graph) -> dict:
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


def predicates_used(query: str) -> set | None:
    """Every predicate a SPARQL query's patterns can match, or None if one is a variable.

    Loading only triples with these predicates into the store for SPARQL constraints gives
    the same solutions: a triple pattern can only match a triple with its predicate.
    """
    from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath

    # first, so that importing rdflib's SPARQL parser also runs there (it leaves cycles too)
    algebra = _on_own_thread(lambda: _algebra(query))
    from rdflib.plugins.sparql.parserutils import CompValue

    found: set = set()

    def path_iris(path) -> bool:
        if isinstance(path, URIRef):
            found.add(path)
            return True
        if isinstance(path, (AlternativePath, SequencePath)):
            return all(path_iris(p) for p in path.args)
        if isinstance(path, InvPath):
            return path_iris(path.arg)
        if isinstance(path, MulPath) and not path.zero:
            return path_iris(path.path)
        # a variable, a negated path (matches any other predicate), or p* / p? (a zero-length
        # path matches every node of the graph, so the graph must not be filtered)
        return False

    def walk(node) -> bool:
        if isinstance(node, CompValue):
            if "triples" in node:  # BGP, or a TriplesBlock inside EXISTS (left untranslated)
                triples = list(node["triples"] or [])
                if any(not isinstance(t, (list, tuple)) or len(t) != 3 for t in triples):
                    return False  # a layout this walk does not know: do not filter
                if not all(path_iris(t[1]) for t in triples):
                    return False
            return all(walk(value) for key, value in node.items() if key != "triples")
        if isinstance(node, (list, tuple)):
            return all(walk(value) for value in node)
        return not isinstance(node, NegatedPath)

    return found if walk(algebra) else None


@functools.lru_cache(maxsize=256)  # a query is parsed for its plan and for its predicates
def _algebra(query: str):
    from rdflib.plugins.sparql import prepareQuery
    return prepareQuery(query).algebra


def _on_own_thread(work):
    """``work()``, run on a thread of its own, and its result (or its exception, raised here).

    rdflib's SPARQL parser (pyparsing), and importing it, leave reference cycles of
    exceptions, tracebacks and frames behind. A frame object keeps its caller's frame and,
    once that returns, its locals: parsed on the caller's thread, those cycles would keep the
    validator's data index and the run's graphs alive until the cyclic collector runs, which
    a command-line run never lets it do (see ``pipeline._collector_paused``). A fresh
    thread's frames lead back to nothing of ours.
    """
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller as it is
            outcome.append((False, exc))

    thread = threading.Thread(target=run, name="claimgraph-sparql-parse")
    thread.start()
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


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


# -- SPARQL text: tokens, remote constructs, pre-bound variables -------------------------------


class Token(NamedTuple):
    kind: str  # iri, string, var, word (a bare name: keyword or function), pname, lang, number, punct
    text: str
    start: int  # offset in the query text


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\U000EFFFF]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z_\u00C0-\U000EFFFF][\w\-.\u00B7\u00C0-\U000EFFFF]*
               (?::(?:[\w\-.:%\u00B7\u00C0-\U000EFFFF]|\\[^\s])*)?
             |:(?:[\w\-.:%\u00B7\u00C0-\U000EFFFF]|\\[^\s])*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
""", re.VERBOSE | re.DOTALL)


def sparql_tokens(text: str) -> list[Token]:
    """The tokens of a SPARQL text, without whitespace and comments.

    Enough of SPARQL's lexical grammar to tell keywords from the same letters inside an IRI,
    a string, a comment, a variable or a prefixed name (``ex:service`` is no SERVICE). An
    unterminated string or IRI makes its opening character a punctuation token: the rest
    is still read as tokens, so a keyword after it is still seen.
    """
    found = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.lastgroup is None:  # (punct matches any character)
            raise AssertionError(f"no SPARQL token at {position}")
        kind = match.lastgroup
        value = match.group()
        if kind == "name":
            value = value.rstrip(".")  # a name never ends with '.': that is the triple's end
            kind = "pname" if ":" in value else "word"
        if kind not in ("space", "comment"):
            found.append(Token(kind, value, position))
        position += len(value)
    return found


#: keywords of SPARQL that reach beyond the data graph (another endpoint, a graph fetched by
#: IRI) or change a graph: none may run during validation
REMOTE_KEYWORDS = {"SERVICE": "SERVICE (a federated query to another endpoint)",
                   "FROM": "FROM (a dataset clause, which makes the engine fetch the graph by its IRI)",
                   "LOAD": "LOAD (a SPARQL Update that fetches a document)"}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"}


def _expanded(text: str) -> list[str]:
    """The text as each engine reads it: SPARQL decodes \\uXXXX and \\UXXXXXXXX escapes before
    parsing (rdflib also takes \\u with eight digits, and either case)."""
    def decode(match):
        code = int(next(g for g in match.groups() if g), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)
    variants = [text, re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", decode, text),
                re.sub(r"\\[uU]([0-9A-Fa-f]{4}(?:[0-9A-Fa-f]{4})?)", decode, text)]
    return list(dict.fromkeys(variants))


def remote_constructs(text: str) -> list[tuple[Token, str]]:
    """The tokens of a SPARQL text that would make it leave the data graph or change a graph,
    each with a description: SERVICE, FROM (NAMED), LOAD and every SPARQL Update keyword (also
    when written with \\u escapes)."""
    found = []
    for variant in _expanded(text):
        for token in sparql_tokens(variant):
            if token.kind != "word":
                continue
            keyword = token.text.upper()
            if keyword in REMOTE_KEYWORDS:
                found.append((token, REMOTE_KEYWORDS[keyword]))
            elif keyword in UPDATE_KEYWORDS:
                found.append((token, f"{keyword} (SPARQL Update, which changes graphs)"))
        if found:
            break
    return found


#: the variables SHACL pre-binds in a SPARQL constraint (a validator also pre-binds $value
#: and the component's parameters)
_PRE_BOUND = ("this", "currentShape", "shapesGraph")


def check_prebinding_rules(text: str, where: str, parameters: Iterable[str] = ()) -> None:
    """Refuse a query that SHACL forbids for pre-binding (SHACL 5.2.1: no MINUS, no VALUES,
    no federated query, no ``AS`` on a potentially pre-bound variable, and a nested SELECT must
    project ``$this``), as pySHACL rejects it; ``$shapesGraph`` is not implemented here.
    """
    tokens = sparql_tokens(text)
    pre_bound = {*_PRE_BOUND, *parameters}
    depth_selects = 0
    for i, token in enumerate(tokens):
        word = token.text.upper() if token.kind == "word" else None
        if word in ("MINUS", "VALUES", "SERVICE"):
            raise InvalidShapes(f"{where}: its SPARQL query uses {word}, which SHACL does not allow where "
                                "variables are pre-bound (SHACL 5.2.1); rewrite the query without it")
        if word == "AS" and i + 1 < len(tokens) and tokens[i + 1].kind == "var" \
                and tokens[i + 1].text[1:] in pre_bound:
            raise InvalidShapes(f"{where}: its SPARQL query binds {tokens[i + 1].text} with AS, which SHACL "
                                "does not allow for a pre-bound variable (SHACL 5.2.1); use another name")
        if token.kind == "var" and token.text[1:] == "shapesGraph":
            raise UnsupportedShapes(f"{where}: its SPARQL query uses $shapesGraph, which the fast SHACL "
                                    "validator does not support; run with --shacl pyshacl")
        if word == "ASK" and depth_selects == 0:  # an ASK validator: every SELECT in it is a sub-select
            depth_selects = 1
        if word == "SELECT":
            depth_selects += 1
            if depth_selects > 1:  # a sub-select: it must return $this (SHACL 5.2.1)
                projected = []
                for later in tokens[i + 1:]:
                    if later.kind == "word" and later.text.upper() in ("WHERE", "FROM") or later.text == "{":
                        break
                    projected.append(later)
                names = {t.text[1:] for t in projected if t.kind == "var"}
                missing = sorted({"this", *parameters} - names, key=lambda n: (n != "this", n))
                if any(t.text == "*" for t in projected) or missing:
                    missing = missing or ["this"]
                    raise InvalidShapes(f"{where}: a nested SELECT in its SPARQL query does not return "
                                        f"{', '.join('$' + m for m in missing)}, which SHACL requires of sub-queries "
                                        "(SHACL 5.2.1); add it to its projection")


def substitute_variable(text: str, name: str, replacement: str) -> str:
    """``text`` with every variable token ``$name``/``?name`` replaced by ``replacement`` (a
    SPARQL fragment made from terms, never from data text)."""
    parts = []
    last = 0
    for token in sparql_tokens(text):
        if token.kind == "var" and token.text[1:] == name:
            parts += [text[last:token.start], replacement]
            last = token.start + len(token.text)
    parts.append(text[last:])
    return "".join(parts)


def variable_used(text: str, name: str) -> bool:
    return any(t.kind == "var" and t.text[1:] == name for t in sparql_tokens(text))


_IRI_OK = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_PREFIX_OK = re.compile(r"(?:[A-Za-z\u00C0-\U000EFFFF](?:[\w\-.\u00B7\u00C0-\U000EFFFF]*[\w\-\u00B7\u00C0-\U000EFFFF])?)?")


def iri_text(iri, where: str) -> str:
    """An IRI as a SPARQL IRI reference, refused if it has a character that would end it."""
    if not _IRI_OK.fullmatch(str(iri)):
        raise InvalidShapes(f"{where}: {str(iri)!r} is not an IRI that can be written in SPARQL; fix it")
    return f"<{iri}>"


def term_text(term, where: str) -> str:
    """An RDF term as SPARQL text (for pre-binding): an IRI or a literal, escaped; a blank node
    cannot be written into a query (it would be a fresh variable there), so it is refused."""
    if isinstance(term, URIRef):
        return iri_text(term, where)
    if isinstance(term, Literal):
        body = str(term)
        for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r")):
            body = body.replace(raw, escaped)
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*", term.language):
                raise UnsupportedShapes(f"{where}: the language tag {term.language!r} cannot be written in SPARQL")
            return f'"{body}"@{term.language}'
        return f'"{body}"^^{iri_text(term.datatype or XSD.string, where)}'
    raise UnsupportedShapes(f"{where}: its SPARQL query must be run with $this bound to the blank node {term}, "
                            "which the fast SHACL validator does not support; run with --shacl pyshacl")


_CLAUSE_ENDS = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP", "SELECT", "WHERE"}


def prebind(query: str, name: str, value: str) -> str:
    """The query with variable ``name`` pre-bound to the SPARQL term ``value`` as SHACL defines
    it (5.2.1): every occurrence replaced by the value, ``bound($name)`` true; in a SELECT's
    projection the variable is dropped (a projection left empty returns a constant), and in
    GROUP BY and ORDER BY the value is bracketed, where SPARQL allows an expression."""
    tokens = sparql_tokens(query)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the text
    region = None  # None, "projection" or "condition" (GROUP BY / ORDER BY)
    depth = 0
    projection_vars = 0
    fresh = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = token.text.upper() if token.kind == "word" else None
        if word == "SELECT":
            region, depth, projection_vars = "projection", 0, 0
            i += 1
            continue
        if region == "projection" and depth == 0 and (word == "WHERE" or token.text == "{"):
            if projection_vars == 0:
                fresh += 1
                edits.append((token.start, token.start, f"(1 AS ?claimgraph_prebound_{fresh}) "))
            region = None
        elif word in ("GROUP", "ORDER") and i + 1 < len(tokens) and tokens[i + 1].text.upper() == "BY":
            region, depth = "condition", 0
            i += 2
            continue
        elif region == "condition" and depth == 0 and (word in _CLAUSE_ENDS or token.text == "}"):
            region = None
        if region == "projection" and depth == 0 and token.text in ("*", "("):
            projection_vars += 1
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        if word == "BOUND" and i + 3 < len(tokens) and tokens[i + 1].text == "(" \
                and tokens[i + 2].kind == "var" and tokens[i + 2].text[1:] == name and tokens[i + 3].text == ")":
            edits.append((token.start, tokens[i + 3].start + 1, "(true)"))
            i += 4
            continue
        if token.kind == "var":
            end = token.start + len(token.text)
            if token.text[1:] != name:
                if region == "projection" and depth == 0:
                    projection_vars += 1
            elif region == "projection" and depth == 0:
                edits.append((token.start, end, ""))
            elif region == "condition":
                edits.append((token.start, end, f"({value})"))
            else:
                edits.append((token.start, end, value))
        i += 1
    parts, last = [], 0
    for start, end, text in sorted(edits):
        parts += [query[last:start], text]
        last = end
    parts.append(query[last:])
    return "".join(parts)


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
    shape.parameter_checks.append(lambda data, f, values: [v for v in values if not ok(data, v)])


@_parameter(SH["class"])
def _class(c: CompiledShapes, shape: Shape, cls) -> None:
    _each_value(shape, lambda data, v: data.is_instance(v, cls))


@_parameter(SH.datatype)
def _datatype(c: CompiledShapes, shape: Shape, datatype) -> None:
    _each_value(shape, _datatype_test(datatype))


def _datatype_test(datatype) -> Callable:
    """A test of whether a value has ``datatype``, as pySHACL decides it: a literal of that
    datatype whose lexical form is valid for it (rdflib's Python value has the expected type);
    any literal for ``rdfs:Literal``; a language-tagged one for ``rdf:langString``; a plain one
    for ``xsd:string`` too. The comparisons with the datatype are made once, here."""
    if type(datatype) is not URIRef:
        return lambda data, v: False  # no value has a datatype that is not an IRI
    if datatype == RDFS.Literal:
        return lambda data, v: isinstance(v, Literal)
    if datatype == _RDF_LANGSTRING:
        return lambda data, v: isinstance(v, Literal) and v.language is not None
    plain_ok = datatype == XSD.string  # a plain literal is an xsd:string
    wanted = str(datatype)
    expected = _PYTHON_TYPES.get(datatype)

    def test(data, v) -> bool:
        if not isinstance(v, Literal):
            return False
        actual = v.datatype
        if actual is None:
            return plain_ok and v.language is None
        # str equality: rdflib's URIRef == makes two string copies per comparison
        if str.__ne__(actual, wanted) or getattr(v, "ill_typed", False):
            return False
        return expected is None or isinstance(v.value, expected)
    return test


#: the Python value rdflib gives a well-formed literal of these datatypes (as pySHACL checks)
_PYTHON_TYPES: dict[Node, type | tuple[type, ...]] = {XSD.string: (str, bytes), XSD.integer: int, XSD.float: float, XSD.decimal: Decimal,
                 XSD.boolean: bool, XSD.date: _dt.date, XSD.time: _dt.time, XSD.dateTime: _dt.datetime}


@_parameter(SH.nodeKind)
def _node_kind(c: CompiledShapes, shape: Shape, kind) -> None:
    allowed: tuple[type, ...] = {SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,),
               SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
               SH.IRIOrLiteral: (URIRef, Literal)}[kind]
    _each_value(shape, lambda data, v: isinstance(v, allowed))


@_parameter(SH.minCount)
def _min_count(c: CompiledShapes, shape: Shape, n) -> None:
    n = int(n)
    shape.parameter_checks.append(lambda data, f, values: [None] if len(values) < n else [])


@_parameter(SH.maxCount)
def _max_count(c: CompiledShapes, shape: Shape, n) -> None:
    n = int(n)
    shape.parameter_checks.append(lambda data, f, values: [None] if len(values) > n else [])


@_parameter(SH.pattern)
def _pattern(c: CompiledShapes, shape: Shape, pattern) -> None:
    flags = 0
    for flag in str(c.graph.value(shape.node, SH.flags) or ""):
        flags |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}.get(flag, 0)
    regex = re.compile(str(pattern), flags)
    _each_value(shape, lambda data, v: not isinstance(v, BNode) and regex.search(str(v)) is not None)


@_parameter(SH.minLength)
def _min_length(c: CompiledShapes, shape: Shape, n) -> None:
    n = int(n)
    _each_value(shape, lambda data, v: not isinstance(v, BNode) and len(str(v)) >= n)


@_parameter(SH.maxLength)
def _max_length(c: CompiledShapes, shape: Shape, n) -> None:
    n = int(n)
    _each_value(shape, lambda data, v: not isinstance(v, BNode) and len(str(v)) <= n)


@_parameter(SH.languageIn)
def _language_in(c: CompiledShapes, shape: Shape, head) -> None:
    ranges = [str(r).lower() for r in Collection(c.graph, head)]

    def matches(data, v) -> bool:
        if not isinstance(v, Literal) or not v.language:
            return False
        tag = v.language.lower()
        return any(r == "*" or tag == r or tag.startswith(r + "-") for r in ranges)
    _each_value(shape, matches)


@_parameter(SH.uniqueLang)
def _unique_lang(c: CompiledShapes, shape: Shape, flag) -> None:
    if flag != _TRUE:  # only true activates it: "1"^^xsd:boolean does not (W3C test uniqueLang-002)
        return

    def check(data, f, values):
        seen: dict = {}
        for v in values:
            if isinstance(v, Literal) and v.language:
                tag = v.language.lower()
                seen[tag] = seen.get(tag, 0) + 1
        return [None for tag, n in seen.items() if n > 1]
    shape.parameter_checks.append(check)


@_parameter(SH["in"])
def _in(c: CompiledShapes, shape: Shape, head) -> None:
    allowed = set(Collection(c.graph, head))
    _each_value(shape, lambda data, v: v in allowed)


@_parameter(SH.hasValue)
def _has_value(c: CompiledShapes, shape: Shape, value) -> None:
    shape.parameter_checks.append(lambda data, f, values: [] if value in values else [None])


def _comparable(v):
    if isinstance(v, Literal):
        value = v.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        return value if not isinstance(value, Literal) else None
    return None


def _range(test):
    def compile_range(c: CompiledShapes, shape: Shape, bound) -> None:
        limit = _comparable(bound)

        def ok(data, v) -> bool:
            value = _comparable(v)
            try:
                return value is not None and test(value, limit)
            except (TypeError, InvalidOperation):
                return False
        _each_value(shape, ok)
    return compile_range


_PARAMETERS[SH.minInclusive] = _range(lambda value, limit: value >= limit)
_PARAMETERS[SH.maxInclusive] = _range(lambda value, limit: value <= limit)
_PARAMETERS[SH.minExclusive] = _range(lambda value, limit: value > limit)
_PARAMETERS[SH.maxExclusive] = _range(lambda value, limit: value < limit)


@_parameter(SH.equals)
def _equals(c: CompiledShapes, shape: Shape, predicate) -> None:
    def check(data, f, values):
        others = set(data.values(f, predicate))
        mine = set(values)
        return [v for v in _unique([*values, *data.values(f, predicate)])
                if (v in mine) != (v in others)]
    shape.parameter_checks.append(check)


@_parameter(SH.disjoint)
def _disjoint(c: CompiledShapes, shape: Shape, predicate) -> None:
    def check(data, f, values):
        others = set(data.values(f, predicate))
        return [v for v in values if v in others]
    shape.parameter_checks.append(check)


class _Nested(NamedTuple):
    """A check's request: evaluate this nested property shape on this node."""

    shape: "Shape"
    node: Node


def _conforms(data: DataIndex, shape: Shape, node) -> bool:
    return not shape.deactivated and not _evaluate(data, shape, node, [])


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


@_parameter(SH.sparql)
def _sparql(c: CompiledShapes, shape: Shape, node) -> None:
    g = c.graph
    if _flag(g, node, SH.deactivated):
        return
    where = f"shape {shape.name}"
    selects = list(g.objects(node, SH.select))
    if len(selects) != 1 or set(g.objects(node, SH.ask)):
        raise UnsupportedShapes(f"{where}: a SPARQL constraint needs exactly one sh:select (it has {len(selects)}"
                                f"{' and an sh:ask' if set(g.objects(node, SH.ask)) else ''}); the fast SHACL "
                                "validator evaluates only that form; run with --shacl pyshacl")
    query = str(selects[0])
    for token, what in remote_constructs(query):
        raise UnsupportedShapes(f"{where}: its SPARQL query uses {what}; validation never leaves the data graph: "
                                "remove it")
    check_prebinding_rules(query, where)
    if variable_used(query, "PATH"):
        if shape.path is None:
            raise InvalidShapes(f"{where}: its SPARQL query uses $PATH, but the shape has no sh:path; use $PATH "
                                "only in a property shape")
        query = substitute_variable(query, "PATH", shape.path_sparql)
    if variable_used(query, "currentShape"):
        query = substitute_variable(query, "currentShape", _shape_term(shape, where))
    query = c.prologue + query
    once, projected = _plan(query, where)
    messages = sorted(str(m) for m in g.objects(node, SH.message))
    shape.sparql.append(SparqlConstraint(node, query, messages, once, projected))


def _shape_term(shape: Shape, where: str) -> str:
    if not isinstance(shape.node, URIRef):
        raise UnsupportedShapes(f"{where}: its SPARQL query uses $currentShape on a blank-node shape, which the "
                                "fast SHACL validator does not support; run with --shacl pyshacl")
    return iri_text(shape.node, where)


def _plan(query: str, where: str) -> tuple[bool, set]:
    """Whether the SELECT ``query`` may run once with ``$this`` free (see :func:`_runs_once`),
    and the names of the variables it returns."""
    try:
        algebra = _on_own_thread(lambda: _algebra(query))
    except Exception as exc:  # noqa: BLE001 - pyparsing's errors have many types
        raise InvalidShapes(f"{where}: its SPARQL query is not valid SPARQL ({' '.join(str(exc).split())}); "
                            "fix the query") from None
    if algebra.name != "SelectQuery":
        raise InvalidShapes(f"{where}: sh:select holds a query that is not a SELECT; write a SELECT query")
    projected = {str(v) for v in algebra.get("PV") or ()}
    return "this" in projected and _runs_once(algebra), projected


def _runs_once(algebra) -> bool:
    """True when running the query once with ``$this`` free and keeping the rows whose ``?this``
    is a focus node gives the rows of pre-binding ``$this`` to each focus node (SHACL 5.2.1).

    That holds when every solution binds ``?this`` through a triple pattern that no UNION,
    OPTIONAL or MINUS side makes optional, every expression (FILTER, BIND, grouping, ordering,
    aggregate) that uses ``?this`` sits where that binding is already made, every sub-select
    returns it, and no LIMIT or OFFSET counts rows across focus nodes. Otherwise the query
    runs once per focus node with ``$this`` pre-bound (:func:`prebind`).
    """
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    this = Variable("this")

    def mentions(node) -> bool:
        if isinstance(node, Variable):
            return node == this
        if isinstance(node, CompValue):
            return any(mentions(v) for k, v in node.items() if k != "_vars")
        if isinstance(node, (list, tuple, set, frozenset)):
            return any(mentions(v) for v in node)
        return False

    def binds(node) -> bool:
        if not isinstance(node, CompValue):
            return False
        name = node.name
        if name == "BGP":
            return any(this in triple for triple in node.get("triples") or ())
        if name == "Join":
            return binds(node["p1"]) or binds(node["p2"])
        if name in ("LeftJoin", "Minus"):
            return binds(node["p1"])
        if name == "Union":
            return binds(node["p1"]) and binds(node["p2"])
        if name == "Project":
            return this in (node.get("PV") or ()) and binds(node["p"])
        if name == "Group":
            return this in (node.get("expr") or ()) and binds(node["p"])
        if name in ("Extend", "Filter", "Distinct", "Reduced", "OrderBy", "ToMultiSet", "AggregateJoin", "Graph",
                    "SelectQuery"):
            return binds(node["p"])
        return False

    def safe(node) -> bool:
        """Every use of ?this in an expression below ``node`` sees its binding."""
        if isinstance(node, (list, tuple)):
            return all(safe(v) for v in node)
        if not isinstance(node, CompValue):
            return True
        name = node.name
        if name == "Slice":
            return False
        if name in ("Filter", "Extend", "OrderBy", "Group", "AggregateJoin"):
            expression = node.get("expr") if name != "AggregateJoin" else node.get("A")
            if mentions(expression) and not binds(node["p"]):
                return False
            if name == "Filter" and _exists_uses_this_in_an_expression(expression):
                return False
        if name == "LeftJoin" and mentions(node.get("expr")) and not binds(node["p1"]):
            return False
        if name == "Project" and this not in (node.get("PV") or ()) and mentions(node["p"]):
            return False
        return all(safe(node[key]) for key in ("p", "p1", "p2") if key in node)

    return binds(algebra) and safe(algebra)


def _exists_uses_this_in_an_expression(expression) -> bool:
    """An EXISTS (kept untranslated by rdflib) that uses ?this other than in a triple pattern:
    engines evaluate EXISTS by joining, where SHACL substitutes, so only triples are safe."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    this = Variable("this")

    def walk(node, inside: bool) -> bool:
        if isinstance(node, Variable):
            return inside and node == this
        if isinstance(node, CompValue):
            if node.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
                return walk(node.get("graph"), True)
            if inside and node.name == "TriplesBlock":
                return False
            return any(walk(v, inside) for k, v in node.items() if k != "_vars")
        if isinstance(node, (list, tuple)):
            return any(walk(v, inside) for v in node)
        return False

    return walk(expression, False)


@dataclass
class ComponentUse:
    """A SPARQL-based constraint component on a shape, with the shape's parameter values."""

    component: Node
    kind: str  # "ask": once per value node; "select": once per focus node
    query: str  # with the prologue, $PATH and the parameters replaced
    messages: list[str]
    bindings: dict  # parameter name -> value (for messages)


def _component_uses(c: "CompiledShapes", shape: Shape) -> list[ComponentUse]:
    """The SPARQL-based constraint components a shape activates (every mandatory parameter
    given), SHACL 6: the validator that applies to the shape's kind, pre-bound with the
    parameter values. Refused where pySHACL and SHACL part: several values for a parameter,
    an ASK validator on a property shape."""
    g = c.graph
    uses = []
    for component in sorted(c._components, key=str):
        parameters = []
        for parameter in g.objects(component, SH.parameter):
            path = g.value(parameter, SH.path)
            optional = g.value(parameter, SH.optional)
            parameters.append((path, optional is not None and bool(getattr(optional, "value", False))))
        given = {path: sorted(g.objects(shape.node, path), key=str) for path, _ in parameters}
        if not any(given.values()) or any(not given[path] for path, optional in parameters if not optional):
            continue
        where = f"shape {shape.name} (constraint component {component})"
        if any(len(values) > 1 for values in given.values()):  # pySHACL then uses one of them, SHACL each
            raise UnsupportedShapes(f"{where}: a parameter with several values, which the fast SHACL validator "
                                    "does not support; run with --shacl pyshacl")
        validators = list(g.objects(component, SH.propertyValidator if shape.path is not None else SH.nodeValidator))
        kind = "select"
        if not validators:
            validators, kind = list(g.objects(component, SH.validator)), "ask"
            if shape.path is not None and validators:  # pySHACL's results then have no sh:value, SHACL's do
                raise UnsupportedShapes(f"{where}: an ASK validator on a property shape, which the fast SHACL "
                                        "validator does not support; run with --shacl pyshacl")
        if len(validators) != 1:
            raise UnsupportedShapes(f"{where}: the fast SHACL validator needs exactly one validator for this kind of "
                                    f"shape (it has {len(validators)}); run with --shacl pyshacl")
        validator = validators[0]
        asks, selects = list(g.objects(validator, SH.ask)), list(g.objects(validator, SH.select))
        if kind == "ask" and (len(asks) != 1 or selects) or kind == "select" and (len(selects) != 1 or asks):
            raise UnsupportedShapes(f"{where}: a validator the fast SHACL validator does not evaluate (sh:validator "
                                    "takes one sh:ask, sh:nodeValidator and sh:propertyValidator one sh:select); run "
                                    "with --shacl pyshacl")
        text = str((asks or selects)[0])
        for token, what in remote_constructs(text):
            raise UnsupportedShapes(f"{where}: its SPARQL query uses {what}; validation never leaves the data "
                                    "graph: remove it")
        names = [_parameter_name(path, where) for path, _ in parameters]
        check_prebinding_rules(text, where, [*names, "value"])  # pySHACL counts $value for both kinds
        if variable_used(text, "PATH"):
            if shape.path is None:
                raise InvalidShapes(f"{where}: its validator uses $PATH, but the shape has no sh:path")
            text = substitute_variable(text, "PATH", shape.path_sparql)
        if variable_used(text, "currentShape"):
            text = substitute_variable(text, "currentShape", _shape_term(shape, where))
        messages = sorted(str(m) for m in g.objects(validator, SH.message)) \
            or sorted(str(m) for m in g.objects(component, SH.message))
        bindings = {name: given[path][0] for (path, _), name in zip(parameters, names) if given[path]}
        for name, value in bindings.items():
            text = prebind(text, name, term_text(value, where))
        uses.append(ComponentUse(component, kind, c.prologue + text, messages, bindings))
    return uses


def _parameter_name(path, where: str) -> str:
    """A parameter's variable name: the local name of its path (SHACL 6.2.1)."""
    name = re.split(r"[#/:]", str(path))[-1]
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or name in ("this", "value", "PATH", "currentShape",
                                                                        "shapesGraph"):
        raise InvalidShapes(f"{where}: the parameter {path} has no local name usable as a SPARQL variable")
    return name


def _component_check(shape: Shape, use: ComponentUse) -> Callable:
    where = f"shape {shape.name}"

    def check(data, f, values):
        store = data.sparql_store()
        found = []
        this = term_text(f, where)
        if use.kind == "ask":
            for v in values:
                query = prebind(prebind(use.query, "this", this), "value", term_text(v, where))
                if not bool(_run(store, query, where)):
                    found.append(_component_finding(shape, use, f, v, None, {"this": f, "value": v}))
            return found
        for row in _run(store, prebind(use.query, "this", this), where):
            value = _from_ox(row["value"]) if _bound(row, "value") else (f if shape.path is None else None)
            path = _from_ox(row["path"]) if _bound(row, "path") else None
            terms = {"this": f, **({"value": value} if value is not None else {})}
            found.append(_component_finding(shape, use, f, value, path, terms))
        return found
    return check


def _bound(row, name: str) -> bool:
    try:
        return row[name] is not None
    except (KeyError, IndexError, TypeError):
        return False


def _run(store, query: str, where: str):
    try:
        return store.query(query)
    except (SyntaxError, RuntimeError, OSError) as exc:
        raise UnsupportedShapes(f"{where}: the fast SHACL validator cannot run its validator's query "
                                f"({' '.join(str(exc).split())}); run with --shacl pyshacl") from None


def _component_finding(shape: Shape, use: ComponentUse, focus, value, path, terms: dict) -> "Finding":
    bindings = {**use.bindings, **terms}
    message = (use.messages or [f"constraint of shape {shape.name} not met"])[0]
    message = re.sub(r"\{[?$](\w+)\}", lambda m: str(bindings[m.group(1)]) if m.group(1) in bindings
                     else m.group(0), message)
    if path is not None:
        return Finding(focus, value, message, shape.severity, shape.node,
                       str(path) if isinstance(path, URIRef) else "", use.component, path)
    return Finding(focus, value, message, shape.severity, shape.node, shape.path_text, use.component,
                   shape.path_node)


# -- evaluation ------------------------------------------------------------------------------


def _evaluate(data: DataIndex, shape: Shape, focus, found: list, sparql: bool = True) -> list:
    """Append (source shape, focus, value, component) to ``found`` for every result of
    ``shape`` on ``focus`` (a :class:`Finding` for a SPARQL constraint's), and return ``found``.
    ``sparql`` False leaves the shape's own SPARQL constraints out (a target shape's run for all
    its focus nodes at once, in :func:`validate_index`).

    Eager, with plain calls: a generator per shape and value node made the shapes' evaluation
    slower, measured on a large project, and the conformance checks
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


def _sparql_results(data: DataIndex, shape: Shape, constraint: SparqlConstraint, nodes: list, store) -> list[Finding]:
    """The results of a SPARQL constraint on the shape's focus nodes: from one run with
    ``$this`` free where that equals pre-binding (see :func:`_runs_once`), else from one run
    per focus node with ``$this`` bound to it."""
    if constraint.once:
        by_this = data.sparql_rows.get(id(constraint))
        if by_this is None:  # one run for every node the constraint is evaluated on
            by_this = data.sparql_rows[id(constraint)] = defaultdict(list)
            for row in store.query(constraint.query):
                by_this[_from_ox(row["this"])].append(row)
        rows = [(this, row) for this in _unique(nodes) for row in by_this.get(this, ())]
    else:
        rows = []
        where = f"shape {shape.name}"
        for node in nodes:
            query = prebind(constraint.query, "this", term_text(node, where))
            try:
                solutions = store.query(query)
            except (SyntaxError, RuntimeError) as exc:
                raise UnsupportedShapes(f"{where}: the fast SHACL validator cannot pre-bind $this in its SPARQL "
                                        f"query ({' '.join(str(exc).split())}); run with --shacl pyshacl") from None
            rows += [(node, row) for row in solutions]
    findings = []
    seen = set()
    has_value = "value" in constraint.projected
    has_path = "path" in constraint.projected
    for this, row in rows:
        if "failure" in constraint.projected and row["failure"] is not None \
                and _from_ox(row["failure"]) == Literal(True):
            raise UnsupportedShapes(f"shape {shape.name}: its SPARQL query reported a failure (?failure true); "
                                    "fix the shapes or the data, or run with --shacl pyshacl")
        value = _from_ox(row["value"]) if has_value and row["value"] is not None else None
        if shape.path is None and value is None:
            value = this
        path_node, path_text = shape.path_node, shape.path_text
        if has_path and row["path"] is not None:
            path_node = _from_ox(row["path"])
            path_text = str(path_node) if isinstance(path_node, URIRef) else ""
        if (this, value, path_node) in seen:
            continue
        seen.add((this, value, path_node))
        text = _substitute((constraint.messages or shape.messages or ["SPARQL constraint not met"])[0], row, this)
        findings.append(Finding(this, value, text, shape.severity, shape.node, path_text,
                                SH.SPARQLConstraintComponent, path_node))
    return findings


def _substitute(message: str, row, this) -> str:
    def replace(match):
        name = match.group(1)
        try:
            term = row[name]
        except (KeyError, IndexError, TypeError):
            term = None
        if term is not None:
            return str(_from_ox(term))
        return str(this) if name == "this" else match.group(0)
    return re.sub(r"\{[?$](\w+)\}", replace, message)


def _from_ox(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # rdflib's plain literal, as parsed from Turtle
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return term
