"""Claim format 3 (issue 20): what tech-deal news says beyond investments and stakes.
Agreements, corporate changes, subsidiaries, quantities, listings, reviews, sectors, rivals,
offices, people's former roles, product claims, exchange rates, assessments and rankings.
Uses one synthetic article, tests/fixtures/format3/, with a claim of nearly every new type."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import FIXTURES, Project, project_with
from sparql import ask

FORMAT3 = FIXTURES / "format3"
SOURCE = "synthetic-e-2026-03-02-heron-group"
CLAIMS = f"data/claims/{SOURCE}.yaml"


def add_format3_article(root: Path) -> None:
    (root / "data/entities").mkdir(exist_ok=True)
    shutil.copy(FORMAT3 / "entities.yaml", root / "data/entities/synthetic-format3.yaml")
    shutil.copy(FORMAT3 / f"{SOURCE}.en.txt", root / "seeds")
    shutil.copy(FORMAT3 / f"{SOURCE}.yaml", root / "data/claims")


@pytest.fixture(scope="module")
def heron(tmp_path_factory) -> Project:
    """The seed project plus the synthetic article, built once; tests must not change it."""
    return project_with(tmp_path_factory.mktemp("format3") / "project", add_format3_article, build=True)


@pytest.fixture
def heron_copy(tmp_path: Path) -> Project:
    return project_with(tmp_path / "project", add_format3_article, build=False)


def graph(project: Project, name: str) -> Graph:
    return Graph().parse(project.path(f"data/build/{name}.ttl"))


def content(claim_id: str, claim_type: str) -> str:
    return f"cgi:claim/{SOURCE}/{claim_id}/{claim_type}"


# -- each new type maps to its class, in the graph its modality says -------------------------------

@pytest.mark.parametrize("claim_id, node, cls", [
    ("heron-kestrel-loi", "agreement", "cg:Agreement"),
    ("heron-for-profit", "corporate-change", "cg:CorporateChange"),
    ("kestrel-cloud-unit", "subsidiary", "cg:SubsidiaryRelation"),
    ("orbit-kestrel-fund", "association", "cg:Association"),
    ("marsh-is-french", "nationality", "cg:Nationality"),
    ("kestrel-revenue", "metric", "cg:Measurement"),
    ("dollar-euro-rate", "exchange-rate", "cg:ExchangeRate"),
    ("kestrel-listed", "listing", "cg:Listing"),
    ("board-reviews-deal", "regulatory-review", "cg:RegulatoryReview"),
    ("heron-declined", "comment-request", "cg:CommentRequest"),
    ("kestrel-is-cybersecurity", "sector", "cg:SectorClassification"),
    ("heron-vireo-rivals", "competition", "cg:Competition"),
    ("kestrel-paris-office", "office", "cg:Office"),
])
def test_each_new_type_has_its_class_in_the_graph_its_modality_says(heron, claim_id, node, cls):
    factual = claim_id != "heron-for-profit"  # a plan
    asserted, hypothetical = graph(heron, "asserted"), graph(heron, "hypothetical")
    assert ask(asserted if factual else hypothetical, f"{content(claim_id, node)} a {cls}")
    assert not ask(hypothetical if factual else asserted, f"{content(claim_id, node)} a {cls}")


def test_a_product_claim_is_never_a_fact_even_as_a_statement(heron):
    """The maker's claim about its own product: its content stays hypothetical whatever the modality."""
    node = content("falcon-beats-kite", "product-claim")
    assert ask(graph(heron, "asserted"), f"cgi:claim/{SOURCE}/falcon-beats-kite cg:modality cg:AttributedStatement")
    assert ask(graph(heron, "hypothetical"), f"{node} a cg:ProductClaim ; cg:claimedOutcome cg:Better")
    assert not ask(graph(heron, "asserted"), "?x a cg:ProductClaim")
    assert not ask(graph(heron, "inferred"), f"{node} ?p ?o")


# -- values ------------------------------------------------------------------------------------------

def test_quantities_keep_value_unit_wording_and_qualifier(heron):
    node = content("kestrel-employees", "metric")
    assert ask(graph(heron, "asserted"), f"""{node} cg:measure cg:Employees ; cg:quantity ?q .
        ?q a cg:Quantity ; cg:quantityValue "900"^^xsd:decimal ; cg:unitCode "{{employee}}" ;
           cg:originalText "about 900 employees"@en ; cg:qualifier cg:Approximately""")


