"""Saved queries: formats, parameters (IRI, CURIE, label), injection, errors, and answers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import Graph

from claimgraph.queries.answers import label_lookup, run_saved_query
from claimgraph.stores.embedded import EmbeddedEngine
from claimgraph.rdf.namespaces import CG, GRAPH_ASSERTED, GRAPH_INFERRED, GRAPH_ONTOLOGY, new_graph
from claimgraph.queries.saved import ParameterError, QueryError, load_query
from claimgraph.queries.formats import compact_iri, render, table_text
from conftest import CLAIM_FILE, REPO

TINY = """
@prefix cgi: <https://w3id.org/claimgraph/id/> .
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/claimgraph/id/dataset/registry> a cg:Dataset .
cgi:acme a cg:Company ; rdfs:label "Acme"@en , "Akme"@nl ; skos:altLabel "ACME Corp" , "AC" ;
    dct:identifier "acme" ; dct:source <https://w3id.org/claimgraph/id/dataset/registry> ; cg:founded "2001"^^xsd:gYear .
cgi:beta a cg:Company ; rdfs:label "Beta \\"B\\", Inc"@en ; skos:altLabel "AC" ;
    dct:identifier "beta" ; dct:source <https://w3id.org/claimgraph/id/dataset/registry> ; cg:founded "2010"^^xsd:gYear .
