"""OWL 2 RL reasoning with owlrl; inferred triples are kept apart from asserted ones.

Only the asserted graph is reasoned over: it holds the content of factual claims alone
(the hypothetical graph, with rumours, plans, denials and opinions, is never an input).
owlrl reports inconsistencies as ``err:error`` triples instead of raising; they are
returned as :class:`Inconsistency` objects naming the nodes involved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

import owlrl
from owlrl.Namespaces import ERRNS
from rdflib import BNode, Graph, Literal, URIRef

from claimgraph.rdf.namespaces import CGI, new_graph
from claimgraph.rdf.triples import Triple, TripleSet, all_triples


@dataclass(frozen=True)
class Inconsistency:
    message: str
    nodes: tuple[str, ...]


@dataclass
class InferenceResult:
    inferred: Graph
    inconsistencies: list[Inconsistency]


ENGINES = ("fast", "owlrl")


def infer(asserted: Graph, ontology: Graph, *, engine: str = "owlrl") -> InferenceResult:
    """Compute the OWL 2 RL closure of ``asserted`` + ``ontology``.

    ``engine`` is ``fast`` (:func:`claimgraph.checks.fastreason.fast_infer`, which refuses an
    ontology it does not implement) or ``owlrl`` (the reference). The default stays ``owlrl``
    while callers that mean owlrl still call ``infer(asserted, ontology)``.
    Returns the triples that are new, about claimgraph instances (subject in the ``cgi:``
    namespace), and free of blank nodes and of owlrl's axiomatic noise (``owl:sameAs``
    of a node with itself, ``owl:Thing`` types, ``rdf:Statement``-like RDFS trivia).
    """
    if engine == "fast":
        from claimgraph.checks.fastreason import fast_infer  # imported here: fastreason builds on this module
        return fast_infer(asserted, ontology)
    if engine != "owlrl":
        raise ValueError(f"unknown reasoning engine {engine!r}; choose one of {', '.join(ENGINES)}")
    closure = Graph()
    for triple in ontology:
        closure.add(triple)
    for triple in asserted:
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False,
                           axiomatic_triples=False, datatype_axioms=False).expand(closure)
    return InferenceResult(inferred_part(closure, asserted, ontology), _inconsistencies(closure))


def inferred_part(closure: Iterable[Triple], asserted: Graph | TripleSet, ontology: Graph) -> Graph:
    """What a closure adds about claimgraph instances: the inferred graph, for every reasoner.

    Keeps triples whose subject is in the ``cgi:`` namespace and that are neither asserted nor
    in the ontology, without blank nodes and without owlrl's axiomatic noise.
    """
    instance_ns = str(CGI)
    asserted_triples = all_triples(asserted)  # the set itself for a lean store: no copy, fast `in`
    # only a triple about an instance is kept, so only the ontology's triples about instances
    # (usually none) can be one to leave out: a lookup in all of them hashed each kept triple
    ontology_triples = {t for t in all_triples(ontology)
                        if isinstance(t[0], URIRef) and str.startswith(t[0], instance_ns)}
    # whether there is anything to leave out, decided once (a Graph's length is a Python call)
    check_ontology, check_asserted = bool(ontology_triples), len(asserted_triples) > 0
    inferred = TripleSet()
    for triple in closure:
        s, p, o = triple
        # exact types first: isinstance on rdflib's terms is slow when it is false
        if (type(s) is not URIRef and not isinstance(s, URIRef)) or not str.startswith(s, instance_ns):
            continue
        if type(o) is not URIRef and type(o) is not Literal and isinstance(o, BNode):
            continue
        if p in _NOISE_PREDICATES and _is_noise(s, p, o):
            continue
        if (check_ontology and triple in ontology_triples) or (check_asserted and triple in asserted_triples):
            continue
        inferred.add(triple)
    return new_graph(inferred)  # adopted, not copied


_OWL_THING = URIRef("http://www.w3.org/2002/07/owl#Thing")
_SAME_AS = URIRef("http://www.w3.org/2002/07/owl#sameAs")
_RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_NOISE_TYPES = {
    _OWL_THING,
    URIRef("http://www.w3.org/2000/01/rdf-schema#Resource"),
    URIRef("http://www.w3.org/2002/07/owl#NamedIndividual"),
}


_SAME_AS_ONLY, _RDF_TYPE_ONLY = {_SAME_AS}, {_RDF_TYPE}
_NOISE_PREDICATES = _SAME_AS_ONLY | _RDF_TYPE_ONLY


def _is_noise(s, p, o) -> bool:
    # set membership, not ==: rdflib's == is a Python call that copies both strings
    if p in _SAME_AS_ONLY and s == o:
        return True
    return p in _RDF_TYPE_ONLY and o in _NOISE_TYPES


_IRI_IN_MESSAGE = re.compile(r"https?://[^\s'\"<>),]+")


def inconsistency(text: str) -> Inconsistency:
    """An inconsistency from the text of owlrl's message (the fast reasoner writes the same text)."""
    return Inconsistency(" ".join(text.split()), tuple(sorted(set(_IRI_IN_MESSAGE.findall(text)))))


def _inconsistencies(closure: Graph) -> list[Inconsistency]:
    found = []
    for node in closure.subjects(predicate=ERRNS.error, unique=True):
        for message in closure.objects(node, ERRNS.error):
            found.append(inconsistency(str(message) if isinstance(message, Literal) else repr(message)))
    found.sort(key=lambda i: i.message)
    return found
