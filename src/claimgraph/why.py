"""Why a triple holds: the claims and quotes behind an asserted triple, the rule, axiom and
premises behind an inferred one; for a triple that does not hold, the claims that come closest.

The graphs are those a build makes, made again from the claim files (so every claim's file and
line are the current ones): the asserted graph, the ontology, and the inferred graph of the
OWL 2 RL reasoner. An inferred triple is explained by searching backwards over the rules the
fast reasoner implements on the axioms the ontology states (cax-sco, prp-dom, prp-rng, prp-spo1,
prp-spo2, prp-inv1, prp-inv2, prp-symp, prp-trp). Every premise found holds in those graphs, and
the premises are ranked by how many rule steps they are from the asserted graph, so each premise
is explained by one with fewer steps: an explanation never goes round in a circle and always
ends at asserted triples, each with the claims that state it and their quotes (or the registry
entry, article or axiom it comes from). ``max_depth`` caps how deep the tree is shown.

A triple that does not hold is reasoned over again with the hypothetical graph (rumours, plans,
denials, opinions, unconfirmed reports) taken as facts: if it would then follow, that chain is
given, ending at those claims. The claims that mention both entities are listed too.
"""

from __future__ import annotations

import difflib
import gc
import json
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from claimgraph.checks.fastreason import UnsupportedOntologyError
from claimgraph.checks.reasoning import infer
from claimgraph.claims.across import check_across_files
from claimgraph.claims.evidence import check_evidence
from claimgraph.claims.format import feeds_facts
from claimgraph.claims.loader import Claim, Project as ClaimProject
from claimgraph.claims.loader import load_project as load_claims
from claimgraph.claims.registry import Registry
from claimgraph.paths import read_file
from claimgraph.pipeline import ONTOLOGY_FILE, load_turtle
from claimgraph.project import Project, load_project
from claimgraph.problems import Location, Problem, ProblemList, printable, safe_line
from claimgraph.rdf.mapping import (claim_iri, claim_triples, entity_iri, entity_triples, event_iri, map_project,
                                    source_triples)
from claimgraph.rdf.namespaces import CG, CGI, PREFIXES, new_graph
from claimgraph.rdf.triples import Triple, TripleSet, all_triples

#: how deep an explanation is shown; deeper premises are named, not explained
MAX_DEPTH = 12
#: how many derivations of the triple asked about are shown (each premise gets its shortest one)
MAX_WAYS = 10
#: how many of the claims closest to a triple that does not hold are named
MAX_CLOSEST = 10
#: how many triples the backward search may visit before it stops looking further
_MAX_VISITED = 200_000

_ROLES = ("SUBJECT", "PREDICATE", "OBJECT")
_ABSOLUTE_IRI = re.compile(r"^(https?|urn|mailto|file|tag):", re.IGNORECASE)
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):(\S*)$")
_BAD_IRI_CHARS = re.compile(r'[\s<>"{}|\\^`]')

#: the rules the backward search applies, with a name a reader knows
RULES = {"cax-sco": "subclass", "prp-dom": "domain", "prp-rng": "range", "prp-spo1": "subproperty",
         "prp-spo2": "property chain", "prp-inv1": "inverse property", "prp-inv2": "inverse property",
         "prp-symp": "symmetric property", "prp-trp": "transitive property"}


class TermError(ValueError):
    """A term of the triple names nothing or more than one thing (a usage error: exit 2)."""


class ClaimsError(Exception):
    """The claims do not load, so nothing can be explained (problems in the data: exit 1)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} error(s) in the project")
        self.problems = problems


@dataclass(frozen=True)
class Evidence:
    """A claim that states a triple: its quote, and where the quote is written."""

    claim: str
    source: str
    claim_id: str
    claim_type: str
    modality: str
    #: ``asserted`` (a claim that feeds the facts) or ``hypothetical`` (its content stays a claim)
    graph: str
    quote: str
    location: Location

    def as_dict(self) -> dict:
        return {"claim": self.claim, "source": self.source, "claim_id": self.claim_id, "type": self.claim_type,
                "modality": self.modality, "graph": self.graph, "quote": self.quote,
                "file": self.location.path, "line": self.location.line}


@dataclass(frozen=True)
class Origin:
    """Where an asserted triple that no claim states comes from: a registry or reference entry,
    an article's ``source`` block, the events claims name, or the ontology."""

    what: str
    location: Location | None = None

    def as_dict(self) -> dict:
        where = {"file": self.location.path, "line": self.location.line} if self.location else {}
        return {"what": self.what, **where}


