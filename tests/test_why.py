"""`claimgraph why`: asserted triples to their claims and quotes, inferred ones rule by rule down
to them, triples that do not hold with the claims closest to them, and bad terms."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

import claimgraph
from claimgraph.why import Evidence, Explanation, Step
from claimgraph.problems import Location
from claimgraph.rdf.namespaces import CG, CGI
from conftest import CLAIM_FILE

INVESTMENT_QUOTE = "Naast een investering van 1,3 miljard euro en een belang van 11 procent in het Franse Mistral AI"
ONTOLOGY = "ontology/claimgraph.ttl"


def steps(step: Step):
    yield step
    for derivation in step.derivations:
        for premise in derivation.premises:
            yield from steps(premise)


def built_graphs(project) -> tuple[Graph, Graph]:
    """The graphs `build` wrote: what holds (asserted and inferred), and the ontology."""
    holds = Graph()
    for name in ("asserted", "inferred"):
        holds.parse(project.path(f"data/build/{name}.ttl"))
    return holds, Graph().parse(project.path(ONTOLOGY))


def assert_sound(step: Step, holds: Graph, ontology: Graph) -> None:
    """Every triple of the explanation holds in the built graphs, every leaf is asserted with a
    claim or origin, and every derivation is its rule applied to its axiom and premises."""
    for node in steps(step):
        assert node.triple in holds or node.triple in ontology, node.triple
        if not node.derivations:
            assert node.status in ("asserted", "ontology"), node
            assert node.evidence or node.origins, node
        for derivation in node.derivations:
            (axiom,) = derivation.axioms
            premises = [premise.triple for premise in derivation.premises]
            assert node.triple not in premises
            assert_rule(derivation.rule, axiom, premises, node.triple, ontology)


def assert_rule(rule: str, axiom, premises, conclusion, ontology: Graph) -> None:
    s, p, o = conclusion
    a, kind, b = axiom.triple
    if rule == "prp-spo2":  # the list is a blank node, another in each parse: compared by its members
        chains = [tuple(Collection(ontology, head)) for head in ontology.objects(a, OWL.propertyChainAxiom)]
        assert axiom.chain in chains
        (s1, p1, middle), (m2, p2, o2) = premises
        assert (kind, a, (p1, p2), s1, m2, o2) == (OWL.propertyChainAxiom, p, axiom.chain, s, middle, o)
        return
    assert axiom.triple in ontology, axiom
    if rule in ("prp-inv1", "prp-inv2"):
        ((ps, pp, po),) = premises
        assert kind == OWL.inverseOf and (ps, po) == (o, s)
        assert (pp, p) == ((a, b) if rule == "prp-inv1" else (b, a))
    elif rule == "prp-spo1":
        assert kind == RDFS.subPropertyOf and b == p and premises == [(s, a, o)]
    elif rule == "cax-sco":
        assert kind == RDFS.subClassOf and p == RDF.type and b == o and premises == [(s, RDF.type, a)]
    elif rule == "prp-dom":
        assert kind == RDFS.domain and p == RDF.type and b == o and premises[0][:2] == (s, a)
    elif rule == "prp-rng":
        assert kind == RDFS.range and p == RDF.type and b == o and premises[0][1:] == (a, s)
    else:
        raise AssertionError(f"a rule the seed does not need: {rule}")


def test_an_inferred_relation_is_explained_down_to_its_quote(built):
    result = built.run("why", "ASML", "cg:investsIn", "Mistral AI")
    assert result.exit_code == 0, result.output
    quote_line = built.line_of(CLAIM_FILE, f'evidence: "{INVESTMENT_QUOTE}')
    chain_line = built.line_of(ONTOLOGY, "owl:propertyChainAxiom cggen:investsIn-chain ;")
    inverse_line = built.line_of(ONTOLOGY, "owl:inverseOf cg:investor ;")
    content = "cgi:claim/techzine-2025-09-09-asml-mistral/asml-invests-in-mistral/investment"
    claim = (f"claim techzine-2025-09-09-asml-mistral/asml-invests-in-mistral (investment, fact) "
             f"at {CLAIM_FILE}:{quote_line}")
    lines = result.stdout.splitlines()
    assert lines[:12] == [
        "ASML cg:investsIn Mistral AI: holds (inferred)",
        "  way 1: by prp-spo2 (property chain)",
        f"    axiom cg:investsIn owl:propertyChainAxiom ( cg:makesInvestment cg:investee ) at {ONTOLOGY}:{chain_line}",
        f"    ASML cg:makesInvestment {content}: inferred",
        "      by prp-inv2 (inverse property)",
        f"        axiom cg:makesInvestment owl:inverseOf cg:investor at {ONTOLOGY}:{inverse_line}",
        f"        {content} cg:investor ASML: asserted",
        f"          {claim}",
        f'            "{INVESTMENT_QUOTE} gaat chipmachinebouwer ASML voor meer."',
        f"    {content} cg:investee Mistral AI: asserted",
        f"      {claim}",
        f'        "{INVESTMENT_QUOTE} gaat chipmachinebouwer ASML voor meer."',
    ]
    # the other way: the investment Reuters reported, with its own quote
    assert "  way 2: by prp-spo2 (property chain)" in lines
    assert any("reuters-reported-investment (investment, reported)" in line for line in lines)
    # Mistral AI cg:hasInvestor ASML follows only from the triple itself: no way to it
    assert "  way 3:" not in lines and not any("cg:hasInvestor" in line for line in lines)


def test_every_step_of_an_explanation_holds_and_applies_its_rule(built):
    holds, ontology = built_graphs(built)
    for triple in (("ASML", "cg:investsIn", "Mistral AI"), ("Mistral AI", "cg:hasInvestor", "ASML"),
                   ("ASML", "cg:shareholderOf", "Mistral AI"), ("ASML", "a", "cg:Organization")):
        why = claimgraph.explain(built.root, *triple)
        assert why.holds and why.step.status == "inferred", triple
        assert_sound(why.step, holds, ontology)
        quotes = {e.quote for leaf in why.step.leaves() for e in leaf.evidence}
        assert quotes, triple


def test_json_names_the_claim_file_and_line_of_each_quote(built):
    result = built.run("why", "cgi:asml", "cg:investsIn", "<https://w3id.org/claimgraph/id/mistral-ai>",
                       "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["holds"] is True and answer["curies"] == "cgi:asml cg:investsIn cgi:mistral-ai"
    way = answer["explanation"]["derivations"][0]
    assert way["rule"] == "prp-spo2"
    assert way["axioms"][0]["triple"][2] == ["https://w3id.org/claimgraph/ontology#makesInvestment",
                                            "https://w3id.org/claimgraph/ontology#investee"]
    investee = way["premises"][1]
    assert investee["status"] == "asserted"
    (claim,) = investee["claims"]
    assert claim["quote"].startswith(INVESTMENT_QUOTE)
    assert (claim["file"], claim["line"]) == (CLAIM_FILE, built.line_of(CLAIM_FILE, INVESTMENT_QUOTE))
    assert (claim["modality"], claim["graph"]) == ("fact", "asserted")
    assert built.run("why", "ASML", "cg:investsIn", "Mistral AI", "--format", "json").stdout == result.stdout
    # the property by its label, in English or Dutch
    assert built.run("why", "ASML", "Invests in", "Mistral AI", "--format", "json").stdout == result.stdout
    assert built.run("why", "ASML", "investeert in", "Mistral AI", "--format", "json").stdout == result.stdout


def test_an_asserted_triple_names_its_claim_and_quote(built):
    result = built.run("why", "ASML", "cg:partnerOf", "Mistral AI")
    assert result.exit_code == 0, result.output
    line = built.line_of(CLAIM_FILE, "Een samenwerkingsovereenkomst voor op de lange termijn")
    assert result.stdout.splitlines()[:2] == [
        "ASML cg:partnerOf Mistral AI: holds (asserted)",
        f"  claim techzine-2025-09-09-asml-mistral/asml-mistral-strategic-partnership (partnership, fact) "
        f"at {CLAIM_FILE}:{line}",
    ]


def test_a_content_node_is_named_by_the_curie_the_output_prints(built):
    content = "cgi:claim/techzine-2025-09-09-asml-mistral/asml-invests-in-mistral/investment"
    result = built.run("why", content, "cg:investor", "ASML")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"{content} cg:investor ASML: holds (asserted)"
    rumour = "cgi:claim/techzine-2025-09-09-asml-mistral/apple-considered-buying-mistral/acquisition"
    why = claimgraph.explain(built.root, rumour, "cg:acquirer", "Apple")
    assert not why.holds and why.would_hold is not None and why.would_hold.status == "hypothetical"
    assert [e.claim_id for e in why.would_hold.evidence] == ["apple-considered-buying-mistral"]


def test_a_registry_triple_names_its_entry(built):
    result = built.run("why", "ASML", "a", "cg:SemiconductorEquipmentMaker")
    assert result.exit_code == 0, result.output
    line = built.line_of("data/entities.yaml", "- id: asml")
    assert result.stdout.splitlines() == [
        "ASML rdf:type cg:SemiconductorEquipmentMaker: holds (asserted)",
        f"  from registry entry 'asml' at data/entities.yaml:{line}",
    ]


def test_a_triple_that_does_not_hold_names_the_closest_claims(built):
    result = built.run("why", "Apple", "cg:investsIn", "Mistral AI")
    assert result.exit_code == 1, result.output
    line = built.line_of(CLAIM_FILE, "Het leek er even op dat Apple")
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "Apple cg:investsIn Mistral AI: does not hold (neither asserted nor inferred)",
        "  it would not follow even if every claim that stays a claim (rumour, plan, ...) were a fact",
        "  closest claims: 1 mention Apple and Mistral AI:",
        f"    claim techzine-2025-09-09-asml-mistral/apple-considered-buying-mistral (acquisition, rumour) "
        f"at {CLAIM_FILE}:{line}",
        '      "Het leek er even op dat Apple de portemonnee zou trekken om Mistral over te nemen"',
    ]
    assert len(lines) == 5


def test_a_rumour_that_would_imply_the_triple_is_shown_as_its_chain(project):
    project.edit(CLAIM_FILE, "  - id: mensch-mistral-not-for-sale\n", """  - id: apple-might-invest
    type: investment
    modality: rumour
    investor: Apple
    investee: Mistral AI
    evidence: "Het leek er even op dat Apple de portemonnee zou trekken"

  - id: mensch-mistral-not-for-sale
