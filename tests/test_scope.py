"""Issue 21 items 3 and 5: scoping a saved query to sources, a period or modalities (embedded and
on an Oxigraph server), and ad-hoc queries (-e, a .rq file without a header, predeclared prefixes)."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from conftest import Project, copy_full_project

CNBC = "cnbc-2024-06-12-mistral-ai-raises-645-million"
SOURCE_IRI = "https://w3id.org/claimgraph/id/source/"
CG = "https://w3id.org/claimgraph/ontology#"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Project:
    """The committed corpus with its committed build (every article: several sources to choose from)."""
    return Project(copy_full_project(tmp_path_factory.mktemp("scope") / "project"), CliRunner())


def rows(project: Project, *args: str) -> list[dict[str, str]]:
    result = project.run("query", *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def outside_counts(answer: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows without their count of independent sources, which a scope limits too."""
    return [{k: v for k, v in row.items() if k != "independentSources"} for row in answer]


def published_of(project: Project) -> dict[str, str]:
    """Each source IRI -> its publication date as written (undated sources left out)."""
    found = rows(project, "-e", "SELECT ?s ?d WHERE { ?s a cg:Article ; dct:issued ?d }")
    return {row["s"]: row["d"] for row in found}


def test_source_limits_investments_to_that_source(corpus):
    everything = rows(corpus, "investments")
    scoped = rows(corpus, "investments", "--source", CNBC)
    assert scoped and len(scoped) < len(everything)
    assert {row["source"] for row in scoped} == {SOURCE_IRI + CNBC}
    assert all(row["claim"].startswith(f"https://w3id.org/claimgraph/id/claim/{CNBC}/") for row in scoped)
    # the same rows as the unscoped answer has for that source
    assert outside_counts(scoped) == outside_counts([row for row in everything if row["source"] == SOURCE_IRI + CNBC])


def test_source_is_repeatable(corpus):
    other = "techzine-2025-09-09-asml-mistral"
    scoped = rows(corpus, "investments", "--source", CNBC, "--source", other)
    assert {row["source"] for row in scoped} == {SOURCE_IRI + CNBC, SOURCE_IRI + other}


def test_scoping_reaches_into_sub_queries(corpus):
    """events counts claims and sources in a sub-query: scoped, one source is counted."""
    scoped = rows(corpus, "events", "--source", CNBC)
    assert scoped
    assert {row["sources"] for row in scoped} == {"1"}
    assert max(int(row["sources"]) for row in rows(corpus, "events")) > 1


def test_every_side_of_a_conflict_must_be_in_scope(corpus):
    one, other = "channelnews-2024-05-mistral-ai-tour-de-table-record", "siecledigital-2024-04-18-mistral-ai-nouveaux-financements"
    event = "https://w3id.org/claimgraph/id/event/microsoft-invests-in-mistral-ai-2024"
    both = rows(corpus, "conflicts", "--source", one, "--source", other)
    assert [row["aspect"] for row in both if row["event"] == event] == ["amount"]
    assert all({row["sourceA"], row["sourceB"]} <= {SOURCE_IRI + one, SOURCE_IRI + other} for row in both)
    assert [row for row in rows(corpus, "conflicts", "--source", one) if row["event"] == event] == []


def test_a_row_without_a_claim_is_left_out_of_a_scoped_answer(corpus):
    everything = rows(corpus, "inferred")
    assert any(row["claim"] == "" for row in everything)
    scoped = rows(corpus, "inferred", "--modality", "fact")
    assert scoped and all(row["claim"] for row in scoped)


def test_an_undated_source_is_in_no_period(corpus):
    everything = rows(corpus, "investments")
    assert any("-undated-" in row["source"] for row in everything)
    scoped = rows(corpus, "investments", "--published-until", "2100-01-01")
    assert scoped and not any("-undated-" in row["source"] for row in scoped)
    assert outside_counts(scoped) == outside_counts([row for row in everything if "-undated-" not in row["source"]])


def test_an_unknown_source_is_a_usage_error_with_the_closest_ids(corpus):
    result = corpus.run("query", "investments", "--source", "cnbc-2024-06-12-mistral-ai-raises-645-millon")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --source 'cnbc-2024-06-12-mistral-ai-raises-645-millon': no source has this id; did you mean "
        "cnbc-2024-06-12-mistral-ai-raises-645-million, boursorama-2024-06-mistral-ai-levee-600-millions, "
        "cafetech-2024-06-12-mistral-ai-haut-de-la-french-tech?")


def test_a_hostile_source_id_is_only_an_unknown_id(corpus):
    result = corpus.run("query", "investments", "--source", '" } ; DROP ALL #')
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: --source '\" } ; DROP ALL #': no source has this id; ")
    assert len(rows(corpus, "investments")) > 1


