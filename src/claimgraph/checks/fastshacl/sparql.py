"""SPARQL-based constraints (SHACL 5) and SPARQL-based constraint components (SHACL 6)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from claimgraph.checks.fastshacl.data import DataIndex
from claimgraph.checks.fastshacl.report import Finding, InvalidShapes, UnsupportedShapes
from claimgraph.checks.fastshacl.shapes import (
    Check,
    CompiledShapes,
    Shape,
    SparqlConstraint,
    _XSD_STRING,
    _parameter,
    _unique,
)
from claimgraph.checks.fastshacl.sparql_text import (
    _algebra,
    _on_own_thread,
    check_prebinding_rules,
    iri_text,
    prebind,
    remote_constructs,
    substitute_variable,
    term_text,
    variable_used,
)
from claimgraph.rdf.namespaces import SH


@_parameter(SH.sparql)
def _sparql(c: CompiledShapes, shape: Shape, node) -> None:
    g = c.graph
    if g.value(node, SH.deactivated, default=Literal(False)).toPython():
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


def _component_check(shape: Shape, use: ComponentUse) -> Check:
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
