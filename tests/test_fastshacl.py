"""The fast SHACL validator gives exactly pySHACL's results (pySHACL is the reference)."""

import gc
import sys
import weakref
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from claimgraph.checks import fastshacl
from claimgraph.checks.fastshacl import CompiledShapes, UnsupportedShapes
from claimgraph.rdf.namespaces import new_graph
from claimgraph.pipeline import run_stages
from claimgraph.checks.shacl import ValidatorError, validate

from test_shapes import BROKEN, VALID

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def schema():
    return Graph().parse(REPO / "ontology/claimgraph.ttl"), Graph().parse(REPO / "ontology/shapes.ttl")


def assert_same(data, schema):
    """Both engines agree on every result; returns the reference report."""
    ontology, shapes = schema
    reference = validate(data, shapes, ontology, engine="pyshacl")
    fast = validate(data, shapes, ontology, engine="fast")
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
        validate(new_graph(), shapes, new_graph())


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
    from claimgraph.checks.fastshacl import predicates_used
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


# -- SHACL features the manifests found silently different; each against pySHACL --------------

HEAD = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
"""
DATA = HEAD + """
ex:Sub rdfs:subClassOf ex:Thing .
ex:a a ex:Thing ; ex:name "A" ; ex:size 3 .
ex:b a ex:Sub ; ex:name "B" , "Bee" ; ex:size 30 .
ex:c a owl:Thing ; ex:name "C" .
"""


def both(shapes_turtle: str, data_turtle: str = DATA):
    """The fast report, checked equal to pySHACL's, and the number of results."""
    shapes = parse(HEAD + shapes_turtle)
    data = parse(data_turtle)
    reference = validate(data, shapes, new_graph(), engine="pyshacl")
    fast = validate(data, shapes, new_graph(), engine="fast")
    assert fast.results == reference.results
    assert fast.conforms is reference.conforms
    return fast


@pytest.mark.parametrize("kind", ["rdfs:Class", "owl:Class"])
def test_a_shape_that_is_a_class_targets_its_instances(kind):
    report = both(f'ex:Thing a {kind} , sh:NodeShape ; sh:property [ sh:path ex:name ; sh:maxCount 1 ; sh:message "m" ] .')
    assert [r.focus for r in report.results] == ["http://example.org/b"]  # an instance of a subclass


@pytest.mark.parametrize("query", [
    "SELECT $this WHERE { FILTER ($this = ex:a) }",
    "SELECT $this WHERE { { FILTER (bound($this)) } $this ex:size ?s FILTER (?s > 10) }",
    "SELECT ?value WHERE { BIND ($this AS ?value) FILTER (?value != ex:c) }",
    "SELECT $this ?value WHERE { { ?x ex:size ?value } UNION { $this ex:size ?value } FILTER (?value > 20) }",
    "SELECT $this ?value WHERE { $this ex:size ?value } ORDER BY ?value LIMIT 1",
])
def test_this_is_pre_bound_wherever_it_appears(query):
    report = both(f'ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:sparql [ sh:prefixes ex: ; sh:message "m" ; '
                  f'sh:select """{query}""" ] .')
    assert report.results  # each query reports something, and the same as pySHACL


def test_path_in_a_property_shapes_sparql_constraint_is_its_path():
    report = both('ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ( ex:part ex:name ) ; '
                  'sh:sparql [ sh:prefixes ex: ; sh:message "m" ; sh:select """SELECT $this ?value WHERE { '
                  '$this $PATH ?value FILTER (strlen(?value) > 1) }""" ] ] .', DATA + "ex:a ex:part ex:b .")
    assert [(r.focus, r.value) for r in report.results] == [("http://example.org/a", "Bee")]


def test_a_severity_of_the_shapes_own_is_kept_and_counts_as_an_error():
    from claimgraph.problems import Location
    report = both("ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:severity ex:Critical ; sh:message \"no\" ; "
                  "sh:class ex:Other .")
    [result] = report.results
    assert (result.severity, result.severity_iri) == ("error", "http://example.org/Critical")
    assert not report.conforms
    [problem] = report.problems({}, Location("x.yaml"))
    assert problem.message == ("no [focus <http://example.org/a> (value: http://example.org/a) "
                               "(severity <http://example.org/Critical>)]")


def test_results_nested_as_details_are_not_results():
    """pySHACL adds the nested shape's results of sh:node as sh:detail: not results of their own."""
    report = both('ex:S a sh:NodeShape ; sh:targetNode ex:b ; sh:node ex:One ; sh:message "not one" . '
                  'ex:One a sh:NodeShape ; sh:property [ sh:path ex:name ; sh:maxCount 1 ; sh:message "m" ] .')
    assert [r.shape for r in report.results] == ["S"]


