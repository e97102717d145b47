"""A fast OWL 2 RL closure that gives owlrl's result or refuses.

owlrl re-scans the whole graph for every rule on every round, so its time grows with the graph
times the rounds (figures: benchmarks/RESULTS.md). Here the ontology is compiled once into
lookup tables and the closure is computed semi-naively: each new triple is joined only
against indexes. The reference is owlrl's ``OWLRL_Semantics`` as
:func:`claimgraph.checks.reasoning.infer` calls it (no RDFS closure, no axiomatic or
datatype-axiom triples). The contract: the same inferred triples (as
:func:`claimgraph.checks.reasoning.inferred_part` keeps them) and the same inconsistencies, or
:class:`UnsupportedOntologyError`, whose one-line message names the construct, the term it is on,
and ``--reasoner owlrl``.

Implemented (OWL 2 RL rule names), as owlrl implements them:

- cax-sco, prp-dom, prp-rng, prp-spo1, prp-spo2 (chains of exactly two named properties),
  prp-inv1/2, prp-symp, prp-trp, with the schema closure they need (scm-sco, scm-spo,
  scm-dom1/2, scm-rng1/2, and scm-eqc2/scm-eqp2 for classes or properties that are
  subclasses or subproperties of each other; scm-cls, scm-op and scm-dp add nothing kept);
- prp-fp and prp-ifp with the equality rules they need: eq-sym, eq-trans, eq-rep-s, eq-rep-o
  (eq-ref only adds ``x owl:sameAs x``, which is not kept). Like owlrl, two different literal
  values of a functional property become ``owl:sameAs`` each other (no inconsistency: owlrl
  skips dt-diff), and every triple ending in one also ends in the other;
- datatypes as owlrl does them: dt-type2 with its subsumptions (an xsd:integer value is also an
  xsd:decimal), the disjointness of the datatypes in use (dt-type1 and owlrl's datatype
  axioms), dt-not-type (a lexical form its datatype rejects, with owlrl's own conversions);
- the inconsistencies of cax-dw, cax-adc and prp-pdw, on every node including literals (a
  literal is in the classes of the ranges of the properties it is a value of);
- rules on triples about literals (a symmetric or inverse property with a literal value), and
  the ontology's own triples reasoned over as data (its individuals), as in owlrl's graph.

The ontology is checked triple by triple against an allow-list: declarations (``rdf:type``
``owl:Class``, ``owl:ObjectProperty``, ``owl:DatatypeProperty``, ``owl:AnnotationProperty``,
``owl:NamedIndividual``, ``owl:Ontology``), the property characteristics
``owl:SymmetricProperty``, ``owl:TransitiveProperty``, ``owl:FunctionalProperty`` and
``owl:InverseFunctionalProperty``, ``owl:AllDisjointClasses`` with ``owl:members``, the
axioms ``rdfs:subClassOf``, ``rdfs:subPropertyOf``, ``rdfs:domain``, ``rdfs:range``,
``owl:inverseOf``, ``owl:propertyChainAxiom``, ``owl:disjointWith``,
``owl:propertyDisjointWith``, RDF lists (``rdf:first``, ``rdf:rest``), the annotations
``rdfs:label``, ``rdfs:comment``, ``rdfs:seeAlso``, ``rdfs:isDefinedBy``, ``owl:versionInfo``,
``owl:versionIRI``, ``owl:priorVersion``, ``owl:deprecated``, ``owl:backwardCompatibleWith``,
``owl:incompatibleWith``, and any triple whose predicate (or, for ``rdf:type``, class) is not
an RDF, RDFS, OWL or XSD term. A built-in term may be the object of an axiom only as a class of
``rdfs:subClassOf``/``rdfs:domain``/``rdfs:range`` (an OWL 2 RL datatype or ``owl:Thing``) or
as ``rdf:nil``; it may not be the subject of an axiom, except the declarations owlrl makes
itself (``owl:Thing``/``owl:Nothing`` as ``owl:Class``, its annotation properties as
``owl:AnnotationProperty``). Properties in axioms must be IRIs. Everything else is refused,
among it: owl:equivalentClass, owl:equivalentProperty, owl:Restriction and every restriction
(someValuesFrom, allValuesFrom, hasValue, max(Qualified)Cardinality), owl:intersectionOf,
owl:unionOf, owl:complementOf, owl:oneOf, owl:hasKey, owl:sameAs, owl:differentFrom,
owl:AllDifferent, owl:NegativePropertyAssertion, owl:IrreflexiveProperty,
owl:AsymmetricProperty, owl:AllDisjointProperties, owl:Nothing, owl:imports, rdfs:Class,
rdfs:Datatype, and property chains of other lengths.

The asserted data may use, of the built-in vocabularies, ``rdf:type`` (to a class outside
them) and the annotation properties above; any other built-in predicate or class in it (an
asserted ``owl:sameAs``, a schema triple) is refused.

Refused at run time, only when the data makes it happen: an ``owl:sameAs`` class (from prp-fp
or prp-ifp) that mixes literals with other nodes, that contains a built-in term or a term the
ontology's axioms use (it would rewrite an axiom), or whose member is used as a predicate
(eq-rep-p).

``tests/test_owlrl_rules.py`` runs a case for every rule of the W3C OWL 2 RL/RDF tables (and
more) through both engines and asserts the same result or a refusal; ``tests/test_fastreason.py``
compares them on the seed data, with a functional property given two values, and on generated
projects.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from owlrl.AxiomaticTriples import OWLRL_Datatypes_Disjointness
from owlrl.DatatypeHandling import AltXSDToPYTHON
from owlrl.OWLRL import OWLRL_Annotation_properties
from owlrl.XsdDatatypes import OWL_Datatype_Subsumptions, OWL_RL_Datatypes
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from claimgraph.rdf.namespaces import PREFIXES
from claimgraph.rdf.triples import TripleSet, all_triples
from claimgraph.checks.reasoning import InferenceResult, inconsistency, inferred_part


class UnsupportedOntologyError(Exception):
    """The ontology (or the data) uses something the fast reasoner does not implement (exit 2)."""


_RDF_TYPE = RDF.type  # rdflib's closed namespaces build a new term on every attribute access
_SAME_AS = OWL.sameAs
_RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))

_DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                 OWL.NamedIndividual, OWL.Ontology}
_CHARACTERISTICS = {OWL.SymmetricProperty, OWL.TransitiveProperty, OWL.FunctionalProperty,
                    OWL.InverseFunctionalProperty}
_TYPES = _DECLARATIONS | _CHARACTERISTICS | {OWL.AllDisjointClasses}
_ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo, OWL.versionIRI,
                OWL.priorVersion, OWL.deprecated, OWL.backwardCompatibleWith, OWL.incompatibleWith}
_AXIOMS = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf,
           OWL.propertyChainAxiom, OWL.disjointWith, OWL.propertyDisjointWith, OWL.members,
           RDF.first, RDF.rest}
#: built-in terms an axiom may name as its object: a datatype or owl:Thing as a class
#: (their instances get nothing more from owlrl), rdf:nil to end a list
_CLASS_OBJECTS = set(OWL_RL_Datatypes) | {OWL.Thing}
_ALLOWED_OBJECTS = {RDFS.subClassOf: _CLASS_OBJECTS, RDFS.domain: _CLASS_OBJECTS,
                    RDFS.range: _CLASS_OBJECTS, RDF.rest: {RDF.nil}}
#: predicates whose subject and object are properties; owlrl drops blank-node predicates
_PROPERTY_AXIOMS = {RDFS.subPropertyOf, OWL.inverseOf, OWL.propertyDisjointWith}
_SUBJECT_IS_PROPERTY = _PROPERTY_AXIOMS | {RDFS.domain, RDFS.range, OWL.propertyChainAxiom}
#: what the asserted data may use from the built-in vocabularies as predicate
_DATA_PREDICATES = {_RDF_TYPE} | _ANNOTATIONS

#: declarations owlrl makes itself (cls-thing, cls-nothing1, prp-ap): allowed on built-in terms
_AXIOMATIC = {(OWL.Thing, OWL.Class), (OWL.Nothing, OWL.Class)} | {
    (annotation, OWL.AnnotationProperty) for annotation in OWLRL_Annotation_properties}

_RL_DATATYPES = set(OWL_RL_Datatypes)
_TYPE_ONLY = {_RDF_TYPE}


def _reserved(term) -> bool:
    return isinstance(term, URIRef) and str.startswith(term, _RESERVED)


class _Names:
    """CURIEs for messages, with the ontology's prefixes."""

    def __init__(self, graph: Graph) -> None:
        spaces = {str(namespace): prefix for prefix, namespace in PREFIXES.items()}
        for prefix, namespace in graph.namespaces():
            if prefix and str(namespace) not in spaces:
                spaces[str(namespace)] = prefix
        self.spaces = sorted(spaces.items(), key=lambda item: -len(item[0]))

    def __call__(self, term) -> str:
        if isinstance(term, BNode):
            return "a blank node"
        if isinstance(term, Literal):
            return term.n3()
        for namespace, prefix in self.spaces:
            rest = str(term)[len(namespace):]
            if str.startswith(term, namespace) and rest and all(ch.isalnum() or ch in "_-." for ch in rest):
                return f"{prefix}:{rest}"
        return f"<{term}>"


