"""Every kind of bad input gets one clear line with file:line[:col] and a fix, exit 1, and
nothing is written."""

from __future__ import annotations

import pytest

from conftest import CLAIM_FILE

INVESTMENT = """  - id: asml-invests-in-mistral
    type: investment
    modality: fact
    investor: ASML
    investee: Mistral AI
    amount: 1,3 miljard euro
    date: 2025-09-09
"""


def only_line(result) -> str:
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    return lines[0]


@pytest.mark.parametrize("old, new, expected", [
    ("    type: investment\n    modality: fact\n    investor: ASML\n    investee: Mistral AI\n    amount",
     "    type: investmnt\n    modality: fact\n    investor: ASML\n    investee: Mistral AI\n    amount",
     "{f}:14:11: error: unknown claim type 'investmnt' (fix: did you mean 'investment'?)"),
    (INVESTMENT, INVESTMENT.replace("    investor: ASML\n", ""),
     "{f}:13:5: error: claim type 'investment' needs field 'investor' (fix: add 'investor:')"),
    (INVESTMENT, INVESTMENT.replace("    investor: ASML\n", "    investor: ASML\n    invester: ASML\n"),
     "{f}:17:5: error: unknown field 'invester' for claim type 'investment' (fix: did you mean 'investor'?)"),
    (INVESTMENT, INVESTMENT.replace("    investor: ASML\n", "    investor: [ASML]\n"),
     "{f}:16:15: error: 'investor' must be a single value, not a list (fix: write 'investor: <value>' on one line)"),
    ("  - id: asml-holds-11-percent", "  - id: asml-invests-in-mistral",
     "{f}:22:5: error: duplicate claim id 'asml-invests-in-mistral' (first at line 13) (fix: give each claim its own id)"),
    (INVESTMENT, INVESTMENT.replace("investor: ASML", "investor: ASMLL"),
     "{f}:16:15: error: investor: unknown entity 'ASMLL'; did you mean 'asml'? "
     "(fix: use an id, label or alias from data/entities.yaml, or add the entity there)"),
    (INVESTMENT, INVESTMENT.replace("amount: 1,3 miljard euro", "amount: 1,3 miljoen euroo"),
     "{f}:18:13: error: amount: cannot read '1,3 miljoen euroo' as an amount of money (fix: write it as the "
     "article does, e.g. '1,3 miljard euro', 'EUR 1.3 billion', '$1.5bn' or 'EUR 1.3 billion ($1.5 billion)')"),
    ("    percentage: 11 procent", "    percentage: 111 procent",
     "{f}:27:17: error: percentage: percentage 111 is outside 0-100 "
     "(fix: write e.g. '11 procent', '11%' or 'about 11.5 per cent')"),
    (INVESTMENT, INVESTMENT.replace("date: 2025-09-09", "date: 2025-02-30"),
     "{f}:19:11: error: date: '2025-02-30' is not a real date (day is out of range for month) "
     "(fix: write YYYY-MM-DD, YYYY-MM, YYYY or the article's words ('on Sunday', 'last year'))"),
    (INVESTMENT, INVESTMENT.replace("    investor: ASML\n", "    investor: &x ASML\n    mentions: [*x]\n"),
     "{f}:17:16: error: YAML alias '*x' is not allowed "
     "(fix: write the value out in full; aliases can expand to huge documents)"),
    (INVESTMENT, INVESTMENT.replace("    investor: ASML\n", "    investor: [ASML\n"),
     "{f}:17:13: error: malformed YAML: while parsing a flow sequence expected ',' or ']', but got ':' "
     "(fix: check indentation, and quote text that contains ': ' or '#')"),
    ("    person: Christophe Fouquet", "    person: ASML",
     "{f}:130:13: error: person: 'ASML' is an organization, but person must be a person "
     "(fix: name another entity or fix its type)"),
    ("    modality: statement\n    speaker: Christophe Fouquet\n    about: [ASML, Mistral AI]\n    summary: Fouquet says joint",
     "    modality: statement\n    about: [ASML, Mistral AI]\n    summary: Fouquet says joint",
     "{f}:214:5: error: a 'statement' claim needs 'speaker' (fix: add 'speaker: <person or organization>' or 'speaker: {{anonymous: <who>}}')"),
    ("    largest: \"true\"", "    largest: \"yes\"",
     "{f}:36:14: error: largest: 'largest' must be true or false, not 'yes'"),
])
def test_bad_claim_is_reported_on_its_line(project, old, new, expected):
    project.edit(CLAIM_FILE, old, new)
    result = project.run("validate")
    assert result.exit_code == 1
    assert only_line(result) == expected.format(f=CLAIM_FILE)
    assert result.stderr.endswith("error(s), 0 warning(s)\n")