@dataclass(frozen=True)
class Axiom:
    """A triple of the ontology a rule applies, as Turtle, with its line in the ontology file."""

    triple: Triple
    text: str
    location: Location | None = None
    #: the properties of a property chain (the triple's object is the list that holds them)
    chain: tuple[Node, ...] = ()

    def as_dict(self) -> dict:
        where = {"file": self.location.path, "line": self.location.line} if self.location else {}
        s, p, o = (_term_text(t) for t in self.triple)
        return {"axiom": self.text, "triple": [s, p, [_term_text(t) for t in self.chain] if self.chain else o],
                **where}


@dataclass(frozen=True)
class Derivation:
    """One rule applied: its name, the axioms it uses, and the premises it needs (all hold)."""

    rule: str
    axioms: tuple[Axiom, ...]
    premises: tuple["Step", ...]


@dataclass(frozen=True)
class Step:
    """A triple and why it holds.

    ``status`` is ``asserted`` (stated by claims or the registry), ``hypothetical`` (stated only
    by claims that stay claims), ``ontology`` (an axiom), ``inferred`` (see ``derivations``),
    ``cut`` (deeper than the depth cap) or ``unexplained`` (it holds, but no rule of the
    search derives it).
    """

    triple: Triple
    status: str
    derivations: tuple[Derivation, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    origins: tuple[Origin, ...] = ()

    def leaves(self) -> list["Step"]:
        found = [self] if not self.derivations else []
        for derivation in self.derivations:
            for premise in derivation.premises:
                found += premise.leaves()
        return found


@dataclass(frozen=True)
class Explanation:
    """What :func:`explain` found for one triple."""

    triple: Triple
    #: the triple is asserted or inferred
    holds: bool
    #: why it holds (None when it does not)
    step: Step | None
    #: when it does not hold: why it would, were the hypothetical claims facts (None: it would not)
    would_hold: Step | None = None
    #: when it does not hold: claims that mention both entities (or the one), hypothetical ones first
    closest: tuple[Evidence, ...] = ()
    #: how many claims mention them in all (``closest`` shows at most MAX_CLOSEST)
    closest_total: int = 0
    names: "_Names | None" = field(default=None, repr=False, compare=False)

    def render(self, fmt: str = "text") -> str:
        """``text`` (an indented tree, every value escaped for the terminal) or ``json``."""
        if fmt == "json":
            return _json_safe(json.dumps(self.as_dict(), indent=2, ensure_ascii=False)) + "\n"
        if fmt != "text":
            raise ValueError(f"unknown format {fmt!r}; choose text or json")
        return "".join(safe_line(line) + "\n" for line in _text_lines(self, self.names or _Names(None)))

    def as_dict(self) -> dict:
        names = self.names or _Names(None)
        data: dict = {"triple": [_term_text(t) for t in self.triple], "curies": names.triple(self.triple),
                      "holds": self.holds}
        if self.step is not None:
            data["explanation"] = _step_dict(self.step, names)
        if not self.holds:
            data["would_hold_if_hypothetical_claims_were_facts"] = (
                _step_dict(self.would_hold, names) if self.would_hold else None)
            data["closest_claims"] = [e.as_dict() for e in self.closest]
            data["closest_claims_total"] = self.closest_total
        return data


def explain(project: Project | str | os.PathLike[str], subject: str, predicate: str, obj: str, *,
            reasoner: str = "fast", max_depth: int = MAX_DEPTH) -> Explanation:
    """Why ``subject predicate obj`` holds, or which claims come closest when it does not.

    Each term is an entity's id, label or alias (as claims name entities), a CURIE with the
    project's prefixes (``cg:investsIn``, ``cgi:asml``), or an IRI (``<https://...>`` or bare);
    the predicate may also be ``a`` (rdf:type) or the label of one of the ontology's properties
    (``"invests in"``). Raises :class:`TermError` for a term that names
    nothing or more than one thing, :class:`ClaimsError` when the claims do not load.

    >>> why = explain(copy_of_seed_project, "ASML", "cg:investsIn", "Mistral AI")
    >>> why.holds, why.step.status
    (True, 'inferred')
    """
    root = load_project(project).root
    was_enabled = gc.isenabled()
    gc.disable()  # as in a build: many small objects that live until the end (docs/architecture.md)
    try:
        return _explain(root, subject, predicate, obj, reasoner, max_depth)
    finally:
        if was_enabled:
            gc.enable()


def _explain(root: Path, subject: str, predicate: str, obj: str, reasoner: str, max_depth: int) -> Explanation:
    world = _World.load(root)
    triple = (world.term(subject, 0), world.term(predicate, 1), world.term(obj, 2))
    world.reason(reasoner)
    closure = _Closure([world.asserted, world.inferred, world.ontology])
    if triple in closure:
        step = _Search(world, closure, world.asserted_leaf).explain(triple, max_depth)
        return Explanation(triple, True, step, names=world.names)
    would = None
    what_if = world.what_if(reasoner)
    if triple in what_if:
        would = _Search(world, what_if, world.hypothetical_leaf).explain(triple, max_depth)
    closest = world.closest(triple, {e.claim for leaf in (would.leaves() if would else []) for e in leaf.evidence})
    return Explanation(triple, False, None, would, tuple(closest[:MAX_CLOSEST]), len(closest), world.names)


# -- the graphs and where their triples come from ------------------------------------------------


class _World:
    """The project's graphs as a build makes them, and what states each asserted triple."""

    def __init__(self, root: Path, ontology: Graph, project: ClaimProject) -> None:
        self.root = root
        self.ontology = ontology
        self.registry: Registry = project.registry
        mapped = map_project(project)
        self.asserted, self.hypothetical = mapped.asserted, mapped.hypothetical
        self.inferred = new_graph()
        self.claims: dict[URIRef, Claim] = {}
        self.stated_by: dict[Triple, list[tuple[URIRef, str]]] = defaultdict(list)
        self.origin_of: dict[Triple, list[Origin]] = defaultdict(list)
        #: event node -> the event's id and where a claim first names it
        self.events: dict[Node, tuple[str, Location]] = {}
        sources = project.sources
        for claim in project.claims:
            iri = claim_iri(claim.source_id, claim.id)
            self.claims[iri] = claim
            asserted, hypothetical = claim_triples(claim, sources[claim.source_id], self.registry)
            for graph, triples in (("asserted", asserted), ("hypothetical", hypothetical)):
                for triple in triples:
                    self.stated_by[triple].append((iri, graph))
            event = claim.values.get("event")
            if isinstance(event, str):
                self.events.setdefault(event_iri(event), (event, claim.at("event")))
        for entity in self.registry.entities.values():
            what = f"{'reference data' if entity.reference else 'registry'} entry '{entity.id}'"
            for triple in entity_triples(entity, self.registry):
                self.origin_of[triple].append(Origin(what, entity.loc))
        for source in sources.values():
            for triple in source_triples(source):
                self.origin_of[triple].append(Origin(f"article '{source.id}'", source.loc))
        self.names = _Names(self)
        self._ontology_lines = _OntologyLines(root, self.names)
        self._what_if: _Closure | None = None
        self.nodes: set[Node] = set()

    @classmethod
    def load(cls, root: Path) -> "_World":
        problems = ProblemList()
        ontology = load_turtle(root / ONTOLOGY_FILE, root, problems)
        project = load_claims(root, problems)
        check_evidence(project, problems)
        if not problems.errors:
            check_across_files(project, problems)
        if problems.errors or ontology is None:
            raise ClaimsError(problems.errors)
        world = cls(root, ontology, project)
        # reasoning adds no term that is not in these (its classes and properties are the
        # ontology's) but owl:sameAs, which a functional property's two values make
        world.nodes = _nodes(world.asserted, world.hypothetical, ontology) | {OWL.sameAs}
        return world

    def reason(self, reasoner: str) -> None:
        self.inferred = infer(self.asserted, self.ontology, engine=reasoner).inferred

    # what the triple's terms name

    def term(self, text: str, position: int) -> URIRef:
        role = _ROLES[position]
        value = unicodedata.normalize("NFC", text.strip())
        if position == 1 and value == "a":
            return RDF.type
        iri = None
        if value.startswith("<") and value.endswith(">"):
            iri = value[1:-1]
            if not _ABSOLUTE_IRI.match(iri):
                raise TermError(f"{role}: {printable(repr(text))} is not an absolute IRI; write <https://...>")
        elif _ABSOLUTE_IRI.match(value):
            iri = value
        else:
            curie = _CURIE.match(value)
            if curie and curie.group(1) in PREFIXES:
                iri = str(PREFIXES[curie.group(1)]) + curie.group(2)
            elif position != 1 and self.registry.candidates(value):
                entity_id, message = self.registry.resolve(value)
                if entity_id is None:
                    raise TermError(f"{role}: {printable(message)}")
                return entity_iri(entity_id)
            elif curie:
                raise TermError(f"{role}: unknown prefix '{printable(curie.group(1))}' in {printable(repr(text))}; "
                                f"the prefixes are {', '.join(sorted(PREFIXES))}")
            elif position == 1:
                return self._property_named(value, text)
            else:
                _, message = self.registry.resolve(value)
                raise TermError(f"{role}: {printable(message or f'unknown entity {value!r}')}")
        if _BAD_IRI_CHARS.search(iri):
            raise TermError(f"{role}: {printable(repr(text))} is not a valid IRI "
                            "(it has a space or one of <>\"{}|\\^`)")
        term = URIRef(iri)
        if term not in self.nodes:
            close = difflib.get_close_matches(self.names(term), self._known_names(term), n=3, cutoff=0.8)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise TermError(f"{role}: {printable(self.names(term))} names nothing in the graphs{hint}")
        return term

    def _property_named(self, value: str, text: str) -> URIRef:
        """The ontology's property with ``value`` as a label (in any language, in any case)."""
        wanted = " ".join(value.casefold().split())
        found = sorted({prop for prop, label in self.ontology.subject_objects(RDFS.label)
                        if isinstance(prop, URIRef) and " ".join(str(label).casefold().split()) == wanted
                        and any((prop, RDF.type, kind) in self.ontology
                                for kind in (OWL.ObjectProperty, OWL.DatatypeProperty))}, key=str)
        if len(found) == 1:
            return found[0]
        if found:
            raise TermError(f"PREDICATE: {printable(repr(text))} is ambiguous: it names "
                            f"{', '.join(self.names(prop) for prop in found)}; give one of these CURIEs")
        raise TermError(f"PREDICATE: {printable(repr(text))} is not a CURIE, an IRI or a property's label; write a "
                        "property as cg:investsIn, <https://...> or \"invests in\"")

    def _known_names(self, term: URIRef) -> list[str]:
        space = next((str(ns) for ns in (CG, CGI) if str(term).startswith(str(ns))), None)
        if space is None:
            return []
        return sorted({self.names(n) for n in self.nodes if isinstance(n, URIRef) and str(n).startswith(space)
                       and (space != str(CGI) or "/" not in str(n)[len(space):])})

    # why an asserted triple holds

    def asserted_leaf(self, triple: Triple) -> Step | None:
        if triple in self.ontology:
            return Step(triple, "ontology", origins=(self._ontology_lines.origin(triple),))
        if triple in self.asserted:
            return Step(triple, "asserted", evidence=self._evidence(triple, "asserted"),
                        origins=self._origins(triple))
        return None

    def hypothetical_leaf(self, triple: Triple) -> Step | None:
        step = self.asserted_leaf(triple)
        if step is None and triple in self.hypothetical:
            return Step(triple, "hypothetical", evidence=self._evidence(triple, "hypothetical"))
        return step

    def _evidence(self, triple: Triple, graph: str) -> tuple[Evidence, ...]:
        return tuple(self.evidence_of(claim, graph) for claim, in_graph in self.stated_by.get(triple, ())
                     if in_graph == graph)

    def evidence_of(self, iri: URIRef, graph: str) -> Evidence:
        claim = self.claims[iri]
        where = claim.at("evidence")
        return Evidence(str(iri), claim.source_id, claim.id, claim.type, claim.modality, graph,
                        " ".join(claim.evidence.split()), Location(where.path, where.line))

    def _origins(self, triple: Triple) -> tuple[Origin, ...]:
        origins = list(self.origin_of.get(triple, ()))
        if not origins and not self.stated_by.get(triple):
            event = self.events.get(triple[0])
            if event is not None:
                origins.append(Origin(f"event '{event[0]}', named by claims", event[1]))
            else:
                origins.append(Origin("made by claimgraph for every project"))
        return tuple(origins)

    def axiom(self, triple: Triple) -> Axiom:
        s, p, o = triple
        if p == OWL.propertyChainAxiom:
            chain = tuple(Collection(self.ontology, o))
            text = f"{self.names(s)} {self.names(p)} ( {' '.join(self.names(step) for step in chain)} )"
            return Axiom(triple, text, self._ontology_lines.line_of(triple), chain)
        return Axiom(triple, self.names.triple(triple), self._ontology_lines.line_of(triple))

    # when the triple does not hold

    def what_if(self, reasoner: str) -> "_Closure":
        if self._what_if is None:
            both = TripleSet()
            both.update(all_triples(self.asserted))
            both.update(all_triples(self.hypothetical))
            try:
                inferred = infer(new_graph(both), self.ontology, engine=reasoner).inferred
            except UnsupportedOntologyError:  # rumours may make an equality the fast reasoner refuses
                inferred = Graph()
            self._what_if = _Closure([self.asserted, self.hypothetical, inferred, self.ontology])
        return self._what_if

    def closest(self, triple: Triple, first: set[str]) -> list[Evidence]:
        """Claims that mention both entities of the triple (or its one entity): the claims ``first``
        (those the triple would follow from), then claims that stay claims, then the others; each
        group in file order."""
        wanted = [t for t in (triple[0], triple[2]) if self.names.entity(t) is not None]
        if not wanted:
            return []
        order = {iri: n for n, iri in enumerate(self.claims)}
        found = []
        for iri in self.claims:
            if all((iri, CG.mentions, entity) in self.asserted for entity in wanted):
                claim = self.claims[iri]
                graph = "asserted" if feeds_facts(claim.type, claim.modality) else "hypothetical"
                found.append((str(iri) not in first, graph != "hypothetical", order[iri], iri, graph))
        found.sort()
        return [self.evidence_of(iri, graph) for *_, iri, graph in found]


def _nodes(*graphs: Graph) -> set[Node]:
    nodes: set[Node] = set()
    for graph in graphs:
        for s, p, o in all_triples(graph):
            nodes.add(s)
            nodes.add(p)
            nodes.add(o)
    return nodes


class _Closure:
    """Graphs taken together, with the two lookups the rules need."""

    def __init__(self, graphs: list[Graph]) -> None:
        self.triples: set[Triple] = set()
        self.out: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self.inn: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        for graph in graphs:
            for triple in all_triples(graph):
                if triple not in self.triples:
                    self.triples.add(triple)
                    s, p, o = triple
                    self.out[(s, p)].append(o)
                    self.inn[(p, o)].append(s)

    def __contains__(self, triple: Triple) -> bool:
        return triple in self.triples

    def objects(self, s: Node, p: Node) -> list[Node]:
        return sorted(self.out.get((s, p), ()), key=_term_text)

    def subjects(self, p: Node, o: Node) -> list[Node]:
        return sorted(self.inn.get((p, o), ()), key=_term_text)


# -- the backward search ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Instance:
    rule: str
    axioms: tuple[Triple, ...]
    premises: tuple[Triple, ...]


class _Rules:
    """The ontology's axioms, indexed by what they conclude (direct axioms only: the search
    follows the schema step by step, so each step shows the axiom it uses)."""

    def __init__(self, ontology: Graph) -> None:
        self.subclasses: dict[Node, list[Node]] = defaultdict(list)
        self.subproperties: dict[Node, list[Node]] = defaultdict(list)
        self.inverses: dict[Node, list[tuple[Node, str, Triple]]] = defaultdict(list)
        self.chains: dict[Node, list[tuple[Node, Node, Triple]]] = defaultdict(list)
        self.domain_of: dict[Node, list[Node]] = defaultdict(list)
        self.range_of: dict[Node, list[Node]] = defaultdict(list)
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            self.subclasses[sup].append(sub)
        for sub, sup in ontology.subject_objects(RDFS.subPropertyOf):
            self.subproperties[sup].append(sub)
        for a, b in ontology.subject_objects(OWL.inverseOf):
            # (a inverseOf b): from (x a y), prp-inv1 gives (y b x); from (x b y), prp-inv2 gives (y a x)
            self.inverses[b].append((a, "prp-inv1", (a, OWL.inverseOf, b)))
            self.inverses[a].append((b, "prp-inv2", (a, OWL.inverseOf, b)))
        self.symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
        self.transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
        for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
            steps = list(Collection(ontology, head))
            if len(steps) == 2:
                self.chains[prop].append((steps[0], steps[1], (prop, OWL.propertyChainAxiom, head)))
        for prop, cls in ontology.subject_objects(RDFS.domain):
            self.domain_of[cls].append(prop)
        for prop, cls in ontology.subject_objects(RDFS.range):
            self.range_of[cls].append(prop)
        for table in (self.subclasses, self.subproperties, self.domain_of, self.range_of):
            for key in table:
                table[key].sort(key=_term_text)
        for key in self.inverses:
            self.inverses[key].sort(key=lambda item: (_term_text(item[0]), item[1]))
        for key in self.chains:
            self.chains[key].sort(key=lambda item: (_term_text(item[0]), _term_text(item[1])))

    def instances(self, triple: Triple, closure: _Closure) -> list[_Instance]:
        """Every way one rule concludes ``triple`` from premises that all hold in ``closure``."""
        s, p, o = triple
        found: list[_Instance] = []

        def add(rule: str, axioms: tuple[Triple, ...], *premises: Triple) -> None:
            if all(premise in closure and premise != triple for premise in premises):
                found.append(_Instance(rule, axioms, premises))

        if p == RDF.type:
            for sub in self.subclasses.get(o, ()):
                add("cax-sco", ((sub, RDFS.subClassOf, o),), (s, RDF.type, sub))
            for prop in self.domain_of.get(o, ()):
                for value in closure.objects(s, prop):
                    add("prp-dom", ((prop, RDFS.domain, o),), (s, prop, value))
            for prop in self.range_of.get(o, ()):
                for value in closure.subjects(prop, s):
                    add("prp-rng", ((prop, RDFS.range, o),), (value, prop, s))
            return found
        for sub in self.subproperties.get(p, ()):
            add("prp-spo1", ((sub, RDFS.subPropertyOf, p),), (s, sub, o))
        for inverse, rule, axiom in self.inverses.get(p, ()):
            add(rule, (axiom,), (o, inverse, s))
        if p in self.symmetric:
            add("prp-symp", ((p, RDF.type, OWL.SymmetricProperty),), (o, p, s))
        if p in self.transitive:
            for middle in closure.objects(s, p):
                if middle not in (s, o):
                    add("prp-trp", ((p, RDF.type, OWL.TransitiveProperty),), (s, p, middle), (middle, p, o))
        for first, second, axiom in self.chains.get(p, ()):
            for middle in closure.objects(s, first):
                add("prp-spo2", (axiom,), (s, first, middle), (middle, second, o))
        return found


class _Search:
    """Backward search from one triple: every triple it can follow from, ranked by the fewest rule
    steps from the leaves (asserted or ontology triples), then the tree of shortest steps."""

    def __init__(self, world: _World, closure: _Closure, leaf) -> None:
        self.world, self.closure, self.leaf = world, closure, leaf
        self.rules = _Rules(world.ontology)
        self.instances: dict[Triple, list[_Instance]] = {}
        self.rank: dict[Triple, int] = {}

    def explain(self, triple: Triple, max_depth: int) -> Step:
        leaf = self.leaf(triple)
        if leaf is not None:
            return leaf
        self._explore(triple)
        self._rank()
        ways: list[tuple[int, int, Derivation]] = []
        for instance in self.instances.get(triple, ()):
            if not all(premise in self.rank for premise in instance.premises):
                continue
            premises = [self._tree(premise, 1, max_depth, {triple}) for premise in instance.premises]
            if all(premises):  # a premise that follows only from the triple itself is no way to it
                height = max(self.rank[premise] for premise in instance.premises)
                ways.append((height, len(ways), self._derivation(instance, tuple(p for p in premises if p))))
        if not ways:
            return Step(triple, "unexplained")
        ways.sort(key=lambda way: way[:2])
        return Step(triple, "inferred", tuple(way[2] for way in ways[:MAX_WAYS]))

    def _explore(self, start: Triple) -> None:
        todo, seen = [start], {start}
        while todo and len(seen) < _MAX_VISITED:
            triple = todo.pop()
            if self.leaf(triple) is not None:
                self.rank[triple] = 0
                continue
            found = self.instances[triple] = self.rules.instances(triple, self.closure)
            for instance in found:
                for premise in instance.premises:
                    if premise not in seen:
                        seen.add(premise)
                        todo.append(premise)

    def _rank(self) -> None:
        """Level by level: a triple gets rank k when some rule concludes it from premises all of
        lower rank, so its shortest derivation has k steps."""
        level = 0
        while True:
            level += 1
            ranked = [triple for triple, found in self.instances.items() if triple not in self.rank and any(
                all(self.rank.get(premise, level) < level for premise in instance.premises) for instance in found)]
            if not ranked:
                return
            for triple in ranked:
                self.rank[triple] = level

    def _tree(self, triple: Triple, depth: int, max_depth: int, path: set[Triple]) -> Step | None:
        """The shortest derivation of ``triple`` that avoids ``path`` (None: every derivation goes
        through it). Each premise has a lower rank, so the tree ends at leaves."""
        leaf = self.leaf(triple)
        if leaf is not None:
            return leaf
        if depth > max_depth:
            return Step(triple, "cut")
        rank = self.rank.get(triple)
        if rank is None:
            return Step(triple, "unexplained")
        inner = path | {triple}
        for instance in self.instances.get(triple, ()):
            if all(self.rank.get(premise, rank) < rank and premise not in path for premise in instance.premises):
                premises = [self._tree(premise, depth + 1, max_depth, inner) for premise in instance.premises]
                if all(premises):
                    return Step(triple, "inferred", (self._derivation(instance, tuple(p for p in premises if p)),))
        return None

    def _derivation(self, instance: _Instance, premises: tuple[Step, ...]) -> Derivation:
        return Derivation(instance.rule, tuple(self.world.axiom(axiom) for axiom in instance.axioms), premises)


# -- names and lines ------------------------------------------------------------------------------


class _Names:
    """Terms as people read them: an entity's label, a CURIE with the project's prefixes, or <IRI>."""

    def __init__(self, world: _World | None) -> None:
        self.registry = world.registry if world is not None else Registry()
        self.spaces = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[0]))

    def entity(self, term: Node) -> str | None:
        if isinstance(term, URIRef) and str(term).startswith(str(CGI)):
            entity = self.registry.entities.get(str(term)[len(str(CGI)):])
            if entity is not None:
                return entity.label()
        return None

    def __call__(self, term: Node) -> str:
        if isinstance(term, Literal):
            return term.n3()
        text = str(term)
        for namespace, prefix in self.spaces:
            rest = text[len(namespace):]
            if text.startswith(namespace) and rest and not _BAD_IRI_CHARS.search(rest):
                return f"{prefix}:{rest}"
        return f"<{text}>"

    def shown(self, term: Node) -> str:
        """An entity by its label, anything else by its CURIE."""
        return self.entity(term) or self(term)

    def triple(self, triple: Triple) -> str:
        return " ".join(self(t) for t in triple)

    def readable(self, triple: Triple) -> str:
        return " ".join(self.shown(t) for t in triple)


