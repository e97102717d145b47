"""What the format-3 curation of the corpus still needed (issue 20): strategic aims, unnamed
bidders, investors and seat holders, why a deal stands where it does, an offer's opening, either
party owing a fee, a founding's purpose, separation, similar, EPS accretion and synergies with a
basis, amount ranges and pence. Uses the synthetic article of tests/fixtures/format3/ with one
more paragraph and a claim per new field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from claimgraph.claims.values import ValueFormatError, parse_amount, parse_percentage
from conftest import Project, project_with
from sparql import ask
from test_format3 import CLAIMS, SOURCE, add_format3_article, content, graph

TEXT = f"seeds/{SOURCE}.en.txt"

PARAGRAPH = """
Heron Group wants to become the leading cloud company in France. Rivals from the cloud sector have also
expressed interest in Kestrel. Earlier talks with Vireo Labs stalled over the price. The offer is expected to
open in the second quarter of 2026. Either Heron or Kestrel would owe a fee if the deal fails. Kestrel was
founded to run Heron's data centres and became independent in 2020. Kestrel's tools are comparable to Kite.
Heron expects earnings per share accretion of +4% in 2027 before synergies, and revenue synergies of
100 to 140 million euros. Two current members of Kestrel's board will stay on. Mostly American funds
invested in Kestrel's new round. Kestrel is on trial. Kestrel closed at GBX 141.80.
"""

CLAIMS_ADDED = """
  - id: heron-aim
    type: aim
    modality: plan
    organization: Heron Group
    kind: goal
    aim: to become the leading cloud company
    places: France
    evidence: "Heron Group wants to become the leading cloud company in France."

  - id: rival-suitors
    type: acquisition
    modality: fact
    target: Kestrel Systems
    acquirer_description: rivals from the cloud sector
    status: considered
    evidence: "Rivals from the cloud sector have also expressed interest in Kestrel."

  - id: vireo-talks-stalled
    type: acquisition
    modality: fact
    acquirer: Vireo Labs
    target: Kestrel Systems
    status: paused
    reason: the price
    evidence: "Earlier talks with Vireo Labs stalled over the price."

  - id: offer-opens
    type: acquisition
    modality: plan
    event: heron-acquires-kestrel-2026
    acquirer: Heron Group
    target: Kestrel Systems
    status: announced
    offer_start: the second quarter of 2026
    evidence: "The offer is expected to open in the second quarter of 2026."

  - id: either-owes-fee
    type: acquisition
    modality: fact
    event: heron-acquires-kestrel-2026
    acquirer: Heron Group
    target: Kestrel Systems
    status: announced
    termination_fee_payer: [Heron Group, Kestrel Systems]
    evidence: "Either Heron or Kestrel would owe a fee if the deal fails."

  - id: kestrel-founded-for-data-centres
    type: founding
    modality: fact
    organization: Kestrel Systems
    founders: [Heron Group]
    purpose: to run Heron's data centres
    evidence: "Kestrel was founded to run Heron's data centres"

  - id: kestrel-independent
    type: corporate_change
    modality: fact
    organization: Kestrel Systems
    kind: separation
    status: completed
    date: "2020"
    evidence: "became independent in 2020"

  - id: tools-comparable
    type: comparison
    modality: fact
    subject: Falcon
    compared_with: [Kite]
    aspect: tools
    outcome: similar
    evidence: "Kestrel's tools are comparable to Kite."

  - id: eps-accretion
    type: metric
    modality: plan
    entity: Heron Group
    measure: earnings-per-share-accretion
    percentage: +4%
    period: "2027"
    basis: before synergies
    evidence: "Heron expects earnings per share accretion of +4% in 2027 before synergies"

  - id: synergies
    type: metric
    modality: plan
    entity: Heron Group
    measure: revenue-synergies
    amount: 100 to 140 million euros
    evidence: "revenue synergies of 100 to 140 million euros"

  - id: board-members-stay
    type: seat
    modality: plan
    holder_description: two current members of the board
    organization: Kestrel Systems
    body: board-of-directors
    evidence: "Two current members of Kestrel's board will stay on."

  - id: american-funds
    type: funding_round
    modality: fact
    company: Kestrel Systems
    investors_description: mostly American funds
    evidence: "Mostly American funds invested in Kestrel's new round."

  - id: kestrel-on-trial
    type: legal_action
    modality: fact
    defendant: Kestrel Systems
    status: ongoing
    evidence: "Kestrel is on trial."

  - id: kestrel-close
    type: metric
    modality: fact
    entity: Kestrel Systems
    measure: share-price
    amount: GBX 141.80
    evidence: "Kestrel closed at GBX 141.80."