def test_a_change_has_its_direction_and_its_day(heron):
    node = content("kestrel-shares-fell", "metric")
    assert ask(graph(heron, "asserted"), f"""{node} cg:measure cg:SharePriceChange ; cg:direction cg:Down ;
        cg:period "2026-03-02"^^xsd:date ; cg:percentageValue ?p . ?p cg:percent 5.6""")


def test_an_exchange_rate_is_quote_per_base(heron):
    assert ask(graph(heron, "asserted"), f"""{content("dollar-euro-rate", "exchange-rate")}
        cg:baseCurrency "USD" ; cg:quoteCurrency "EUR" ; cg:rate 0.8495""")


def test_acquisition_terms_are_structured(heron):
    node = content("heron-offers-for-kestrel", "acquisition")
    a = graph(heron, "asserted")
    assert ask(a, f"""{node} cg:paymentForm cg:Cash ; cg:pricePerShare ?price ; cg:premium ?premium ;
        cg:premiumBasis "the 90-day average share price"@en ; cg:condition "regulatory approvals"@en .
        ?price cg:value 76.5 ; cg:currency "USD" . ?premium cg:percent "28"^^xsd:decimal""")
    assert ask(a, f"""{content("heron-termination-fee", "acquisition")} cg:terminationFee ?fee .
        ?fee cg:value "410000000"^^xsd:decimal ; cg:qualifier cg:UpTo""")


def test_holdings_of_an_unnamed_group_and_without_votes(heron):
    a = graph(heron, "asserted")
    assert ask(a, f"""{content("others-hold-kestrel", "shareholding")} cg:holderDescription "other investors and staff"@en ;
        cg:percentage "51"^^xsd:decimal""")
    assert ask(a, f"""{content("orbit-holds-kestrel", "shareholding")} cg:votingRights false ; cg:stakeValue ?v .
        ?v cg:value "5000000000"^^xsd:decimal""")


def test_roles_keep_title_and_former(heron):
    a = graph(heron, "asserted")
    assert ask(a, f"""{content("marsh-head-of-strategy", "role")} org:role cg:Head ;
        cg:title "head of strategy"@en""")
    assert ask(a, f"{content('marsh-former-vireo-ceo', 'role')} org:role cg:CEO ; cg:former true")


# -- reasoning: one ASK per axiom, fast engine equal to owlrl --------------------------------------

@pytest.mark.parametrize("pattern", [
    "cgi:kestrel-cloud cg:subsidiaryOf cgi:kestrel-systems",
    "cgi:kestrel-cloud org:subOrganizationOf cgi:kestrel-systems",
    "cgi:kestrel-cloud org:transitiveSubOrganizationOf cgi:kestrel-systems",
    "cgi:kestrel-systems cg:parentOf cgi:kestrel-cloud",
    "cgi:kestrel-systems org:hasSubOrganization cgi:kestrel-cloud",
    "cgi:event/heron-acquires-kestrel-2026 cg:dealParty cgi:heron-group , cgi:kestrel-systems",
    "cgi:kestrel-systems cg:listedOn cgi:synthetic-exchange",
    "cgi:kestrel-systems cg:inSector cgi:cybersecurity",
    "cgi:vireo-labs cg:competitorOf cgi:heron-group",
])
def test_each_axiom_of_format_3_infers_its_relation(heron, pattern):
    assert ask(graph(heron, "inferred"), pattern)


def test_a_controlling_holding_means_control(heron_copy):
    heron_copy.edit(CLAIMS, "    voting: false\n", "    voting: false\n    controlling: true\n")
    assert heron_copy.run("build").exit_code == 0
    inferred = graph(heron_copy, "inferred")
    assert ask(inferred, "cgi:orbit-capital cg:controls cgi:kestrel-systems")
    assert ask(inferred, "cgi:orbit-capital cg:shareholderOf cgi:kestrel-systems")