"""

TINY_QUERY = """#+ summary: Companies and their founding year.
#+ parameters:
#+   company: {description: "Only this company", example: Acme}
#+   name: {description: "Only companies with this English label", example: Acme}
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?company ?founded
WHERE {
  ?company a cg:Company ; cg:founded ?founded .
  FILTER (!BOUND(?__company_iri) || sameTerm(?company, ?__company_iri))
  FILTER (!BOUND(?__name) || EXISTS { ?company rdfs:label ?label FILTER (STR(?label) = ?__name) })
}
ORDER BY ?founded
"""


@pytest.fixture
def tiny(tmp_path: Path):
    graph = new_graph()
    graph.parse(data=TINY, format="turtle")
    engine = EmbeddedEngine.from_graphs({GRAPH_ASSERTED: graph, GRAPH_ONTOLOGY: Graph(), GRAPH_INFERRED: Graph()})
    path = tmp_path / "founded.rq"
    path.write_text(TINY_QUERY, encoding="utf-8")
    return engine, load_query(path)


def out(tiny, fmt: str, lang: str = "en", **values: str) -> str:
    engine, query = tiny
    return render(run_saved_query(engine, query, values), fmt, labels=label_lookup(engine, lang))


def test_table_shows_labels_in_the_chosen_language(tiny):
    assert out(tiny, "table") == (
        "company        founded\n"
        "-------------  -------\n"
        "Acme           2001\n"
        "Beta \"B\", Inc  2010\n"
        "(2 rows)\n")
    assert out(tiny, "table", lang="nl").splitlines()[2] == "Akme           2001"


def test_table_columns_line_up_with_wide_characters_and_iris_are_compacted():
    text = table_text(["name", "id"], [["株式会社", compact_iri("https://w3id.org/claimgraph/id/nova")],
                                       ["Nova", compact_iri("http://example.org/x")]])
    assert text == ("name      id\n"
                    "--------  ----------------------\n"
                    "株式会社  cgi:nova\n"
                    "Nova      <http://example.org/x>\n"
                    "(2 rows)\n")


def test_csv_and_tsv_are_the_sparql_results_formats(tiny):
    assert out(tiny, "csv") == ("company,founded\r\n"
                                "https://w3id.org/claimgraph/id/acme,2001\r\n"
                                "https://w3id.org/claimgraph/id/beta,2010\r\n")
    assert out(tiny, "tsv") == ("?company\t?founded\n"
                                "<https://w3id.org/claimgraph/id/acme>\t\"2001\"^^<http://www.w3.org/2001/XMLSchema#gYear>\n"
                                "<https://w3id.org/claimgraph/id/beta>\t\"2010\"^^<http://www.w3.org/2001/XMLSchema#gYear>\n")


def test_json_and_xml_are_the_sparql_results_formats(tiny):
    import json
    data = json.loads(out(tiny, "json"))
    assert data["head"] == {"vars": ["company", "founded"]}
    assert data["results"]["bindings"][0] == {
        "company": {"type": "uri", "value": "https://w3id.org/claimgraph/id/acme"},
        "founded": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#gYear", "value": "2001"}}
    xml = out(tiny, "xml")
    assert xml.startswith('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">')
    assert '<binding name="company"><uri>https://w3id.org/claimgraph/id/beta</uri></binding>' in xml


@pytest.mark.parametrize("value", [
    "https://w3id.org/claimgraph/id/acme", "<https://w3id.org/claimgraph/id/acme>", "cgi:acme",
    "acme", "Acme", "ACME CORP", "akme", "  Acme  ",
])
def test_an_iri_parameter_takes_an_iri_a_curie_an_id_or_a_label_in_any_language(tiny, value):
    assert out(tiny, "csv", company=value).splitlines()[1:] == ["https://w3id.org/claimgraph/id/acme,2001"]


def test_an_ambiguous_name_lists_the_candidates(tiny):
    with pytest.raises(ParameterError) as info:
        out(tiny, "csv", company="ac")
    assert str(info.value) == ("-p company: 'ac' is ambiguous; it names https://w3id.org/claimgraph/id/acme, "
                               "https://w3id.org/claimgraph/id/beta; give one of these IRIs")


def test_an_unknown_name_suggests_the_closest(tiny):
    with pytest.raises(ParameterError) as info:
        out(tiny, "csv", company="Acmee")
    assert str(info.value) == "-p company: no entity is named 'Acmee'; closest names: 'Acme', 'Akme'"


@pytest.mark.parametrize("value", ['" } ; DROP ALL #', '<x> } INSERT DATA {', "Beta\" } UNION { ?company ?p ?o",
                                   "') || true || ('"])
def test_string_parameters_are_bound_as_literals_not_pasted(tiny, value):
    assert out(tiny, "csv", name=value) == "company,founded\r\n"
    assert out(tiny, "csv", name='Beta "B", Inc').splitlines()[1:] == ["https://w3id.org/claimgraph/id/beta,2010"]


@pytest.mark.parametrize("value, message", [
    ("<x> } INSERT DATA {", "-p company: no entity is named '<x> } INSERT DATA {'"),
    ("<http://a> } INSERT DATA { <a> <b> <c> } #>",
     "-p company: 'http://a> } INSERT DATA { <a> <b> <c> } #' is not a valid absolute IRI"),
    ("https://x.org/a b", "-p company: 'https://x.org/a b' is not a valid absolute IRI"),
])
def test_iri_parameters_cannot_break_out_of_the_query(tiny, value, message):
    with pytest.raises(ParameterError) as info:
        out(tiny, "csv", company=value)
    assert str(info.value).startswith(message)


def test_the_bound_query_keeps_the_text_and_adds_a_values_block(tiny):
    from claimgraph.queries.saved import bind_values
    _, query = tiny
    bound = bind_values(query, {"company": "<https://w3id.org/claimgraph/id/acme>"})
    assert bound.replace("\n  VALUES ?__company_iri { <https://w3id.org/claimgraph/id/acme> }", "", 1) == query.text


@pytest.mark.parametrize("text, message", [
    ("#+ summary: x\nSELECT ?a WHERE { ?a ?b }\n", ":3:1: SPARQL syntax error: expected OPTIONAL"),
    ("SELECT ?a WHERE { ?a ?b ?c }\n", ":1: the header needs '#+ summary: ...'"),
    ("#+ summary: x\n#+ colour: red\nSELECT ?a WHERE { ?a ?b ?c }\n", ":1: unknown header key(s) colour; allowed: "),
    ("#+ summary: x\n#+ parameters: {x: {description: d, example: e}}\nDESCRIBE ?_x_iri\n",
     ": the query has no group to bind its parameters in; write 'WHERE { ... }' after the query form"),
    ("#+ summary: x\nSELECT ?a WHERE { SERVICE <http://example.org/sparql> { ?a ?b ?c } }\n",
     ":2:19: SERVICE is not allowed in saved queries (claimgraph never goes to the network on its own)"),
    ("#+ summary: x\nSELECT ?a WHERE { ?a ?b ?_x_iri }\n",
     ":1: parameter 'x' needs '#+ parameters: {x: {description: ..., example: ...}}'"),
    ("#+ summary: x\n#+ parameters: {y: {description: d, example: e}}\nSELECT ?a WHERE { ?a ?b ?c }\n",
     ":1: header documents parameter(s) y that the query does not use"),
    ("#+ summary: [x\nSELECT ?a WHERE { ?a ?b ?c }\n", ":1: malformed '#+' header: while parsing a flow sequence expected ',' or ']'"),
])
def test_bad_query_files_are_refused_with_a_location(tmp_path, text, message):
    path = tmp_path / "bad.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError) as info:
        load_query(path)
    assert str(info.value).startswith(str(path) + message), str(info.value)


# -- the CLI on the built seed project ------------------------------------------------------------

def rows(result) -> list[dict[str, str]]:
    """The CSV answer of a successful ``query`` run (a failed run must not read as no rows)."""
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_shareholders_of_mistral(built):
    result = built.run("query", "shareholders", "-p", "company=Mistral AI", "--format", "csv")
    assert result.exit_code == 0, result.output
    found = [(r["holder"], r["percentage"], r["position"]) for r in rows(result)]
    assert found == [("https://w3id.org/claimgraph/id/asml", "11", ""),
                     ("https://w3id.org/claimgraph/id/asml", "", "largest")]


def test_partners_of_openai_in_both_directions(built):
    partners = {r["partner"].rsplit("/", 1)[-1] for r in rows(built.run("query", "partners", "-p", "org=OpenAI",
                                                                        "--format", "csv"))}
    assert partners == {"microsoft", "apple"}
    mistral = {r["partner"].rsplit("/", 1)[-1] for r in rows(built.run("query", "partners", "-p", "org=mistral-ai",
                                                                       "--format", "csv"))}
    assert mistral == {"asml"}


def test_european_companies_needs_the_inferred_graph(built):
    full = rows(built.run("query", "european-companies", "--format", "csv"))
    assert {(r["organization"].rsplit("/", 1)[-1], r["country"].rsplit("/", 1)[-1]) for r in full} == {
        ("asml", "netherlands"), ("mistral-ai", "france")}
    assert rows(built.run("query", "european-companies", "--format", "csv", "--asserted-only")) == []


def build_with_nova_claims(project, claims_yaml: str) -> None:
    """Add the example article, append ``claims_yaml`` (claims) to its claim file, and build."""
    from conftest import add_example_article
    add_example_article(project.root)
    with open(project.path("data/claims/example-2026-01-15-nova.yaml"), "a", encoding="utf-8") as claims:
        claims.write(claims_yaml)
    built = project.run("build")
    assert built.exit_code == 0, built.output


def test_european_companies_leaves_out_a_country_whose_membership_ended(project, tmp_path):
    """The UK left the EU (reference data: until 2020-01-31): a UK company is located in the UK
    but is not listed, while one in the Netherlands is."""
    build_with_nova_claims(project, """
  - id: acme-is-british
    type: headquarters
    modality: fact
    organization: Acme Ventures
    place: United Kingdom
    evidence: "Acme Ventures now holds 55% of Nova Robotics"

  - id: nova-is-dutch
    type: headquarters
    modality: fact
    organization: Nova Robotics
    place: Netherlands
    evidence: "Nova Robotics raises EUR 100 million"
