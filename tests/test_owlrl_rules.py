"""One case per rule of the W3C OWL 2 RL/RDF rule tables, through both reasoners.

For each rule (https://www.w3.org/TR/owl2-profiles/#Reasoning_in_OWL_2_RL_and_RDF_Graphs_using_Rules,
tables 4 to 9) a small ontology and instance data go through owlrl (``reasoning.infer``, the
reference) and the fast reasoner (``fastreason.fast_infer``). Each case states the outcome the
fast reasoner must have: the same inferred triples and inconsistencies as owlrl, or a refusal
(:class:`UnsupportedOntologyError`, naming the construct and ``--reasoner owlrl``). There is no third
outcome: a silent difference fails. A case expected to be the same must also give owlrl
something to infer or report, unless the rule only adds what the pipeline does not keep (triples
about the schema, ``owl:sameAs`` of a node with itself, ``owl:Thing`` types): those are listed in
``NOTHING_KEPT``.
"""

import pytest
from rdflib import Graph

from claimgraph.checks.fastreason import UnsupportedOntologyError, fast_infer
from claimgraph.checks.reasoning import infer

PREFIXES = """
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix cgi: <https://w3id.org/claimgraph/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

SAME = "same"


def refused(construct: str) -> tuple[str, str]:
    return ("refused", construct)


FP = "cg:p a owl:ObjectProperty , owl:FunctionalProperty ."
RESTRICTION = "cg:R a owl:Restriction ; owl:onProperty cg:p ; "

# rule id -> (ontology, instance data, expected outcome)
CASES = {
    # Table 4: equality
    "eq-ref": ("cg:p a owl:ObjectProperty .", "cgi:a cg:p cgi:b .", SAME),
    "eq-sym": (FP, "cgi:x cg:p cgi:a , cgi:b .", SAME),
    "eq-trans": (FP, "cgi:x cg:p cgi:a , cgi:b . cgi:y cg:p cgi:b , cgi:c .", SAME),
    "eq-rep-s": (FP, "cgi:x cg:p cgi:a , cgi:b . cgi:a cg:q cgi:z .", SAME),
    "eq-rep-p": (FP, "cgi:x cg:p cgi:a , cgi:b . cgi:s cgi:a cgi:o .", refused("a predicate, owl:sameAs")),
    "eq-rep-o": (FP, "cgi:x cg:p cgi:a , cgi:b . cgi:w cg:q cgi:a .", SAME),
    "eq-diff1": (FP + " cgi:a owl:differentFrom cgi:b .", "cgi:x cg:p cgi:a , cgi:b .",
                 refused("owl:differentFrom")),
    "eq-diff2": (FP + " [] a owl:AllDifferent ; owl:members ( cgi:a cgi:b cgi:c ) .",
                 "cgi:x cg:p cgi:a , cgi:b .", refused("owl:AllDifferent")),
    "eq-diff3": (FP + " [] a owl:AllDifferent ; owl:distinctMembers ( cgi:a cgi:b cgi:c ) .",
                 "cgi:x cg:p cgi:a , cgi:b .", refused("owl:AllDifferent")),
    # Table 5: properties
    "prp-ap": ("cg:p a owl:ObjectProperty ; rdfs:label \"p\" .", "cgi:a rdfs:label \"a\" ; cg:p cgi:b .", SAME),
    "prp-dom": ("cg:p rdfs:domain cg:C .", "cgi:a cg:p cgi:b .", SAME),
    "prp-rng": ("cg:p rdfs:range cg:C .", "cgi:a cg:p cgi:b .", SAME),
    "prp-fp": (FP, "cgi:x cg:p cgi:a , cgi:b .", SAME),
    "prp-ifp": ("cg:p a owl:ObjectProperty , owl:InverseFunctionalProperty .",
                "cgi:a cg:p cgi:y . cgi:b cg:p cgi:y . cgi:a cg:q cgi:z .", SAME),
    "prp-irp": ("cg:p a owl:IrreflexiveProperty .", "cgi:a cg:p cgi:a .", refused("owl:IrreflexiveProperty")),
    "prp-symp": ("cg:p a owl:SymmetricProperty .", "cgi:a cg:p cgi:b .", SAME),
    "prp-asyp": ("cg:p a owl:AsymmetricProperty .", "cgi:a cg:p cgi:b . cgi:b cg:p cgi:a .",
                 refused("owl:AsymmetricProperty")),
    "prp-trp": ("cg:p a owl:TransitiveProperty .", "cgi:a cg:p cgi:b . cgi:b cg:p cgi:c .", SAME),
    "prp-spo1": ("cg:p rdfs:subPropertyOf cg:q .", "cgi:a cg:p cgi:b .", SAME),
    "prp-spo2": ("cg:r owl:propertyChainAxiom ( cg:p cg:q ) .", "cgi:a cg:p cgi:b . cgi:b cg:q cgi:c .", SAME),
    "prp-eqp1": ("cg:p owl:equivalentProperty cg:q .", "cgi:a cg:p cgi:b .", refused("owl:equivalentProperty")),
    "prp-eqp2": ("cg:p owl:equivalentProperty cg:q .", "cgi:a cg:q cgi:b .", refused("owl:equivalentProperty")),
    "prp-pdw": ("cg:p owl:propertyDisjointWith cg:q .", "cgi:a cg:p cgi:b ; cg:q cgi:b .", SAME),
    "prp-adp": ("[] a owl:AllDisjointProperties ; owl:members ( cg:p cg:q cg:r ) .",
                "cgi:a cg:p cgi:b ; cg:q cgi:b .", refused("owl:AllDisjointProperties")),
    "prp-inv1": ("cg:p owl:inverseOf cg:q .", "cgi:a cg:p cgi:b .", SAME),
    "prp-inv2": ("cg:p owl:inverseOf cg:q .", "cgi:a cg:q cgi:b .", SAME),
    "prp-key": ("cg:C owl:hasKey ( cg:p ) .", "cgi:a a cg:C ; cg:p cgi:k . cgi:b a cg:C ; cg:p cgi:k .",
                refused("owl:hasKey")),
    "prp-npa1": ("[] a owl:NegativePropertyAssertion ; owl:sourceIndividual cgi:a ; "
                 "owl:assertionProperty cg:p ; owl:targetIndividual cgi:b .", "cgi:a cg:p cgi:b .",
                 refused("owl:NegativePropertyAssertion")),
    "prp-npa2": ("[] a owl:NegativePropertyAssertion ; owl:sourceIndividual cgi:a ; "
                 "owl:assertionProperty cg:p ; owl:targetValue \"v\" .", "cgi:a cg:p \"v\" .",
                 refused("owl:NegativePropertyAssertion")),
    # Table 6: classes
    "cls-thing": ("cg:C a owl:Class .", "cgi:a a cg:C .", SAME),
    "cls-nothing1": ("cg:C a owl:Class .", "cgi:a a cg:C .", SAME),
    "cls-nothing2": ("cg:C rdfs:subClassOf owl:Nothing .", "cgi:a a cg:C .",
                     refused("owl:Nothing as the object of rdfs:subClassOf")),
    "cls-int1": ("cg:C owl:intersectionOf ( cg:A cg:B ) .", "cgi:a a cg:A , cg:B .", refused("owl:intersectionOf")),
    "cls-int2": ("cg:C owl:intersectionOf ( cg:A cg:B ) .", "cgi:a a cg:C .", refused("owl:intersectionOf")),
    "cls-uni": ("cg:C owl:unionOf ( cg:A cg:B ) .", "cgi:a a cg:A .", refused("owl:unionOf")),
    "cls-com": ("cg:A owl:complementOf cg:B .", "cgi:a a cg:A , cg:B .", refused("owl:complementOf")),
    "cls-svf1": (RESTRICTION + "owl:someValuesFrom cg:D .", "cgi:a cg:p cgi:b . cgi:b a cg:D .",
                 refused("owl:Restriction")),
    "cls-svf2": (RESTRICTION + "owl:someValuesFrom owl:Thing .", "cgi:a cg:p cgi:b .", refused("owl:Restriction")),
    "cls-avf": (RESTRICTION + "owl:allValuesFrom cg:D .", "cgi:a a cg:R ; cg:p cgi:b .", refused("owl:Restriction")),
    "cls-hv1": (RESTRICTION + "owl:hasValue cgi:v .", "cgi:a a cg:R .", refused("owl:Restriction")),
    "cls-hv2": (RESTRICTION + "owl:hasValue cgi:v .", "cgi:a cg:p cgi:v .", refused("owl:Restriction")),
    "cls-maxc1": (RESTRICTION + "owl:maxCardinality 0 .", "cgi:a a cg:R ; cg:p cgi:b .", refused("owl:Restriction")),
    "cls-maxc2": (RESTRICTION + "owl:maxCardinality 1 .", "cgi:a a cg:R ; cg:p cgi:b , cgi:c .",
                  refused("owl:Restriction")),
    "cls-maxqc1": (RESTRICTION + "owl:maxQualifiedCardinality 0 ; owl:onClass cg:D .",
                   "cgi:a a cg:R ; cg:p cgi:b . cgi:b a cg:D .", refused("owl:Restriction")),
    "cls-maxqc2": (RESTRICTION + "owl:maxQualifiedCardinality 0 ; owl:onClass owl:Thing .",
                   "cgi:a a cg:R ; cg:p cgi:b .", refused("owl:Restriction")),
    "cls-maxqc3": (RESTRICTION + "owl:maxQualifiedCardinality 1 ; owl:onClass cg:D .",
                   "cgi:a a cg:R ; cg:p cgi:b , cgi:c . cgi:b a cg:D . cgi:c a cg:D .", refused("owl:Restriction")),
    "cls-maxqc4": (RESTRICTION + "owl:maxQualifiedCardinality 1 ; owl:onClass owl:Thing .",
                   "cgi:a a cg:R ; cg:p cgi:b , cgi:c .", refused("owl:Restriction")),
    "cls-oo": ("cg:C owl:oneOf ( cgi:a cgi:b ) .", "cgi:a cg:p cgi:b .", refused("owl:oneOf")),
    # Table 7: class axioms
    "cax-sco": ("cg:A rdfs:subClassOf cg:B .", "cgi:a a cg:A .", SAME),
    "cax-eqc1": ("cg:A owl:equivalentClass cg:B .", "cgi:a a cg:A .", refused("owl:equivalentClass")),
    "cax-eqc2": ("cg:A owl:equivalentClass cg:B .", "cgi:a a cg:B .", refused("owl:equivalentClass")),
    "cax-dw": ("cg:A owl:disjointWith cg:B .", "cgi:a a cg:A , cg:B .", SAME),
    "cax-adc": ("[] a owl:AllDisjointClasses ; owl:members ( cg:A cg:B cg:C ) .", "cgi:a a cg:A , cg:C .", SAME),
    # Table 8: datatypes (owlrl: dt-type1/2 with subsumptions and the disjointness of the
    # datatypes in use, dt-not-type; dt-eq and dt-diff are skipped on purpose)
    "dt-type1": ("cg:v a owl:DatatypeProperty .", "cgi:a cg:v \"1\"^^xsd:integer .", SAME),
    "dt-type2": ("cg:v rdfs:range xsd:string .",
                 "cgi:a cg:v \"5\"^^xsd:integer . cgi:b cg:w \"s\"^^xsd:string .", SAME),
    "dt-eq": ("cg:v a owl:DatatypeProperty , owl:FunctionalProperty .",
              "cgi:a cg:v \"1\"^^xsd:integer , \"1.0\"^^xsd:decimal . cgi:b cg:w \"1\"^^xsd:integer .", SAME),
    "dt-diff": ("cg:v a owl:DatatypeProperty .", "cgi:a cg:v \"1\"^^xsd:integer , \"2\"^^xsd:integer .", SAME),
    "dt-not-type": ("cg:v a owl:DatatypeProperty .", "cgi:a cg:v \"abc\"^^xsd:integer .", SAME),
    # Table 9: the schema vocabulary, shown on the instances
    "scm-cls": ("cg:C a owl:Class .", "cgi:a a cg:C .", SAME),
    "scm-sco": ("cg:A rdfs:subClassOf cg:B . cg:B rdfs:subClassOf cg:C .", "cgi:a a cg:A .", SAME),
    "scm-eqc1": ("cg:A owl:equivalentClass cg:B .", "cgi:a a cg:A .", refused("owl:equivalentClass")),
    "scm-eqc2": ("cg:A rdfs:subClassOf cg:B . cg:B rdfs:subClassOf cg:A .", "cgi:a a cg:B .", SAME),
    "scm-op": ("cg:p a owl:ObjectProperty .", "cgi:a cg:p cgi:b .", SAME),
    "scm-dp": ("cg:v a owl:DatatypeProperty .", "cgi:a cg:v \"x\" .", SAME),
    "scm-eqp1": ("cg:p owl:equivalentProperty cg:q .", "cgi:a cg:p cgi:b .", refused("owl:equivalentProperty")),
    "scm-eqp2": ("cg:p rdfs:subPropertyOf cg:q . cg:q rdfs:subPropertyOf cg:p .", "cgi:a cg:q cgi:b .", SAME),
    "scm-spo": ("cg:p rdfs:subPropertyOf cg:q . cg:q rdfs:subPropertyOf cg:r .", "cgi:a cg:p cgi:b .", SAME),
    "scm-dom1": ("cg:p rdfs:domain cg:A . cg:A rdfs:subClassOf cg:B .", "cgi:a cg:p cgi:b .", SAME),
    "scm-dom2": ("cg:q rdfs:domain cg:A . cg:p rdfs:subPropertyOf cg:q .", "cgi:a cg:p cgi:b .", SAME),
    "scm-rng1": ("cg:p rdfs:range cg:A . cg:A rdfs:subClassOf cg:B .", "cgi:a cg:p cgi:b .", SAME),
    "scm-rng2": ("cg:q rdfs:range cg:A . cg:p rdfs:subPropertyOf cg:q .", "cgi:a cg:p cgi:b .", SAME),
    "scm-hv": ("cg:R1 a owl:Restriction ; owl:onProperty cg:p ; owl:hasValue cgi:v . "
               "cg:R2 a owl:Restriction ; owl:onProperty cg:q ; owl:hasValue cgi:v . cg:p rdfs:subPropertyOf cg:q .",
               "cgi:a a cg:R1 .", refused("owl:Restriction")),
    "scm-svf1": ("cg:R1 a owl:Restriction ; owl:onProperty cg:p ; owl:someValuesFrom cg:A . "
                 "cg:R2 a owl:Restriction ; owl:onProperty cg:p ; owl:someValuesFrom cg:B . cg:A rdfs:subClassOf cg:B .",
                 "cgi:a a cg:R1 .", refused("owl:Restriction")),
    "scm-svf2": ("cg:R1 a owl:Restriction ; owl:onProperty cg:p ; owl:someValuesFrom cg:A . "
                 "cg:R2 a owl:Restriction ; owl:onProperty cg:q ; owl:someValuesFrom cg:A . cg:p rdfs:subPropertyOf cg:q .",
                 "cgi:a a cg:R1 .", refused("owl:Restriction")),
    "scm-avf1": ("cg:R1 a owl:Restriction ; owl:onProperty cg:p ; owl:allValuesFrom cg:A . "
                 "cg:R2 a owl:Restriction ; owl:onProperty cg:p ; owl:allValuesFrom cg:B . cg:A rdfs:subClassOf cg:B .",
                 "cgi:a a cg:R1 .", refused("owl:Restriction")),
    "scm-avf2": ("cg:R1 a owl:Restriction ; owl:onProperty cg:p ; owl:allValuesFrom cg:A . "
                 "cg:R2 a owl:Restriction ; owl:onProperty cg:q ; owl:allValuesFrom cg:A . cg:p rdfs:subPropertyOf cg:q .",
                 "cgi:a a cg:R2 .", refused("owl:Restriction")),
    "scm-int": ("cg:C owl:intersectionOf ( cg:A cg:B ) .", "cgi:a a cg:C .", refused("owl:intersectionOf")),
    "scm-uni": ("cg:C owl:unionOf ( cg:A cg:B ) .", "cgi:a a cg:A .", refused("owl:unionOf")),
}

#: rules whose conclusions are all about the schema, a node's sameAs itself or owl:Thing:
#: inferred_part keeps none of them, so owlrl's kept result is empty on their case
NOTHING_KEPT = {"eq-ref", "prp-ap", "cls-thing", "cls-nothing1", "dt-type1", "dt-diff", "scm-cls", "scm-op", "scm-dp"}

# cases beyond one per rule: what the fast reasoner implements on literals, on the ontology's
# own individuals, and what it refuses at run time
EXTRA_CASES = {
    "prp-fp literal values": ("cg:v a owl:DatatypeProperty , owl:FunctionalProperty .",
                              "cgi:x cg:v \"A\" , \"B\" . cgi:y cg:w \"A\" . cgi:z cg:w \"B\"@en .", SAME),
    "prp-fp typed literal values and a range": (
        "cg:v a owl:DatatypeProperty , owl:FunctionalProperty ; rdfs:range xsd:decimal .",
        "cgi:x cg:v \"1.5\"^^xsd:decimal , \"2\"^^xsd:decimal . cgi:y cg:w \"2\"^^xsd:decimal . "
        "cgi:z cg:u \"s\"^^xsd:string .", SAME),
    "prp-fp literals made equal, then disjoint ranges": (
        "cg:v a owl:DatatypeProperty , owl:FunctionalProperty . cg:r1 rdfs:range cg:A . cg:r2 rdfs:range cg:B . "
        "cg:A owl:disjointWith cg:B .",
        "cgi:x cg:v \"A\" , \"B\" . cgi:y cg:r1 \"A\" . cgi:z cg:r2 \"B\" .", SAME),
    "prp-fp chained through three subjects": (FP, "cgi:x cg:p cgi:a , cgi:b . cgi:y cg:p cgi:b , cgi:c . "
                                                  "cgi:c cg:q cgi:d . cgi:e cg:q cgi:a .", SAME),
    "prp-fp with inverse and symmetric properties": (
        FP + " cg:q owl:inverseOf cg:r . cg:s a owl:SymmetricProperty .",
        "cgi:x cg:p cgi:a , cgi:b . cgi:a cg:q cgi:c . cgi:d cg:s cgi:b .", SAME),
    "prp-fp on an ontology individual": (
        FP + " cg:Known a owl:NamedIndividual , cg:K ; rdfs:label \"known\" ; cg:code \"k\" . cg:K rdfs:subClassOf cg:L .",
        "cgi:x cg:p cgi:a , cg:Known .", SAME),
    "prp-fp values mixing a literal and an IRI": (
        "cg:v a owl:FunctionalProperty .", "cgi:x cg:v cgi:a , \"A\" .", refused("a literal and a non-literal")),
    "prp-fp reaching a class": (FP + " cg:A rdfs:subClassOf cg:B .", "cgi:x cg:p cgi:a , cg:A .",
                                refused("cg:A, a term the ontology's axioms use")),
    "prp-ifp literal subjects through an inverse": (
        "cg:p a owl:InverseFunctionalProperty . cg:v owl:inverseOf cg:p .",
        "cgi:a cg:v \"k\" , \"j\" . cgi:z cg:w \"k\" .", SAME),
    "prp-rng literal values with disjoint ranges": (
        "cg:p rdfs:range cg:A . cg:q rdfs:range cg:B . cg:A owl:disjointWith cg:B .",
        "cgi:a cg:p \"v\" . cgi:b cg:q \"v\" .", SAME),
    "prp-symp literal value": ("cg:p a owl:SymmetricProperty ; rdfs:range cg:R .", "cgi:a cg:p \"x\" .", SAME),
    "prp-inv literal value": ("cg:p owl:inverseOf cg:q . cg:q rdfs:domain cg:D ; rdfs:range cg:R .",
                              "cgi:a cg:p \"x\" .", SAME),
    "prp-spo2 three steps": ("cg:r owl:propertyChainAxiom ( cg:p cg:q cg:s ) .",
                             "cgi:a cg:p cgi:b . cgi:b cg:q cgi:c . cgi:c cg:s cgi:d .",
                             refused("owl:propertyChainAxiom with 3 steps")),
    "ontology individuals": ("cgi:k a cg:A . cg:A rdfs:subClassOf cg:B . cg:p a owl:TransitiveProperty . "
                             "cg:m cg:p cg:n .", "cgi:a cg:p cg:m .", SAME),
    "datatype ranges in conflict on an IRI": ("cg:p rdfs:range xsd:string . cg:q rdfs:range xsd:decimal .",
                                              "cgi:a cg:p cgi:b . cgi:c cg:q cgi:b . cgi:d cg:v \"1\"^^xsd:decimal , "
                                              "\"s\"^^xsd:string .", SAME),
    "asserted owl:sameAs": ("cg:p a owl:ObjectProperty .", "cgi:a owl:sameAs cgi:b .", refused("owl:sameAs")),
    "asserted schema": ("cg:p a owl:ObjectProperty .", "cg:A rdfs:subClassOf cg:B . cgi:a a cg:A .",
                        refused("rdfs:subClassOf")),
    "asserted built-in class": ("cg:p a owl:ObjectProperty .", "cgi:a a owl:Class .", refused("owl:Class")),
    "subproperty of a built-in": ("cg:p rdfs:subPropertyOf rdf:type .", "cgi:a cg:p cg:C .",
                                  refused("rdf:type as the object of rdfs:subPropertyOf")),
    "axiom about a built-in": ("rdfs:label rdfs:subPropertyOf cg:name .", "cgi:a rdfs:label \"a\" .",
                               refused("rdfs:subPropertyOf on a built-in term")),
    "owl:Thing as a subclass": ("owl:Thing rdfs:subClassOf cg:A .", "cgi:a cg:p cgi:b .",
                                refused("rdfs:subClassOf on a built-in term")),
    "declarations owlrl makes itself": ("owl:Thing a owl:Class . rdfs:label a owl:AnnotationProperty . "
                                        "cg:A rdfs:subClassOf cg:B .", "cgi:a a cg:A ; rdfs:label \"a\" .", SAME),
    "a declaration of a built-in term": ("rdf:type a owl:ObjectProperty .", "cgi:a a cg:A .",
                                         refused("owl:ObjectProperty on a built-in term")),
    "owl:imports": ("<https://example.org/o> a owl:Ontology ; owl:imports <https://example.org/other> .",
                    "cgi:a a cg:A .", refused("owl:imports")),
    "blank-node property": ("[ owl:inverseOf cg:p ] rdfs:subPropertyOf cg:q .", "cgi:a cg:p cgi:b .",
                            refused("blank-node property")),
}


def graph(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def outcome(result) -> tuple[set, list]:
    return set(result.inferred), [(i.message, i.nodes) for i in result.inconsistencies]


@pytest.mark.parametrize("rule", list(CASES) + list(EXTRA_CASES))
def test_fast_reasoner_equals_owlrl_or_refuses(rule):
    ontology_text, data_text, expected = {**CASES, **EXTRA_CASES}[rule]
    ontology, data = graph(ontology_text), graph(data_text)
    reference = outcome(infer(data, ontology))
    if expected == SAME:
        assert outcome(fast_infer(data, ontology)) == reference
        if rule not in NOTHING_KEPT:
            assert reference != (set(), []), f"the case for {rule} gives owlrl nothing to infer or report"
    else:
        with pytest.raises(UnsupportedOntologyError) as refusal:
            fast_infer(data, ontology)
        message = str(refusal.value)
        assert expected[1] in message
        assert message.endswith("which the fast reasoner does not implement; run with --reasoner owlrl")


def test_every_rule_of_the_w3c_tables_has_a_case():
    tables = {
        "eq": "ref sym trans rep-s rep-p rep-o diff1 diff2 diff3",
        "prp": "ap dom rng fp ifp irp symp asyp trp spo1 spo2 eqp1 eqp2 pdw adp inv1 inv2 key npa1 npa2",
        "cls": "thing nothing1 nothing2 int1 int2 uni com svf1 svf2 avf hv1 hv2 maxc1 maxc2 maxqc1 maxqc2 "
               "maxqc3 maxqc4 oo",
        "cax": "sco eqc1 eqc2 dw adc",
        "dt": "type1 type2 eq diff not-type",
        "scm": "cls sco eqc1 eqc2 op dp eqp1 eqp2 spo dom1 dom2 rng1 rng2 hv svf1 svf2 avf1 avf2 int uni",
    }
    rules = [f"{table}-{name}" for table, names in tables.items() for name in names.split()]
    assert len(rules) == 78
    assert sorted(CASES) == sorted(rules)


def test_a_refusal_names_the_construct_and_its_subject():
    with pytest.raises(UnsupportedOntologyError) as refusal:
        fast_infer(graph("cgi:a cg:p cgi:b ."), graph("cg:Company owl:equivalentClass cg:Firm ."))
    assert str(refusal.value) == ("the ontology uses owl:equivalentClass (on cg:Company), which the fast "
                                  "reasoner does not implement; run with --reasoner owlrl")


def _random_case(seed: int) -> tuple[Graph, Graph]:
    """A small random ontology of the implemented axiom kinds, and data with IRIs and literals."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDF, RDFS, XSD
    import random

    r = random.Random(seed)
    cg, cgi = "https://w3id.org/claimgraph/ontology#", "https://w3id.org/claimgraph/id/"
    props = [URIRef(f"{cg}p{i}") for i in range(5)]
    classes = [URIRef(f"{cg}C{i}") for i in range(5)]
    known = URIRef(f"{cg}Known")  # an individual of the ontology
    nodes = [URIRef(f"{cgi}n{i}") for i in range(6)] + [known]
    literals = [Literal("a"), Literal("b"), Literal("a", lang="en"), Literal("1", datatype=XSD.integer),
                Literal("s", datatype=XSD.string), Literal("2.5", datatype=XSD.decimal)]
    ontology = Graph()
    for _ in range(r.randint(1, 8)):
        p, q, c, d, kind = r.choice(props), r.choice(props), r.choice(classes), r.choice(classes), r.randrange(12)
        if kind == 0:
            ontology.add((c, RDFS.subClassOf, d))
        elif kind == 1:
            ontology.add((p, RDFS.subPropertyOf, q))
        elif kind == 2:
            ontology.add((p, RDFS.domain, r.choice(classes + [XSD.string])))
        elif kind == 3:
            ontology.add((p, RDFS.range, r.choice(classes + [XSD.string, XSD.decimal, OWL.Thing])))
        elif kind == 4:
            ontology.add((p, OWL.inverseOf, q))
        elif kind == 5:
            ontology.add((p, RDF.type, r.choice([OWL.SymmetricProperty, OWL.TransitiveProperty,
                                                 OWL.FunctionalProperty, OWL.InverseFunctionalProperty])))
        elif kind == 6:
            head = BNode()
            Collection(ontology, head, [p, q])
            ontology.add((r.choice(props), OWL.propertyChainAxiom, head))
        elif kind == 7:
            ontology.add((c, OWL.disjointWith, d))
        elif kind == 8:
            ontology.add((p, OWL.propertyDisjointWith, q))
        elif kind == 9:
            node, head = BNode(), BNode()
            Collection(ontology, head, r.sample(classes, 3))
            ontology.add((node, RDF.type, OWL.AllDisjointClasses))
            ontology.add((node, OWL.members, head))
        elif kind == 10:
            ontology.add((known, RDF.type, c))
        else:
            ontology.add((known, p, r.choice(nodes + literals)))
    data = Graph()
    for _ in range(r.randint(1, 10)):
        subject = r.choice(nodes[:-1])
        if r.random() < 0.3:
            data.add((subject, RDF.type, r.choice(classes)))
        else:
            data.add((subject, r.choice(props), r.choice(nodes + literals)))
    return ontology, data


def test_random_ontologies_of_the_implemented_kinds_give_owlrl_s_result_or_a_refusal():
    outcomes = {SAME: 0, "refused": 0}
    for seed in range(150):
        ontology, data = _random_case(seed)
        reference = outcome(infer(data, ontology))
        try:
            fast = outcome(fast_infer(data, ontology))
        except UnsupportedOntologyError as refusal:
            assert str(refusal).endswith("run with --reasoner owlrl")
            outcomes["refused"] += 1
            continue
        assert fast == reference, f"seed {seed}:\n{ontology.serialize(format='turtle')}\n{data.serialize(format='turtle')}"
        outcomes[SAME] += 1
    # the refusals are the run-time ones (equality reaching a schema term or mixing literals and IRIs)
    assert outcomes[SAME] >= 140, outcomes