def test_a_quote_that_is_not_in_the_source_shows_the_closest_passage(project):
    project.edit(CLAIM_FILE, "ASML voor meer.\"", "ASML voor veel meer.\"")
    result = project.run("validate")
    assert result.exit_code == 1
    assert only_line(result) == (
        f"{CLAIM_FILE}:20:15: error: claim 'asml-invests-in-mistral': evidence quote not found in the source text "
        "(fix: copy the quote exactly from seeds/techzine-2025-09-09-asml-mistral.nl.txt; closest passage: "
        "\"Naast een investering van 1,3 miljard euro en een belang van 11 procent in het Franse Mistral AI gaat "
        "chipmachinebouwer ASML voor meer.\")")


def test_whitespace_in_a_quote_may_differ(project):
    project.edit(CLAIM_FILE, "\"Naast een investering van 1,3 miljard euro en",
                 "\"Naast een   investering\n      van 1,3 miljard euro en")
    assert project.run("validate").exit_code == 0


def test_an_ambiguous_entity_name_lists_the_candidates(project):
    project.edit("data/entities.yaml", "    aliases: [Google Gemini]", "    aliases: [Google Gemini, Mistral]")
    project.edit(CLAIM_FILE, "    acquirer: Apple\n    target: Mistral AI", "    acquirer: Apple\n    target: Mistral")
    text = project.path(CLAIM_FILE).read_text(encoding="utf-8")
    line = text[:text.index("    acquirer: Apple\n    target: Mistral\n")].count("\n") + 2
    result = project.run("validate")
    assert result.exit_code == 1
    assert only_line(result) == (
        f"{CLAIM_FILE}:{line}:13: error: target: 'Mistral' is ambiguous: it names 'gemini' (Gemini), "
        "'mistral-ai' (Mistral AI); use the id (fix: use an id, label or alias from data/entities.yaml, "
        "or add the entity there)")


def test_missing_source_text(project):
    project.edit(CLAIM_FILE, "  text: seeds/techzine-2025-09-09-asml-mistral.nl.txt", "  text: seeds/missing.txt")
    result = project.run("validate")
    assert result.exit_code == 1
    assert only_line(result) == (
        f"{CLAIM_FILE}:9:9: error: source text 'seeds/missing.txt' not found "
        "(fix: copy the article text into seeds/ and give its path relative to the project)")


def test_source_text_that_is_not_utf8(project):
    (project.root / "seeds/latin1.txt").write_bytes("Een café\nmet één fout\n".encode("latin-1"))
    project.edit(CLAIM_FILE, "  text: seeds/techzine-2025-09-09-asml-mistral.nl.txt", "  text: seeds/latin1.txt")
    result = project.run("validate")
    assert result.exit_code == 1
    assert only_line(result) == (
        f"{CLAIM_FILE}:9:9: error: source text 'seeds/latin1.txt' is not UTF-8 (first bad byte on its line 1) "
        "(fix: convert the file to UTF-8 (iconv -f latin1 -t utf-8))")


def test_a_turtle_syntax_error_in_the_ontology_names_file_and_line(project):
    project.edit("ontology/claimgraph.ttl", "cg:Company a owl:Class ;", "cg:Company a owl:Class ;;; ]")
    line = project.line_of("ontology/claimgraph.ttl", "cg:Company a owl:Class ;;; ]")
    result = project.run("validate")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"ontology/claimgraph.ttl:{line}: error: Turtle syntax error: ")
    assert first.endswith("(fix: fix the Turtle syntax at that line)")


