"""The lean store behaves like rdflib's: lookups see every triple, before and after indexing."""

from rdflib import Graph, Literal
from rdflib.namespace import RDF

from claimgraph.namespaces import CG, CGI, new_graph


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
