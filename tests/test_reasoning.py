"""Every axiom we rely on, as an ASK on the inferred graph; rumours never become facts."""

import pytest

from conftest import CLAIM_FILE
from sparql import ask


@pytest.fixture(scope="module")
def inferred(seed_result):
    return seed_result.graphs.inferred


@pytest.fixture(scope="module")
def example_inferred(example_result):
    return example_result.graphs.inferred


@pytest.mark.parametrize("axiom, pattern", [
    ("chain investor/investee -> investsIn", "cgi:asml cg:investsIn cgi:mistral-ai"),
    ("inverse of investsIn", "cgi:mistral-ai cg:hasInvestor cgi:asml"),
    ("chain shareholding -> shareholderOf", "cgi:asml cg:shareholderOf cgi:mistral-ai"),
    ("largest shareholder chain", "cgi:asml cg:largestShareholderOf cgi:mistral-ai"),
    ("inverse of shareholderOf", "cgi:mistral-ai cg:hasShareholder cgi:asml"),
    ("largestShareholder is a shareholder (subproperty)",
     "cgi:claim/techzine-2025-09-09-asml-mistral/asml-largest-shareholder/shareholding cg:shareholder cgi:asml"),
    ("symmetric partnerOf", "cgi:mistral-ai cg:partnerOf cgi:asml"),
    ("symmetric partnerOf (OpenAI)", "cgi:openai cg:partnerOf cgi:microsoft , cgi:apple"),
    ("chain headquarters -> headquarteredIn", "cgi:asml cg:headquarteredIn cgi:veldhoven"),
    ("headquarteredIn is locatedIn", "cgi:asml cg:locatedIn cgi:veldhoven"),
    ("transitive locatedIn", "cgi:asml cg:locatedIn cgi:netherlands"),
    ("membership chain -> memberOf", "cgi:netherlands cg:memberOf cgi:european-union"),
    ("memberOf is org:memberOf", "cgi:france org:memberOf cgi:european-union"),
    ("position -> memberOf", "cgi:christophe-fouquet cg:memberOf cgi:asml"),
    ("seat chain -> hasSeatOn", "cgi:asml cg:hasSeatOn cgi:body/mistral-ai/strategic-committee"),
    ("seat chain -> hasSeatAt", "cgi:asml cg:hasSeatAt cgi:mistral-ai"),
    ("product chain -> makes", "cgi:mistral-ai cg:makes cgi:mistral-ocr"),
    ("inverse madeBy", "cgi:gpt-5 cg:madeBy cgi:openai"),
    ("madeBy is schema:manufacturer", "cgi:gemini schema:manufacturer cgi:google"),
    ("subclass: equipment maker is a company", "cgi:asml a cg:Company , cg:Organization , org:Organization"),
    ("subclass: AI model is a product", "cgi:ministral a cg:Product , schema:Product"),
    ("subclass: advisory committee is an advisory body",
     "cgi:body/mistral-ai/strategic-committee a cg:AdvisoryBody , cg:Body"),
    ("domain: a claim source is an article", "cgi:source/techzine-2025-09-09-asml-mistral a prov:Entity"),
    ("subproperty: claim id is dct:identifier",
     "cgi:claim/techzine-2025-09-09-asml-mistral/mistral-founded-2023 dct:identifier 'mistral-founded-2023'"),
])
def test_axiom(inferred, axiom, pattern):
    assert ask(inferred, pattern), axiom


@pytest.mark.parametrize("axiom, pattern", [
    ("funding round chain", "cgi:acme-ventures cg:investsInRoundOf cgi:nova-robotics"),
    ("lead investor is a round investor", "cgi:acme-ventures cg:investsIn cgi:nova-robotics"),
    ("round participant invests", "cgi:asml cg:investsIn cgi:nova-robotics"),
    ("majority shareholder chain", "cgi:acme-ventures cg:majorityShareholderOf cgi:nova-robotics"),
    ("majority shareholder is a shareholder", "cgi:acme-ventures cg:shareholderOf cgi:nova-robotics"),
    ("founding chain", "cgi:john-roe cg:founded cgi:nova-robotics . cgi:nova-robotics cg:foundedBy cgi:john-roe"),
    ("supply chain and inverse", "cgi:nova-robotics cg:supplierOf cgi:asml . cgi:asml cg:customerOf cgi:nova-robotics"),
    ("pre-money is an amount", "?r cg:preMoneyValuation ?a . ?r cg:amount ?a"),
    ("total raised is an amount", "?r cg:totalRaised ?a . ?r cg:amount ?a"),
    ("inverse of a role: holdsShareholding", "cgi:acme-ventures cg:holdsMajorityShareholding ?s"),
])
def test_axiom_on_other_claim_types(example_result, example_inferred, axiom, pattern):
    assert ask(example_inferred + example_result.graphs.asserted, pattern), axiom


def test_inferred_triples_are_kept_apart_from_asserted(seed_result):
    asserted, inferred = seed_result.graphs.asserted, seed_result.graphs.inferred
    assert len(inferred) > 0
    assert not any(triple in asserted for triple in inferred)
    assert not ask(asserted, "cgi:asml cg:investsIn cgi:mistral-ai")


def test_a_rumour_never_becomes_a_fact(seed_result):
    graphs = seed_result.graphs
    facts = graphs.asserted + graphs.inferred
    assert not ask(facts, "cgi:apple ?relation cgi:mistral-ai")
    assert not ask(facts, "?event cg:acquirer cgi:apple")
    assert not ask(facts, "?event cg:acquisitionTarget cgi:mistral-ai")
    assert not ask(facts, "?ipo a cg:IPO")
    assert not ask(facts, "cgi:apple cg:shareholderOf|cg:investsIn|cg:largestShareholderOf ?anything")
    # the rumour itself stays queryable, as a claim with hypothetical content
    assert ask(graphs.hypothetical, "?event cg:acquirer cgi:apple ; cg:acquisitionTarget cgi:mistral-ai")


def test_an_inconsistency_fails_check_and_names_the_claims(project):
    with open(project.path(CLAIM_FILE), "a", encoding="utf-8") as claims:
        claims.write("""
  - id: asml-board-seat-strategic-committee
    type: seat
    modality: fact
    holder: ASML
    organization: Mistral AI
    body: board-of-directors
    body_name: Strategic Committee
    evidence: "Ook heeft het een zetel aan het Strategic Committee van Mistral AI"
""")
    result = project.run("check")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "inconsistency" in line]
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(f"{CLAIM_FILE}:")
    assert "error: OWL 2 RL inconsistency: " in lines[0]
    assert ("Disjoint classes cg:GoverningBody and cg:AdvisoryBody have a common individual "
            "cgi:body/mistral-ai/strategic-committee" in lines[0])
    assert lines[0].endswith(
        "(claims involved: asml-board-seat-strategic-committee, asml-seat-on-strategic-committee) "
        "(fix: one of these claims or an entity's type is wrong; correct it)")


@pytest.mark.parametrize("basis", ["cg:preMoneyValuation", "cg:postMoneyValuation"])
def test_a_valuation_keeps_its_basis_through_reasoning(example_result, example_inferred, basis):
    """Nothing infers a basis-less valuation from a pre- or post-money one (issue 19): the
    inferred graph never gives EUR 10 bn as "a valuation" next to EUR 11.7 bn post-money."""
    graph = example_inferred + example_result.graphs.asserted
    assert ask(graph, f"?r {basis} ?a")
    assert not ask(example_inferred, f"?r {basis} ?a . ?r cg:valuationAmount ?a")
    assert not ask(graph, f"?r {basis} ?a . ?r cg:valuationAmount ?a")
