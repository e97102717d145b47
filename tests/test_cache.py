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


# -- a changed claim file that does not load: only it is loaded again ------------------------

ALONE = "changed since the last check and do not load; the other files' findings are reused"
EXAMPLE = "data/claims/example-2026-01-15-nova.yaml"


def checked(project, *args):
    """Exit code, printed findings (text, in order) and stderr of one `check`."""
    result = project.run("check", *args)
    return result.exit_code, result.stdout, result.stderr


def same_as_a_full_run(project) -> str:
    """`check`, which must print exactly what `check --no-cache` prints; its stderr."""
    code, out, err = checked(project)
    full_code, full_out, full_err = checked(project, "--no-cache")
    assert (code, out) == (full_code, full_out)
    assert err.splitlines()[-1] == full_err.splitlines()[-1]  # "check (N claims): E error(s), W warning(s)"
    return err


def test_a_changed_file_that_does_not_load_is_loaded_alone_with_the_findings_of_a_full_run(project):
    from conftest import add_example_article
    add_example_article(project.root)
    assert ALONE not in checked(project)[2]  # the first check runs everything and stores each file's findings
    project.edit(EXAMPLE, "    investor: ASML\n", "    investor: Nobody Incorporated\n")
    err = same_as_a_full_run(project)
    assert f"1 claim file(s) {ALONE}" in err
    assert "unknown entity 'Nobody Incorporated'" in checked(project, "--no-cache")[1]
    # now the seed file breaks too, in a quote: the example's stored error is reused with it
    project.edit(CLAIM_FILE, "“niet te koop” is", "“niet te huur” is")
    assert f"1 claim file(s) {ALONE}" in same_as_a_full_run(project)
    # both files change in one step: nothing to reuse, a full run
    project.edit(EXAMPLE, "  id: example-2026-01-15-nova\n", "  id: [example\n")  # a YAML error
    project.edit(CLAIM_FILE, "“niet te huur” is", "“niet te koop” is")
    assert ALONE not in same_as_a_full_run(project)
    # the seed file breaks again: the example's stored YAML error is reused
    project.edit(CLAIM_FILE, "“niet te koop” is", "“niet te huur” is")
    assert f"1 claim file(s) {ALONE}" in same_as_a_full_run(project)


def test_a_changed_article_text_makes_its_claim_file_changed(project):
    from conftest import add_example_article
    add_example_article(project.root)
    checked(project)
    text = project.path(TEXT)
    text.write_text(text.read_text(encoding="utf-8").replace("1,3 miljard", "1,4 miljard"), encoding="utf-8")
    err = same_as_a_full_run(project)
    assert f"1 claim file(s) {ALONE}" in err
    assert "evidence quote not found" in checked(project, "--no-cache")[1]


def test_a_changed_file_that_loads_runs_every_stage(project):
    from conftest import add_example_article
    add_example_article(project.root)
    checked(project)
    project.edit(CLAIM_FILE, "ASML builds chip-making machines.", "ASML builds lithography machines.")
    code, out, err = checked(project)
    assert code == 1 and ALONE not in err and REUSED not in err
    assert "built file is stale" in out  # it got past loading, to the built files


def test_two_files_with_one_source_id_run_every_stage(project):
    from conftest import add_example_article
    add_example_article(project.root)
    checked(project)
    project.edit(EXAMPLE, "  id: example-2026-01-15-nova\n", "  id: techzine-2025-09-09-asml-mistral\n")
    project.edit(EXAMPLE, "    investor: ASML\n", "    investor: Nobody Incorporated\n")
    code, out, err = checked(project)
    assert code == 1 and ALONE not in err
    assert "source id 'techzine-2025-09-09-asml-mistral' is also used by" in out
    assert "unknown entity 'Nobody Incorporated'" in out


def test_a_changed_registry_runs_every_stage(project):
    from conftest import add_example_article
    add_example_article(project.root)
    checked(project)
    with open(project.path("data/entities.yaml"), "a", encoding="utf-8") as registry:
        registry.write("\n")
    project.edit(EXAMPLE, "    investor: ASML\n", "    investor: Nobody Incorporated\n")
    code, out, err = checked(project)
    assert code == 1 and ALONE not in err and "unknown entity 'Nobody Incorporated'" in out


def test_damaged_stored_file_findings_mean_a_full_run(project):
    from conftest import add_example_article
    add_example_article(project.root)
    checked(project)
    cache_file = project.path(".claimgraph-cache/check.json")
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    seed = stored["first_stages"]["files"][1]  # the unchanged file, whose findings would be reused
    assert seed["path"] == CLAIM_FILE
    for damage in ({"path": "x"}, "not an entry", {**seed, "load": [1]}, {**seed, "evidence": None}):
        stored["first_stages"]["files"][1] = damage
        cache_file.write_text(json.dumps(stored), encoding="utf-8")
        project.edit(EXAMPLE, "    investor: ASML\n", "    investor: Nobody Incorporated\n")
        code, out, err = checked(project)
        assert (code, ALONE in err, "Traceback" in out + err) == (1, False, False), damage
        assert "unknown entity 'Nobody Incorporated'" in out
        project.edit(EXAMPLE, "    investor: Nobody Incorporated\n", "    investor: ASML\n")