class _OntologyLines:
    """The line of each axiom in the ontology's Turtle: the line, in the block of the axiom's
    subject, that names its predicate (and its object, when on the same line)."""

    def __init__(self, root: Path, names: _Names) -> None:
        self.display, self.names = ONTOLOGY_FILE.as_posix(), names
        try:  # parsed a moment ago, so readable: an axiom without its line is all a failure costs
            self.lines = read_file(root / ONTOLOGY_FILE, root).decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            self.lines = []
        self.blocks: dict[str, int] = {}
        for number, line in enumerate(self.lines):
            if line and not line[0].isspace() and not line.startswith(("#", "@", "PREFIX", "prefix")):
                self.blocks.setdefault(line.split()[0], number)

    def line_of(self, triple: Triple) -> Location | None:
        s, p, o = triple
        start = self.blocks.get(self.names(s))
        if start is None:
            return None
        predicate, value = ("a" if p == RDF.type else self.names(p)), self.names(o)
        found = None  # the predicate's line; the object may be on it or on a line below it
        for number in range(start, len(self.lines)):
            line = self.lines[number]
            if number > start and line and not line[0].isspace():
                break  # the next block
            words = line.replace(";", " ").replace(",", " ").split()
            if found is None and predicate in words:
                found = number
            if found is not None and value in words:
                return Location(self.display, number + 1)
        return Location(self.display, (start if found is None else found) + 1)

    def origin(self, triple: Triple) -> Origin:
        return Origin("ontology", self.line_of(triple))