""")
    located = tmp_path / "in-the-uk.rq"
    located.write_text("#+ summary: Organizations in the UK.\nPREFIX cg: <https://w3id.org/claimgraph/ontology#>\n"
                       "PREFIX cgi: <https://w3id.org/claimgraph/id/>\n"
                       "SELECT ?organization WHERE { ?organization cg:locatedIn cgi:united-kingdom }\n", encoding="utf-8")
    in_uk = rows(project.run("query", str(located), "--format", "csv"))
    assert [r["organization"].rsplit("/", 1)[-1] for r in in_uk] == ["acme-ventures"]
    found = rows(project.run("query", "european-companies", "--format", "csv"))
    assert sorted((r["organization"].rsplit("/", 1)[-1], r["country"].rsplit("/", 1)[-1]) for r in found) == [
        ("asml", "netherlands"), ("mistral-ai", "france"), ("nova-robotics", "netherlands")]


def test_unconfirmed_shows_the_apple_rumour_and_who_denied_it(built):
    found = rows(built.run("query", "unconfirmed", "--format", "csv"))
    rumour = next(r for r in found if r["claim"].endswith("/apple-considered-buying-mistral"))
    assert rumour["modality"].endswith("#Rumour") and rumour["status"].endswith("#Considered")
    assert rumour["response"].endswith("/mensch-mistral-not-for-sale")
    assert rumour["responseSpeaker"].endswith("/arthur-mensch")
    assert {r["claim"].rsplit("/", 1)[-1] for r in found} == {
        "apple-considered-buying-mistral", "mensch-mistral-not-for-sale", "mistral-ipo-expected",
        "techzine-speculated-more-than-investor"}


def test_entity_is_a_construct_printed_as_turtle(built):
    result = built.run("query", "entity", "-p", "entity=cgi:mistral-ai")
    assert result.exit_code == 0
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) > 40
    assert "cgi:mistral-ai" in result.stdout and "cg:AIModelDeveloper" in result.stdout
    bad = built.run("query", "entity", "-p", "entity=cgi:mistral-ai", "--format", "csv")
    assert bad.exit_code == 2
    assert bad.stderr.endswith("Error: a CONSTRUCT query gives RDF: use --format turtle, not csv\n")


@pytest.mark.parametrize("args, message", [
    (["query", "sharehol"], "Error: unknown query 'sharehol'; did you mean shareholders?"),
    (["query", "shareholders"], "Error: query 'shareholders' needs parameter 'company' (The company whose "
                                "shareholders to list); for example: -p company=\"Mistral AI\""),
    (["query", "shareholders", "-p", "company=Mistral AI", "-p", "colour=red"],
     "Error: unknown parameter 'colour' for query 'shareholders'; it takes: company"),
    (["query", "shareholders", "-p", "company"], "Error: -p 'company': write parameters as name=value"),
    (["query", "shareholders", "-p", "company=Mistrall"],
     "Error: -p company: no entity is named 'Mistrall'; closest names: 'Mistral', 'Ministral', 'mistral-ai'"),
    (["query", "products", "--format", "turtle"],
     "Error: a SELECT query gives a results table: use table, csv, tsv, json or xml"),
])
def test_usage_errors_exit_2_with_one_clear_line(built, args, message):
    result = built.run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message


def test_a_query_file_with_a_syntax_error_names_line_and_column(built, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("#+ summary: mine\nSELECT ?x\nWHERE { ?x ?y }\n", encoding="utf-8")
    result = built.run("query", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1]== f"Error: {path}:4:1: SPARQL syntax error: expected OPTIONAL"


def test_queries_lists_name_summary_and_parameters(built):
    result = built.run("queries")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "summary", "parameters"]
    shareholders = next(line for line in lines if line.startswith("shareholders "))
    assert shareholders.endswith("*company")
    investments = next(line for line in lines if line.startswith("investments "))
    assert investments.endswith("investor investee")


def test_a_changed_answer_fails_check_with_a_diff_until_accepted(project):
    project.edit(CLAIM_FILE, "    percentage: 11 procent", "    percentage: 12 procent")
    project.edit(CLAIM_FILE, "ASML dat vanaf vandaag 11 procent van Mistral AI bezit",
                 "ASML dat vanaf vandaag 11 procent van Mistral AI bezit")
    assert project.run("build").exit_code == 0
    result = project.run("check")
    assert result.exit_code == 1
    assert "queries/expected/shareholders.tsv: error: query 'shareholders' answers differently than expected: " \
           "0 row(s) added, 0 removed, 1 changed (fix: if the change is intended, run `claimgraph update-expected " \
           "shareholders` and commit)" in result.stdout
    # only the changed row, named by its claim, and only the cell that changed, as CURIEs
    assert ('    ~ ?claim=cgi:claim/techzine-2025-09-09-asml-mistral/asml-holds-11-percent  '
            '?percentage: "11"^^xsd:decimal -> "12"^^xsd:decimal') in result.stdout.splitlines()
    assert "https://" not in result.stdout
    accepted = project.run("update-expected")
    assert accepted.exit_code == 0
    assert "updated queries/expected/shareholders.tsv: +1 -1 rows" in accepted.stderr
    assert project.run("check").exit_code == 0


def test_check_without_build_answers_from_the_claims_not_from_the_stale_files(project):
    project.edit(CLAIM_FILE, "    percentage: 11 procent", "    percentage: 12 procent")
    result = project.run("check")
    assert result.exit_code == 1
    for stale in ("asserted.ttl", "claimgraph.trig"):
        assert f"data/build/{stale}: error: built file is stale" in result.stdout
    assert "inferred.ttl: error" not in result.stdout
    assert '?percentage: "11"^^xsd:decimal -> "12"^^xsd:decimal' in result.stdout


def test_update_expected_without_build_answers_from_the_claims_not_from_the_stale_files(project):
    project.edit(CLAIM_FILE, "    percentage: 11 procent", "    percentage: 12 procent")
    accepted = project.run("update-expected", "shareholders")
    assert accepted.exit_code == 0
    assert "updated queries/expected/shareholders.tsv" in accepted.stderr
    assert 'cgi:asml\t"12"^^xsd:decimal\t' in project.path(
        "queries/expected/shareholders.tsv").read_text(encoding="utf-8")


def test_update_expected_after_a_build_changes_nothing(built):
    accepted = built.run("update-expected")
    assert accepted.exit_code == 0
    assert accepted.stderr.endswith("update-expected: 0 file(s) changed\n")


def test_a_check_query_with_rows_fails_check(project):
    (project.root / "queries/check-no-rumours.rq").write_text(
        "#+ summary: No rumours please.\n#+ check: true\n"
        "PREFIX cg: <https://w3id.org/claimgraph/ontology#>\n"
        "SELECT ?claim WHERE { ?claim cg:modality cg:Rumour }\nORDER BY ?claim\n", encoding="utf-8")
    assert project.run("update-expected", "check-no-rumours").exit_code == 0
    result = project.run("check")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "check 'check-no-rumours'" in line]
    assert lines == [
        "queries/check-no-rumours.rq: error: check 'check-no-rumours': claim=https://w3id.org/claimgraph/id/claim/"
        "techzine-2025-09-09-asml-mistral/apple-considered-buying-mistral (fix: No rumours please.)",
        "queries/check-no-rumours.rq: error: check 'check-no-rumours': claim=https://w3id.org/claimgraph/id/claim/"
        "techzine-2025-09-09-asml-mistral/techzine-speculated-more-than-investor (fix: No rumours please.)"]


def _conflicts_with_nova_claims(project, claims_yaml: str) -> list[dict]:
    """:func:`build_with_nova_claims`, then the rows of ``claimgraph query conflicts``."""
    build_with_nova_claims(project, claims_yaml)
    return rows(project.run("query", "conflicts", "--format", "csv"))


def _pairs(found: list[dict]) -> list[tuple[str, ...]]:
    """Each conflict row as (aspect, value A, claim A's id, value B, claim B's id)."""
    return [(r["aspect"], r["valueA"], r["claimA"].rsplit("/", 1)[-1], r["valueB"], r["claimB"].rsplit("/", 1)[-1])
            for r in found]


STAKE_55 = """
  - id: asml-holds-55-percent-of-mistral
    type: shareholding
    modality: fact
    holder: ASML
    company: Mistral AI
    percentage: 55%
    evidence: "Acme Ventures now holds 55% of Nova Robotics"
