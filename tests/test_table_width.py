"""Issue 21 item 7: in table format only, long values are shortened with an ellipsis."""

from __future__ import annotations

import csv
import io
import json

from claimgraph.queries.formats import MIN_COLUMN, table_text

QUOTE = "Naast een investering van 1,3 miljard euro"  # the start of the seed's longest quote


def full_quotes(built) -> list[str]:
    result = built.run("query", "evidence", "-p", "entity=ASML", "--format", "csv")
    return [row["quote"] for row in csv.DictReader(io.StringIO(result.stdout))]


def test_a_table_shortens_long_quotes_to_the_default_width(built):
    result = built.run("query", "evidence", "-p", "entity=ASML")  # not a terminal: 120 columns
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    longest = max(full_quotes(built), key=len)
    assert len(longest) > 100
    assert longest not in result.stdout and longest[:15] in result.stdout
    shortened = [line for line in lines if "Naast een investeri…" in line]
    assert shortened, result.stdout
    # names stay whole: every claim id and the source id are there in full
    assert "techzine-2025-09-09-asml-mistral" in shortened[0] and "asml-invests-in-mistral" in shortened[0]


def test_other_formats_are_never_shortened(built):
    longest = max(full_quotes(built), key=len)
    for fmt in ("tsv", "json", "xml"):
        result = built.run("query", "evidence", "-p", "entity=ASML", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "…" not in result.stdout
        shown = json.dumps(longest)[1:-1] if fmt == "json" else longest
        assert shown.replace('"', "&quot;" if fmt == "xml" else '"') in result.stdout or longest in result.stdout, fmt


def test_the_library_shortens_only_with_a_width(built):
    import claimgraph
    answer = claimgraph.run_query(built.root, "evidence", {"entity": "ASML"})
    longest = max(full_quotes(built), key=len)
    assert longest in answer.render("table")
    narrow = answer.render("table", width=80)
    assert longest not in narrow and "…" in narrow
    assert "…" not in answer.render("csv", width=80)


def test_a_fitted_table_fits_and_keeps_names_whole():
    rows = [["acme", "x" * 200], ["beta-incorporated", "short quote"]]
    text = table_text(["name", "quote"], rows, 60, shortenable=[False, True])
    lines = text.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert lines[2] == "acme               " + "x" * 40 + "…"
    assert lines[3] == "beta-incorporated  short quote"
    assert table_text(["name", "quote"], rows) == table_text(["name", "quote"], rows, 1000)


def test_wide_characters_count_twice_and_a_column_keeps_a_minimum():
    text = table_text(["q"], [["株" * 50]], 30)
    cell = text.splitlines()[2]
    assert cell.endswith("…") and sum(2 if ch == "株" else 1 for ch in cell) <= 30
    tiny = table_text(["a", "b"], [["y" * 50, "z" * 50]], 10).splitlines()[2]
    assert tiny == "y" * (MIN_COLUMN - 1) + "…  " + "z" * (MIN_COLUMN - 1) + "…"
