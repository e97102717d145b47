"""Listings page: saved queries with grlc's ``#+ pagination: N`` show a table page by page."""

import csv
import io
import json
from pathlib import Path

import pytest

from claimgraph.queries.saved import QueryError, list_queries, parse_query

HEADER = "#+ summary: A listing.\n#+ pagination: 10\n"
BODY = "SELECT ?s WHERE { ?s a ?type }\n"


@pytest.fixture
def listing(project):
    """The seed project with ``inferred`` (58 rows on the seed) in pages of 10."""
    project.edit("queries/inferred.rq", "#+ pagination: 100", "#+ pagination: 10")
    return project


def _rows(result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))


def test_every_listing_of_the_whole_graph_is_paginated(built):
    """A SELECT that needs no parameter lists the whole graph, and so does evidence (every claim
    about an entity); checks must stay whole (each row is a problem)."""
    queries = {q.name: q for q in list_queries(built.root)}
    listings = {name for name, q in queries.items() if q.form == "SELECT" and not q.is_check
                and not any(p.required for p in q.params)} | {"evidence"}
    assert {name for name, q in queries.items() if q.pagination} == listings
    assert {"inferred", "events", "evidence", "unconfirmed", "statements"} <= listings
    assert all(queries[name].pagination == 100 for name in listings)


def test_a_table_shows_the_first_page_and_says_how_to_get_the_next_or_all(listing):
    every = _rows(listing.run("query", "inferred", "--format", "csv"))[1:]
    assert len(every) > 30
    first = listing.run("query", "inferred")
    assert first.exit_code == 0
    lines = first.stdout.splitlines()
    assert lines[-2:] == ["(10 rows)", "page 1 of 'inferred' (rows 1-10); next: --page 2; every row: --all"]
    whole = listing.run("query", "inferred", "--all")
    assert whole.stdout.splitlines()[-1] == f"({len(every)} rows)"
    words = [line.split() for line in whole.stdout.splitlines()]  # the columns are as wide as their page's cells
    assert words[2:12] == [line.split() for line in lines[2:12]]
    last = (len(every) - 1) // 10 + 1
    end = listing.run("query", "inferred", "--page", str(last)).stdout.splitlines()
    assert end[-1] == (f"page {last} of 'inferred' (rows {(last - 1) * 10 + 1}-{len(every)}, the last); "
                       "every row: --all")
    past = listing.run("query", "inferred", "--page", str(last + 1)).stdout.splitlines()
    assert past[-2:] == ["(0 rows)", f"page {last + 1} of 'inferred' is past its last page; every row: --all"]


def test_a_page_is_the_slice_of_every_row_in_the_order_by_order(listing):
    every = _rows(listing.run("query", "inferred", "--format", "csv"))
    second = _rows(listing.run("query", "inferred", "--format", "csv", "--page", "2"))
    assert second[0] == every[0] and second[1:] == every[11:21]
    assert _rows(listing.run("query", "inferred", "--format", "csv", "--all")) == every


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_machine_formats_give_every_row_unless_a_page_is_asked_for(listing, fmt):
    given = listing.run("query", "inferred", "--format", fmt)
    asked = listing.run("query", "inferred", "--format", fmt, "--all")
    assert given.exit_code == asked.exit_code == 0
    assert given.stdout == asked.stdout and "page" not in given.stdout.splitlines()[-1]
    if fmt == "json":
        assert len(json.loads(given.stdout)["results"]["bindings"]) > 30
        page = json.loads(listing.run("query", "inferred", "--format", fmt, "--page", "3").stdout)
        assert len(page["results"]["bindings"]) == 10


def test_a_short_listing_shows_no_page_line(built):
    products = built.run("query", "products")
    assert products.exit_code == 0
    assert products.stdout.splitlines()[-1].endswith("rows)")


def test_page_and_all_are_refused_where_they_do_not_apply(built):
    other = built.run("query", "shareholders", "-p", "company=ASML", "--page", "2")
    assert other.exit_code == 2
    assert other.stderr.splitlines()[-1] == ("Error: query 'shareholders' has no page 2 (it is not paginated: its "
                                             "header has no '#+ pagination: N')")
    both = built.run("query", "inferred", "--page", "2", "--all")
    assert (both.exit_code, both.stderr.splitlines()[-1]) == (2, "Error: --page and --all exclude each other: give one")
    zero = built.run("query", "inferred", "--page", "0")
    assert zero.exit_code == 2 and "0 is not in the range x>=1" in zero.stderr


@pytest.mark.parametrize("text, message", [
    (HEADER + BODY, "q.rq:2: a paginated query needs ORDER BY after its WHERE group, so that every run shows the "
                    "same rows on the same page; add ORDER BY with the columns that tell rows apart"),
    (HEADER + "SELECT ?s WHERE { { SELECT ?s WHERE { ?s a ?t } ORDER BY ?s } }\n",
     "q.rq:2: a paginated query needs ORDER BY after its WHERE group, so that every run shows the same rows on the "
     "same page; add ORDER BY with the columns that tell rows apart"),
    (HEADER + "SELECT ?s WHERE { ?s a ?type } ORDER BY ?s LIMIT 5\n",
     "q.rq:2: a paginated query may not end with its own LIMIT (claimgraph adds LIMIT and OFFSET for each page); "
     "remove it or the pagination"),
    (HEADER + "SELECT ?s WHERE { ?s a ?type } ORDER BY ?s VALUES ?s { <urn:x> }\n",
     "q.rq:2: a paginated query may not end with its own VALUES (claimgraph adds LIMIT and OFFSET for each page); "
     "remove it or the pagination"),
    ("#+ summary: A listing.\n#+ pagination: many\n" + BODY,
     "q.rq:2: 'pagination' must be a whole number of rows per page, such as 100"),
    ("#+ summary: A listing.\n#+ pagination: 0\n" + BODY,
     "q.rq:2: 'pagination' must be a whole number of rows per page, such as 100"),
    (HEADER + "CONSTRUCT { ?s a ?type } WHERE { ?s a ?type } ORDER BY ?s\n",
     "q.rq:2: only a SELECT query can be paginated (this is CONSTRUCT)"),
])
def test_a_paginated_query_without_a_fixed_order_is_refused_when_it_is_loaded(text, message):
    with pytest.raises(QueryError) as error:
        parse_query(text, Path("q.rq"), "q.rq")
    assert str(error.value) == message


def test_a_refused_listing_is_one_line_and_exit_2(project):
    (project.root / "queries/listing.rq").write_text(HEADER + BODY, encoding="utf-8")
    result = project.run("query", "listing")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: queries/listing.rq:2: a paginated query needs ORDER BY after its WHERE group, so that every run "
        "shows the same rows on the same page; add ORDER BY with the columns that tell rows apart")
    assert parse_query(HEADER + BODY.replace("}\n", "} ORDER BY ?s\n"), Path("q.rq"), "q.rq").pagination == 10