"""


def test_disagreeing_claims_without_a_shared_event_are_proposed_not_paired(project):
    """A conflict is one event with incompatible values: two claims that name no event are not
    paired by guesswork (the 2024 talks and the 2025 deal have the same parties), but ``check``
    proposes the event."""
    assert _conflicts_with_nova_claims(project, STAKE_55) == []
    result = project.run("check")
    nova = "data/claims/example-2026-01-15-nova.yaml"
    line = project.line_of(nova, "- id: asml-holds-55-percent-of-mistral")
    seed_line = project.line_of(CLAIM_FILE, "- id: asml-holds-11-percent")
    assert (f"{nova}:{line}:5: warning: probably the same event as {CLAIM_FILE}:{seed_line}:5 (same shareholding, "
            "no shared event) (fix: add 'event: shareholding-asml-mistral-ai' to both, or give them different "
            "events if they differ)") in result.stdout.splitlines(), result.stdout


def test_conflicting_claims_of_one_event_are_surfaced_with_both_sources(project):
    project.edit(CLAIM_FILE, "  - id: asml-holds-11-percent\n", "  - id: asml-holds-11-percent\n    event: asml-stake-in-mistral\n")
    found = _conflicts_with_nova_claims(project, STAKE_55.replace(
        "    type: shareholding\n", "    type: shareholding\n    event: asml-stake-in-mistral\n"))
    assert _pairs(found) == [("stake", "55%", "asml-holds-55-percent-of-mistral", "11 procent", "asml-holds-11-percent")]
    assert found[0]["sourceA"].endswith("/example-2026-01-15-nova")
    assert found[0]["sourceB"].endswith("/techzine-2025-09-09-asml-mistral")
    assert found[0]["modalityA"].endswith("#StatedAsFact")


def test_an_example_that_does_not_fit_the_data_is_a_clear_error(project):
    project.edit("queries/shareholders.rq", "example: Mistral AI}", "example: Nobody}")
    result = project.run("update-expected", "shareholders")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: a query's parameter example does not fit the data: query 'shareholders': -p company: no entity is "
        "named 'Nobody'; fix the example in its '#+ parameters' header")


def test_insert_values_goes_into_the_outer_where_group_not_a_comment_or_string():
    from claimgraph.queries.saved import insert_values
    text = '# WHERE { in a comment\nSELECT * WHERE { ?s ?p "WHERE { in a string" }'
    bound = insert_values(text, {"s": ["<http://x/a>", "<http://x/b>"]})
    assert bound == ('# WHERE { in a comment\nSELECT * WHERE {\n  VALUES ?s { <http://x/a> <http://x/b> }'
                     ' ?s ?p "WHERE { in a string" }')


PUSH_DATA = """
@prefix : <http://example.org/> .
:a :p 1 ; :q 4 .
:b :p 2 ; :q 3 .
:c :q 5 .
"""

PUSH_CASES = [  # (where-group body, is the binding repeated in the branches?)
    ("{ ?x :p ?o } UNION { ?s :q ?o . ?s :p ?x }", [True, True]),
    ("{ ?x :p ?o OPTIONAL { ?x :q ?z } } UNION { ?x :q ?z FILTER (?z > 3) }", [True, True]),
    # an OPTIONAL first: the outer binding must not be joined first (x = :c gives other rows)
    ("{ OPTIONAL { ?x :p ?y } ?x :q ?z } UNION { ?x :p ?y }", [False, True]),
    # the variable only in a FILTER, or only in a collection: unbound there, so not repeated
    ("{ ?s :q ?z FILTER (?s = ?x) } UNION { ?s :p ( ?x ) }", [False, False]),
    ("{ { ?x :p ?y } UNION { ?x :q ?y } } UNION { GRAPH ?g { ?x :p ?y } }", [False, False]),
]


@pytest.mark.parametrize("body, pushed", PUSH_CASES)
def test_a_binding_repeated_in_union_branches_gives_the_same_answers(body, pushed, monkeypatch):
    import pyoxigraph as ox

    from claimgraph.queries import saved as queries

    store = ox.Store()
    store.load(PUSH_DATA.encode(), format=ox.RdfFormat.TURTLE)
    text = f"PREFIX : <http://example.org/>\nSELECT * WHERE {{ {body} }}"

    def answers(query_text: str) -> set:
        result = store.query(query_text)
        return {tuple(str(row[v]) if row[v] is not None else None for v in result.variables) for row in result}

    for entity in ("http://example.org/a", "http://example.org/b", "http://example.org/c"):
        bound = queries.insert_values(text, {"x": [f"<{entity}>"]})
        assert bound.count(f"VALUES ?x {{ <{entity}> }}") == 1 + sum(pushed)
        with monkeypatch.context() as patch:
            patch.setattr(queries, "_pushable_branches", lambda tokens, offset: [])
            outer_only = queries.insert_values(text, {"x": [f"<{entity}>"]})
        assert answers(bound) == answers(outer_only), entity


def test_the_binding_goes_right_after_the_opening_brace_of_each_branch_it_fits():
    from claimgraph.queries.saved import insert_values

    text = "SELECT * WHERE { ?a ?b ?c { ?x ?y ?z } { ?x ?p ?o } UNION { OPTIONAL { ?x ?p ?o } } UNION { ?s $x ?o } }"
    assert insert_values(text, {"x": ["1"]}) == (
        "SELECT * WHERE {\n  VALUES ?x { 1 } ?a ?b ?c { ?x ?y ?z } { VALUES ?x { 1 } ?x ?p ?o } "
        "UNION { OPTIONAL { ?x ?p ?o } } UNION { VALUES ?x { 1 } ?s $x ?o } }")


def test_repeating_the_binding_after_an_optional_would_change_the_answer():
    """Why a branch that starts with OPTIONAL is left alone: the test case above can fail."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(PUSH_DATA.encode(), format=ox.RdfFormat.TURTLE)
    prefix = "PREFIX : <http://example.org/>\nSELECT * WHERE { VALUES ?x { :c } "
    outer = prefix + "{ OPTIONAL { ?x :p ?y } ?x :q ?z } UNION { ?x :p ?y } }"
    inner = prefix + "{ VALUES ?x { :c } OPTIONAL { ?x :p ?y } ?x :q ?z } UNION { ?x :p ?y } }"
    assert len(list(store.query(outer))) == 0
    assert len(list(store.query(inner))) == 1


