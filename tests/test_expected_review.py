"""Issue 21 item 6: expected answers and check's differences are reviewable: CURIEs, not full
IRIs; per query a summary and only the rows that changed, capped; still exact."""

from __future__ import annotations

import re

from claimgraph.queries.expected import SHOWN_ROWS, row_changes
from conftest import CLAIM_FILE, add_example_article

HEADER = "?holder\t?percentage\t?claim"


def test_expected_files_hold_curies_not_project_iris(built):
    files = sorted((built.root / "queries/expected").glob("*"))
    assert files and all(f.suffix == ".tsv" for f in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "<https://w3id.org/claimgraph/" not in text, path.name
        assert "<http://www.w3.org/2001/XMLSchema#" not in text, path.name
    entity = (built.root / "queries/expected/entity.tsv").read_text(encoding="utf-8").splitlines()
    assert entity[0] == "?subject\t?predicate\t?object"
    assert "cgi:mistral-ai\tcg:hasInvestor\tcgi:asml" in entity


def test_a_changed_row_is_shown_once_with_the_cells_that_changed():
    old = f'{HEADER}\ncgi:asml\t"11"^^xsd:decimal\tcgi:claim/s/a\ncgi:beta\t"5"^^xsd:decimal\tcgi:claim/s/b\n'
    new = f'{HEADER}\ncgi:asml\t"12"^^xsd:decimal\tcgi:claim/s/a\ncgi:beta\t"5"^^xsd:decimal\tcgi:claim/s/b\n'
    changes = row_changes(old, new)
    assert changes.summary() == "0 row(s) added, 0 removed, 1 changed"
    assert changes.lines() == ['~ ?claim=cgi:claim/s/a  ?percentage: "11"^^xsd:decimal -> "12"^^xsd:decimal']


def test_a_different_datatype_is_a_change():
    old = f'{HEADER}\ncgi:asml\t"11"^^xsd:decimal\tcgi:claim/s/a\n'
    new = f'{HEADER}\ncgi:asml\t"11"^^xsd:integer\tcgi:claim/s/a\n'
    assert row_changes(old, new).lines() == [
        '~ ?claim=cgi:claim/s/a  ?percentage: "11"^^xsd:decimal -> "11"^^xsd:integer']


def test_added_and_removed_rows_are_capped_with_a_count():
    old = f"{HEADER}\n" + "".join(f"cgi:old{i}\t\tcgi:claim/o/{i}\n" for i in range(5))
    new = f"{HEADER}\n" + "".join(f'cgi:new{i}\t"{i}"^^xsd:decimal\tcgi:claim/n/{i}\n' for i in range(30))
    changes = row_changes(old, new)
    assert SHOWN_ROWS == 20  # as docs/queries.md says
    assert changes.summary() == "30 row(s) added, 5 removed, 0 changed"
    lines = changes.lines()
    assert len(lines) == SHOWN_ROWS + 1
    assert lines[0] == '+ ?holder=cgi:new0  ?percentage="0"^^xsd:decimal  ?claim=cgi:claim/n/0'
    assert lines[-1] == f"... and {35 - SHOWN_ROWS} more"


def test_check_after_a_new_article_shows_summaries_and_caps(project, monkeypatch):
    import claimgraph.queries.expected as expected
    monkeypatch.setattr(expected, "SHOWN_ROWS", 5)
    add_example_article(project.root)
    assert project.run("build").exit_code == 0
    result = project.run("check")
    assert result.exit_code == 1
    summaries = re.findall(r"query '([a-z-]+)' answers differently than expected: (\d+) row\(s\) added, "
                           r"(\d+) removed, (\d+) changed", result.stdout)
    assert ("investments", ) == tuple(n for n, *_ in summaries if n == "investments")
    assert "https://w3id.org/claimgraph/" not in result.stdout
    assert re.search(r"^    \.\.\. and \d+ more$", result.stdout, re.MULTILINE)
    for name, added, removed, changed in summaries:
        lines = result.stdout.splitlines()
        start = next(i for i, line in enumerate(lines) if f"query '{name}' answers differently" in line)
        shown = []
        for line in lines[start + 1:]:
            if not line.startswith("    "):
                break
            shown.append(line)
        total = int(added) + int(removed) + int(changed)
        assert len(shown) == (total if total <= 5 else 6), name
    accepted = project.run("update-expected")
    assert accepted.exit_code == 0
    assert re.search(r"^updated queries/expected/investments\.tsv: \+\d+ -0 rows$", accepted.stderr, re.MULTILINE)
    assert project.run("check").exit_code == 0


def test_a_changed_amount_is_reported_with_its_claim(project):
    project.edit(CLAIM_FILE, "    amount: 1,3 miljard euro", "    amount: 1,4 miljard euro")
    assert project.run("build").exit_code == 0
    result = project.run("check")
    assert result.exit_code == 1
    assert ("query 'investments' answers differently than expected: 0 row(s) added, 0 removed, 1 changed"
            in result.stdout)
    assert re.search(r'^    ~ \?claim=cgi:claim/techzine-2025-09-09-asml-mistral/asml-invests-in-mistral  '
                     r'\?value: "1300000000"\^\^xsd:decimal -> "1400000000"\^\^xsd:decimal  '
                     r'\?original: "1,3 miljard euro"@nl -> "1,4 miljard euro"@nl$', result.stdout, re.MULTILINE), result.stdout
