"""`check` reuses the last run's findings only when no input changed; any change runs everything."""

import hashlib
import json
import os
import time

import pytest

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



# -- a file is read again only when its inode, size, mtime or ctime changed ------------------

def same_size_edit_with_the_old_mtime(path) -> None:
    """Change ``path``'s content but neither its size nor its mtime (only the ctime tells)."""
    before = path.stat()
    while time.time_ns() < before.st_ctime_ns + 50_000_000:  # past the clock tick of the last write
        time.sleep(0.01)
    path.write_bytes(path.read_bytes().replace(b"chip-making", b"lithography"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert after.st_ctime_ns != before.st_ctime_ns


def test_a_file_with_the_recorded_stats_is_not_read_again(tmp_path):
    from claimgraph.cache import _Hasher

    path = tmp_path / "claims.yaml"
    path.write_bytes(b"ASML builds chip-making machines.\n")
    first = _Hasher()
    real = first.digest(path, "claims.yaml")
    assert real == hashlib.sha256(path.read_bytes()).digest()
    recorded = {"claims.yaml": [*first.seen["claims.yaml"][:4], "00" * 32]}  # a digest no read gives
    later = time.time_ns() + 10 * 1_000_000_000  # as if the stats were recorded 10 s after the write
    assert _Hasher(recorded, later).digest(path, "claims.yaml") == bytes(32)  # trusted: not read
    assert _Hasher(recorded, first.since).digest(path, "claims.yaml") == real  # changed < 2 s before: read
    same_size_edit_with_the_old_mtime(path)
    assert _Hasher(recorded, later).digest(path, "claims.yaml") == hashlib.sha256(path.read_bytes()).digest()


@pytest.fixture
def trusting(monkeypatch):
    """Stats count as recorded well after every write of the test (no 2 s racy window)."""
    from claimgraph import cache

    monkeypatch.setattr(cache, "RACY_SECONDS", -10)


def test_a_same_size_edit_with_the_old_mtime_is_seen_by_the_next_check(project, trusting):
    assert check(project) == (0, [], False)
    assert check(project) == (0, [], True)
    same_size_edit_with_the_old_mtime(project.path(CLAIM_FILE))
    code, findings, reused = check(project)
    assert (code, reused) == (1, False)
    assert {f["message"].split(":")[0] for f in findings} == {"built file is stale"}


def test_a_same_size_edit_with_the_old_mtime_while_the_run_reads_is_not_stored(project, trusting):
    from claimgraph import cache

    memo = cache.CheckCache(project.root, {"reasoner": "fast", "shacl": "fast"})
    assert memo.lookup() is None
    same_size_edit_with_the_old_mtime(project.path(CLAIM_FILE))
    memo.save([TEXT], [], 9)
    assert not project.path(".claimgraph-cache/check.json").exists()


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