def test_the_entity_query_binds_the_entity_inside_both_branches(built):
    from claimgraph.queries.saved import bind_values

    query = load_query(built.root / "queries" / "entity.rq")
    bound = bind_values(query, {"entity": "<https://w3id.org/claimgraph/id/mistral-ai>"})
    assert bound.count("VALUES ?_entity_iri { <https://w3id.org/claimgraph/id/mistral-ai> }") == 3


def test_check_reports_a_failing_query_and_still_compares_every_other_in_order(project):
    project.edit("queries/shareholders.rq", "example: Mistral AI}", "example: Nobody}")
    (project.root / "queries/expected/statements.tsv").unlink()
    result = project.run("check", "--no-cache")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "queries/shareholders.rq: error: query 'shareholders' failed: -p company: no entity is named 'Nobody' "
        "(fix: fix the query or its parameter examples)",
        "queries/expected/statements.tsv: error: query 'statements' has no expected answer "
        "(fix: review the answer and run `claimgraph update-expected statements`)",
    ]


UNTRACED_FACTS = """
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix t: <https://w3id.org/claimgraph/id/test/> .
t:article a cg:Article .
t:quoted a cg:Claim ; cg:evidence t:quote ; cg:source t:article .
t:quote oa:exact "a verbatim quote" .
t:orphan a cg:Fact .
t:from-article a cg:Fact ; prov:wasDerivedFrom t:article .
t:unquoted-claim a cg:Claim ; cg:source t:article .
t:from-unquoted a cg:Fact ; prov:wasDerivedFrom t:unquoted-claim .
t:unsourced-claim a cg:Claim ; cg:evidence t:quote .
t:from-unsourced a cg:Fact ; prov:wasDerivedFrom t:unsourced-claim .
t:badly-sourced-claim a cg:Claim ; cg:evidence t:quote ; cg:source t:orphan .
t:from-badly-sourced a cg:Fact ; prov:wasDerivedFrom t:badly-sourced-claim .
t:from-two-claims a cg:Fact ; prov:wasDerivedFrom t:quoted , t:unquoted-claim .
t:traced a cg:Fact ; prov:wasDerivedFrom t:quoted .
"""