""")
    assert project.run("validate").exit_code == 0
    why = claimgraph.explain(project.root, "Apple", "cg:investsIn", "Mistral AI")
    assert not why.holds and why.step is None
    assert why.would_hold is not None and why.would_hold.derivations[0].rule == "prp-spo2"
    leaves = why.would_hold.leaves()
    assert {leaf.status for leaf in leaves} == {"hypothetical"}
    line = project.line_of(CLAIM_FILE, 'evidence: "Het leek er even op dat Apple de portemonnee zou trekken"')
    assert {(e.claim_id, e.modality, e.location.line) for leaf in leaves for e in leaf.evidence} == {
        ("apple-might-invest", "rumour", line)}
    assert [e.claim_id for e in why.closest] == ["apple-might-invest", "apple-considered-buying-mistral"]
    result = project.run("why", "Apple", "cg:investsIn", "Mistral AI")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == (
        "  it would follow if the claims that stay claims (rumours, plans, unconfirmed reports, ...) were facts:")


@pytest.mark.parametrize(("args", "message"), [
    (("ASMLL", "cg:investsIn", "Mistral AI"), "SUBJECT: unknown entity 'ASMLL'; did you mean 'asml'?"),
    (("ASML", "cgx:investsIn", "Mistral AI"),
     "PREDICATE: unknown prefix 'cgx' in 'cgx:investsIn'; the prefixes are cg, cgg, cggen, cgi, cgsh, dct, foaf, oa, org, "
     "owl, prov, rdf, rdfs, schema, sh, skos, wd, xsd"),
    (("ASML", "cg:investIn", "Mistral AI"),
     "PREDICATE: cg:investIn names nothing in the graphs; did you mean cg:investsIn, cg:investor, cg:investee?"),
    (("ASML", "invests into", "Mistral AI"),
     "PREDICATE: 'invests into' is not a CURIE, an IRI or a property's label; write a property as cg:investsIn, "
     "<https://...> or \"invests in\""),
    (("ASML", "cg:investsIn", "cgi:mistral-aj"),
     "OBJECT: cgi:mistral-aj names nothing in the graphs; did you mean cgi:mistral-ai, cgi:mistral-ocr, "
     "cgi:ministral?"),
    (("ASML", "cg:investsIn", "<not an iri>"), "OBJECT: '<not an iri>' is not an absolute IRI; write <https://...>"),
    (("ASML", "cg:investsIn", "<https://x y>"),
     "OBJECT: '<https://x y>' is not a valid IRI (it has a space or one of <>\"{}|\\^`)"),
    (("ASML\x1b[31m", "cg:investsIn", "Mistral AI"),
     "SUBJECT: unknown entity 'ASML\\x1b[31m'; did you mean 'asml'? ('ASML\\x1b[31m' contains U+001B UNNAMED "
     "CHARACTER, which look like other characters or nothing at all)"),
])
def test_a_bad_term_is_one_line_and_exit_2(built, args, message):
    result = built.run("why", *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def test_an_ambiguous_name_lists_the_candidates(project):
    project.edit("data/entities.yaml", "    aliases: [Google Gemini]", "    aliases: [Google Gemini, Mistral]")
    result = project.run("why", "ASML", "cg:investsIn", "Mistral")
    assert result.exit_code == 2, result.output
    assert result.stderr == ("Error: OBJECT: 'Mistral' is ambiguous: it names 'gemini' (Gemini), "
                             "'mistral-ai' (Mistral AI); use the id\n")
    assert project.run("why", "ASML", "cg:investsIn", "mistral-ai").exit_code == 0


def test_claims_that_do_not_load_are_reported_not_explained(project):
    project.edit(CLAIM_FILE, "    investee: Mistral AI\n    amount: 1,3 miljard euro",
                 "    investee: Mistral AII\n    amount: 1,3 miljard euro")
    result = project.run("why", "ASML", "cg:investsIn", "Mistral AI")
    assert result.exit_code == 1
    assert "unknown entity 'Mistral AII'" in result.stdout
    assert result.stderr.splitlines()[-1].startswith("why: 1 error(s)")


def test_every_asserted_triple_has_a_claim_or_an_origin(built):
    """The attribution is complete: each asserted triple is stated by a claim, a registry or
    reference entry, an article, or an event that claims name; only the two dataset nodes are
    claimgraph's own."""
    from claimgraph.why import _World

    world = _World.load(built.root)
    own = set()
    for triple in world.asserted:
        step = world.asserted_leaf(triple)
        assert step is not None and (step.evidence or step.origins), triple
        if any(origin.what == "made by claimgraph for every project" for origin in step.origins):
            own.add(triple[0])
    assert own == {CGI["dataset/registry"], CGI["dataset/reference"]}
    # and no claim is credited with a triple the build does not make, in either graph
    for triple, claims in world.stated_by.items():
        for _, graph in claims:
            assert triple in (world.asserted if graph == "asserted" else world.hypothetical), triple


