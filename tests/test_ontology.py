"""The ontology itself: header, one label per language and a comment on every term, naming,
the mapper's vocabulary tables in sync with the declared individuals, and no blank nodes
(its lists and anonymous axioms have IRIs, which both reasoners still read)."""

from pathlib import Path

import re

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from claimgraph import __version__
from claimgraph.checks.reasoning import infer
from claimgraph.rdf.namespaces import CG, CGGEN, CGI, ONTOLOGY_IRI
from claimgraph.rdf.vocabulary import BODY_CLASS, VOCABULARIES

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(REPO / "ontology/claimgraph.ttl")


def terms(ontology: Graph) -> list[URIRef]:
    return sorted({s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(CG))})


def test_versioned_header(ontology):
    iri = URIRef(ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(iri, OWL.versionInfo) == Literal(__version__)
    assert ontology.value(iri, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{__version__}")
    assert not list(ontology.objects(iri, OWL.imports)), "no owl:imports: nothing is fetched at run time"


def test_every_term_has_an_en_and_nl_label_a_comment_and_is_defined_by(ontology):
    missing = []
    for term in terms(ontology):
        langs = sorted(label.language for label in ontology.objects(term, RDFS.label))
        comments = list(ontology.objects(term, RDFS.comment))
        if langs != ["en", "nl"] or len(comments) != 1 or not str(comments[0]).endswith(".") or \
                ontology.value(term, RDFS.isDefinedBy) != URIRef(ONTOLOGY_IRI):
            missing.append(str(term))
    assert missing == []
    assert len(terms(ontology)) > 150


def test_naming_follows_the_gist_style(ontology):
    for term in terms(ontology):
        local = term[len(CG):]
        if (term, RDF.type, OWL.Class) in ontology:
            assert local[0].isupper(), local
        elif (term, RDF.type, OWL.ObjectProperty) in ontology or (term, RDF.type, OWL.DatatypeProperty) in ontology:
            assert local[0].islower(), local


def test_every_referenced_cg_term_is_declared(ontology):
    declared = set(ontology.subjects(RDF.type, None))
    shapes = Graph().parse(REPO / "ontology/shapes.ttl")
    used = {t for graph in (ontology, shapes) for triple in graph for t in triple
            if isinstance(t, URIRef) and t.startswith(str(CG))}
    assert sorted(used - declared) == []


def test_vocabulary_tables_match_the_declared_individuals(ontology):
    for cls, table in VOCABULARIES.items():
        for iri in table.values():
            types = set(ontology.objects(iri, RDF.type))
            assert types & ({cls} | set(ontology.subjects(RDFS.subClassOf, cls))), iri
        declared = {s for s in ontology.subjects(RDF.type, cls)} | {
            s for sub in ontology.subjects(RDFS.subClassOf, cls) for s in ontology.subjects(RDF.type, sub)}
        assert declared == set(table.values()), cls
    for cls in BODY_CLASS.values():
        assert (cls, RDF.type, OWL.Class) in ontology


def test_inverse_pairs_are_declared_both_ways_by_one_statement(ontology):
    for s, o in ontology.subject_objects(OWL.inverseOf):
        assert (o, OWL.inverseOf, s) not in ontology, f"{s} and {o}: state an inverse pair once"


def test_the_ontology_has_no_blank_nodes(ontology):
    """Loading it twice into a store (load --append, a Graph Store POST) then adds nothing."""
    blank = [triple for triple in ontology if any(isinstance(term, BNode) for term in triple)]
    assert blank == []


def test_its_lists_and_anonymous_axioms_have_readable_iris_under_genid(ontology):
    named = {term for triple in ontology for term in triple
             if isinstance(term, URIRef) and term.startswith(str(CGGEN))}
    assert len(named) > 60
    for node in named:
        assert re.fullmatch(r"[a-z][A-Za-z]*(-[a-z]+)+(-[0-9]+)?", node[len(CGGEN):]), node
        is_list_cell = (node, RDF.first, None) in ontology and (node, RDF.rest, None) in ontology
        assert is_list_cell or (node, RDF.type, OWL.AllDisjointClasses) in ontology, node
    for prop, chain in ontology.subject_objects(OWL.propertyChainAxiom):
        assert chain == CGGEN[f"{prop[len(CG):]}-chain"]
        assert len(list(Collection(ontology, chain))) == 2


def chains(ontology: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    return sorted((prop, *Collection(ontology, chain)) for prop, chain in
                  ontology.subject_objects(OWL.propertyChainAxiom))


@pytest.mark.parametrize("engine", ["fast", "owlrl"])
def test_both_reasoners_follow_every_property_chain_given_by_iris(ontology, engine):
    asserted = Graph()
    for number, (prop, first, second) in enumerate(chains(ontology)):
        start, middle, end = CGI[f"start-{number}"], CGI[f"middle-{number}"], CGI[f"end-{number}"]
        asserted.add((start, first, middle))
        asserted.add((middle, second, end))
    inferred = infer(asserted, ontology, engine=engine).inferred
    missing = [prop for number, (prop, _, _) in enumerate(chains(ontology))
               if (CGI[f"start-{number}"], prop, CGI[f"end-{number}"]) not in inferred]
    assert len(chains(ontology)) == 17 and missing == []


@pytest.mark.parametrize("engine", ["fast", "owlrl"])
def test_both_reasoners_read_the_disjoint_fact_classes_from_a_list_given_by_iris(ontology, engine):
    members = list(Collection(ontology, CGGEN["fact-classes"]))
    assert (CGGEN["fact-classes-disjoint"], OWL.members, CGGEN["fact-classes"]) in ontology
    assert len(members) == 31
    clean, clash = Graph(), Graph()
    clean.add((CGI.deal, RDF.type, members[0]))
    clash.add((CGI.deal, RDF.type, members[0]))
    clash.add((CGI.deal, RDF.type, members[-1]))  # the first and the last member of the list
    assert infer(clean, ontology, engine=engine).inconsistencies == []
    found = infer(clash, ontology, engine=engine).inconsistencies
    assert len(found) == 1 and str(CGI.deal) in found[0].message, found
