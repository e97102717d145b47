"""The ontology itself: header, one label per language and a comment on every term, naming,
and the mapper's vocabulary tables in sync with the declared individuals."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from claimgraph import __version__
from claimgraph.rdf.namespaces import CG, ONTOLOGY_IRI
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