def test_values_from_the_data_are_escaped_for_the_terminal():
    quote = "a\x1b[2Jb\u202ec\n::error::x"
    evidence = Evidence("https://w3id.org/claimgraph/id/claim/s/c", "s", "c", "investment", "fact", "asserted",
                        quote, Location(CLAIM_FILE, 7))
    triple = (CGI.asml, CG.partnerOf, CGI["mistral-ai"])
    why = Explanation(triple, True, Step(triple, "asserted", evidence=(evidence,)))
    text = why.render()
    assert "\x1b" not in text and "\u202e" not in text
    assert text.splitlines()[-1] == '    "a\\x1b[2Jb\\u202ec\\n::error::x"'
    rendered = why.render("json")
    assert "\x1b" not in rendered and "\u202e" not in rendered
    assert json.loads(rendered)["explanation"]["claims"][0]["quote"] == quote


def test_the_depth_cap_names_the_premise_it_does_not_explain(built):
    why = claimgraph.explain(built.root, "ASML", "cg:investsIn", "Mistral AI", max_depth=0)
    inferred, asserted = why.step.derivations[0].premises
    assert (inferred.status, inferred.derivations, asserted.status) == ("cut", (), "asserted")
    assert "(deeper than the depth cap: ask `claimgraph why` about this triple)" in why.render()


