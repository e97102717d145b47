"""Claim format 2 (issue 19): one event across articles and languages, attribution, time,
responses across files, bodies as entities, and conflicts. Uses the synthetic articles in
tests/fixtures/events/ (four outlets, three languages, one fictional deal)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, Project, copy_project, query_rows as rows
from sparql import ask

EVENTS = FIXTURES / "events"
A = "synthetic-a-2026-02-03-kestrel-orbit-talks"
B = "synthetic-b-2026-02-10-kestrel-orbit-belang"
C = "synthetic-c-undated-kestrel-orbit-finalise"
D = "synthetic-d-2026-kestrel-orbit-completed"
INVESTMENT = "kestrel-invests-in-orbit-2026"


def add_event_articles(root: Path) -> None:
    (root / "data/entities").mkdir(exist_ok=True)
    shutil.copy(EVENTS / "entities.yaml", root / "data/entities/synthetic.yaml")
    for text in EVENTS.glob("*.txt"):
        shutil.copy(text, root / "seeds")
    for claims in EVENTS.glob("synthetic-*.yaml"):
        shutil.copy(claims, root / "data/claims")


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> Project:
    """The project plus the synthetic articles, built once; tests must not change it."""
    root = copy_project(tmp_path_factory.mktemp("events") / "project")
    add_event_articles(root)
    project = Project(root, CliRunner())
    outcome = project.run("build")
    assert outcome.exit_code == 0, outcome.output
    return project


@pytest.fixture
def events_copy(tmp_path: Path) -> Project:
    root = copy_project(tmp_path / "project")
    add_event_articles(root)
    return Project(root, CliRunner())



def claim(source: str, claim_id: str) -> str:
    return f"https://w3id.org/claimgraph/id/claim/{source}/{claim_id}"


def short(iri: str) -> str:
    return iri.rsplit("/", 2)[-2] + "/" + iri.rsplit("/", 1)[-1]


# -- event identity ------------------------------------------------------------------------------

def test_claims_of_four_articles_in_three_languages_are_one_event(events):
    found = {(r["event"].rsplit("/", 1)[-1], r["party"].rsplit("/", 1)[-1], r["claims"], r["sources"],
              r["independentSources"], r["inFacts"])
             for r in rows(events, "events") if "kestrel" in r["event"] or "orbit" in r["event"]}
    assert found == {
        (INVESTMENT, "kestrel-capital", "5", "4", "3", "yes"),  # C and D are one agency's story
        (INVESTMENT, "orbit-analytics", "5", "4", "3", "yes"),
        ("kestrel-stake-in-orbit-2026", "kestrel-capital", "2", "2", "2", "yes"),
        ("kestrel-stake-in-orbit-2026", "orbit-analytics", "2", "2", "2", "yes"),
        ("kestrel-seat-at-orbit-2026", "kestrel-capital", "2", "2", "2", "yes"),
        ("kestrel-seat-at-orbit-2026", "orbit-strategic-committee", "2", "2", "2", "yes"),
        ("orbit-valuation-2025", "orbit-analytics", "1", "1", "1", "yes"),
        ("orbit-valuation-2026", "orbit-analytics", "1", "1", "1", "yes"),
    }


def test_an_amount_in_another_currency_is_another_value_of_the_same_event(events):
    amounts = {(short(r["claim"]), r["value"]) for r in rows(events, "event", f"event={INVESTMENT}")
               if r["property"].endswith("#amount")}
    assert amounts == {
        (f"{A}/kestrel-in-talks", "about $500 million"),
        (f"{B}/kestrel-invested", "450 miljoen euro ($480 miljoen)"),
        (f"{C}/kestrel-says-finalised", "480 millions de dollars"),
        (f"{C}/other-sources-300-million", "300 millions de dollars"),
    }


def test_the_event_iri_is_deterministic_and_named_by_the_curator(events):
    graph = (events.path("data/build/asserted.ttl")).read_text(encoding="utf-8")
    assert "<https://w3id.org/claimgraph/id/event/kestrel-invests-in-orbit-2026>" in graph or \
        "cgi:event/kestrel-invests-in-orbit-2026" in graph


def test_an_event_only_rumoured_is_not_in_the_facts(events):
    apple = [r for r in rows(events, "events") if r["event"].endswith("/apple-acquires-mistral-ai")]
    assert apple and {r["inFacts"] for r in apple} == {"no"}


# -- conflicts -----------------------------------------------------------------------------------

EXPECTED_CONFLICTS = {
    (INVESTMENT, "amount", f"{A}/kestrel-in-talks", f"{C}/other-sources-300-million"),
    (INVESTMENT, "amount", f"{C}/kestrel-says-finalised", f"{C}/other-sources-300-million"),
    (INVESTMENT, "date", f"{B}/kestrel-invested", f"{D}/kestrel-says-completed"),
    ("kestrel-stake-in-orbit-2026", "stake", f"{A}/kestrel-majority", f"{B}/kestrel-holds-11-percent"),
    ("kestrel-seat-at-orbit-2026", "body kind", f"{B}/kestrel-committee-seat", f"{C}/kestrel-board-seat"),
}


def test_conflicts_finds_each_kind_and_nothing_else(events):
    found = {(r["event"].rsplit("/", 1)[-1], r["aspect"], short(r["claimA"]), short(r["claimB"]))
             for r in rows(events, "conflicts")}
    # not conflicts: 'about $500 million' and '$480 million' overlap; EUR is never compared with
    # USD; last year's valuation and today's are two events; a month containing a day agrees
    assert found == EXPECTED_CONFLICTS


def test_a_conflict_shows_both_sides_with_modality_and_source(events):
    stake = [r for r in rows(events, "conflicts") if r["aspect"] == "stake"]
    assert [(r["valueA"], r["modalityA"].rsplit("#", 1)[-1], r["sourceA"].rsplit("/", 1)[-1],
             r["valueB"], r["modalityB"].rsplit("#", 1)[-1], r["sourceB"].rsplit("/", 1)[-1]) for r in stake] == [
        ("a majority", "Unconfirmed", A, "11 procent", "StatedAsFact", B)]


# -- attribution and the facts -------------------------------------------------------------------

def test_an_unconfirmed_report_never_feeds_the_facts(events):
    trig = events.path("data/build/inferred.ttl").read_text(encoding="utf-8")
    assert "majorityShareholderOf" not in trig
    from claimgraph.pipeline import run_stages
    result = run_stages(events.root, serialize=False)
    asserted_graph, hypothetical = result.graphs.asserted, result.graphs.hypothetical
    node = f"<{claim(A, 'kestrel-majority')}/shareholding>"
    assert ask(hypothetical, f"{node} cg:majorityShareholder cgi:kestrel-capital")
    assert not ask(asserted_graph, f"{node} ?p ?o")
    assert not ask(result.graphs.inferred, "cgi:kestrel-capital cg:majorityShareholderOf cgi:orbit-analytics")
    assert ask(result.graphs.inferred, "cgi:kestrel-capital cg:shareholderOf cgi:orbit-analytics")


def test_organizations_and_unnamed_groups_speak_and_reports_cite(events):
    from claimgraph.pipeline import run_stages
    g = run_stages(events.root, serialize=False).graphs.asserted
    assert ask(g, f"<{claim(C, 'kestrel-says-finalised')}> cg:speaker cgi:kestrel-capital")
    assert ask(g, f"<{claim(C, 'other-sources-300-million')}> cg:speaker ?s . ?s a cg:AnonymousSource ; "
                  "rdfs:label \"d'autres sources\"@fr")
    assert ask(g, f"<{claim(A, 'kestrel-in-talks')}> cg:reportedBy cgi:bloomberg ; cg:cites ?s . "
                  "?s a cg:AnonymousSource ; rdfs:label \"people familiar with the matter\"@en")
    # "Reuters, citing Orbit Analytics, reported": the chain keeps both
    assert ask(g, f"<{claim(A, 'orbit-valued-last-year')}> cg:reportedBy cgi:reuters ; cg:cites cgi:orbit-analytics")
    assert ask(g, f"<https://w3id.org/claimgraph/id/source/{D}> dct:creator \"A. Writer\" , \"B. Reporter\"")
    assert ask(g, f"<https://w3id.org/claimgraph/id/source/{C}> cg:originalPublisher cgi:example-wire ; "
                  "cg:restatement true")


@pytest.mark.parametrize("edit, expected", [
    (("    modality: unconfirmed\n    reported_by: Bloomberg\n    cites: [{anonymous: people familiar with the matter}]\n    investor",
      "    modality: reported\n    reported_by: Bloomberg\n    cites: [{anonymous: people familiar with the matter}]\n    investor"),
     f"data/claims/{A}.yaml:14:15: error: a claim whose only sources are unnamed is unconfirmed, not 'reported' "
     "(fix: write 'modality: unconfirmed' (it stays out of the facts); for an unnamed person who speaks for a "
     "named organization write {anonymous: <who>, for: <organization>})"),
    (("    cites: [{anonymous: people familiar with the matter}]\n    investor",
      "    investor"),
     f"data/claims/{A}.yaml:11:5: error: an 'unconfirmed' claim needs 'cites' (whom the report cites) or an "
     "unnamed 'speaker' (fix: add 'cites: [{anonymous: people familiar with the matter}]')"),
    (("    cites: [{anonymous: people familiar with the matter}]\n    investor",
      "    cites: [{anonymus: people}]\n    investor"),
     f"data/claims/{A}.yaml:16:13: error: 'cites': an unnamed source is written {{anonymous: <who>}}, or "
     "{anonymous: <who>, for: <organization>} for one who speaks for it (fix: for example "
     "{anonymous: people familiar with the matter} or {anonymous: a Meta spokesperson, for: Meta})"),
])
def test_bad_attribution_is_reported_on_its_line(events_copy, edit, expected):
    events_copy.edit(f"data/claims/{A}.yaml", *edit)
    result = events_copy.run("validate")
    assert result.exit_code == 1
    assert expected in result.stdout.splitlines(), result.stdout


# -- time ----------------------------------------------------------------------------------------

def test_relative_dates_resolve_against_the_publication_date_or_stay_unresolved(events):
    dates = {(short(r["claim"]), r["value"]) for r in rows(events, "event", f"event={INVESTMENT}")
             if r["property"].endswith("#time")}
    assert dates == {
        (f"{B}/kestrel-invested", "maandag (2026-02-09)"),  # an article of Tuesday 2026-02-10
        (f"{C}/kestrel-says-finalised", "mardi (unresolved: the article's publication date is unknown)"),
        (f"{D}/kestrel-says-completed", "February 11, 2026 (2026-02-11)"),
    }


def test_partial_and_unknown_publication_dates_are_kept_as_such(events):
    from claimgraph.pipeline import run_stages
    g = run_stages(events.root, serialize=False).graphs.asserted
    assert ask(g, f"<https://w3id.org/claimgraph/id/source/{D}> dct:issued \"2026\"^^xsd:gYear")
    assert ask(g, f"<https://w3id.org/claimgraph/id/source/{C}> cg:publicationDateUnknown true")
    assert not ask(g, f"<https://w3id.org/claimgraph/id/source/{C}> dct:issued ?d")
    # "on Wednesday" in an article dated only 2026 does not resolve, visibly
    assert ask(g, f"<{claim(D, 'kestrel-says-completed')}> cg:time ?t . ?t cg:timeOf cg:asOf ; "
                  "cg:wording \"on Wednesday\"@en ; cg:unresolvedBecause ?why")
    assert not ask(g, f"<{claim(D, 'kestrel-says-completed')}> cg:asOf ?d")


def test_an_end_before_its_start_is_an_error(events_copy):
    events_copy.edit(f"data/claims/{B}.yaml", "    percentage: 11 procent\n",
                     "    percentage: 11 procent\n    valid_from: 2026-03\n    valid_until: vorig jaar\n")
    result = events_copy.run("validate")
    assert result.exit_code == 1
    assert (f"data/claims/{B}.yaml:31:18: error: 'valid_until' (vorig jaar) lies before 'valid_from' (2026-03) "
            "(fix: an end cannot come before its start: fix or swap 'valid_from' and 'valid_until')"
            ) in result.stdout.splitlines(), result.stdout


def test_the_status_on_a_given_day_is_a_query(events):
    def status_on(day: str) -> list[tuple[str, str]]:
        return [(r["statusDate"], r["status"].rsplit("#", 1)[-1])
                for r in rows(events, "event-status", f"event={INVESTMENT}", f"day={day}")]
    assert status_on("2026-01-31") == []
    assert status_on("2026-02-05") == [("2026-02-01", "InTalks")]  # "on Sunday", reported on Tuesday
    assert status_on("2026-02-12")[0] == ("2026-02-11", "Completed")


# -- responses across files ----------------------------------------------------------------------

def test_a_claim_confirms_or_supersedes_a_claim_of_another_file(events):
    from claimgraph.pipeline import run_stages
    result = run_stages(events.root, serialize=False)
    g = result.graphs.asserted
    assert ask(g, f"<{claim(B, 'kestrel-invested')}> cg:confirms <{claim(A, 'kestrel-in-talks')}>")
    assert ask(g, f"<{claim(D, 'kestrel-says-completed')}> cg:supersedes <{claim(A, 'kestrel-in-talks')}>")
    # both are responses: the reasoner (and the 'unconfirmed' query) sees them as such
    assert ask(result.graphs.inferred, f"<{claim(B, 'kestrel-invested')}> cg:respondsTo <{claim(A, 'kestrel-in-talks')}>")


@pytest.mark.parametrize("reference, expected", [
    (f"{A}/no-such-claim", f"error: confirms names unknown claim 'no-such-claim' of data/claims/{A}.yaml "
                           f"(fix: give the id of a claim in data/claims/{A}.yaml)"),
    ("no-such-source/kestrel-in-talks", "error: confirms names claim 'kestrel-in-talks' of unknown source "
                                        "'no-such-source' (fix: give '<source-id>/<claim-id>' of a claim file in data/claims/)"),
])
def test_a_reference_to_a_missing_claim_of_another_file_is_an_error(events_copy, reference, expected):
    events_copy.edit(f"data/claims/{B}.yaml", f"confirms: {A}/kestrel-in-talks", f"confirms: {reference}")
    result = events_copy.run("check")
    assert result.exit_code == 1
    line = events_copy.line_of(f"data/claims/{B}.yaml", "confirms:")
    assert f"data/claims/{B}.yaml:{line}:15: {expected}" in result.stdout.splitlines(), result.stdout


# -- proposals and event types -------------------------------------------------------------------

def test_check_proposes_an_event_for_matching_claims_of_two_files(events_copy):
    events_copy.edit(f"data/claims/{B}.yaml", "    event: kestrel-stake-in-orbit-2026\n", "")
    result = events_copy.run("check")
    line = events_copy.line_of(f"data/claims/{B}.yaml", "- id: kestrel-holds-11-percent")
    first = events_copy.line_of(f"data/claims/{A}.yaml", "- id: kestrel-majority")
    assert (f"data/claims/{B}.yaml:{line}:5: warning: probably the same event as data/claims/{A}.yaml:{first}:5 "
            "(same shareholding, no shared event) (fix: add 'event: kestrel-stake-in-orbit-2026' to this claim, "
            "or give them different events if they differ)") in result.stdout.splitlines(), result.stdout


def test_one_event_has_one_claim_type(events_copy):
    events_copy.edit(f"data/claims/{B}.yaml", "    event: kestrel-stake-in-orbit-2026\n",
                     f"    event: {INVESTMENT}\n")
    result = events_copy.run("check")
    assert result.exit_code == 1
    assert any(l.endswith(f"error: event '{INVESTMENT}' is described as a investment at data/claims/{A}.yaml:11:5; "
                          "this claim is a shareholding (fix: all claims of one event have one claim type: "
                          "give this claim its own event)") for l in result.stdout.splitlines()), result.stdout


# -- bodies --------------------------------------------------------------------------------------

def test_a_body_named_in_two_languages_is_one_body(events):
    from claimgraph.pipeline import run_stages
    g = run_stages(events.root, serialize=False).graphs.asserted
    # the Dutch seat claim and the French description name one registry entity
    assert ask(g, f"<{claim(B, 'kestrel-committee-seat')}/seat> cg:seatOn cgi:orbit-strategic-committee")
    assert ask(g, f"<{claim(C, 'committee-meets-monthly')}> cg:mentions cgi:orbit-strategic-committee")
    assert ask(g, "cgi:orbit-strategic-committee a cg:AdvisoryBody ; cg:bodyOf cgi:orbit-analytics ; "
                  "rdfs:label \"strategisch comité\"@nl , \"comité stratégique\"@fr")


def test_a_body_needs_its_organization(events_copy):
    events_copy.edit("data/entities/synthetic.yaml", "    part_of: orbit-analytics\n", "")
    result = events_copy.run("validate")
    assert result.exit_code == 1
    assert ["data/entities/synthetic.yaml:9:5: error: body 'orbit-strategic-committee' needs 'part_of' "
            "(fix: give the id of the organization whose board or committee it is)"] == result.stdout.splitlines()


# -- the reference engines agree -----------------------------------------------------------------

def test_the_reference_engines_give_the_same_graphs_on_format_2(events):
    from claimgraph.pipeline import run_stages
    fast = run_stages(events.root, serialize=False)
    reference = run_stages(events.root, serialize=False, reasoner="owlrl", validator="pyshacl")
    assert fast.ok and reference.ok
    assert set(fast.graphs.inferred) == set(reference.graphs.inferred)


# -- format 1 ------------------------------------------------------------------------------------

def test_a_claim_file_of_format_1_loads_unchanged(tmp_path):
    """The synthetic Nova article was written before format 2 (no event, no cites, ISO dates,
    one outlet); it loads with no problem and maps as before: a content node per claim, no
    event node, no time expression."""
    from conftest import FIXTURES, add_example_article
    from claimgraph.pipeline import run_stages
    text = (FIXTURES / "example-2026-01-15-nova.yaml").read_text(encoding="utf-8")
    assert all(key not in text for key in ("event:", "cites:", "confirms:", "supersedes:", "anonymous"))
    root = copy_project(tmp_path / "project")
    add_example_article(root)
    result = run_stages(root, serialize=False)
    assert result.ok and not result.problems, [p.as_text() for p in result.problems]
    asserted = result.graphs.asserted
    nova = "https://w3id.org/claimgraph/id/claim/example-2026-01-15-nova/"
    assert not ask(asserted, f"?c cg:event ?e FILTER STRSTARTS(STR(?c), \"{nova}\")")
    assert not ask(asserted, f"?n cg:time ?t FILTER STRSTARTS(STR(?n), \"{nova}\")")
    assert ask(asserted, f"?c cg:content ?n FILTER STRSTARTS(STR(?c), \"{nova}\")")


# -- what the review found (session 13) ----------------------------------------------------------

KESTREL_INVESTED = """    modality: fact
    investor: Kestrel Capital
    investee: Orbit Analytics
    amount: 450 miljoen euro ($480 miljoen)"""


@pytest.mark.parametrize("attribution, expected", [
    ("    modality: fact\n    cites: [{anonymous: bronnen}]\n",
     "a claim whose only sources are unnamed is unconfirmed, not 'fact'"),
    ("    modality: statement\n    speaker: {anonymous: analisten}\n",
     "a claim whose only sources are unnamed is unconfirmed, not 'statement'"),
])
def test_a_fact_that_rests_only_on_unnamed_sources_is_refused(events_copy, attribution, expected):
    events_copy.edit(f"data/claims/{B}.yaml", KESTREL_INVESTED, KESTREL_INVESTED.replace("    modality: fact\n", attribution))
    result = events_copy.run("validate")
    assert result.exit_code == 1
    line = events_copy.line_of(f"data/claims/{B}.yaml", "- id: kestrel-invested") + 3
    assert (f"data/claims/{B}.yaml:{line}:15: error: {expected} (fix: write 'modality: unconfirmed' (it stays out "
            "of the facts); for an unnamed person who speaks for a named organization write "
            "{anonymous: <who>, for: <organization>})") in result.stdout.splitlines(), result.stdout


def test_an_unnamed_spokesperson_of_a_named_organization_makes_a_statement(events_copy):
    events_copy.edit(f"data/claims/{C}.yaml", "    speaker: Kestrel Capital\n    investor",
                     "    speaker: {anonymous: un porte-parole, for: Kestrel Capital}\n    investor")
    result = events_copy.run("build")
    assert result.exit_code == 0, result.output
    from claimgraph.pipeline import run_stages
    g = run_stages(events_copy.root, serialize=False).graphs.asserted
    assert ask(g, f"<{claim(C, 'kestrel-says-finalised')}> cg:speaker ?s ; cg:content ?c . "
                  "?s a cg:AnonymousSource ; cg:speaksFor cgi:kestrel-capital ; rdfs:label \"un porte-parole\"@fr")


@pytest.mark.parametrize("edit, expected", [
    (("    about: [comité stratégique]\n", "    about: [comité stratégique]\n    event: kestrel-seat-at-orbit-2026\n"),
     "error: a 'description' claim has no content an event could hold (fix: drop 'event', or use the claim type "
     "that says what happened (investment, acquisition, ...))"),
    (("    body: board-of-directors\n", "    body: board-of-directors\n    responds_to: kestrel-board-seat\n"),
     "error: claim 'kestrel-board-seat' cannot answer itself (responds_to) (fix: name the other claim it answers)"),
])
def test_an_event_needs_content_and_a_claim_cannot_answer_itself(events_copy, edit, expected):
    events_copy.edit(f"data/claims/{C}.yaml", *edit)
    result = events_copy.run("validate")
    assert result.exit_code == 1
    assert any(line.endswith(expected) for line in result.stdout.splitlines()), result.stdout


def test_a_seat_names_a_body_of_its_own_organization(events_copy):
    events_copy.edit(f"data/claims/{B}.yaml", "    organization: Orbit Analytics\n    body: strategisch comité",
                     "    organization: Kestrel Capital\n    body: strategisch comité")
    result = events_copy.run("validate")
    assert result.exit_code == 1
    line = events_copy.line_of(f"data/claims/{B}.yaml", "body: strategisch comité")
    assert (f"data/claims/{B}.yaml:{line}:11: error: body 'orbit-strategic-committee' is part of 'orbit-analytics', "
            "not of 'kestrel-capital' (fix: name a body of the seat's organization, or correct 'organization')"
            ) in result.stdout.splitlines(), result.stdout


def test_claims_of_one_event_that_share_no_party_are_flagged(events_copy):
    events_copy.edit(f"data/claims/{C}.yaml", "    investor: Kestrel Capital\n    investee: Orbit Analytics\n    amount: 300",
                     "    investor: Bloomberg\n    investee: Reuters\n    amount: 300")
    result = events_copy.run("validate")
    assert any("warning: event 'kestrel-invests-in-orbit-2026' has other parties at" in line
               and line.endswith("than this claim (bloomberg, reuters) (fix: correct the parties, or give this "
                                 "claim its own event)") for line in result.stdout.splitlines()), result.stdout


def test_dates_of_two_states_of_an_event_do_not_conflict(events_copy):
    """'agreed' on one day and 'completed' on another are two states, not two answers."""
    events_copy.edit(f"data/claims/{D}.yaml", "    status: completed\n    date: February 11, 2026",
                     "    status: agreed\n    date: February 11, 2026")
    assert events_copy.run("build").exit_code == 0
    found = {(r["aspect"], short(r["claimA"]), short(r["claimB"])) for r in rows(events_copy, "conflicts")}
    assert ("date", f"{B}/kestrel-invested", f"{D}/kestrel-says-completed") not in found


@pytest.mark.parametrize("path, edit, expected", [
    (f"data/claims/{A}.yaml", ("    cites: [Orbit Analytics]\n", "    cites: [Orbit Analytics, Orbit Analytics]\n"),
     "error: 'cites' names 'orbit-analytics' twice (fix: name each source once)"),
    (f"data/claims/{C}.yaml", ("  original_publisher: Example Wire\n", "  original_publisher: Kestrel Capital\n"),
     None),
    (f"data/claims/{B}.yaml", ("    percentage: 11 procent\n", "    percentage: 11 procent\n    majority: \"true\"\n"),
     "error: 'majority: true' contradicts 'percentage: 11 procent' (fix: a majority is more than 50 %: drop "
     "'majority' (the percentage says it) or correct one of them)"),
])
def test_small_contradictions_in_attribution_and_stakes_are_refused(events_copy, path, edit, expected):
    events_copy.edit(path, *edit)
    result = events_copy.run("validate")
    if expected is None:  # an organization that is no outlet is still an organization: accepted
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert any(line.endswith(expected) for line in result.stdout.splitlines()), result.stdout


def test_the_original_publisher_is_an_organization(events_copy):
    (events_copy.root / "data/entities/people.yaml").write_text(
        "entities:\n  - id: a-writer\n    type: Person\n    labels: {en: A. Writer, nl: A. Writer}\n", encoding="utf-8")
    events_copy.edit(f"data/claims/{C}.yaml", "  original_publisher: Example Wire\n", "  original_publisher: A. Writer\n")
    result = events_copy.run("validate")
    assert result.exit_code == 1
    assert (f"data/claims/{C}.yaml:5:23: error: source 'original_publisher' must be an outlet or agency, not "
            "'a-writer' (person) (fix: name the agency or outlet whose story the article is)") in result.stdout.splitlines(), \
        result.stdout


def test_one_file_validates_alone_when_it_answers_a_claim_of_another(events_copy):
    """A pre-commit hook validates only the changed file: a claim it confirms in another file is
    not read, and that is no error (``check`` reads every file and checks the link)."""
    for name in (B, D):
        outcome = events_copy.run("validate", str(events_copy.path(f"data/claims/{name}.yaml")))
        assert outcome.exit_code == 0, outcome.output
        assert outcome.output.splitlines()[-1].endswith("ok (0 warning(s))")
    events_copy.edit(f"data/claims/{B}.yaml", "kestrel-orbit-talks/kestrel-in-talks", "kestrel-orbit-talks/no-such-claim")
    outcome = events_copy.run("check")
    assert outcome.exit_code == 1
    assert "confirms names unknown claim 'no-such-claim' of data/claims/" in outcome.output
