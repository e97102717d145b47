"""The analyst's saved queries (issue 21) on the committed corpus: each answers with the facts the
claim files state (values read here from data/claims, not from a query's output), every row names
its source and modality, and parameters stay RDF terms."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

import pytest
import yaml
from click.testing import CliRunner

from claimgraph import open_dataset, run_query
from conftest import REPO, Project, copy_full_project

ID = "https://w3id.org/claimgraph/id/"
CG = "https://w3id.org/claimgraph/ontology#"
FACTUAL = {"fact", "reported", "statement"}


@pytest.fixture(scope="module")
def engine():
    """One store over the committed build, for every query of this module (the queries only read)."""
    return open_dataset(REPO)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Project:
    return Project(copy_full_project(tmp_path_factory.mktemp("catalogue") / "project"), CliRunner())


def rows(engine, name: str, **params: str) -> list[dict[str, str]]:
    answer = run_query(REPO, name, params, engine=engine)
    return list(csv.DictReader(io.StringIO(answer.render("csv"))))


def claim(source: str, claim_id: str) -> str:
    return f"{ID}claim/{source}/{claim_id}"


def of_claim(found: list[dict[str, str]], source: str, claim_id: str) -> list[dict[str, str]]:
    picked = [r for r in found if r["claim"] == claim(source, claim_id)]
    assert picked, f"no row for {source}/{claim_id}"
    return picked


def claim_files() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "data/claims").glob("*.yaml"))]


def independent_sources(event: str) -> int:
    """Articles of distinct origin with a factual claim about ``event``, read from the claim files."""
    origins = set()
    for document in claim_files():
        source = document["source"]
        if any(c.get("event") == event and c["modality"] in FACTUAL for c in document["claims"]):
            origins.add(source.get("original_publisher") or source["publisher"])
    return len(origins)


@pytest.mark.parametrize("name", ["funding-rounds", "valuations", "governance", "foundings", "people", "supply",
                                  "comparisons", "agreements", "attributions", "investments", "products"])
def test_every_row_names_its_source_and_modality(engine, name):
    found = rows(engine, name)
    assert found
    assert all(r["source"].startswith(ID) for r in found), name
    if name != "products":  # a product no claim gives a maker has the registry as its source
        assert all(r["source"].startswith(f"{ID}source/") for r in found), name
        assert all(r["modality"].startswith(CG) for r in found), name


def test_funding_rounds_give_total_lead_participants_and_support(engine):
    found = rows(engine, "funding-rounds", company="Mistral AI")
    assert {r["company"] for r in found} == {f"{ID}mistral-ai"}
    total, = of_claim(found, "cnbc-2024-06-12-mistral-ai-raises-645-million", "raised-600-million-euros")
    assert (total["total"], total["totalValue"], total["currency"]) == ("600 million euros ($645 million)", "600000000", "EUR")
    assert (total["status"], total["modality"]) == (f"{CG}Completed", f"{CG}StatedAsFact")
    led = of_claim(found, "boursorama-2024-06-mistral-ai-levee-600-millions", "round-led-by-general-catalyst")
    assert {r["lead"] for r in led} == {f"{ID}general-catalyst"}
    assert {r["participant"] for r in led} == {f"{ID}{x}" for x in ("salesforce", "bnp-paribas", "nvidia", "ibm")}
    assert {r["independentSources"] for r in led} == {str(independent_sources("mistral-ai-funding-round-2024"))}
    # the Wall Street Journal's report from anonymous sources is listed, as unconfirmed and without support
    wsj = of_claim(found, "channelnews-2024-05-mistral-ai-tour-de-table-record", "wsj-round-investors")
    assert {(r["modality"], r["independentSources"]) for r in wsj} == {(f"{CG}Unconfirmed", "")}
    wiz, = of_claim(rows(engine, "funding-rounds", company="Wiz"), "i24news-2024-07-google-wiz-negociations",
                    "wiz-raised-1-billion-round")
    assert (wiz["total"], wiz["valuation"]) == ("1 milliard de dollars", "12 milliards de dollars")


def test_valuations_give_amount_basis_as_of_and_modality(engine):
    found = rows(engine, "valuations", company="Mistral AI")
    dutch, = of_claim(found, "welingelichtekringen-2025-01-mistral-ai-beursgang", "valuation-5-8-billion-euros")
    assert (dutch["value"], dutch["currency"], dutch["asOf"], dutch["basis"]) == (
        "5800000000", "EUR", "2024", f"{CG}BasisNotStated")
    assert dutch["independentSources"] == str(independent_sources("mistral-ai-valuation-2024"))
    anonymous, = of_claim(found, "cnbc-2024-06-12-mistral-ai-raises-645-million", "headline-valuation-6-billion-dollars")
    assert (anonymous["modality"], anonymous["independentSources"]) == (f"{CG}Unconfirmed", "")
    informatica, = rows(engine, "valuations", company="Informatica")
    assert (informatica["value"], informatica["currency"], informatica["amount"]) == ("11200000000", "USD", "11,2 Md$")
    # a round's stated valuation is listed as a valuation too, with the round's claim
    scale = of_claim(rows(engine, "valuations", company="Scale AI"), "tahitiinfos-2025-06-12-meta-scale-ai-afp",
                     "levee-de-fonds-mai-2024")
    assert [(r["from"], r["value"]) for r in scale] == [("funding round", "13800000000")]


def test_governance_gives_bodies_holders_and_their_kind(engine):
    found = rows(engine, "governance")
    asml, = of_claim(found, "techzine-2025-09-09-asml-mistral", "asml-seat-on-strategic-committee")
    assert (asml["organization"], asml["holder"], asml["bodyName"], asml["kind"]) == (
        f"{ID}mistral-ai", f"{ID}asml", "Strategic Committee", f"{CG}AdvisoryBody")
    board, = of_claim(found, "deondernemer-2025-12-02-jitse-groen-stapt-op", "gandolfo-chair-of-supervisory-board")
    assert (board["organization"], board["holder"], board["kind"]) == (
        f"{ID}just-eat-takeaway-com", f"{ID}roberto-gandolfo", f"{CG}GoverningBody")
    chair, = of_claim(found, "deondernemer-2025-12-02-jitse-groen-stapt-op", "gandolfo-chair-role")
    assert (chair["role"], chair["kind"], chair["from"]) == (f"{CG}Chair", f"{CG}GoverningBody", "role")
    wang, = of_claim(found, "nbcbayarea-2025-06-13-meta-scale-ai-wang-departure", "wang-remains-director")
    assert wang["modality"] == f"{CG}AttributedStatement"
    assert {r["organization"] for r in rows(engine, "governance", org="Mistral AI")} == {f"{ID}mistral-ai"}


def test_foundings_give_founders_date_and_place(engine):
    jet, = rows(engine, "foundings", org="Just Eat Takeaway.com")
    assert (jet["founder"], jet["date"], jet["place"]) == (f"{ID}jitse-groen", "2000", f"{ID}enschede")
    wiz = rows(engine, "foundings", org="Wiz")
    assert {r["founder"] for r in wiz} == {"", f"{ID}assaf-rappaport"}
    assert {r["date"] for r in wiz} == {"", "2020"} and {r["place"] for r in wiz} == {"", f"{ID}israel"}
    assert {r["independentSources"] for r in wiz} == {str(independent_sources("wiz-founded-2020"))}


def test_people_show_roles_over_time_and_former_ones(engine):
    groen = rows(engine, "people", person="Jitse Groen")
    ceo, = [r for r in groen if r["role"] == f"{CG}CEO"]
    assert (ceo["title"], ceo["until"], ceo["former"]) == ("bestuursvoorzitter", "2025-12-02", "yes")
    droege = {r["organization"]: r for r in rows(engine, "people", person="Jason Droege")}
    assert droege[f"{ID}uber"]["role"] == f"{CG}VicePresident"
    assert droege[f"{ID}uber"]["former"] == droege[f"{ID}benchmark"]["former"] == "yes"


def test_supply_counts_the_independent_sources_of_a_relationship(engine):
    united = [r for r in rows(engine, "supply", supplier="WNS") if r["customer"] == f"{ID}united-airlines"]
    assert len(united) == 3
    assert {r["independentSources"] for r in united} == {str(independent_sources("wns-supplier-of-united-airlines"))}
    assert rows(engine, "supply", customer="Unilever")[0]["supplier"] == f"{ID}informatica"


def test_comparisons_say_whose_claim_they_are(engine):
    found = rows(engine, "comparisons")
    ocr = of_claim(found, "techzine-2025-09-09-asml-mistral", "mistral-ocr-fewer-errors")
    assert {(r["comparedWith"], r["outcome"], r["claimedBy"], r["claimedAs"]) for r in ocr} == {
        (f"{ID}gpt-5", f"{CG}Better", f"{ID}techzine", "publisher"),
        (f"{ID}gemini", f"{CG}Better", f"{ID}techzine", "publisher")}
    doctolib, = of_claim(found, "cafetech-2024-06-12-mistral-ai-haut-de-la-french-tech", "valuation-equal-to-doctolib")
    assert (doctolib["claimedBy"], doctolib["claimedAs"], doctolib["outcome"]) == (
        f"{ID}sifted", "reported by", f"{CG}Equal")


def test_agreements_give_parties_conditions_status_and_plans(engine):
    found = rows(engine, "agreements", party="Prosus")
    assert {r["party"] for r in found} == {f"{ID}prosus"}
    merger, = of_claim(found, "rttnews-2025-02-prosus-just-eat-takeaway-eur-4-1-bln",
                      "jet-prosus-conditional-merger-agreement")
    assert (merger["kind"], merger["deal"]) == (f"{CG}MergerAgreement", f"{ID}event/prosus-acquires-just-eat-takeaway-2025")
    conditions = {r["condition"] for r in found if r["condition"]}
    assert conditions == {"customary conditions", "regulatory approvals"}
    capgemini = rows(engine, "agreements", party="Capgemini")
    signed, = of_claim(capgemini, "agefi-undated-capgemini-veut-soffrir-wns", "capgemini-wns-definitive-agreement")
    assert (signed["kind"], signed["status"]) == (f"{CG}DefinitiveAgreement", f"{CG}Signed")
    plans = {r["modality"] for r in capgemini if r["kind"] == "acquisition"}
    assert f"{CG}PlanOrIntent" in plans


def test_attributions_say_who_said_reported_or_cited_what(engine):
    ft = rows(engine, "attributions", who="Financial Times")
    assert {r["as"] for r in ft} == {"reported"}
    valuation, = of_claim(ft, "boursorama-2024-06-mistral-ai-levee-600-millions", "ft-valuation-nearly-6-billion-euros")
    assert valuation["type"] == "valuation" and "6 milliards" in valuation["quote"]
    cited = [r for r in rows(engine, "attributions") if r["as"] == "cited" and r["anonymous"]]
    assert "unnamed sources of information obtained by The Wall Street Journal" in {r["anonymous"] for r in cited}
    said = rows(engine, "attributions", who="Brad Smith")
    assert claim("boursorama-2024-06-mistral-ai-levee-600-millions", "smith-no-intention-to-invest-more") in {
        r["claim"] for r in said if r["as"] == "said"}


def test_the_timeline_is_ordered_by_event_date_then_publication(engine):
    found = rows(engine, "timeline", entity="Wiz")
    keys = [(r["when"], r["published"]) for r in found]
    assert keys == sorted(keys)
    assert len({r["claim"] for r in found}) == len(found)  # one row per claim
    founded = of_claim(found, "i24news-2024-07-google-wiz-negociations", "wiz-cofounded-2020-by-rappaport")
    assert founded[0]["when"] == "2020"
    event = rows(engine, "timeline", entity="mistral-ai-funding-round-2024")
    assert {r["event"] for r in event} == {f"{ID}event/mistral-ai-funding-round-2024"}
    described = sum(1 for d in claim_files() for c in d["claims"] if c.get("event") == "mistral-ai-funding-round-2024")
    assert len(event) == described


def test_funding_total_sums_known_tranches_and_shows_the_unknown_part(engine):
    found = {r["investor"]: r for r in rows(engine, "funding-total", investee="Mistral AI")}
    microsoft = found[f"{ID}microsoft"]
    # three articles give 15 million euros (or nearly), one 16 million: one investment, counted once
    assert (microsoft["knownTotal"], microsoft["currency"], microsoft["knownTranches"], microsoft["total"]) == (
        "15000000", "EUR", "1", "15000000")
    assert microsoft["derivation"].startswith("derived")
    asml = found[f"{ID}asml"]  # a reported investment without an amount is a tranche of unknown size
    assert (asml["knownTotal"], asml["unknownTranches"], asml["total"]) == ("1300000000", "1", "1300000000 + unknown")
    amazon, = rows(engine, "funding-total", investor="Amazon")
    assert (amazon["knownTotal"], amazon["total"]) == ("", "unknown")


def test_investments_include_round_participants_whose_amount_is_unknown(engine):
    nvidia = rows(engine, "investments", investor="Nvidia")
    mistral = [r for r in nvidia if r["investee"] == f"{ID}mistral-ai"]
    assert {r["as"] for r in mistral} == {"round participant"}
    assert all(r["value"] == "" and r["source"] for r in mistral)


def test_products_name_a_source_for_every_row(engine):
    found = rows(engine, "products")
    azure, = [r for r in found if r["product"] == f"{ID}azure"]
    assert (azure["maker"], azure["source"]) == (
        f"{ID}microsoft", f"{ID}source/channelnews-2024-05-mistral-ai-tour-de-table-record")
    unclaimed = [r for r in found if not r["claim"]]
    assert all(r["source"] == f"{ID}dataset/registry" for r in unclaimed)


def test_european_companies_read_nationality_claims(engine):
    found = rows(engine, "european-companies")
    capgemini = [r for r in found if r["organization"] == f"{ID}capgemini"]
    assert {(r["country"], r["basis"]) for r in capgemini} == {(f"{ID}france", "nationality")}
    assert all(r["source"].startswith(f"{ID}source/") for r in capgemini)
    assert f"{ID}wiz" not in {r["organization"] for r in found}  # Israeli, and "originally" at that
    assert ("located in", f"{ID}asml") in {(r["basis"], r["organization"]) for r in found}


def test_a_parameter_is_bound_as_a_term_by_label_curie_or_iri(engine):
    by_label = rows(engine, "governance", org="Mistral AI")
    assert by_label == rows(engine, "governance", org="cgi:mistral-ai") == rows(engine, "governance", org=f"{ID}mistral-ai")


@pytest.mark.parametrize("name, param", [("funding-rounds", "company"), ("timeline", "entity"),
                                         ("agreements", "party"), ("funding-total", "investor")])
def test_a_hostile_parameter_value_is_refused(corpus, name, param):
    hostile = '" } ; DROP ALL #'
    result = corpus.run("query", name, "-p", f"{param}={hostile}")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Error: -p {param}: no entity is named '\" }} ; DROP ALL #'")
    still = corpus.run("query", "funding-rounds", "-p", "company=Wiz", "--format", "csv")
    assert still.exit_code == 0 and "wiz-raised-1-billion-round" in still.stdout