def test_at_most_ten_closest_claims_are_named_with_their_count(built):
    why = claimgraph.explain(built.root, "Mistral AI", "cg:subsidiaryOf", "ASML")
    assert not why.holds and why.would_hold is None
    assert why.closest_total > 10 and len(why.closest) == 10
    graphs = [e.graph for e in why.closest]
    assert graphs == sorted(graphs, key=lambda graph: graph != "hypothetical")
    # claims that stay claims first, a description with a rumour's modality among them
    stay = [e.modality for e in why.closest if e.graph == "hypothetical"]
    assert "rumour" in stay and set(stay) <= {"rumour", "opinion", "plan", "denial", "unconfirmed"}
    assert f"  closest claims: {why.closest_total} mention Mistral AI and ASML, the first 10:" in why.render()


def test_an_ontology_the_fast_reasoner_refuses_is_a_usage_error(project):
    with open(project.path(ONTOLOGY), "a", encoding="utf-8") as ontology:
        ontology.write("\ncg:Company owl:equivalentClass cg:Firm .\n")
    result = project.run("why", "ASML", "cg:investsIn", "Mistral AI")
    assert result.exit_code == 2, result.output
    assert result.stderr == ("Error: the ontology uses owl:equivalentClass (on cg:Company), which the fast reasoner "
                             "does not implement, so `claimgraph why` cannot explain what it infers\n")


def test_the_docstring_example_runs(built):
    import doctest

    import claimgraph.why

    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    globs = {"copy_of_seed_project": built.root, **vars(claimgraph.why)}
    for test in finder.find(claimgraph.why, globs=globs):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted >= 2 and result.failed == 0
