"""One function per check with an ``engine=`` choice; the fast SHACL engine refuses the SHACL Core
constraints it does not implement instead of giving another answer than pySHACL."""

import pytest
from rdflib import Graph

from claimgraph.checks.reasoning import infer
from claimgraph.checks.shacl import ValidatorError, validate, validate_graph
from claimgraph.rdf.namespaces import new_graph

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
DATA = PREFIXES + "ex:a a ex:C ; ex:p 1 ; ex:q 0 ; ex:r ex:b ."


def parse(turtle: str) -> Graph:
    return new_graph().parse(data=PREFIXES + turtle, format="turtle")


@pytest.mark.parametrize("constraint, message", [
    ("sh:closed true", "shape S uses sh:closed"),
    ("sh:ignoredProperties ( ex:p )", "shape S uses sh:ignoredProperties"),
])
def test_unimplemented_core_constraints_are_refused(constraint, message):
    shapes = parse(f"ex:S a sh:NodeShape ; sh:targetClass ex:C ; {constraint} .")
    name = constraint.split()[0]
    with pytest.raises(ValidatorError) as refused:
        validate(parse(DATA), shapes, new_graph(), engine="fast")
    text = str(refused.value)
    assert text.startswith(message)
    assert text.endswith(f"uses {name}, which the fast SHACL validator does not support; run with --shacl pyshacl")
    if "ignoredProperties" in constraint:  # without sh:closed, the reference rejects the shapes too
        with pytest.raises(ValidatorError, match="^pySHACL rejects the shapes graph: .*sh:closed"):
            validate(parse(DATA), shapes, new_graph(), engine="pyshacl")
    else:  # the reference evaluates it: the data breaks each of these constraints
        assert validate(parse(DATA), shapes, new_graph(), engine="pyshacl").conforms is False


ORDERED = PREFIXES + """ex:a a ex:C ; ex:p 1, 3 ; ex:q 2, 3 .
ex:b a ex:C ; ex:p "x", ex:i ; ex:q "y", 2 .
ex:c a ex:C ; ex:p "2024-01-02"^^xsd:date ; ex:q "2024-01-02"^^xsd:date ."""


@pytest.mark.parametrize("order", ["lessThan", "lessThanOrEquals"])
def test_less_than_gives_pyshacls_results(order):
    shapes = parse(f"ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:{order} ex:q ; "
                   "sh:message \"out of order\" ] .")
    data = new_graph().parse(data=ORDERED, format="turtle")
    fast = validate(data, shapes, new_graph(), engine="fast")
    reference = validate(data, shapes, new_graph(), engine="pyshacl")
    # pySHACL reports a failing (value, other value) pair once each: the same result can repeat there
    assert fast.results == sorted(set(reference.results), key=lambda r: (r.focus, r.message, r.value, r.shape))
    found = {(r.focus.rsplit("/", 1)[1], r.value.rsplit("/", 1)[-1]) for r in fast.results}
    # 3 is not below 2 nor 3; strings compare as text, a string with a number never; a date not below itself
    expected = {("a", "3"), ("b", "x"), ("b", "i"), ("c", "2024-01-02")}
    assert found == (expected if order == "lessThan" else expected - {("c", "2024-01-02")})


def test_less_than_on_a_blank_node_is_refused():
    shapes = parse("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:lessThan ex:q ] .")
    data = parse("ex:a a ex:C ; ex:p 1 ; ex:q [] .")
    with pytest.raises(ValidatorError, match=r"^shape .*: sh:lessThan compares the blank node .*, which SHACL leaves "
                                             r"undefined; run with --shacl pyshacl$"):
        validate(data, shapes, new_graph(), engine="fast")


def test_qualified_value_shapes_disjoint_is_refused():
    shapes = parse("""ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:r ;
        sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ; sh:qualifiedValueShapesDisjoint true ] .""")
    with pytest.raises(ValidatorError) as refused:
        validate(parse(DATA), shapes, new_graph(), engine="fast")
    assert str(refused.value).endswith("uses sh:qualifiedValueShapesDisjoint, which the fast SHACL validator does "
                                       "not support; run with --shacl pyshacl")


def test_validate_engines_agree_and_unknown_engine_is_named():
    shapes = parse("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxCount 0 ; "
                   "sh:message \"no p\" ] .")
    fast = validate(parse(DATA), shapes, new_graph(), engine="fast")
    reference = validate(parse(DATA), shapes, new_graph(), engine="pyshacl")
    assert fast.results == reference.results and fast.conforms is False
    assert validate_graph is validate
    with pytest.raises(ValueError, match=r"^unknown SHACL engine 'jena'; choose one of fast, pyshacl$"):
        validate(parse(DATA), shapes, new_graph(), engine="jena")


def test_infer_engines_agree_and_unknown_engine_is_named():
    ontology = parse("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "
                     "<https://w3id.org/claimgraph/ont#A> rdfs:subClassOf <https://w3id.org/claimgraph/ont#B> .")
    asserted = new_graph().parse(data="<https://w3id.org/claimgraph/id/x> a <https://w3id.org/claimgraph/ont#A> .",
                                 format="turtle")
    fast = infer(asserted, ontology, engine="fast")
    reference = infer(asserted, ontology, engine="owlrl")
    assert set(fast.inferred) == set(reference.inferred) and len(set(reference.inferred)) == 1
    with pytest.raises(ValueError, match=r"^unknown reasoning engine 'hermit'; choose one of fast, owlrl$"):
        infer(asserted, ontology, engine="hermit")