def test_transitive_suborganization_goes_two_levels(heron_copy):
    heron_copy.edit(CLAIMS, "  - id: kestrel-paris-office\n", """  - id: heron-owns-kestrel
    type: subsidiary
    modality: plan
    parent: Heron Group
    subsidiary: Kestrel Systems
    evidence: "Heron Group offers $76.50 per share"

  - id: kestrel-paris-office
""")
    assert heron_copy.run("build").exit_code == 0
    # a plan feeds no facts: no second level
    assert not ask(graph(heron_copy, "inferred"), "cgi:kestrel-cloud org:transitiveSubOrganizationOf cgi:heron-group")
    heron_copy.edit(CLAIMS, "    modality: plan\n    parent: Heron Group", "    modality: fact\n    parent: Heron Group")
    assert heron_copy.run("build").exit_code == 0
    assert ask(graph(heron_copy, "inferred"), "cgi:kestrel-cloud org:transitiveSubOrganizationOf cgi:heron-group")


@pytest.mark.slow
def test_the_reference_engines_agree_on_format_3(heron_copy):
    assert heron_copy.run("build").exit_code == 0
    fast = heron_copy.path("data/build/inferred.ttl").read_bytes()
    outcome = heron_copy.run("build", "--reasoner", "owlrl", "--shacl", "pyshacl")
    assert outcome.exit_code == 0, outcome.output
    assert "0 warning(s)" in outcome.output
    assert heron_copy.path("data/build/inferred.ttl").read_bytes() == fast


# -- bad input: the message and the exit code -------------------------------------------------------

def _claim(body: str) -> str:
    return f"""
  - id: extra
{body}
"""


@pytest.mark.parametrize("body, message", [
    ("    type: metric\n    modality: fact\n    entity: Kestrel\n    measure: employees\n    quantity: about 900 robots\n"
     "    evidence: \"has about 900 employees\"",
     "quantity: unknown unit 'robots' in 'about 900 robots' (known: GW, MW, MWh, employees, customers, users, "
     "orders, countries, markets, partners, ...); write the unit alone ('customers', not 'active customers')"),
    ("    type: metric\n    modality: fact\n    entity: Kestrel\n    measure: revenue\n    quantity: about 900 employees\n"
     "    evidence: \"has about 900 employees\"",
     "measure 'revenue' takes 'amount', not 'quantity'"),
    ("    type: metric\n    modality: fact\n    entity: Kestrel\n    measure: capacity\n    quantity: about 900 employees\n"
     "    evidence: \"has about 900 employees\"",
     "measure 'capacity' is a physical quantity, but 'about 900 employees' is a count"),
    ("    type: metric\n    modality: fact\n    entity: Kestrel\n    measure: revenue\n    amount: $1.32 billion\n"
     "    direction: up\n    evidence: \"Kestrel reported revenue of $1.32 billion last year\"",
     "'direction' is for a change (share-price-change, revenue-growth), not 'revenue'"),
    ("    type: metric\n    modality: fact\n    entity: Kestrel\n    measure: revenue\n"
     "    evidence: \"Kestrel reported revenue of $1.32 billion last year\"",
     "claim type 'metric' needs 'amount' or 'percentage' or 'quantity'"),
    ("    type: metric\n    modality: fact\n    entity: Kestrel\n    measure: employees\n    quantity: 900 employees\n"
     "    amount: $1\n    evidence: \"has about 900 employees\"",
     "claim type 'metric' takes one of 'amount' or 'percentage' or 'quantity', not amount and quantity"),
    ("    type: metric\n    modality: fact\n    entity: Kestrel\n    measure: employees\n    quantity: $900\n"
     "    evidence: \"has about 900 employees\"",
     "quantity: '$900' is an amount of money; write it under 'amount'"),
    ("    type: shareholding\n    modality: fact\n    holder: Orbit Capital\n    holder_group: staff\n    company: Kestrel\n"
     "    evidence: \"other investors and staff hold the remaining 51%\"",
     "claim type 'shareholding' takes one of 'holder' or 'holder_group', not holder and holder_group"),
    ("    type: exchange_rate\n    modality: fact\n    base: $1\n    quote: USD 0.8495\n"
     "    evidence: \"At the time, $1 = EUR 0.8495.\"",
     "an exchange rate needs two currencies, but both are USD"),
    ("    type: acquisition\n    modality: fact\n    target: Kestrel\n    status: announced\n"
     "    conditions: regulatory approvals\n    evidence: \"subject to regulatory approvals\"",
     "'conditions' must be a list of texts"),
    ("    type: association\n    modality: fact\n    entity: Orbit Capital\n    associated_with: Orbit Capital\n"
     "    wording: Orbit Capital's Kestrel fund\n    evidence: \"Orbit Capital's Kestrel fund backed the deal.\"",
     "an association needs two different entities"),
    ("    type: subsidiary\n    modality: fact\n    parent: Kestrel\n    subsidiary: Kestrel Systems\n"
     "    evidence: \"Kestrel Cloud is a unit of Kestrel Systems.\"",
     "an organization is not its own subsidiary"),
    ("    type: sector\n    modality: fact\n    organization: Kestrel\n    sector: Heron Group\n"
     "    evidence: \"Kestrel Systems, a cybersecurity company\"",
     "sector: 'Heron Group' is an organization, but sector must be a sector"),
    ("    type: shareholding\n    modality: fact\n    holder: Orbit Capital\n    company: Kestrel\n    percentage: 149%\n"
     "    evidence: \"Orbit Capital holds 49% of Kestrel Systems\"",
     "percentage: percentage 149 is outside 0-100"),
    ("    type: metric\n    modality: fact\n    entity: Kestrel\n    measure: share-price-change\n    percentage: -5.6%\n"
     "    evidence: \"Its shares fell 5.6% on Monday.\"",
     "percentage: percentage -5.6 is negative; write the figure and say 'direction: down'"),
    ("    type: ranking\n    modality: fact\n    rank: largest\n    scope: Heron's deals\n"
     "    evidence: \"Heron Group offers $76.50 per share\"",
     "claim type 'ranking' needs 'subject' or 'deal'"),
])
def test_bad_format_3_input_is_refused_with_its_message(heron_copy, body, message):
    text = heron_copy.path(CLAIMS).read_text(encoding="utf-8")
    heron_copy.path(CLAIMS).write_text(text + _claim(body), encoding="utf-8")
    outcome = heron_copy.run("validate", str(heron_copy.path(CLAIMS)))
    assert outcome.exit_code == 1, outcome.output
    line = next(line for line in outcome.output.splitlines() if ": error: " in line)
    assert line.split(": error: ", 1)[1].split(" (fix: ")[0] == message


