"""The lean store behaves like rdflib's: lookups see every triple, before and after indexing."""

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from claimgraph.rdf.namespaces import CG, CGI, new_graph
from claimgraph.rdf.triples import TripleSet, all_triples


def test_lookups_see_every_triple_before_and_after_the_index_is_built():
    g = new_graph()
    g.add((CGI.a, RDF.type, CG.Claim))
    g.add((CGI.a, CG.claimId, Literal("a")))
    g.add((CGI.a, CG.claimId, Literal("a")))  # a set: once
    assert len(g) == 2
    assert (CGI.a, RDF.type, CG.Claim) in g and (CGI.b, RDF.type, CG.Claim) not in g
    assert g.value(CGI.a, CG.claimId) == Literal("a")  # builds the index
    g.add((CGI.b, RDF.type, CG.Claim))  # after indexing: both the set and the index get it
    assert sorted(g.subjects(RDF.type, CG.Claim)) == [CGI.a, CGI.b]
    assert len(g) == 3
    g.remove((CGI.a, None, None))
    assert set(g) == {(CGI.b, RDF.type, CG.Claim)}
    assert list(g.subjects(RDF.type, CG.Claim)) == [CGI.b]


def test_same_answers_as_rdflib_default_store(seed_result):
    lean, reference = new_graph(), Graph()
    for triple in seed_result.graphs.asserted:
        lean.add(triple)
        reference.add(triple)
    query = "SELECT ?s ?o WHERE { ?s <https://w3id.org/claimgraph/ontology#mentions> ?o } ORDER BY ?s ?o"
    assert list(lean.query(query)) == list(reference.query(query))
    assert set(lean + reference) == set(reference) and len(lean - reference) == 0


def test_release_empties_the_graph_which_stays_usable():
    g = new_graph()
    g.add((CGI.a, RDF.type, CG.Claim))
    assert g.value(CGI.a, RDF.type) == CG.Claim  # indexed
    g.store.release()
    assert len(g) == 0 and list(g) == [] and g.value(CGI.a, RDF.type) is None
    g.add((CGI.b, RDF.type, CG.Claim))
    assert list(g.subjects(RDF.type, CG.Claim)) == [CGI.b]


def test_triple_set_is_a_set_that_keeps_the_order_triples_were_added_in():
    first, second, third = (CGI.b, RDF.type, CG.Claim), (CGI.a, RDF.type, CG.Claim), (CGI.c, CG.claimId, Literal("c"))
    triples = TripleSet()
    triples.add(first)
    triples.add(second)
    triples.add(first)  # again: kept once, where it first came
    triples.update([third, second])
    assert list(triples) == [first, second, third] and len(triples) == 3
    assert second in triples and (CGI.z, RDF.type, CG.Claim) not in triples
    assert triples == {first, second, third} and triples != {first, second}
    assert not triples != {first, second, third} and not triples == {first, second}
    triples.discard(second)
    triples.discard(second)  # absent: no error, as a set
    assert list(triples) == [first, third]
    with pytest.raises(TypeError):
        triples | {second}  # no set algebra (on a dictionary, | would merge)
    with pytest.raises(TypeError):
        triples | TripleSet()
    with pytest.raises(TypeError):
        triples |= TripleSet()
    with pytest.raises(TypeError):
        hash(triples)


def test_graphs_iterate_in_the_order_their_triples_were_added():
    g = new_graph()
    added = [(CGI[f"n{i}"], CG.claimId, Literal(str(i))) for i in (5, 3, 9, 1, 7)]
    for triple in added:
        g.add(triple)
    assert isinstance(all_triples(g), TripleSet)
    assert list(all_triples(g)) == added == list(g)


def test_mapped_graphs_keep_the_order_the_mapper_made_them_in(seed_result):
    """The mapper writes a node's triples one after another; its graphs keep that order, so a
    pass over them reads a node's triples together."""
    asserted = list(all_triples(seed_result.graphs.asserted))
    subjects = [s for s, _, _ in asserted]
    runs = 1 + sum(1 for before, after in zip(subjects, subjects[1:]) if before != after)
    assert isinstance(all_triples(seed_result.graphs.asserted), TripleSet)
    assert runs < len(set(subjects)) * 2  # mostly one run per node (hash order gives one per triple)


def test_the_ontology_and_shapes_use_the_mappers_term_objects(seed_result):
    """Parsed IRIs are new objects; made the mapper's own, a lookup that meets both compares
    by identity instead of through rdflib's Python __eq__."""
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDFS

    from claimgraph.rdf.namespaces import ORG, canonical_term

    ontology = seed_result.graphs.ontology
    terms = {t for triple in ontology for t in triple if type(t) is URIRef}
    cg_terms = [t for t in terms if t.startswith(str(CG))]
    assert len(cg_terms) > 50 and all(t is CG[t[len(str(CG)):]] for t in cg_terms)
    assert all(t is RDF.type for t in terms if t == RDF.type) and RDF.type in terms
    assert all(t is OWL.Class for t in terms if t == OWL.Class) and OWL.Class in terms
    assert all(t is RDFS.subClassOf for t in terms if t == RDFS.subClassOf)
    assert all(t is ORG.Organization for t in terms if t == ORG.Organization)
    shape_terms = {t for triple in seed_result.graphs.shapes for t in triple if type(t) is URIRef}
    in_shapes = [t for t in shape_terms if t.startswith(str(CG))]
    assert len(in_shapes) > 20 and all(t is CG[t[len(str(CG)):]] for t in in_shapes)
    fresh = URIRef(str(CG) + "Company")
    assert fresh is not CG.Company and canonical_term(fresh) is CG.Company
    for kept in (URIRef(str(RDF) + "notARdfTerm"), URIRef(str(CGI) + "asml"), URIRef("https://example.org/x"),
                 Literal("cg:Company")):
        assert canonical_term(kept) is kept
