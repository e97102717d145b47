"""The fast reasoner gives exactly owlrl's inferred triples and inconsistencies (owlrl is the reference)."""

import sys
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from claimgraph.checks.fastreason import UnsupportedOntologyError, compile_ontology
from claimgraph.pipeline import run_stages
from claimgraph.checks.reasoning import infer

REPO = Path(__file__).resolve().parent.parent


def assert_same(asserted, ontology):
    reference, fast = infer(asserted, ontology, engine="owlrl"), infer(asserted, ontology, engine="fast")
    assert set(fast.inferred) == set(reference.inferred)
    assert [i.message for i in fast.inconsistencies] == [i.message for i in reference.inconsistencies]
    return reference


def test_same_closure_as_owlrl_on_the_seed(seed_result):
    reference = assert_same(seed_result.graphs.asserted, seed_result.graphs.ontology)
    assert len(reference.inferred) > 500


def test_same_closure_as_owlrl_on_every_claim_type(example_result):
    assert_same(example_result.graphs.asserted, example_result.graphs.ontology)


def test_same_inconsistencies_as_owlrl(seed_result):
    from rdflib.namespace import RDF
    from claimgraph.rdf.namespaces import CG, CGI
    broken = seed_result.graphs.asserted + seed_result.graphs.ontology - seed_result.graphs.ontology
    broken.add((CGI["body/mistral-ai/strategic-committee"], RDF.type, CG.BoardOfDirectors))
    broken.add((CGI["asml"], RDF.type, CG.Person))
    reference = assert_same(broken, seed_result.graphs.ontology)
    assert len(reference.inconsistencies) >= 2


def test_two_values_of_a_functional_property_give_owlrl_s_equality(seed_result):
    """A claim given a second modality (an IRI; cg:modality is functional) and another claim a
    second id (a literal; cg:claimId is functional): both engines make the values owl:sameAs."""
    from rdflib import Literal
    from rdflib.namespace import OWL
    from claimgraph.rdf.namespaces import CG
    ontology = seed_result.graphs.ontology
    assert {(CG.modality, OWL.FunctionalProperty), (CG.claimId, OWL.FunctionalProperty)} <= set(
        ontology.subject_objects(RDF.type))
    asserted = seed_result.graphs.asserted + ontology - ontology
    facts = sorted(asserted.subjects(CG.modality, CG.StatedAsFact))
    asserted.add((facts[0], CG.modality, CG.Rumour))
    old_id = asserted.value(facts[1], CG.claimId)
    asserted.add((facts[1], CG.claimId, Literal("a-second-id")))
    inferred = assert_same(asserted, ontology).inferred
    # every claim stated as fact is now also a rumour (eq-rep-o), and each triple ending in the
    # first id also ends in the second
    assert len(facts) > 2 and all((claim, CG.modality, CG.Rumour) in inferred for claim in facts[1:])
    ending_in_old = [(s, p) for s, p in asserted.subject_predicates(old_id) if p != CG.claimId]
    assert ending_in_old and all((s, p, Literal("a-second-id")) in inferred for s, p in ending_in_old)


def test_an_ontology_the_fast_reasoner_does_not_implement_is_refused(seed_result):
    from rdflib.namespace import OWL
    from claimgraph.rdf.namespaces import CG
    ontology = seed_result.graphs.ontology + seed_result.graphs.asserted - seed_result.graphs.asserted
    ontology.add((CG.Company, OWL.equivalentClass, CG.Organization))
    with pytest.raises(UnsupportedOntologyError, match=r"^the ontology uses owl:equivalentClass \(on cg:Company\), "
                                                  r"which the fast reasoner does not implement; run with "
                                                  r"--reasoner owlrl$"):
        compile_ontology(ontology)
    compile_ontology(seed_result.graphs.ontology)  # the project's own ontology is implemented


def test_build_with_an_unsupported_ontology_exits_2_and_leaves_the_build_alone(project):
    build = project.path("data/build")
    before = {f.name: f.read_bytes() for f in sorted(build.iterdir())}
    project.edit("ontology/claimgraph.ttl", "cg:Claim owl:disjointWith cg:Fact .",
                 "cg:Claim owl:disjointWith cg:Fact .\ncg:Company owl:equivalentClass cg:Firm .")
    result = project.run("build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: the ontology uses owl:equivalentClass (on cg:Company), which the fast reasoner does not "
        "implement; run with --reasoner owlrl")
    assert {f.name: f.read_bytes() for f in sorted(build.iterdir())} == before
    reference = project.run("build", "--reasoner", "owlrl")  # the reference implements it
    assert reference.exit_code == 0, reference.output


@pytest.mark.slow
def test_same_closure_as_owlrl_on_a_generated_1000_claim_project(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate
    generate(1000, tmp_path / "project")
    result = run_stages(tmp_path / "project", reason=False)
    assert result.ok
    assert_same(result.graphs.asserted, result.graphs.ontology)