def test_published_since_keeps_sources_of_that_day_or_later(corpus):
    dates = published_of(corpus)
    everything = rows(corpus, "evidence", "-p", "entity=Mistral AI")
    scoped = rows(corpus, "evidence", "-p", "entity=Mistral AI", "--published-since", "2024-06-12")
    assert scoped and len(scoped) < len(everything)
    # a month counts when it overlaps the period: 2024-06 does, 2024-05 does not
    assert scoped == [row for row in everything if dates.get(row["source"], "0")[:7] >= "2024-06"
                      and dates[row["source"]] not in ("2024-06-01", "2024-06-11")]
    assert {"2024-06", "2024-06-12"} <= {dates[row["source"]] for row in scoped}


def test_published_until_keeps_sources_of_that_day_or_earlier(corpus):
    dates = published_of(corpus)
    scoped = rows(corpus, "evidence", "-p", "entity=Mistral AI", "--published-until", "2024-06-11")
    assert {dates[row["source"]] for row in scoped} == {"2024-04-18", "2024-05", "2024-06"}
    june = rows(corpus, "evidence", "-p", "entity=Mistral AI", "--published-since", "2024-06-01",
                "--published-until", "2024-06-30")
    assert {dates[row["source"]] for row in june} == {"2024-06", "2024-06-12"}


@pytest.mark.parametrize("flag, value, message", [
    ("--published-since", "2025-13-01", "Error: --published-since '2025-13-01': not a date; write YYYY-MM-DD"),
    ("--published-until", "2025-06", "Error: --published-until '2025-06': not a day; write YYYY-MM-DD"),
    ("--published-since", '2025-01-01" } #', "Error: --published-since '2025-01-01\" } #': not a date; "
                                            "write YYYY-MM-DD"),
])
def test_a_bad_date_is_a_usage_error(corpus, flag, value, message):
    result = corpus.run("query", "investments", flag, value)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message


def test_a_period_that_ends_before_it_starts_is_refused(corpus):
    result = corpus.run("query", "investments", "--published-since", "2025-06-01", "--published-until", "2025-01-01")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: --published-until 2025-01-01 is before --published-since "
                                              "2025-06-01; give a period that ends after it starts")


def test_modality_keeps_claims_of_those_modalities(corpus):
    everything = rows(corpus, "unconfirmed")
    scoped = rows(corpus, "unconfirmed", "--modality", "rumour", "--modality", "denial")
    assert {row["modality"] for row in scoped} == {CG + "Rumour", CG + "Denial"}
    assert scoped == [row for row in everything if row["modality"] in (CG + "Rumour", CG + "Denial")]


def test_an_unknown_modality_is_a_usage_error(corpus):
    result = corpus.run("query", "unconfirmed", "--modality", "gossip")
    assert result.exit_code == 2
    assert "Invalid value for '--modality': 'gossip' is not one of 'fact', 'reported', 'statement', " in result.stderr


def test_a_query_without_a_claim_variable_cannot_be_scoped(corpus):
    result = corpus.run("query", "-e", "SELECT ?e WHERE { ?e a cg:Event }", "--modality", "fact")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: query '<-e>' cannot be scoped: it has no claim variable (?claim, ?claimA, "
        "?someClaim, ...) to limit to sources, a period or modalities")


def test_the_library_takes_a_scope(corpus):
    import claimgraph
    answer = claimgraph.run_query(corpus.root, "investments", scope=claimgraph.Scope(sources=(CNBC,)))
    assert CNBC in answer.render("csv") and "techzine" not in answer.render("csv")


@pytest.mark.server
@pytest.mark.parametrize("flags", [
    ("--source", CNBC),
    ("--published-since", "2024-06-12"),
    ("--published-until", "2024-06-15"),
    ("--modality", "reported"),
])
def test_each_scope_answers_the_same_on_the_oxigraph_server(corpus, oxigraph, flags):
    loaded = corpus.run("load", "--endpoint", oxigraph.query_url)
    assert loaded.exit_code == 0, loaded.output
    embedded = rows(corpus, "investments", *flags)
    remote = rows(corpus, "investments", *flags, "--endpoint", oxigraph.query_url)
    assert remote == embedded and 0 < len(embedded) < len(rows(corpus, "investments"))
    if flags[0] == "--source":
        assert {row["source"] for row in remote} == {SOURCE_IRI + CNBC}
    if flags[0] == "--modality":
        assert {row["modality"] for row in remote} == {CG + "Reported"}
    unknown = corpus.run("query", "investments", "--source", "nope", "--endpoint", oxigraph.query_url)
    assert unknown.exit_code == 2
    assert unknown.stderr.splitlines()[-1].startswith("Error: --source 'nope': no source has this id; ")


# -- item 5: ad-hoc queries ----------------------------------------------------------------------

