"""`check` reuses the last run's findings only when no input changed; any change runs everything."""

import json

from conftest import CLAIM_FILE

REUSED = "check: no input changed since the last check; its findings are reused from .claimgraph-cache/check.json"
TEXT = "seeds/techzine-2025-09-09-asml-mistral.nl.txt"


def check(project, *args):
    result = project.run("check", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout or "[]"), REUSED in result.stderr


def test_second_check_reuses_the_findings_exactly(project):
    project.edit(CLAIM_FILE, "ASML builds chip-making machines.", "ASML builds lithography machines.")
    first = check(project)
    assert first[0] == 1 and first[1] and not first[2]  # stale built files, found by a full run
    second = check(project)
    assert second == (first[0], first[1], True)


def test_a_changed_claim_file_runs_everything(project):
    assert check(project)[:2] == (0, [])
    project.edit(CLAIM_FILE, "ASML builds chip-making machines.", "ASML builds lithography machines.")
    code, findings, reused = check(project)
    assert (code, reused) == (1, False)
    assert {f["message"].split(":")[0] for f in findings} == {"built file is stale"}


def test_a_changed_article_text_runs_everything(project):
    assert check(project)[2] is False
    text = project.path(TEXT)
    text.write_text(text.read_text(encoding="utf-8").replace("1,3 miljard", "1,4 miljard"), encoding="utf-8")
    code, findings, reused = check(project)
    assert reused is False
    assert code == 1 and any("evidence" in f["code"] for f in findings)


def test_a_missing_text_that_appears_later_runs_everything(project):
    text = project.path(TEXT)
    content = text.read_bytes()
    text.unlink()
    code, findings, _ = check(project)
    assert code == 1 and findings[0]["message"] == f"source text '{TEXT}' not found"
    text.write_bytes(content)
    assert check(project) == (0, [], False)


def test_other_options_and_no_cache_run_everything(project):
    assert check(project)[2] is False
    assert check(project, "--shacl", "pyshacl")[2] is False
    assert check(project, "--shacl", "pyshacl")[2] is True
    assert check(project, "--no-cache")[2] is False


def test_an_unreadable_cache_means_a_full_run(project):
    check(project)
    project.path(".claimgraph-cache/check.json").write_text("{not json", encoding="utf-8")
    assert check(project) == (0, [], False)
    assert check(project)[2] is True


def test_findings_are_not_stored_when_an_input_changed_while_the_run_read_it(project):
    from claimgraph import cache

    def looked_up() -> cache.CheckCache:  # a run starts: no stored findings to reuse yet
        memo = cache.CheckCache(project.root, {"reasoner": "fast", "shacl": "fast"})
        assert memo.lookup() is None
        return memo

    memo = looked_up()
    project.edit(CLAIM_FILE, "ASML builds chip-making machines.", "ASML builds lithography machines.")
    memo.save([TEXT], [], 9)
    assert not project.path(".claimgraph-cache/check.json").exists()
    memo = looked_up()
    project.path("data/claims/new-file.yaml").write_text("claims: []\n", encoding="utf-8")  # a file appears
    memo.save([TEXT], [], 9)
    assert not project.path(".claimgraph-cache/check.json").exists()
    memo = looked_up()
    memo.save([TEXT], [], 9)  # nothing changed in between: stored
    assert json.loads(project.path(".claimgraph-cache/check.json").read_text(encoding="utf-8"))["claims"] == 9