# -- output ---------------------------------------------------------------------------------------


def _term_text(term: Node) -> str:
    return term.n3() if isinstance(term, Literal) else str(term)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def _json_safe(text: str) -> str:
    """JSON with the characters that act on a terminal (json.dumps leaves them) as \\u escapes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _step_dict(step: Step, names: _Names) -> dict:
    data: dict = {"triple": [_term_text(t) for t in step.triple], "shown": names.readable(step.triple),
                  "status": step.status}
    if step.evidence:
        data["claims"] = [e.as_dict() for e in step.evidence]
    if step.origins:
        data["origins"] = [o.as_dict() for o in step.origins]
    if step.derivations:
        data["derivations"] = [{"rule": d.rule, "rule_name": RULES[d.rule], "axioms": [a.as_dict() for a in d.axioms],
                                "premises": [_step_dict(p, names) for p in d.premises]} for d in step.derivations]
    return data


def _where(location: Location | None) -> str:
    if location is None:
        return ""
    return f"{location.path}:{location.line}" if location.line else location.path


def _text_lines(why: Explanation, names: _Names) -> list[str]:
    head = names.readable(why.triple)
    if why.holds and why.step is not None:
        lines = [f"{head}: holds ({why.step.status})"]
        lines += _step_body(why.step, names, 1)
        return lines
    lines = [f"{head}: does not hold (neither asserted nor inferred)"]
    if why.would_hold is not None:
        lines.append("  it would follow if the claims that stay claims (rumours, plans, unconfirmed reports, ...) "
                     "were facts:")
        lines += _step_lines(why.would_hold, names, 2)
    else:
        lines.append("  it would not follow even if every claim that stays a claim (rumour, plan, ...) were a fact")
    entities = " and ".join(dict.fromkeys(n for n in (names.entity(why.triple[0]), names.entity(why.triple[2]))
                                          if n))
    if why.closest:
        shown = f", the first {len(why.closest)}" if why.closest_total > len(why.closest) else ""
        lines.append(f"  closest claims: {why.closest_total} mention {entities}{shown}:")
        for evidence in why.closest:
            lines += _evidence_lines(evidence, 2)
    elif entities:
        lines.append(f"  no claim mentions {entities}")
    return lines


def _step_lines(step: Step, names: _Names, indent: int) -> list[str]:
    pad = "  " * indent
    return [f"{pad}{names.readable(step.triple)}: {step.status}"] + _step_body(step, names, indent + 1)


def _step_body(step: Step, names: _Names, indent: int) -> list[str]:
    pad = "  " * indent
    lines: list[str] = []
    for evidence in step.evidence:
        lines += _evidence_lines(evidence, indent)
    for origin in step.origins:
        where = _where(origin.location)
        lines.append(f"{pad}from {origin.what}" + (f" at {where}" if where else ""))
    if step.status == "cut":
        lines.append(f"{pad}(deeper than the depth cap: ask `claimgraph why` about this triple)")
    if step.status == "unexplained":
        lines.append(f"{pad}(no rule of {', '.join(sorted(RULES))} derives it from triples that hold)")
    for number, derivation in enumerate(step.derivations, 1):
        label = f"way {number}: " if len(step.derivations) > 1 else ""
        lines.append(f"{pad}{label}by {derivation.rule} ({RULES[derivation.rule]})")
        for axiom in derivation.axioms:
            where = _where(axiom.location)
            lines.append(f"{pad}  axiom {axiom.text}" + (f" at {where}" if where else ""))
        for premise in derivation.premises:
            lines += _step_lines(premise, names, indent + 1)
    return lines


def _evidence_lines(evidence: Evidence, indent: int) -> list[str]:
    pad = "  " * indent
    return [f"{pad}claim {evidence.source}/{evidence.claim_id} ({evidence.claim_type}, {evidence.modality}) "
            f"at {_where(evidence.location)}",
            f"{pad}  \"{evidence.quote}\""]


__all__ = ["explain", "Explanation", "Step", "Derivation", "Axiom", "Evidence", "Origin", "TermError",
           "ClaimsError", "MAX_DEPTH", "RULES"]