def _refusal(where: str, construct: str, subject: str) -> UnsupportedOntologyError:
    return _unsupported(f"{where} uses {construct} (on {subject})")


def _unsupported(what: str) -> UnsupportedOntologyError:
    return UnsupportedOntologyError(f"{what}, which the fast reasoner does not implement; run with --reasoner owlrl")


@dataclass
class CompiledOntology:
    superclasses: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    superproperties: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    inverses: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    symmetric: set[Node] = field(default_factory=set)
    transitive: set[Node] = field(default_factory=set)
    functional: set[Node] = field(default_factory=set)
    inverse_functional: set[Node] = field(default_factory=set)
    chains_by_first: dict[Node, list[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(list))
    chains_by_second: dict[Node, list[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(list))
    domains: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    disjoint_classes: list[tuple[Node, Node]] = field(default_factory=list)
    disjoint_properties: list[tuple[Node, Node]] = field(default_factory=list)
    #: every term an axiom of the ontology names: equality must not reach them (it would rewrite axioms)
    schema_terms: set = field(default_factory=set)
    #: the ontology's triples: the only place built-in predicates other than rdf:type may come from
    triples: set = field(default_factory=set)
    names: _Names | None = None


def check_ontology(ontology: Graph) -> None:
    """Raise :class:`UnsupportedOntologyError` for the first triple (in a fixed order) outside the allow-list."""
    names = _Names(ontology)
    refused = []
    for s, p, o in ontology:
        construct = _construct_refused(ontology, s, p, o, names)
        if construct is not None:
            refused.append((construct, names(s)))
    if refused:
        construct, subject = min(refused)
        raise _refusal("the ontology", construct, subject)


def _construct_refused(ontology: Graph, s, p, o, names: _Names) -> str | None:
    if p == _RDF_TYPE:
        if not _reserved(o):
            return None  # an individual and its class: data
        if o not in _TYPES:
            return names(o)
        if _reserved(s) and (s, o) not in _AXIOMATIC:
            return f"{names(o)} on a built-in term"
        if o in _CHARACTERISTICS and not isinstance(s, URIRef):
            return f"{names(o)} on a blank node"
        return None
    if not _reserved(p) or p in _ANNOTATIONS:
        return None
    if p not in _AXIOMS:
        return names(p)
    if _reserved(s):
        return f"{names(p)} on a built-in term"
    if _reserved(o) and o not in _ALLOWED_OBJECTS.get(p, ()):
        return f"{names(o)} as the object of {names(p)}"
    if p in _SUBJECT_IS_PROPERTY and not isinstance(s, URIRef):
        return f"{names(p)} on a blank-node property"
    if p in _PROPERTY_AXIOMS and not isinstance(o, URIRef):
        return f"{names(p)} with a blank-node property"
    if p == OWL.propertyChainAxiom:
        steps = list(Collection(ontology, o))
        if len(steps) != 2 or not all(isinstance(step, URIRef) for step in steps):
            return (f"{names(p)} with {len(steps)} steps or a blank-node step (only two named properties "
                    "are implemented)")
    if isinstance(o, Literal):
        return f"{names(p)} with a literal"
    return None


def compile_ontology(ontology: Graph) -> CompiledOntology:
    check_ontology(ontology)
    c = CompiledOntology()
    c.names = _Names(ontology)
    c.triples = set(ontology)
    for s, p, o in c.triples:
        if p in _ANNOTATIONS or not _reserved(p):
            continue
        if p == _RDF_TYPE and (not _reserved(o) or o == OWL.NamedIndividual):
            c.schema_terms.add(o)  # a class of individuals; the individual itself is data
            continue
        c.schema_terms.update(t for t in (s, o) if not isinstance(t, Literal))
    sub_class = defaultdict(set)
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        sub_class[sub].add(sup)
    sub_prop = defaultdict(set)
    for sub, sup in ontology.subject_objects(RDFS.subPropertyOf):
        sub_prop[sub].add(sup)
    for cls in set(sub_class) | {s for s in ontology.subjects(RDF.type, OWL.Class)}:
        c.superclasses[cls] = _closure(cls, sub_class) - {cls}
    for prop in set(sub_prop):
        c.superproperties[prop] = _closure(prop, sub_prop) - {prop}
    for a, b in ontology.subject_objects(OWL.inverseOf):
        c.inverses[a].add(b)
        c.inverses[b].add(a)
    c.symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    c.transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
    c.functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    c.inverse_functional = set(ontology.subjects(RDF.type, OWL.InverseFunctionalProperty))
    for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
        first, second = Collection(ontology, head)
        c.chains_by_first[first].append((second, prop))
        c.chains_by_second[second].append((first, prop))
    for prop, cls in ontology.subject_objects(RDFS.domain):
        c.domains[prop].add(cls)
    for prop, cls in ontology.subject_objects(RDFS.range):
        c.ranges[prop].add(cls)
    for a, b in ontology.subject_objects(OWL.disjointWith):
        c.disjoint_classes.append((a, b))
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        for head in ontology.objects(node, OWL.members):
            members = list(Collection(ontology, head))
            c.disjoint_classes += [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
    for a, b in ontology.subject_objects(OWL.propertyDisjointWith):
        c.disjoint_properties.append((a, b))
    return c


def _closure(start, edges) -> set:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


class _Index:
    """Every triple once (for de-duplication); by predicate, both directions, only where joined.

    Rules that join two triples (transitivity, chains, disjoint properties, functional
    properties) and the class checks need lookups by predicate; the others only look at the
    triple in hand. Indexing only the joined predicates keeps memory near one set entry per
    triple. The asserted triples are not copied: ``base`` is their set, read but never changed,
    and ``triples`` holds only what was derived, a fraction of all the triples. The literal
    objects of ``base`` are collected on the way (datatype rules), by identity: the mapper
    shares literal objects, and hashing a Literal is a Python call. Equality, when the data
    makes it happen, turns on an index of every triple by subject and by object (``by_node``).
    """

    def __init__(self, out_predicates: set, in_predicates: set, base: set | frozenset | TripleSet) -> None:
        self.base = base
        self.triples: set[tuple] = set()
        self.out: dict = {p: defaultdict(set) for p in out_predicates}  # p -> s -> {o}
        self.inn: dict = {p: defaultdict(set) for p in in_predicates}  # p -> o -> {s}
        self.by_node: dict | None = None
        self.literals: dict = {}  # id -> literal
        out, inn, literals = self.out, self.inn, self.literals
        for s, p, o in base:
            if p in out:
                out[p][s].add(o)
            if p in inn:
                inn[p][o].add(s)
            if type(o) is Literal:
                literals[id(o)] = o

    def add(self, s, p, o) -> bool:
        triple = (s, p, o)
        if triple in self.base or triple in self.triples:
            return False
        self.triples.add(triple)
        out = self.out.get(p)
        if out is not None:
            out[s].add(o)
        inn = self.inn.get(p)
        if inn is not None:
            inn[o].add(s)
        if self.by_node is not None:
            self.by_node[s].append(triple)
            if o != s:
                self.by_node[o].append(triple)
        return True

    def index_nodes(self) -> dict:
        if self.by_node is None:
            by_node = defaultdict(list)
            for triples in (self.base, self.triples):
                for triple in triples:
                    by_node[triple[0]].append(triple)
                    if triple[2] != triple[0]:
                        by_node[triple[2]].append(triple)
            self.by_node = by_node
        return self.by_node


def _joined_predicates(c: CompiledOntology) -> tuple[set, set]:
    out = set(c.transitive) | {second for chains in c.chains_by_first.values() for second, _ in chains}
    out |= {p for pair in c.disjoint_properties for p in pair}
    inn = set(c.transitive) | {first for chains in c.chains_by_second.values() for first, _ in chains}
    return out, inn | {RDF.type}


def fast_infer(asserted: Graph, ontology: Graph, compiled: CompiledOntology | None = None) -> InferenceResult:
    """The OWL 2 RL closure of ``asserted`` under ``ontology``'s axioms; same contract as ``infer``.

    Raises :class:`UnsupportedOntologyError` for what it does not implement (see the module docstring).
    """
    c = compiled or compile_ontology(ontology)
    triples = all_triples(asserted)
    base = triples if isinstance(triples, (set, frozenset, TripleSet)) else set(triples)
    index = _Index(*_joined_predicates(c), base=base)
    queue: deque = deque(base)
    derived: list[tuple] = []  # new triples only: index.add refuses anything already there
    # owlrl keeps triples about literals; the rdf:type ones only matter to the disjointness
    # checks. The ranges of the properties with literal values are noted (a few distinct sets);
    # only if two of them, or one and a datatype, can conflict are literals given their classes
    # one by one, after the closure. A literal-subject rdf:type triple from another rule (rare)
    # gives its literal the class at once. A literal's classes are one shared frozenset, by the
    # literal's identity: id -> (literal, classes).
    literal_types: dict = {}
    literal_ranges: set = set()
    unions: dict = {}  # (frozenset, frozenset) -> their union
    # functional properties: p -> subject -> first value; inverse functional: p -> object -> first subject
    first_value: dict = defaultdict(dict)
    first_subject: dict = defaultdict(dict)
    values: dict = {}  # (p, node, kind) -> every value, once a second one appears
    same: dict = {}  # node -> its owl:sameAs class (a set shared by the members), once equality happens
    names = c.names or _Names(ontology)
    rdf_type = _RDF_TYPE

    def give_classes(literal, classes: frozenset) -> None:
        entry = literal_types.get(id(literal))
        if entry is None:
            literal_types[id(literal)] = (literal, classes)
        elif not classes <= entry[1]:
            key = (entry[1], classes)
            union = unions.get(key)
            if union is None:
                union = unions[key] = entry[1] | classes
            literal_types[id(literal)] = (literal, union)

    def derive(s, p, o) -> None:
        if type(s) is Literal and p in _TYPE_ONLY:  # exact type first: isinstance on rdflib terms is slow
            give_classes(s, frozenset((o,)))
            return
        if index.add(s, p, o):
            queue.append((s, p, o))
            derived.append((s, p, o))

    def second_value(key, prop, node, first, value) -> None:
        known = values.get(key)
        if known is None:
            known = values[key] = {first}
        known.add(value)
        make_same(list(known), prop, node)

    def copies(s, p, o) -> None:  # eq-rep-s and eq-rep-o
        for s2 in same.get(s, (s,)):
            for o2 in same.get(o, (o,)):
                derive(s2, p, o2)

    def make_same(nodes, prop, why) -> None:  # prp-fp / prp-ifp, then eq-sym and eq-trans
        members = set()
        for node in nodes:
            members |= same.get(node, {node})
        if all(same.get(node) is not None and len(same[node]) == len(members) for node in members):
            return
        _refuse_equality(members, prop, why, c, names)
        for node in members:
            same[node] = members
        by_node = index.index_nodes()
        for x in members:
            for y in members:
                if x != y:
                    derive(x, _SAME_AS, y)
        for node in members:
            for triple in list(by_node.get(node, ())):
                copies(*triple)

    # each ontology triple is data too, as in owlrl's graph (individuals, and equality's copies)
    for triple in c.triples:
        if index.add(*triple):
            queue.append(triple)
            derived.append(triple)
            if type(triple[2]) is Literal:
                index.literals[id(triple[2])] = triple[2]

    empty: dict = {}
    # one lookup per triple: the rules of its predicate, gathered once per predicate (most
    # triples, such as quotes and labels, have none); `p in {...}` hashes, `p == x` would
    # run rdflib's slow Python __eq__
    rules_of: dict = {rdf_type: _TYPE_RULES}
    supers_of: dict = {}
    while queue:
        s, p, o = queue.popleft()
        if same and (s in same or o in same):
            copies(s, p, o)
        rules = rules_of.get(p)
        if rules is None:
            rules = rules_of[p] = _rules(c, p)
        if rules is _NO_RULES:
            continue
        if rules is _TYPE_RULES:
            supers = supers_of.get(o)
            if supers is None:
                supers = supers_of[o] = _BUILT_IN if _reserved(o) else tuple(c.superclasses.get(o, ()))
            if supers is _BUILT_IN:
                _check_data_triple(s, p, o, index, c, names)
                continue
            for sup in supers:
                derive(s, rdf_type, sup)
            continue
        if rules is _BUILT_IN:
            _check_data_triple(s, p, o, index, c, names)
            continue
        (supers, domains, ranges, range_set, inverses, symmetric, transitive, firsts, seconds, functional,
         inverse_functional) = rules
        for sup in supers:
            derive(s, sup, o)
        for cls in domains:
            derive(s, rdf_type, cls)
        if type(o) is Literal:
            if range_set:
                literal_ranges.add(range_set)
        else:
            for cls in ranges:
                derive(o, rdf_type, cls)
        for inverse in inverses:
            derive(o, inverse, s)
        if symmetric:
            derive(o, p, s)
        if transitive:
            for nxt in list(index.out[p].get(o, ())):
                derive(s, p, nxt)
            for prev in list(index.inn[p].get(s, ())):
                derive(prev, p, o)
        for second, result in firsts:
            for end in list(index.out.get(second, empty).get(o, ())):
                derive(s, result, end)
        for first, result in seconds:
            for start in list(index.inn.get(first, empty).get(s, ())):
                derive(start, result, o)
        # each triple is processed once, so another value is another object (`is not`, not rdflib's ==)
        if functional:
            first = first_value[p].setdefault(s, o)
            if first is not o:
                second_value((p, s, "fp"), p, s, first, o)
        if inverse_functional:
            first = first_subject[p].setdefault(o, s)
            if first is not s:
                second_value((p, o, "ifp"), p, o, first, s)

    if same:
        used = [node for node in same if node in rules_of]
        if used:  # eq-rep-p
            raise _unsupported(f"the data makes {names(min(used, key=str))}, a predicate, owl:sameAs another "
                               "node (through a functional property)")

    # ``derived`` holds no asserted triple by construction, so it is checked against nothing
    # asserted; inferred_part still applies the shared filter (namespace, noise, ontology).
    if literal_types or any(type(node) is Literal for node in same) or _ranges_can_conflict(
            literal_ranges, c, _used_datatypes(index)):
        range_sets = {p: rules[3] for p, rules in rules_of.items() if isinstance(rules, tuple) and len(rules) > 3}
        for triples_ in (base, index.triples):
            for s, p, o in triples_:
                if type(o) is Literal:
                    range_set = range_sets.get(p)
                    if range_set:
                        give_classes(o, range_set)
    return InferenceResult(inferred_part(derived, TripleSet(), ontology),
                           _inconsistencies(index, c, literal_types, same))


_NO_RULES = ("no rules",)
_TYPE_RULES = ("rdf:type: superclasses",)
_BUILT_IN = ("a built-in term: only the ontology may use it",)


def _rules(c: CompiledOntology, p) -> tuple:
    """The rules a triple with predicate ``p`` (not rdf:type) takes part in, as one tuple."""
    if _reserved(p) and p not in _DATA_PREDICATES:
        return _BUILT_IN
    rules = (tuple(c.superproperties.get(p, ())), tuple(c.domains.get(p, ())), tuple(c.ranges.get(p, ())),
             frozenset(c.ranges.get(p, ())), tuple(c.inverses.get(p, ())), p in c.symmetric, p in c.transitive,
             tuple(c.chains_by_first.get(p, ())), tuple(c.chains_by_second.get(p, ())),
             p in c.functional, p in c.inverse_functional)
    return rules if any(rules) else _NO_RULES


def _check_data_triple(s, p, o, index: _Index, c: CompiledOntology, names: _Names) -> None:
    """A triple with a built-in predicate (or rdf:type to a built-in class) is fine from the
    ontology (checked there) or from equality; from the asserted data it is refused."""
    if (s, p, o) in index.base and (s, p, o) not in c.triples:
        construct = names(o) if p == _RDF_TYPE else names(p)
        raise _refusal("the asserted data", construct, names(s))


def _refuse_equality(members: set, prop, node, c: CompiledOntology, names: _Names) -> None:
    literals = [m for m in members if isinstance(m, Literal)]
    why = f"the data makes the values of {names(prop)} on {names(node)} owl:sameAs"
    if literals and len(literals) != len(members):
        raise _unsupported(f"{why}, with a literal and a non-literal in one owl:sameAs class")
    reached = sorted((names(m) for m in members if _reserved(m) or m in c.schema_terms))
    if reached:
        raise _unsupported(f"{why}, and so {reached[0]}, a term the ontology's axioms use, owl:sameAs another node")


def _used_datatypes(index: _Index) -> set:
    """owlrl's datatypes in use: those of the literals the graph starts with, and their supertypes."""
    used = {literal.datatype for literal in index.literals.values()} & _RL_DATATYPES
    return used | {sup for dt in used for sup in OWL_Datatype_Subsumptions.get(dt, ())}


def _disjoint_pairs(c: CompiledOntology, used: set) -> list:
    return list(c.disjoint_classes) + [(a, b) for a, _, b in OWLRL_Datatypes_Disjointness if a in used and b in used]


def _classes_of_literal(classes, datatypes, c: CompiledOntology) -> set:
    closed = set(classes)
    for datatype in datatypes:
        if datatype in _RL_DATATYPES:
            closed.add(datatype)
            closed.update(OWL_Datatype_Subsumptions.get(datatype, ()))
    for cls in list(closed):
        closed |= c.superclasses.get(cls, set())
    return closed


def _ranges_can_conflict(range_sets: set, c: CompiledOntology, used: set) -> bool:
    """Whether a literal could be in two disjoint classes: a conflict needs at most two sources
    of classes (a class and its superclasses come from one), so pairs of range sets, each with
    a datatype in use, decide it."""
    pairs = _disjoint_pairs(c, used)
    sources = list(range_sets) + [frozenset()]
    for datatype in used | {None}:
        for i, first in enumerate(sources):
            for second in sources[i:]:
                closed = _classes_of_literal(first | second, (datatype,), c)
                if any(a in closed and b in closed for a, b in pairs):
                    return True
    return False


def _inconsistencies(index: _Index, c: CompiledOntology, given: dict, same: dict):
    found: set[str] = set()
    # dt-not-type, on every literal the graph starts with
    for literal in index.literals.values():
        datatype = literal.datatype
        if datatype in _RL_DATATYPES:
            try:
                AltXSDToPYTHON.get(datatype, _identity)(str(literal))
            except ValueError:
                found.add("Lexical value of the literal '%s' does not match its datatype (%s)" % (literal, datatype))
    # the datatypes in use are disjoint as owlrl's axioms say (dt-type1/2, dt-diff)
    pairs = _disjoint_pairs(c, _used_datatypes(index))
    typed = index.inn[RDF.type]
    for a, b in pairs:
        for x in typed.get(a, set()) & typed.get(b, set()):
            found.add(f"Disjoint classes {a} and {b} have a common individual {x}")
    # literals: their own datatype (and its subsumptions), the classes they were given, their
    # superclasses, shared across an owl:sameAs class of literals
    checked: dict = {}  # (classes given, datatypes) -> disjoint pairs hit: few distinct keys
    literal_types: dict = {}  # the same literal may be several objects
    for literal, classes in given.values():
        before = literal_types.get(literal)
        literal_types[literal] = classes if before is None else before | classes
    candidates = set(literal_types)
    for literal in list(candidates):
        candidates |= same.get(literal, set())
    for literal in candidates:
        members = same.get(literal, (literal,))
        key = (frozenset().union(*(literal_types.get(m, frozenset()) for m in members)),
               frozenset(m.datatype for m in members))
        hits = checked.get(key)
        if hits is None:
            closed = _classes_of_literal(key[0], key[1], c)
            hits = checked[key] = [(a, b) for a, b in pairs if a in closed and b in closed]
        for a, b in hits:
            found.add(f"Disjoint classes {a} and {b} have a common individual {literal}")
    for p1, p2 in c.disjoint_properties:
        for s, objects in index.out[p1].items():
            for o in objects & index.out[p2].get(s, set()):
                found.add(f"Erroneous usage of disjoint properties {p1} and {p2} on {s} and {o}")
    return sorted((inconsistency(text) for text in found), key=lambda i: i.message)


def _identity(value):
    return value