@pytest.mark.parametrize("query, message", [
    ("SELECT $this WHERE { $this ex:size ?s MINUS { $this ex:name ?n } }",
     "shape S: its SPARQL query uses MINUS, which SHACL does not allow where variables are pre-bound "
     "(SHACL 5.2.1); rewrite the query without it"),
    ("SELECT $this WHERE { VALUES ?s { 1 } $this ex:size ?s }",
     "shape S: its SPARQL query uses VALUES, which SHACL does not allow where variables are pre-bound "
     "(SHACL 5.2.1); rewrite the query without it"),
    ("SELECT $this WHERE { ?x ex:size ?s BIND (?x AS $this) }",
     "shape S: its SPARQL query binds $this with AS, which SHACL does not allow for a pre-bound variable "
     "(SHACL 5.2.1); use another name"),
    ("SELECT $this WHERE { { SELECT ?s WHERE { $this ex:size ?s } } }",
     "shape S: a nested SELECT in its SPARQL query does not return $this, which SHACL requires of "
     "sub-queries (SHACL 5.2.1); add it to its projection"),
])
def test_queries_shacl_forbids_are_refused_as_pyshacl_refuses_them(query, message):
    shapes = parse(HEAD + f'ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [ sh:prefixes ex: ; sh:select """{query}""" ] .')
    with pytest.raises(ValidatorError) as refused:
        validate(parse(DATA), shapes, new_graph(), engine="fast")
    assert str(refused.value) == message
    with pytest.raises(ValidatorError, match="^pySHACL rejects the shapes graph: "):
        validate(parse(DATA), shapes, new_graph(), engine="pyshacl")


COMPONENT = """
ex:MaxSize a sh:ConstraintComponent ;
    sh:parameter [ sh:path ex:maxSize ] , [ sh:path ex:unit ; sh:optional true ] ;
    sh:validator [ a sh:SPARQLAskValidator ; sh:prefixes ex: ; sh:message "{$value} is over {$maxSize}" ;
                   sh:ask "ASK { FILTER ($value <= $maxSize) }" ] ;
    sh:nodeValidator [ a sh:SPARQLSelectValidator ; sh:prefixes ex: ; sh:message "{$this} is over {$maxSize}" ;
                       sh:select "SELECT $this WHERE { $this ex:size ?s FILTER (?s > $maxSize) }" ] .
"""


@pytest.mark.parametrize("use, expected", [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; ex:maxSize 10 .",  # the node validator (SELECT)
     [("http://example.org/b", "http://example.org/b is over 10")]),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; ex:unit ex:cm .", []),  # a mandatory parameter missing
])
def test_sparql_based_constraint_components_give_pyshacls_results(use, expected):
    report = both(COMPONENT + use)
    assert [(r.focus, r.message) for r in report.results] == expected


def test_a_node_shapes_ask_validator_gives_pyshacls_results():
    report = both("""ex:Big a sh:ConstraintComponent ; sh:parameter [ sh:path ex:bigger ] ;
        sh:validator [ a sh:SPARQLAskValidator ; sh:prefixes ex: ; sh:message "{$value} not bigger than {$bigger}" ;
                       sh:ask "ASK { $value ex:size ?s FILTER (?s > $bigger) }" ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; ex:bigger 10 .""")
    assert [(r.focus, r.value, r.message) for r in report.results] == [
        ("http://example.org/a", "http://example.org/a", "http://example.org/a not bigger than 10")]


@pytest.mark.parametrize("use, message", [
    ("sh:property [ sh:path ex:size ; ex:maxSize 10 ]", "an ASK validator on a property shape"),
    ("ex:maxSize 10 , 20", "a parameter with several values"),
])
def test_component_uses_where_pyshacl_and_shacl_part_are_refused(use, message):
    shapes = parse(HEAD + COMPONENT + f"ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; {use} .")
    with pytest.raises(ValidatorError) as refused:
        validate(parse(DATA), shapes, new_graph(), engine="fast")
    assert str(refused.value).startswith("shape S")
    assert str(refused.value).endswith(f"(constraint component http://example.org/MaxSize): {message}, which the fast "
                                       "SHACL validator does not support; run with --shacl pyshacl")


def test_a_blank_node_focus_that_needs_pre_binding_is_refused():
    data = parse(DATA + "ex:d ex:part [ ex:size 5 ] .")
    shapes = parse(HEAD + 'ex:S a sh:NodeShape ; sh:targetObjectsOf ex:part ; sh:sparql [ sh:prefixes ex: ; '
                          'sh:select "SELECT $this WHERE { FILTER (isBlank($this)) }" ] .')
    with pytest.raises(ValidatorError, match=r"^shape S: its SPARQL query must be run with \$this bound to the "
                                             r"blank node .*; run with --shacl pyshacl$"):
        validate(data, shapes, new_graph(), engine="fast")


@pytest.mark.parametrize("path", [
    "[ sh:zeroOrMorePath ex:part ]", "[ sh:oneOrMorePath ex:part ]", "[ sh:zeroOrOnePath ex:part ]",
    "[ sh:inversePath ( ex:part ex:part ) ]", "[ sh:inversePath [ sh:oneOrMorePath ex:part ] ]",
    "( [ sh:zeroOrMorePath ex:part ] [ sh:alternativePath ( ex:size [ sh:inversePath ex:part ] ) ] )",
])
def test_every_kind_of_path_gives_the_values_pyshacl_gives(path):
    data = DATA + "ex:a ex:part ex:b . ex:b ex:part ex:c . ex:c ex:part ex:a . ex:x ex:part ex:a ."
    report = both(f'ex:S a sh:NodeShape ; sh:targetNode ex:a , ex:c , ex:x ; sh:property [ sh:path {path} ; '
                  'sh:maxCount 1 ; sh:message "many" ] , [ sh:path {path} ; sh:in ( ex:b ) ; sh:message "not b" ] .'
                  .replace("{path}", path), data)
    assert report.results  # the same, and not nothing