"""


def add_gaps_article(root: Path) -> None:
    add_format3_article(root)
    with (root / TEXT).open("a", encoding="utf-8") as text:
        text.write(PARAGRAPH)
    with (root / CLAIMS).open("a", encoding="utf-8") as claims:
        claims.write(CLAIMS_ADDED)


@pytest.fixture(scope="module")
def gaps(tmp_path_factory) -> Project:
    """The seed project plus the synthetic article with the paragraph above, built once."""
    return project_with(tmp_path_factory.mktemp("gaps") / "project", add_gaps_article, build=True)


@pytest.fixture
def gaps_copy(tmp_path: Path) -> Project:
    return project_with(tmp_path / "project", add_gaps_article, build=False)


# -- each new field maps, in the graph its modality says ---------------------------------------------

def test_an_aim_is_structured_and_as_a_plan_stays_out_of_the_facts(gaps):
    node = content("heron-aim", "aim")
    hypothetical, asserted = graph(gaps, "hypothetical"), graph(gaps, "asserted")
    assert ask(hypothetical, f"""{node} a cg:StrategicAim ; cg:aimOf cgi:heron-group ; cg:aimKind cg:Goal ;
        cg:aimText "to become the leading cloud company"@en ; cg:aimRegion cgi:france""")
    assert not ask(asserted, f"{node} ?p ?o")
    assert not ask(graph(gaps, "inferred"), f"{node} ?p ?o")


def test_an_aim_stated_as_fact_is_a_fact(gaps_copy):
    gaps_copy.edit(CLAIMS, "    type: aim\n    modality: plan\n", "    type: aim\n    modality: fact\n")
    assert gaps_copy.run("build").exit_code == 0
    node = content("heron-aim", "aim")
    assert ask(graph(gaps_copy, "asserted"), f"{node} a cg:StrategicAim ; cg:aimOf cgi:heron-group")
    assert not ask(graph(gaps_copy, "hypothetical"), f"{node} ?p ?o")


def test_unnamed_bidders_reasons_offers_and_either_payer(gaps):
    a, h = graph(gaps, "asserted"), graph(gaps, "hypothetical")
    assert ask(a, f"""{content("rival-suitors", "acquisition")} cg:acquirerDescription "rivals from the cloud sector"@en ;
        cg:eventStatus cg:Considered""")
    assert not ask(a, f"{content('rival-suitors', 'acquisition')} cg:acquirer ?who")
    assert ask(a, f"""{content("vireo-talks-stalled", "acquisition")} cg:eventStatus cg:Paused ;
        cg:statusReason "the price"@en""")
    assert ask(h, f"""{content("offer-opens", "acquisition")} cg:time ?t .
        ?t cg:timeOf cg:offerStart ; cg:earliest "2026-04-01"^^xsd:date ; cg:latest "2026-06-30"^^xsd:date""")
    assert ask(a, f"""{content("either-owes-fee", "acquisition")} cg:terminationFeePayer cgi:heron-group ,
        cgi:kestrel-systems""")


def test_unnamed_investors_and_seat_holders_a_purpose_separation_similar_and_a_trial(gaps):
    a, h = graph(gaps, "asserted"), graph(gaps, "hypothetical")
    assert ask(a, f"""{content("american-funds", "funding-round")} cg:investorsDescription "mostly American funds"@en""")
    assert ask(h, f"""{content("board-members-stay", "seat")} cg:seatHolderDescription "two current members of the board"@en ;
        cg:seatOn ?body""")
    assert not ask(h, f"{content('board-members-stay', 'seat')} cg:seatHolder ?who")
    assert ask(a, f"""{content("kestrel-founded-for-data-centres", "founding")} cg:purpose "to run Heron's data centres"@en""")
    assert ask(a, f"""{content("kestrel-independent", "corporate-change")} cg:changeKind cg:Separation ;
        cg:date "2020"^^xsd:gYear""")
    assert ask(a, f"""{content("tools-comparable", "comparison")} cg:outcome cg:Similar""")
    assert ask(a, f"""{content("kestrel-on-trial", "legal-action")} cg:defendant cgi:kestrel-systems ;
        cg:legalStatus cg:LawsuitOngoing""")
    assert not ask(a, f"{content('kestrel-on-trial', 'legal-action')} cg:plaintiff ?who")


def test_accretion_with_its_basis_a_range_of_synergies_and_a_close_in_pence(gaps):
    a, h = graph(gaps, "asserted"), graph(gaps, "hypothetical")
    assert ask(h, f"""{content("eps-accretion", "metric")} cg:measure cg:EarningsPerShareAccretion ;
        cg:measureBasis "before synergies"@en ; cg:percentageValue ?p . ?p cg:percent "4"^^xsd:decimal ;
        cg:originalText "+4%"@en""")
    assert ask(h, f"""{content("synergies", "metric")} cg:measure cg:RevenueSynergies ; cg:amount ?m .
        ?m cg:qualifier cg:Between ; cg:currency "EUR" ; cg:value "100000000"^^xsd:decimal ;
           cg:lowerBound "100000000"^^xsd:decimal ; cg:upperBound "140000000"^^xsd:decimal ;
           cg:originalText "100 to 140 million euros"@en""")
    assert ask(a, f"""{content("kestrel-close", "metric")} cg:amount ?m .
        ?m cg:currency "GBP" ; cg:value 1.418 ; cg:originalText "GBX 141.80"@en""")


def test_the_new_terms_pass_both_shacl_engines_and_reasoners_alike(gaps_copy):
    assert gaps_copy.run("build").exit_code == 0
    fast = gaps_copy.path("data/build/inferred.ttl").read_bytes()
    outcome = gaps_copy.run("build", "--reasoner", "owlrl", "--shacl", "pyshacl")
    assert outcome.exit_code == 0, outcome.output
    assert "0 warning(s)" in outcome.output
    assert gaps_copy.path("data/build/inferred.ttl").read_bytes() == fast


# -- values --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, low, high, currency", [
    ("100 à 140 millions d'euros", "fr", "100000000", "140000000", "EUR"),
    ("$100-140 million", "en", "100000000", "140000000", "USD"),
    ("EUR 100 to 140 million", "en", "100000000", "140000000", "EUR"),
    ("tussen 100 en 140 miljoen euro", "nl", "100000000", "140000000", "EUR"),
    ("1,5 à 2 milliards d'euros", "fr", "1500000000", "2000000000", "EUR"),
])
def test_a_range_keeps_both_ends_under_one_scale_and_currency(text, language, low, high, currency):
    amount = parse_amount(text, language=language)
    assert (amount.value, amount.upper, amount.currency, amount.qualifier) == (
        Decimal(low), Decimal(high), currency, "between")
    assert amount.bounds() == (Decimal(low), Decimal(high))
    assert amount.original == text


def test_pence_are_a_hundredth_of_a_pound_and_keep_their_rounding():
    amount = parse_amount("GBX 141.80", language="en")
    assert (amount.value, amount.currency, amount.original) == (Decimal("1.418"), "GBP", "GBX 141.80")
    assert amount.bounds() == (Decimal("1.41795"), Decimal("1.41805"))
    assert parse_amount("141.80 pence", language="en").value == Decimal("1.418")


def test_a_percentage_may_carry_its_plus_sign():
    assert parse_percentage("+7%", language="fr").value == Decimal(7)


def test_a_range_that_goes_down_is_refused():
    with pytest.raises(ValueFormatError) as info:
        parse_amount("140 à 100 millions d'euros", language="fr")
    assert str(info.value) == "'140 à 100 millions d'euros': a range goes from the lower figure to the higher one"


# -- bad input: one line with the place, the message and the fix; exit 1 ------------------------------

@pytest.mark.parametrize("old, new, line, column, message, fix", [
    ("    acquirer_description: rivals from the cloud sector\n",
     "    acquirer_description: rivals from the cloud sector\n    acquirer: Vireo Labs\n",
     "    acquirer_description: rivals from the cloud sector", 5,
     "claim type 'acquisition' takes one of 'acquirer' or 'acquirer_description', not acquirer and "
     "acquirer_description", "keep the one the article gives"),
    ("    plaintiff: Vireo Labs\n", "    plaintiff: Vireo Labs\n    plaintiff_description: a rival\n",
     "    plaintiff_description: a rival", 5,
     "claim type 'legal_action' takes one of 'plaintiff' or 'plaintiff_description', not plaintiff and "
     "plaintiff_description", "keep the one the article gives"),
    ("    holder_description: two current members of the board\n", "", "  - id: board-members-stay", 5,
     "claim type 'seat' needs 'holder' or 'holder_description'", "add one of holder, holder_description"),
    ("    kind: goal\n", "    kind: dream\n", "    kind: dream", 11,
     "kind: 'dream' is not a valid kind", "one of: goal, target-market, focus"),
    ("    organization: Heron Group\n    kind: goal\n", "    organization: France\n    kind: goal\n",
     "    organization: France", 19, "organization: 'France' is a place, but organization must be an organization",
     "name another entity or fix its type"),
    ("    amount: 100 to 140 million euros\n", "    amount: 140 to 100 million euros\n",
     "    amount: 140 to 100 million euros", 13,
     "amount: '140 to 100 million euros': a range goes from the lower figure to the higher one", ""),
])
def test_bad_values_of_the_new_fields_are_one_line_with_place_and_fix(gaps_copy, old, new, line, column, message,
                                                                       fix):
    gaps_copy.edit(CLAIMS, old, new)
    outcome = gaps_copy.run("validate", str(gaps_copy.path(CLAIMS)))
    assert outcome.exit_code == 1, outcome.output
    errors = [found for found in outcome.output.splitlines() if ": error: " in found]
    assert len(errors) == 1, errors
    line_no = gaps_copy.path(CLAIMS).read_text(encoding="utf-8").splitlines().index(line) + 1
    place, found = errors[0].split(": error: ", 1)
    assert place.endswith(f"{CLAIMS}:{line_no}:{column}"), (place, line_no)
    assert found.split(" (fix: ")[0] == message
    if fix:
        assert found.endswith(f"(fix: {fix})"), found


def test_a_description_that_states_an_aim_gets_the_suggestion_of_the_aim_type(gaps_copy):
    with gaps_copy.path(CLAIMS).open("a", encoding="utf-8") as claims:
        claims.write("""
  - id: aim-as-text
    type: description
    modality: plan
    about: [Heron Group]
    summary: Heron Group wants to become the leading cloud company in France.
    evidence: "Heron Group wants to become the leading cloud company in France."
""")
    outcome = gaps_copy.run("validate", str(gaps_copy.path(CLAIMS)))
    assert outcome.exit_code == 0, outcome.output
    infos = [line for line in outcome.output.splitlines() if ": info: " in line]
    assert len(infos) == 1, infos
    assert "info: description claim 'aim-as-text' holds an aim: a structured type may fit (aim) (fix: " in infos[0]