def test_check_untraced_facts_reports_each_way_a_fact_can_lose_its_trace(built):
    """The check query finds nothing on the seed, and exactly the planted faults when added."""
    import pyoxigraph as ox

    from claimgraph.queries.formats import solutions

    query = load_query(built.root / "queries/check-untraced-facts.rq")
    engine = EmbeddedEngine.from_trig(built.root / "data/build/claimgraph.trig")

    def found(tsv: bool = False) -> list[tuple[str, str]]:
        table = solutions(run_saved_query(engine, query, {}, tsv=tsv))
        return [(row["fact"].value.rsplit("/", 1)[-1], row["problem"].value) for row in table]

    assert found() == []
    engine.store.load(UNTRACED_FACTS.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(GRAPH_ASSERTED)))
    no_claim, unsupported = "not derived from a claim", "its claim has no quote or no source"
    assert found() == [("from-article", no_claim), ("from-badly-sourced", unsupported),
                       ("from-two-claims", unsupported), ("from-unquoted", unsupported),
                       ("from-unsourced", unsupported), ("orphan", no_claim)]
    assert found(tsv=True) == found()  # check does it so


def test_every_saved_answer_is_the_same_through_tsv_and_through_json(built):
    """check and update-expected ask the embedded store for TSV; the expected text and the rows
    must be those the JSON path (the command line's, an endpoint's) gives."""
    from claimgraph.queries.expected import example_values
    from claimgraph.queries.formats import solutions, sorted_expected

    engine = EmbeddedEngine.from_trig(built.root / "data/build/claimgraph.trig")
    paths = sorted((built.root / "queries").glob("*.rq"))
    assert len(paths) == len(list((REPO / "queries").glob("*.rq")))
    for path in paths:
        query = load_query(path)
        via_json = run_saved_query(engine, query, example_values(query))
        via_tsv = run_saved_query(engine, query, example_values(query), tsv=True)
        assert (via_json.results, via_tsv.results) == ("json", "tsv" if query.form == "SELECT" else "json")
        assert sorted_expected(via_tsv) == sorted_expected(via_json), query.name
        assert sorted_expected(via_tsv) == (built.root / "queries/expected" / (
            query.name + ".tsv")).read_text(encoding="utf-8"), query.name
        if query.form == "SELECT":
            rows = [[row[v] for v in solutions(via_json).variables] for row in solutions(via_json)]
            assert [[row[v] for v in solutions(via_tsv).variables] for row in solutions(via_tsv)] == rows


