"""``claimgraph diff BASE [HEAD]`` on a scratch git repository: claims added, removed and
changed, triples, saved-query answers; Markdown and JSON; bad revisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.diff import ClaimView, Side, compare, md_text
from conftest import CLAIM_FILE, Project
from gitrepo import commit_all, git, init_repository

REMOVED = '''  - id: asml-holds-11-percent
    type: shareholding
    modality: fact
    holder: ASML
    company: Mistral AI
    percentage: 11 procent
    since: 2025-09-09
    evidence: "ASML dat vanaf vandaag 11 procent van Mistral AI bezit"

'''
ADDED = '''  - id: asml-main-shareholder
    type: shareholding
    modality: fact
    holder: ASML
    company: Mistral AI
    largest: "true"
    as_of: 2025-09-09
    summary: ASML is the largest shareholder of Mistral AI.
    evidence: "ASML wordt hoofdaandeelhouder Mistral AI"

'''
OLD_QUOTE = ("Naast een investering van 1,3 miljard euro en een belang van 11 procent in het Franse Mistral AI gaat "
             "chipmachinebouwer ASML voor meer.")
NEW_QUOTE = "Naast een investering van 1,3 miljard euro"
SOURCE = "techzine-2025-09-09-asml-mistral"

#: each diff builds two sides and answers every saved query on both (several seconds each)
slow = pytest.mark.slow


def change_claims(project: Project) -> None:
    """Add a claim, change a quote, remove a claim."""
    project.edit(CLAIM_FILE, REMOVED, ADDED)
    project.edit(CLAIM_FILE, OLD_QUOTE, NEW_QUOTE)


@pytest.fixture
def history(project) -> tuple[Project, str, str]:
    """The seed project in a git repository: a first commit, then one that changes claims;
    the work tree is as the second commit."""
    init_repository(project.root)
    (project.root / ".gitignore").write_text(".claimgraph-cache/\n", encoding="utf-8")
    base = commit_all(project.root, "the seed article")
    change_claims(project)
    head = commit_all(project.root, "one claim added, one quote changed, one claim removed")
    return project, base, head


@pytest.fixture(scope="module")
def two_commits(tmp_path_factory) -> dict:
    """The seed project, built, in a git repository: commit 1; then claims changed, built again
    and expected answers rewritten: commit 2. With the diff of the two in JSON and Markdown."""
    from click.testing import CliRunner
    from conftest import copy_project
    project = Project(copy_project(tmp_path_factory.mktemp("diff") / "project"), CliRunner())
    init_repository(project.root)
    (project.root / ".gitignore").write_text(".claimgraph-cache/\n", encoding="utf-8")
    base = commit_all(project.root, "the seed article")
    change_claims(project)
    for command in (["build"], ["update-expected"]):
        outcome = project.run(*command)
        assert outcome.exit_code == 0, outcome.output
    head = commit_all(project.root, "one claim added, one quote changed, one claim removed")
    as_json = project.run("diff", base, head, "--format", "json", "--rows", "1000")
    assert as_json.exit_code == 0, as_json.output
    as_markdown = project.run("diff", base, head)
    assert as_markdown.exit_code == 0, as_markdown.output
    return {"project": project, "base": base, "head": head, "json": as_json.stdout,
            "markdown": as_markdown.stdout, "diff": json.loads(as_json.stdout)}


def claim(claim_id: str, evidence: str, kind: str = "shareholding") -> dict:
    return {"id": claim_id, "source": SOURCE, "file": CLAIM_FILE, "type": kind, "modality": "fact",
            "evidence": evidence}


@slow
def test_claims_added_removed_and_changed_with_their_quotes(two_commits):
    found = two_commits["diff"]
    assert found["base"] == {"revision": two_commits["base"], "commit": two_commits["base"]}
    assert found["head"] == {"revision": two_commits["head"], "commit": two_commits["head"]}
    assert found["claims"] == {
        "added": [claim("asml-main-shareholder", "ASML wordt hoofdaandeelhouder Mistral AI")],
        "removed": [claim("asml-holds-11-percent", "ASML dat vanaf vandaag 11 procent van Mistral AI bezit")],
        "changed": [{"id": "asml-invests-in-mistral", "source": SOURCE, "file": CLAIM_FILE, "fields": ["evidence"],
                     "evidence": {"before": OLD_QUOTE, "after": NEW_QUOTE}}],
    }


def built_triples(project: Project, commit: str, name: str) -> set[tuple[str, str, str]]:
    from rdflib import Graph
    graph = Graph().parse(data=git(project.root, "show", f"{commit}:data/build/{name}.ttl"), format="turtle")
    return {(s.n3(), p.n3(), o.n3()) for s, p, o in graph}


@slow
@pytest.mark.parametrize("graph", ["asserted", "inferred"])
def test_triples_added_and_removed_are_those_between_the_two_committed_builds(two_commits, graph):
    project, base, head = two_commits["project"], two_commits["base"], two_commits["head"]
    before, after = built_triples(project, base, graph), built_triples(project, head, graph)
    changes = two_commits["diff"]["triples"][graph]
    assert (changes["added"], changes["removed"]) == (len(after - before), len(before - after))
    assert changes["added"] > 0 and changes["removed"] > 0
    assert changes["added_rows"] == [list(t) for t in sorted(after - before)]
    assert changes["removed_rows"] == [list(t) for t in sorted(before - after)]


@slow
def test_every_saved_query_whose_expected_answer_changed_with_its_rows(two_commits):
    """The committed expected answers of the two commits (update-expected) are the reference."""
    project, base, head = two_commits["project"], two_commits["base"], two_commits["head"]
    changed_files = git(project.root, "diff", "--name-only", base, head, "--", "queries/expected").split()
    queries = {q["name"]: q for q in two_commits["diff"]["queries"]}
    assert sorted(queries) == sorted(Path(f).stem for f in changed_files) and queries
    for path in changed_files:
        old = git(project.root, "show", f"{base}:{path}").splitlines()
        new = git(project.root, "show", f"{head}:{path}").splitlines()
        answer = queries[Path(path).stem]
        if path.endswith(".tsv"):
            assert answer["columns"] == [c[1:] for c in new[0].split("\t")]
            old, new = old[1:], new[1:]
            split = (lambda line: line.split("\t"))
        else:
            assert answer["columns"] == ["answer"]
            split = (lambda line: [line])
        assert answer["added_rows"] == [split(line) for line in sorted(set(new) - set(old))]
        assert answer["removed_rows"] == [split(line) for line in sorted(set(old) - set(new))]
    shareholders = queries["shareholders"]
    assert [row[-1] for row in shareholders["removed_rows"]] == [
        "cgi:claim/techzine-2025-09-09-asml-mistral/asml-holds-11-percent"]
    assert [row[-1] for row in shareholders["added_rows"]] == [
        "cgi:claim/techzine-2025-09-09-asml-mistral/asml-main-shareholder"]


@slow
def test_the_markdown_summary(two_commits):
    text, base, head = two_commits["markdown"], two_commits["base"], two_commits["head"]
    found = two_commits["diff"]
    asserted, inferred = found["triples"]["asserted"], found["triples"]["inferred"]
    assert text.startswith(f"## claimgraph diff: {base} → {head}\n\n"
                           "- claims: 1 added, 1 removed, 1 changed\n"
                           f"- asserted triples: {asserted['added']} added, {asserted['removed']} removed\n"
                           f"- inferred triples: {inferred['added']} added, {inferred['removed']} removed\n"
                           f"- saved queries whose answer changed: {len(found['queries'])}\n\n")
    assert ("### Claims added\n\n| claim | file | type | modality | evidence |\n|---|---|---|---|---|\n"
            f"| asml-main-shareholder | {CLAIM_FILE} | shareholding | fact | ASML wordt hoofdaandeelhouder Mistral AI |"
            "\n") in text
    assert ("### Claims changed\n\n| claim | file | fields changed | evidence before | evidence now |\n"
            f"|---|---|---|---|---|\n| asml-invests-in-mistral | {CLAIM_FILE} | evidence | {OLD_QUOTE} | {NEW_QUOTE} |"
            "\n") in text
    assert f"{asserted['added']} triple(s) added (the first 20 shown):" in text
    # a row with labels and CURIEs: the shareholder row the removed claim gave
    assert ("| cgi:asml (ASML) | \"11\"^^xsd:decimal |  | \"2025-09-09\"^^xsd:date | \"\" | "
            "cg:StatedAsFact (stated as fact) | cgi:source/techzine-2025-09-09-asml-mistral | "
            "cgi:claim/techzine-2025-09-09-asml-mistral/asml-holds-11-percent |") in text
    assert "#### shareholders\n\n1 row(s) added:\n" in text


@slow
def test_the_output_is_the_same_bytes_every_time(two_commits):
    project, base, head = two_commits["project"], two_commits["base"], two_commits["head"]
    assert project.run("diff", base, head, "--format", "json", "--rows", "1000").stdout == two_commits["json"]
    assert project.run("diff", base, head).stdout == two_commits["markdown"]


@slow
def test_the_work_tree_is_compared_and_left_as_it_was(two_commits, tmp_path):
    project, head = two_commits["project"], two_commits["head"]
    clean = project.run("diff", "HEAD")
    assert clean.exit_code == 0
    assert clean.stdout == (f"## claimgraph diff: HEAD ({head[:12]}) → work tree\n\n"
                            "No change to claims, triples or saved-query answers.\n")
    quote = "ASML wordt hoofdaandeelhouder Mistral AI na miljardendeal"
    project.edit(CLAIM_FILE, f'evidence: "{quote}"', 'evidence: "ASML wordt hoofdaandeelhouder"')
    try:
        status = git(project.root, "status", "--porcelain")
        files = {p: p.stat().st_mtime_ns for p in project.root.rglob("*") if p.is_file() and ".git" not in p.parts}
        edited = json.loads(project.run("diff", "HEAD", "--format", "json").stdout)
        assert edited["head"] == {"revision": None, "commit": None}
        assert edited["claims"]["changed"] == [{"id": "asml-largest-shareholder", "source": SOURCE, "file": CLAIM_FILE,
                                                "fields": ["evidence"],
                                                "evidence": {"before": quote, "after": "ASML wordt hoofdaandeelhouder"}}]
        assert git(project.root, "status", "--porcelain") == status
        assert git(project.root, "worktree", "list", "--porcelain").count("worktree ") == 1
        after = {p: p.stat().st_mtime_ns for p in project.root.rglob("*") if p.is_file() and ".git" not in p.parts}
        assert after == files
    finally:
        git(project.root, "checkout", "--", CLAIM_FILE)


def test_a_revision_that_is_no_commit_is_refused_in_one_line(history):
    project, _, _ = history
    for revision in ("no-such-branch", "--output=/tmp/claimgraph-diff-hostile", "HEAD;touch x", "HEAD~99"):
        result = project.run("diff", "--", revision)
        assert result.exit_code == 2, result.output
        assert result.stderr == (f"Error: {revision!r} is not a commit of this repository; name a branch, tag or "
                                 "commit (in a shallow CI clone, fetch it first: actions/checkout with "
                                 "fetch-depth: 0)\n")
    assert not Path("/tmp/claimgraph-diff-hostile").exists() and not (project.root / "x").exists()
    head = project.run("diff", "HEAD", "nope")
    assert head.exit_code == 2 and head.stderr.startswith("Error: 'nope' is not a commit")


def test_outside_a_git_repository_diff_says_so(project):
    result = project.run("diff", "HEAD")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {project.root}: not inside a git repository; run it in a clone of the "
                             "repository of claims\n")


def test_a_revision_without_the_project_is_refused(project):
    init_repository(project.root)
    git(project.root, "commit", "-q", "--allow-empty", "-m", "empty")
    empty = git(project.root, "rev-parse", "HEAD").strip()
    commit_all(project.root, "the project")
    result = project.run("diff", "HEAD~1")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: commit {empty[:12]} has no claimgraph project in this folder (no data/claims/ "
                             "and ontology/claimgraph.ttl); name a revision that has it\n")


@slow
def test_a_side_with_errors_is_a_data_problem(history):
    project, _, _ = history
    project.edit(CLAIM_FILE, NEW_QUOTE, "Een investering die niet in het artikel staat")
    line = project.line_of(CLAIM_FILE, "Een investering die niet in het artikel staat")
    result = project.run("diff", "HEAD")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: work tree does not build (1 error(s); the first: {CLAIM_FILE}:{line}:")
    assert result.stderr.endswith("run `claimgraph check` on it and fix them\n")


@slow
def test_a_project_in_a_folder_of_the_repository(tmp_path, runner):
    from conftest import copy_project
    repository = tmp_path / "repository"
    project = Project(copy_project(repository / "claims" / "seed"), runner)
    init_repository(repository)
    commit_all(repository, "the seed article in a folder")
    project.edit(CLAIM_FILE, REMOVED, "")
    outcome = project.run("diff", "HEAD", "--format", "json", "--rows", "0")
    assert outcome.exit_code == 0, outcome.output
    found = json.loads(outcome.stdout)
    assert found["claims"]["removed"] == [claim("asml-holds-11-percent",
                                                "ASML dat vanaf vandaag 11 procent van Mistral AI bezit")]
    assert found["claims"]["added"] == found["claims"]["changed"] == []
    assert found["triples"]["asserted"]["removed"] > 0 and found["triples"]["asserted"]["removed_rows"] == []


def test_markdown_escapes_every_value_from_the_data():
    assert md_text("a|b`c<script>x</script>@team #12 [l](u) *s* $m$\nnext\x1b") == (
        "a\\|b\\`c\\<script\\>x\\</script\\>\\@team \\#12 \\[l\\]\\(u\\) \\*s\\* \\$m\\$\\\\nnext\\\\x1b")
    hostile = "quote | with a pipe\n## and a heading <img src=x onerror=alert(1)>"
    before = side("base", {}, set())
    after = side("head", {("a", "c1"): ClaimView("c1", "a", "data/claims/a.yaml", "fact", "fact", hostile,
                                                  {"evidence": hostile})},
                 {("<https://example.org/s>", "<https://example.org/p>", '"a|b\\nc"')})
    text = compare(before, after).render("markdown")
    assert ("| c1 | data/claims/a.yaml | fact | fact | quote \\| with a pipe\\\\n\\#\\# and a heading "
            "\\<img src=x onerror=alert\\(1\\)\\> |\n") in text
    assert '| <https://example.org/s> |' not in text
    assert '| \\<https://example.org/s\\> | \\<https://example.org/p\\> | "a\\|b\\\\nc" |\n' in text
    assert all(line.startswith(("#", "-", "|", "1 ")) or not line for line in text.splitlines())


def side(name: str, claims: dict, asserted: set) -> Side:
    return Side(name, None, claims, asserted, set(), {}, lambda iris: {})


def test_json_has_sorted_keys_and_complete_counts():
    before = side("base", {}, {("<s>", "<p>", f'"{n}"') for n in range(5)})
    after = side("head", {}, set())
    found = compare(before, after, rows=2)
    text = found.render("json")
    assert json.loads(text)["triples"]["asserted"] == {"added": 0, "removed": 5, "added_rows": [],
                                                       "removed_rows": [["<s>", "<p>", '"0"'], ["<s>", "<p>", '"1"']]}
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "5 triple(s) removed (the first 2 shown):" in found.render("markdown")


def test_a_claim_id_is_told_apart_by_its_article():
    one = ClaimView("raises", "article-a", "data/claims/article-a.yaml", "funding_round", "fact", "q", {"evidence": "q"})
    other = ClaimView("raises", "article-b", "data/claims/article-b.yaml", "funding_round", "fact", "q",
                      {"evidence": "q"})
    found = compare(side("base", {("article-a", "raises"): one}, set()),
                    side("head", {("article-a", "raises"): one, ("article-b", "raises"): other}, set()))
    assert [(c.source, c.id) for c in found.added] == [("article-b", "raises")]
    assert found.removed == [] and found.changed == []