def test_inline_query_runs_with_the_projects_prefixes(built):
    result = built.run("query", "-e", "SELECT ?c WHERE { ?c a cg:Claim ; prov:wasGeneratedBy ?x } LIMIT 1",
                       "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "c"
    claims = built.run("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?c a cg:Claim ; rdfs:label ?l }",
                       "--format", "csv")
    assert claims.exit_code == 0, claims.output


def test_inline_query_may_declare_a_prefix_itself(built):
    result = built.run("query", "-e", "PREFIX cg: <https://example.org/not-ours#>\nASK { ?c a cg:Claim }",
                       "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "false"
    ours = built.run("query", "-e", "ASK { ?c a cg:Claim }", "--format", "csv")
    assert ours.stdout.splitlines()[-1] == "true"


def test_inline_query_is_checked_as_a_saved_query(built):
    service = built.run("query", "-e", "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    assert service.exit_code == 2
    assert service.stderr.splitlines()[-1] == ("Error: <-e>:1:18: SERVICE is not allowed in saved queries "
                                               "(claimgraph never goes to the network on its own)")
    update = built.run("query", "-e", "DELETE WHERE { ?s ?p ?o }")
    assert update.exit_code == 2
    assert update.stderr.splitlines()[-1].startswith("Error: <-e>:1:1: updates are not allowed in saved queries")
    broken = built.run("query", "-e", "SELECT ?e WHERE { ?e a cg:Event LIMIT 3")
    assert broken.exit_code == 2
    assert broken.stderr.splitlines()[-1].startswith("Error: <-e>:1:40: SPARQL syntax error: ")
    dataset = built.run("query", "-e", "SELECT * FROM NAMED <http://example.org/g> WHERE { ?s ?p ?from }")
    assert dataset.exit_code == 2
    assert dataset.stderr.splitlines()[-1] == (
        "Error: <-e>:1:10: FROM is not allowed in saved queries (claimgraph names the dataset: ontology, "
        "asserted and inferred graphs; use GRAPH for the others)")
    variable = built.run("query", "-e", "SELECT ?from WHERE { ?from a cg:Claim } LIMIT 1", "--format", "csv")
    assert variable.exit_code == 0 and variable.stdout.splitlines()[0] == "from"


def test_inline_query_and_a_name_together_are_refused(built):
    result = built.run("query", "investments", "-e", "ASK {}")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: give a query: NAME, a .rq file, - for standard input, "
                                              "or -e 'SELECT ...' (one of them)")
    neither = built.run("query")
    assert neither.exit_code == 2
    assert neither.stderr.splitlines()[-1] == result.stderr.splitlines()[-1]


def test_a_query_file_needs_no_header_nor_prefixes(built, tmp_path):
    path = tmp_path / "events.rq"
    path.write_text("# my question\nSELECT ?event WHERE { ?event a cg:Event } ORDER BY ?event LIMIT 2\n",
                    encoding="utf-8")
    result = built.run("query", str(path), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT ?event WHERE {\n  ?event a cg:Event\n", encoding="utf-8")
    failed = built.run("query", str(broken))
    assert failed.exit_code == 2
    assert failed.stderr.splitlines()[-1].startswith(f"Error: {broken}:3:1: SPARQL syntax error: ")


def test_a_saved_query_in_queries_still_needs_its_summary(project):
    (project.root / "queries/bare.rq").write_text("SELECT ?s WHERE { ?s a cg:Event }\n", encoding="utf-8")
    result = project.run("query", "bare")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: queries/bare.rq:1: the header needs '#+ summary: ...'"


# -- where the scope filter goes (no store needed: a modality is checked without one) -------------

def scoped(text: str) -> str:
    import pyoxigraph as ox

    from claimgraph.queries.saved import query_from_text
    from claimgraph.queries.scope import Scope, scoped_text
    query = query_from_text(text)
    result = scoped_text(None, query, query.text, Scope(modalities=("fact",)))  # type: ignore[arg-type]
    ox.Store().query(result)  # still one valid query
    return result


def filtered(text: str) -> list[str]:
    """The claim variables each scope filter checks, in the order of the text."""
    import re
    return re.findall(r"FILTER \(BOUND\(\?(\w+)\) && EXISTS", text)


def test_the_filter_goes_where_the_claim_is_bound():
    text = scoped("SELECT ?e ?n WHERE { { SELECT ?e (COUNT(*) AS ?n) WHERE { ?claim cg:event ?e } GROUP BY ?e } "
                  "?e a cg:Event }")
    assert filtered(text) == ["claim"]  # in the sub-query, where it counts; not in the main query
    assert text.index("FILTER (BOUND(?claim)") < text.index("GROUP BY")
    star = scoped("SELECT * WHERE { { SELECT * WHERE { ?claimA cg:event ?e } } ?e a cg:Event }")
    assert filtered(star) == ["claimA", "claimA"]  # SELECT * projects it: both groups


def test_names_that_are_no_claim_variable_and_patterns_that_bind_nothing_are_left_alone():
    from claimgraph.queries.saved import QueryError
    for text in ("SELECT ?claims ?claimType WHERE { ?x cg:claimType ?claimType ; cg:count ?claims }",
                 "SELECT ?x WHERE { ?x a cg:Fact FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?claim } }",
                 "SELECT ?x WHERE { ?x a cg:Fact MINUS { ?x prov:wasDerivedFrom ?claim } }",
                 'SELECT ?x WHERE { ?x rdfs:label "{ ?claim }" }'):
        with pytest.raises(QueryError, match="cannot be scoped: it has no claim variable"):
            scoped(text)
    assert filtered(scoped("SELECT ?x WHERE { ?x prov:wasDerivedFrom ?someClaim ; cg:x ?claim2 }")) == [
        "claim2", "someClaim"]