def test_a_premium_may_exceed_a_hundred_percent(heron_copy):
    heron_copy.edit(CLAIMS, "    premium: 28 per cent\n", "    premium: 128 per cent\n")
    outcome = heron_copy.run("validate", str(heron_copy.path(CLAIMS)))
    assert outcome.exit_code == 0, outcome.output


def test_a_role_on_a_body_of_another_organization_is_refused(heron_copy):
    heron_copy.path("data/entities/synthetic-format3.yaml").write_text(
        heron_copy.path("data/entities/synthetic-format3.yaml").read_text(encoding="utf-8") + """
  - id: heron-board
    type: GoverningBody
    labels: {en: Heron board, nl: Heron-bestuur}
    part_of: heron-group
""", encoding="utf-8")
    heron_copy.edit(CLAIMS, "    title: head of strategy\n", "    title: head of strategy\n    body: Heron board\n")
    outcome = heron_copy.run("validate", str(heron_copy.path(CLAIMS)))
    assert outcome.exit_code == 1
    assert "body 'heron-board' is part of 'heron-group', not of 'kestrel-systems'" in outcome.output


# -- the lint: a description that looks structured gets an info finding ----------------------------

@pytest.mark.parametrize("summary, evidence, found", [
    ("Heron Group declined to comment.", "Heron Group declined to comment.",
     "holds a request for comment: a structured type may fit (comment_request)"),
    ("Kestrel reported revenue of $1.32 billion.", "Kestrel reported revenue of $1.32 billion last year",
     "holds an amount: a structured type may fit (investment, funding_round, valuation, acquisition or metric)"),
    ("Kestrel Cloud is a unit of Kestrel Systems.", "Kestrel Cloud is a unit of Kestrel Systems.",
     "holds a parent and a subsidiary: a structured type may fit (subsidiary)"),
    ("Orbit Capital holds 49 percent.", "Orbit Capital holds 49% of Kestrel Systems",
     "holds a percentage: a structured type may fit (shareholding, acquisition or metric)"),
])
def test_a_description_that_looks_structured_gets_a_suggestion(heron_copy, summary, evidence, found):
    body = (f"    type: description\n    modality: fact\n    about: [Heron Group]\n    summary: \"{summary}\"\n"
            f"    evidence: \"{evidence}\"")
    text = heron_copy.path(CLAIMS).read_text(encoding="utf-8")
    heron_copy.path(CLAIMS).write_text(text + _claim(body), encoding="utf-8")
    outcome = heron_copy.run("validate", str(heron_copy.path(CLAIMS)))
    assert outcome.exit_code == 0, outcome.output  # a suggestion never fails a run
    infos = [line for line in outcome.output.splitlines() if ": info: " in line]
    assert len(infos) == 1
    assert f"info: description claim 'extra' {found} (fix: use that type if it says the same" in infos[0]


