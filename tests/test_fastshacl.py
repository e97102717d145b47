"""The fast SHACL validator gives exactly pySHACL's results (pySHACL is the reference)."""

import gc
import sys
import weakref
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from claimgraph import fastshacl
from claimgraph.fastshacl import CompiledShapes, UnsupportedShapes
from claimgraph.namespaces import new_graph
from claimgraph.pipeline import run_stages
from claimgraph.validation import ValidatorError, validate_graph

from test_shapes import BROKEN, VALID

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def schema():
    return Graph().parse(REPO / "ontology/claimgraph.ttl"), Graph().parse(REPO / "ontology/shapes.ttl")


def assert_same(data, schema):
    """Both engines agree on every result; returns the reference report."""
    ontology, shapes = schema
    reference = validate_graph(data, shapes, ontology, engine="pyshacl")
    fast = validate_graph(data, shapes, ontology, engine="fast")
    assert fast.results == reference.results
    assert fast.conforms is reference.conforms
    return reference


def parse(turtle: str) -> Graph:
    return new_graph().parse(data=turtle, format="turtle")


def test_same_results_on_every_broken_shape_example(schema):
    found = 0
    for what, old, new, *_ in BROKEN:
        found += len(assert_same(parse(VALID.replace(old, new)), schema).results)
    assert found >= len(BROKEN)


def test_same_results_with_every_example_broken_at_once(schema):
    turtle = VALID
    for _, old, new, *_ in BROKEN:
        if turtle.count(old) == 1:
            turtle = turtle.replace(old, new)
    reference = assert_same(parse(turtle), schema)
    assert len({r.message for r in reference.results}) > 20


def test_same_results_on_the_seed(seed_result, schema):
    graphs = seed_result.graphs
    reference = assert_same([graphs.asserted, graphs.hypothetical], schema)
    assert reference.conforms


def test_same_results_on_every_claim_type(example_result, schema):
    graphs = example_result.graphs
    assert_same([graphs.asserted, graphs.hypothetical], schema)


def test_same_results_on_damaged_seed_data(seed_result, schema):
    graphs = seed_result.graphs
    reference = assert_same([damage(graphs.asserted, every=9), damage(graphs.hypothetical, every=3)], schema)
    assert len(reference.results) > 50


def test_sparql_constraint_value_and_focus_match(schema):
    """Stakes over 100 % and a post-money that is not pre-money plus raised (the two SPARQL shapes)."""
    turtle = VALID.replace('cg:percentage "51"^^xsd:decimal', 'cg:percentage "95"^^xsd:decimal')
    turtle = turtle.replace('cg:value "500"^^xsd:decimal', 'cg:value "501"^^xsd:decimal')
    reference = assert_same(parse(turtle), schema)
    shapes = {r.shape for r in reference.results}
    assert {"StakesAtMostHundredPercent", "PostMoneyIsPreMoneyPlusRaised"} <= shapes


def test_unsupported_shape_features_are_refused_with_a_hint():
    shapes = parse("""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .""")
    with pytest.raises(UnsupportedShapes, match=r"shape S uses .*closed.*run with --shacl pyshacl"):
        CompiledShapes(shapes)
    with pytest.raises(ValidatorError, match="--shacl pyshacl"):
        validate_graph(new_graph(), shapes, new_graph())


def damage(graph: Graph, every: int = 40) -> Graph:
    """A copy with every n-th triple dropped and every n-th literal given a second, different value.

    Dropping triples breaks minimum counts, types (sh:class) and node-level rules; doubling
    literals breaks maximum counts, datatypes and patterns: broken data at every kind of
    shape, found by both engines or the test fails. A doubled number stays a number: rdflib's
    SPARQL raises on a non-numeric value inside SUM, which stops pySHACL.
    """
    from decimal import Decimal
    from rdflib import Literal
    damaged = new_graph()
    for number, (s, p, o) in enumerate(sorted(graph)):
        if number % every == 0:
            continue
        damaged.add((s, p, o))
        if isinstance(o, Literal) and number % every == 7:
            if isinstance(o.toPython(), (int, Decimal)):
                second = Literal(o.toPython() + 1, datatype=o.datatype)
            elif o.datatype is not None:
                second = Literal(f"{o}x", datatype=o.datatype)  # ill-typed
            else:
                second = Literal(f"{o}x", lang=o.language)
            damaged.add((s, p, second))
    return damaged


@pytest.mark.slow
def test_same_results_on_a_generated_1000_claim_project_with_damage(tmp_path, schema):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate
    generate(1000, tmp_path / "project")
    result = run_stages(tmp_path / "project", reason=False)
    graphs = result.graphs
    assert_same([graphs.asserted, graphs.hypothetical], schema)
    reference = assert_same([damage(graphs.asserted), damage(graphs.hypothetical)], schema)
    assert not reference.conforms
    assert len(reference.results) > 500
    assert len({r.shape for r in reference.results}) > 15


@pytest.mark.parametrize("query, expected", [
    ("SELECT * { ?s <http://x/a>/^<http://x/b> ?o FILTER NOT EXISTS { ?o a ?t } }",
     {"http://x/a", "http://x/b", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}),
    ("SELECT * { ?s <http://x/a> ?o FILTER EXISTS { ?o <http://x/c>|<http://x/d>+ ?t } }",
     {"http://x/a", "http://x/c", "http://x/d"}),
    ("SELECT * { ?s ?p ?o }", None),  # a variable predicate can match anything
    ("SELECT * { ?s <http://x/a> ?o FILTER EXISTS { ?o ?v ?t } }", None),
    ("SELECT * { ?s !<http://x/a> ?o }", None),  # a negated path matches every other predicate
    ("SELECT * { ?s <http://x/a>* ?o }", None),  # a zero-length path matches every node
])
def test_sparql_constraints_load_only_the_predicates_their_queries_can_match(query, expected):
    from claimgraph.fastshacl import predicates_used
    found = predicates_used(query)
    assert (None if found is None else {str(p) for p in found}) == expected


def test_parsing_a_sparql_constraint_leaves_the_callers_locals_to_reference_counting():
    """rdflib's parser leaves cycles of exceptions and frames; they must not reach our frames
    (the data index, the graphs), which a command-line run never collects (gc is frozen)."""
    class Big:
        pass

    def caller():
        big = Big()
        assert fastshacl.predicates_used("SELECT ?s WHERE { ?s <http://example.org/p> ?o FILTER (?o > 1) }") \
            == {URIRef("http://example.org/p")}
        return weakref.ref(big)

    gc.disable()
    try:
        assert caller()() is None
    finally:
        gc.enable()