def test_a_damaged_committed_dataset_is_reported_and_the_queries_answer_on_the_runs_own(project):
    """A committed TriG that does not parse is stale, and the saved queries answer on the run's own."""
    (project.root / "data/build/claimgraph.trig").write_text("<not> <valid> TriG", encoding="utf-8")
    result = project.run("check", "--no-cache")
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        "data/build/claimgraph.trig: error: built file is stale: it differs from what the claims, registry "
        "and ontology give now (fix: run `claimgraph build` and commit the result)"]
    assert "Traceback" not in result.output


def test_saved_queries_run_two_at_once_and_come_back_in_order_with_their_errors(monkeypatch):
    """``check`` and ``update-expected`` run the saved queries on a thread pool: the answers (or
    each one's error) still come in the queries' order, whichever query finishes first."""
    import threading
    import time

    from claimgraph.queries import expected as expectations

    monkeypatch.setattr(expectations, "QUERY_THREADS", 2)
    both_running = threading.Barrier(2, timeout=10)

    def run(name: str) -> str:
        if name in ("slow", "fast"):
            both_running.wait()  # raises BrokenBarrierError unless the two run at the same time
        if name == "slow":
            time.sleep(0.2)
        if name == "broken":
            raise ParameterError("no example for 'org'")
        return name.upper()

    outcomes = list(expectations._each_answer(["slow", "fast", "broken", "last"], run, None))
    assert [name for name, _ in outcomes] == ["slow", "fast", "broken", "last"]
    assert [outcome.result() for _, outcome in outcomes if outcome.exception() is None] == ["SLOW", "FAST", "LAST"]
    with pytest.raises(ParameterError, match="no example for 'org'"):
        outcomes[2][1].result()