def test_a_description_that_says_why_no_type_fits_gets_no_suggestion(heron_copy):
    body = ("    type: description\n    modality: fact\n    about: [Heron Group]\n"
            "    summary: \"Heron Group declined to comment (no type fits: checking the lint).\"\n"
            "    evidence: \"Heron Group declined to comment.\"")
    text = heron_copy.path(CLAIMS).read_text(encoding="utf-8")
    heron_copy.path(CLAIMS).write_text(text + _claim(body), encoding="utf-8")
    outcome = heron_copy.run("validate", str(heron_copy.path(CLAIMS)))
    assert outcome.exit_code == 0
    assert ": info: " not in outcome.output


def test_lawsuits_unknown_currencies_absent_investors_and_leaving_roles(heron):
    a = graph(heron, "asserted")
    assert ask(a, f"""{content("vireo-sues-heron", "legal-action")} a cg:LegalAction ; cg:plaintiff cgi:vireo-labs ;
        cg:defendant cgi:heron-group ; cg:legalStatus cg:LawsuitFiled ; cg:legalSubject "Falcon patents"@en""")
    assert ask(a, f"""{content("kestrel-new-round", "funding-round")} cg:notParticipating cgi:orbit-capital ;
        cg:debtAmount ?debt . ?debt cg:currency "EUR" ; cg:currencyImplied true ; cg:originalText "132 millions"@en""")
    assert ask(a, f"""{content("marsh-leaving-vireo-board", "role")} cg:roleStatus cg:Leaving ; cg:roleBody ?body .
        ?body a cg:AdvisoryBoard ; cg:bodyOf cgi:vireo-labs""")


@pytest.mark.parametrize("debt, message", [
    ("$132 millions [EUR]", "debt: '$132 millions' writes its currency; drop '[EUR]' (brackets are for an amount "
                            "the article gives without one)"),
    ("132 millions [euro]", "debt: '[euro]' is not an ISO 4217 currency code; write e.g. '132 millions [EUR]'"),
    ("132 millions", "debt: '132 millions' has no currency; an amount needs exactly one"),
])
def test_an_amount_without_a_written_currency_takes_an_iso_code_in_brackets(heron_copy, debt, message):
    heron_copy.edit(CLAIMS, "    debt: 132 millions [EUR]\n", f"    debt: {debt}\n")
    outcome = heron_copy.run("validate", str(heron_copy.path(CLAIMS)))
    assert outcome.exit_code == 1
    line = next(line for line in outcome.output.splitlines() if ": error: " in line)
    assert line.split(": error: ", 1)[1].split(" (fix: ")[0] == message


def test_who_pays_the_fee_analyst_targets_and_a_listing_by_ticker(heron_copy):
    heron_copy.edit(CLAIMS, "    termination_fee: up to 410 million euros\n",
                    "    termination_fee: up to 410 million euros\n    termination_fee_payer: Heron Group\n")
    heron_copy.edit(CLAIMS, "    exchange: Synthetic Exchange\n    ticker: KSTR\n", "    ticker: KSTR\n")
    text = heron_copy.path(CLAIMS).read_text(encoding="utf-8")
    heron_copy.path(CLAIMS).write_text(text + _claim(
        "    type: assessment\n    modality: statement\n    speaker: Orbit Capital\n    about: Kestrel Systems\n"
        "    stance: neutral\n    rating: Neutral\n    price_target: $76.50\n"
        "    evidence: \"Heron Group offers $76.50 per share\""), encoding="utf-8")
    outcome = heron_copy.run("build")
    assert outcome.exit_code == 0, outcome.output
    a = graph(heron_copy, "asserted")
    assert ask(a, f"{content('heron-termination-fee', 'acquisition')} cg:terminationFeePayer cgi:heron-group")
    assert ask(a, f"{content('kestrel-listed', 'listing')} cg:ticker \"KSTR\"")
    assert ask(a, f"""{content('extra', 'assessment')} cg:rating "Neutral"@en ; cg:priceTarget ?t .
        ?t cg:value "76.5"^^xsd:decimal""")
