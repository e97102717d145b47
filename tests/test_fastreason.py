"""The fast reasoner gives exactly owlrl's inferred triples and inconsistencies (owlrl is the reference)."""

import sys
from pathlib import Path

import pytest

from claimgraph.fastreason import fast_infer
from claimgraph.pipeline import run_stages
from claimgraph.reasoning import infer

REPO = Path(__file__).resolve().parent.parent


def assert_same(asserted, ontology):
    reference, fast = infer(asserted, ontology), fast_infer(asserted, ontology)
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
    from claimgraph.namespaces import CG, CGI
    broken = seed_result.graphs.asserted + seed_result.graphs.ontology - seed_result.graphs.ontology
    broken.add((CGI["body/mistral-ai/strategic-committee"], RDF.type, CG.BoardOfDirectors))
    broken.add((CGI["asml"], RDF.type, CG.Person))
    reference = assert_same(broken, seed_result.graphs.ontology)
    assert len(reference.inconsistencies) >= 2


@pytest.mark.slow
def test_same_closure_as_owlrl_on_a_generated_1000_claim_project(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate
    generate(1000, tmp_path / "project")
    result = run_stages(tmp_path / "project", reason=False)
    assert result.ok
    assert_same(result.graphs.asserted, result.graphs.ontology)