def test_csv_quotes_an_iri_with_a_comma_and_turtle_keeps_lexical_forms():
    """Issue 23 item 5: pyoxigraph 0.5's CSV writer leaves an IRI with a comma unquoted, and
    rdflib's longturtle writes "11"^^xsd:decimal as 11.0 (another term); neither is passed on."""
    import pyoxigraph as ox
    from claimgraph.queries.formats import graph_turtle, results_csv
    from claimgraph.stores.embedded import RawAnswer
    store = ox.Store()
    decimal = ox.Literal("11", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    store.add(ox.Quad(ox.NamedNode("http://example.org/a,b"), ox.NamedNode("http://example.org/p"), decimal,
                      ox.DefaultGraph()))
    answer = store.query("SELECT ?s ?o WHERE { ?s ?p ?o }")
    assert results_csv(answer) == 's,o\r\n"http://example.org/a,b",11\r\n'
    constructed = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    data = constructed.serialize(format=ox.RdfFormat.N_TRIPLES)
    turtle = graph_turtle(RawAnswer("CONSTRUCT", data, "nt"))
    assert '"11"^^xsd:decimal' in turtle and "11.0" not in turtle


def test_investments_lists_round_leads_and_participants_without_an_amount_of_their_own(project):
    """Issue 21: an investor that only took part in a round is an investor too; the round's
    total is not its amount."""
    from conftest import add_example_article
    add_example_article(project.root)
    assert project.run("build").exit_code == 0
    found = rows(project.run("query", "investments", "-p", "investee=Nova Robotics", "--format", "csv"))
    assert {(r["investor"].rsplit("/", 1)[-1], r["as"], r["value"]) for r in found} >= {
        ("acme-ventures", "round lead", ""), ("asml", "round participant", "")}


@pytest.mark.parametrize("text", [
    "ASK { ?s ?p ?_x_iri }", "SELECT * { ?s ?p ?_x_iri }", "DESCRIBE ?s { ?s ?p ?_x_iri }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER (sameTerm(?o, ?_x_iri)) }",
])
def test_a_query_without_the_where_keyword_is_bound_in_its_group(tmp_path, text):
    """Issue 23 item 5: SPARQL lets SELECT, ASK and DESCRIBE leave out WHERE."""
    from claimgraph.queries.saved import bind_values, load_query
    path = tmp_path / "q.rq"
    path.write_text("#+ summary: x\n#+ parameters: {x: {description: d, example: e}}\n" + text + "\n",
                    encoding="utf-8")
    bound = bind_values(load_query(path), {"x": "<http://example.org/x>"})
    query = bound.split("\n", 2)[2]  # after the two header lines
    main_group = query.index("WHERE {") + 6 if "WHERE" in query else query.index("{")
    assert query[main_group:].startswith("{\n  VALUES ?_x_iri { <http://example.org/x> }")
    import pyoxigraph as ox
    ox.Store().query(bound)  # still one valid query


def test_a_describe_without_a_group_and_without_parameters_loads(tmp_path):
    from claimgraph.queries.saved import load_query
    path = tmp_path / "d.rq"
    path.write_text("#+ summary: x\nDESCRIBE <http://example.org/x>\n", encoding="utf-8")
    assert load_query(path).form == "DESCRIBE"


def test_a_query_can_come_from_standard_input_without_a_header(project):
    """Issue 23 item 5: ``claimgraph query -``; it is checked as a saved query is."""
    text = ("PREFIX cg: <https://w3id.org/claimgraph/ontology#>\n"
            "SELECT ?event WHERE { ?event a cg:Event } ORDER BY ?event\n")
    from claimgraph.cli import cli
    result = project.runner.invoke(cli, ["--project", str(project.root), "query", "-", "--format", "csv"], input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "event"
    update = project.runner.invoke(cli, ["--project", str(project.root), "query", "-"],
                                   input="DELETE WHERE { ?s ?p ?o }\n")
    assert update.exit_code == 2
    assert ("Error: <stdin>:1:1: updates are not allowed in saved queries (found DELETE); write a SELECT, "
            "CONSTRUCT, ASK or DESCRIBE query") in update.output