def test_all_problems_are_reported_not_just_the_first(project):
    project.edit(CLAIM_FILE, "investor: ASML\n    investee: Mistral AI\n    amount",
                 "investor: ASMLL\n    investee: Mistral AI\n    amount")
    project.edit(CLAIM_FILE, "    percentage: 11 procent", "    percentage: 111 procent")
    result = project.run("validate", "--format", "json")
    assert result.exit_code == 1
    import json
    found = json.loads(result.stdout)
    assert [(p["location"]["line"], p["code"]) for p in found] == [(16, "unknown-entity"), (27, "bad-percentage")]


def test_github_annotations(project):
    project.edit(CLAIM_FILE, "investor: ASML\n    investee: Mistral AI\n    amount",
                 "investor: ASMLL\n    investee: Mistral AI\n    amount")
    result = project.run("check", "--format", "github")
    assert result.exit_code == 1
    assert only_line(result) == (
        f"::error file={CLAIM_FILE},line=16,col=15,title=unknown-entity::investor: unknown entity 'ASMLL'; "
        "did you mean 'asml'? Fix: use an id, label or alias from data/entities.yaml, or add the entity there")


def test_a_failed_build_leaves_the_previous_outputs_intact(project):
    before = {p.name: p.read_bytes() for p in (project.root / "data/build").iterdir()}
    project.edit(CLAIM_FILE, "investor: ASML\n    investee: Mistral AI\n    amount",
                 "investor: ASMLL\n    investee: Mistral AI\n    amount")
    result = project.run("build")
    assert result.exit_code == 1
    after = {p.name: p.read_bytes() for p in (project.root / "data/build").iterdir()}
    assert after == before


def test_not_a_project_is_a_usage_error(tmp_path, runner):
    from claimgraph.cli import cli
    result = runner.invoke(cli, ["--project", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {tmp_path}: not inside a claimgraph project (no data/claims/ and ontology/claimgraph.ttl "
        "found here or above); run it from the project folder or pass --project")


def test_validate_checks_only_the_named_files(project):
    other = project.root / "data/claims/other.yaml"
    other.write_text("source: []\n", encoding="utf-8")
    good = project.run("validate", str(project.root / CLAIM_FILE))
    assert good.exit_code == 0
    assert good.stderr == "validate (37 claims): ok (0 warning(s))\n"
    bad = project.run("validate")
    assert bad.exit_code == 1
    assert bad.stdout.splitlines()[0] == (
        "data/claims/other.yaml:1:9: error: 'source' must be a mapping describing the article "
        "(fix: give id, language, published, publisher, text, title, url)")


def test_validate_with_a_missing_file_is_a_usage_error(project):
    result = project.run("validate", str(project.root / "nope.yaml"))
    assert result.exit_code == 2
    assert "Invalid value for CLAIM_FILES: no such file:" in result.stderr


def test_shapes_the_fast_validator_cannot_evaluate_are_a_usage_error_naming_the_reference(project):
    project.edit("ontology/shapes.ttl", "cgsh:BodyShape\n    a sh:NodeShape ;",
                 "cgsh:BodyShape\n    a sh:NodeShape ;\n    sh:closed true ;")
    result = project.run("validate")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: shape BodyShape uses sh:closed, which the fast SHACL validator does not support; "
        "run with --shacl pyshacl")
    reference = project.run("validate", "--shacl", "pyshacl")  # the reference evaluates sh:closed
    assert reference.exit_code == 1
    assert "/body/" in reference.stdout  # closed-shape findings on the board and committee nodes


def test_a_damaged_built_trig_is_named_with_its_line_when_querying(project):
    trig = project.root / "data/build/claimgraph.trig"
    lines = trig.read_text(encoding="utf-8").count("\n")
    with trig.open("a", encoding="utf-8") as handle:
        handle.write("garbage {{{\n")
    result = project.run("query", "statements")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: data/build/claimgraph.trig:{lines + 1}: not valid TriG (Parser error at line "
                             f"{lines + 1} between columns 1 and 8: garbage is not a valid subject or graph name); "
                             "run `claimgraph build` to regenerate it\n")
    assert result.stdout == ""


def test_a_damaged_built_turtle_file_stops_load_before_any_upload(project):
    project.edit("data/build/inferred.ttl", "PREFIX cg: ", "PREFIX cg ")
    result = project.run("load", "--endpoint", "http://127.0.0.1:9/query")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: data/build/inferred.ttl is not valid Turtle (")
    assert result.stderr.endswith("); run `claimgraph build` to regenerate it\n")
