"""Hostile input and faults: each case asserts the exit code, the exact first line of the
message, that nothing outside the project changed and, where the run failed, that nothing
under data/build/ changed.

The load, SHACL and reasoner cases live beside their engines (test_load_*.py,
test_shacl_manifests.py, test_owlrl_rules.py); these are the cases of the claim files, the
paths, the output, the build and the command line.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from claimgraph.rdf import serialization
from claimgraph.cli import cli
from claimgraph.problems import relative_path
from conftest import CLAIM_FILE, REPO

TEXT = "seeds/techzine-2025-09-09-asml-mistral.nl.txt"


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with its SHA-256: what 'unchanged' means."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, with a secret: nothing may read, echo or change it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yaml").write_text("password: hunter2-secret\n", encoding="utf-8")
    return folder


@pytest.fixture
def guarded(project, outside):
    """The project, and a check that the outside folder and (by default) data/build are unchanged."""
    before_outside = tree_digest(outside)
    build = project.path("data/build")
    before_build = tree_digest(build) if build.is_dir() and not build.is_symlink() else None

    class Guard:
        keep_build = True

    guard = Guard()
    yield project, guard
    assert tree_digest(outside) == before_outside, "a file outside the project changed"
    if guard.keep_build and before_build is not None and build.is_dir() and not build.is_symlink():
        assert tree_digest(build) == before_build, "data/build/ changed in a failed run"


def _sigint_default() -> None:
    """In a child: SIGINT back to its default, so Python raises KeyboardInterrupt on it even when
    pytest itself runs as a background job (which starts with SIGINT ignored, inherited by children)."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def first_line(text: str) -> str:
    return text.strip("\n").splitlines()[0]


# -- paths: only inside the project, only regular files ---------------------------------------

def test_a_claim_file_linked_outside_is_refused_and_its_content_not_shown(guarded, outside):
    project, _ = guarded
    project.path("data/claims/evil.yaml").symlink_to(outside / "secret.yaml")
    result = project.run("validate")
    assert result.exit_code == 1
    assert first_line(result.stdout) == (
        f"data/claims/evil.yaml: error: not read: data/claims/evil.yaml is a symbolic link that leads outside "
        f"the project (to {outside / 'secret.yaml'}); claimgraph reads and writes only inside "
        f"{project.root.resolve()} (fix: replace it with a regular file inside the project)")
    assert "hunter2" not in result.output


def test_an_article_text_linked_outside_is_refused(guarded, outside):
    project, _ = guarded
    project.path(TEXT).unlink()
    project.path(TEXT).symlink_to(outside / "secret.yaml")
    result = project.run("validate")
    assert result.exit_code == 1
    line = project.line_of(CLAIM_FILE, "  text: seeds/")
    assert first_line(result.stdout) == (
        f"{CLAIM_FILE}:{line}:9: error: source text '{TEXT}': {TEXT} is a symbolic link that leads outside the "
        f"project (to {outside / 'secret.yaml'}); claimgraph reads and writes only inside "
        f"{project.root.resolve()} (fix: put the article text under seeds/)")
    assert "hunter2" not in result.output


def test_a_build_folder_linked_outside_is_refused_and_nothing_written_there(guarded, outside):
    project, _ = guarded
    target = outside / "build"
    target.mkdir()
    import shutil
    shutil.rmtree(project.path("data/build"))
    project.path("data/build").symlink_to(target, target_is_directory=True)
    result = project.run("build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: data/build is a symbolic link; build replaces that folder as a whole, so it must be a real "
        "folder inside the project: remove the link")
    assert list(target.iterdir()) == []


def test_a_check_cache_linked_outside_is_not_written(guarded, outside):
    project, _ = guarded
    target = outside / "cache"
    target.mkdir()
    project.path(".claimgraph-cache").symlink_to(target, target_is_directory=True)
    result = project.run("check")
    assert result.exit_code == 0, result.output
    assert list(target.iterdir()) == []


def test_a_claim_file_that_is_a_fifo_is_refused_without_waiting(guarded):
    project, _ = guarded
    os.mkfifo(project.path("data/claims/pipe.yaml"))
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(project.run("validate")), daemon=True)
    worker.start()
    worker.join(60)
    assert outcome, "validate waited on the FIFO"
    result = outcome[0]
    assert result.exit_code == 1
    assert first_line(result.stdout) == (
        "data/claims/pipe.yaml: error: not read: data/claims/pipe.yaml is a named pipe (FIFO), not a regular "
        "file; claimgraph reads only regular files (fix: replace it with a regular file inside the project)")


def test_a_query_file_that_is_a_folder_is_a_usage_error(built, tmp_path):
    folder = tmp_path / "dir.rq"
    folder.mkdir()
    result = built.run("query", str(folder))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {folder}: not read: {folder} is a folder, not a regular file; claimgraph reads only regular files")


def test_a_query_file_that_is_not_utf8_is_a_usage_error(built, tmp_path):
    path = tmp_path / "latin.rq"
    path.write_bytes(b"#+ summary: caf\xe9\nSELECT ?s WHERE { ?s ?p ?o }\n")
    result = built.run("query", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {path}:1: the query file is not valid UTF-8; save it as UTF-8"


# -- the check cache reads what the pipeline reads ---------------------------------------------

def test_hidden_claim_files_are_read_by_neither_the_pipeline_nor_the_cache(guarded):
    project, _ = guarded
    assert project.run("check").exit_code == 0
    project.path("data/claims/.draft.yaml").write_text("claims: [ broken", encoding="utf-8")
    for _ in range(2):  # once with the cache, once without: the same verdict
        result = project.run("check", "--no-cache")
        assert result.exit_code == 0, result.output
        assert ".draft" not in result.output


@pytest.mark.parametrize("name", ["extra.yml", "EXTRA.YAML", "extra.Yaml"])
def test_claim_files_with_another_yaml_suffix_are_reported_not_ignored(guarded, name):
    project, _ = guarded
    project.path(f"data/claims/{name}").write_text("claims: []\n", encoding="utf-8")
    result = project.run("validate")
    assert result.exit_code == 1
    stem, suffix = name.rsplit(".", 1)
    assert first_line(result.stdout) == (
        f"data/claims/{name}: error: claim file name ends in '.{suffix}', so it is not read "
        f"(fix: rename it to {stem}.yaml)")


def test_other_files_among_the_claims_get_a_warning(guarded):
    project, _ = guarded
    project.path("data/claims/README.md").write_text("notes\n", encoding="utf-8")
    result = project.run("validate")
    assert result.exit_code == 0
    assert first_line(result.stdout) == (
        "data/claims/README.md: warning: not a claim file (claim files end in .yaml); it is not read "
        "(fix: move it out of data/claims/)")


def test_a_broken_claim_file_changed_after_a_clean_check_is_not_reported_ok(guarded):
    project, _ = guarded
    assert project.run("check").exit_code == 0
    project.edit(CLAIM_FILE, "asml-invests-in-mistral\n    type: investment\n",
                 "asml-invests-in-mistral\n    type: investmnt\n")
    result = project.run("check")
    assert result.exit_code == 1
    assert "unknown claim type 'investmnt'" in first_line(result.stdout)


# -- text output cannot inject ------------------------------------------------------------------

def test_a_newline_in_a_value_cannot_start_a_workflow_command(guarded):
    project, _ = guarded
    project.edit(CLAIM_FILE, "asml-invests-in-mistral\n    type: investment\n",
                 'asml-invests-in-mistral\n    type: "investment\\n::error file=README.md,line=1::X"\n')
    result = project.run("check", "--no-cache")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not any(line.lstrip().startswith("::") for line in lines)
    line = project.line_of(CLAIM_FILE, "    type: \"investment")
    assert lines[0] == (f"{CLAIM_FILE}:{line}:11: error: unknown claim type 'investment\\n::error "
                        "file=README.md,line=1::X' (fix: one of: acquisition, agreement, description, founding, "
                        "funding_round, investment, ipo, partnership, product, role, seat, shareholding, supply, "
                        "valuation)") or lines[0].startswith(f"{CLAIM_FILE}:{line}:11: error: unknown claim type "
                                                            "'investment\\n::error file=README.md,line=1::X'")


def test_terminal_escape_sequences_in_values_are_shown_escaped(guarded):
    project, _ = guarded
    project.edit(CLAIM_FILE, "    investor: ASML\n    investee: Mistral AI\n    amount: 1,3",
                 '    investor: "\\e[2J\\e]0;pwned\\aASML"\n    investee: Mistral AI\n    amount: 1,3')
    result = project.run("validate")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "investor: unknown entity '\\x1b[2J\\x1b]0;pwned\\x07ASML'" in first_line(result.stdout)


def test_a_line_of_any_text_output_never_begins_with_two_colons():
    from claimgraph.problems import Location, Problem
    from claimgraph.queries.formats import table_text
    problem = Problem(Location("::warning::x.yaml", 3), "m", "h", detail="::error::diff line\n ok")
    assert problem.as_text().splitlines() == ["\\x3a:warning::x.yaml:3: error: m (fix: h)",
                                              "    \\x3a:error::diff line", "     ok"]
    table = table_text(["a"], [["::error::x"], ["\x1b[31mred"]]).splitlines()
    assert table[2:4] == ["\\x3a:error::x", "\\x1b[31mred"]


def test_a_query_name_with_control_characters_is_shown_escaped(built):
    result = built.run("query", "shareholders\n::error::x")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: 'shareholders\\n::error::x' is not a saved query's name (lower-case words joined by '-', or a path "
        "ending in .rq); run `claimgraph queries` to list them")


# -- YAML, numbers, names -------------------------------------------------------------------------

def test_yaml_nested_too_deep_is_a_data_error_not_a_crash(guarded):
    project, _ = guarded
    project.path("data/claims/deep.yaml").write_text("a: " + "[" * 400 + "]" * 400 + "\n", encoding="utf-8")
    result = project.run("validate")
    assert result.exit_code == 1
    assert first_line(result.stdout) == (
        "data/claims/deep.yaml:1:103: error: YAML nested deeper than 100 levels "
        "(fix: a claim file needs only a few levels; flatten the structure)")


def test_a_yaml_alias_in_a_query_header_is_refused(built, tmp_path):
    path = tmp_path / "bomb.rq"
    path.write_text("#+ summary: x\n#+ tags: &a [x, x]\n#+ description: *a\nSELECT ?s WHERE { ?s ?p ?o }\n",
                    encoding="utf-8")
    result = built.run("query", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {path}:3: malformed '#+' header: YAML alias '*a' is not allowed")


def test_an_update_in_a_saved_query_says_updates_are_not_allowed(built, tmp_path):
    path = tmp_path / "update.rq"
    path.write_text("#+ summary: x\nINSERT DATA { <http://a> <http://b> <http://c> }\n", encoding="utf-8")
    result = built.run("query", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {path}:2:1: updates are not allowed in saved queries (found INSERT); write a SELECT, CONSTRUCT, "
        "ASK or DESCRIBE query")


def test_an_amount_with_too_many_digits_is_a_data_error(guarded):
    project, _ = guarded
    project.edit(CLAIM_FILE, "    amount: 1,3 miljard euro\n", "    amount: 12345678901234567890123456789 euro\n")
    result = project.run("validate")
    assert result.exit_code == 1
    line = project.line_of(CLAIM_FILE, "12345678901234567890123456789")
    assert first_line(result.stdout).startswith(
        f"{CLAIM_FILE}:{line}:13: error: amount: '12345678901234567890123456789' has 29 digits; at most 20 are read")


def test_a_percentage_in_another_language_s_style_is_an_error_not_a_guess(guarded):
    project, _ = guarded
    project.edit(CLAIM_FILE, "  language: nl\n", "  language: en\n")
    project.edit(CLAIM_FILE, "    percentage: 11 procent\n", "    percentage: '0,100 percent'\n")
    result = project.run("validate")
    assert result.exit_code == 1
    line = project.line_of(CLAIM_FILE, "0,100 percent")
    found = [l for l in result.stdout.splitlines() if l.startswith(f"{CLAIM_FILE}:{line}:")]
    assert found and "'0,100' does not fit the article's number style ('en': '.' is the decimal separator, ',' " \
        "groups thousands); for the fraction write 0.100" in found[0]


@pytest.mark.parametrize("written, named", [
    ("\u0410SML", "U+0410 CYRILLIC CAPITAL LETTER A"),
    ("AS\u200bML", "U+200B ZERO WIDTH SPACE"),
])
def test_look_alike_characters_in_an_entity_name_are_named(guarded, written, named):
    project, _ = guarded
    project.edit(CLAIM_FILE, "    investor: ASML\n    investee: Mistral AI\n    amount: 1,3",
                 f'    investor: "{written}"\n    investee: Mistral AI\n    amount: 1,3')
    result = project.run("validate")
    assert result.exit_code == 1
    shown = written.replace("\u200b", "\\u200b")
    assert f"investor: unknown entity '{shown}'" in first_line(result.stdout)
    assert f"contains {named}, which look like other characters or nothing at all" in first_line(result.stdout)


def test_a_decomposed_accent_names_the_same_entity(guarded):
    project, _ = guarded
    project.edit("data/entities.yaml", "aliases: [ASML Holding, ASML Holding N.V.]",
                 "aliases: [ASML Holding, ASML Holding N.V., ASML Soci\u00e9t\u00e9]")
    project.edit(CLAIM_FILE, "    investor: ASML\n    investee: Mistral AI\n    amount: 1,3",
                 "    investor: ASML Socie\u0301te\u0301\n    investee: Mistral AI\n    amount: 1,3")
    result = project.run("validate")
    assert result.exit_code == 0, result.output


def test_an_entity_that_fails_to_load_is_reported_once_not_per_claim(guarded):
    project, _ = guarded
    project.edit("data/entities.yaml", "    type: SemiconductorEquipmentMaker\n", "    type: SemiconductorEquipmentMakr\n")
    result = project.run("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("data/entities.yaml:")
    assert "unknown entity type 'SemiconductorEquipmentMakr'" in lines[0]


def test_a_turtle_syntax_error_is_one_line_without_python_reprs(guarded):
    project, _ = guarded
    path = project.path("ontology/claimgraph.ttl")
    path.write_text(path.read_text(encoding="utf-8") + '\ncg:Broken a owl:Class ; rdfs:label "open\n',
                    encoding="utf-8")
    result = project.run("validate")
    assert result.exit_code == 1
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert result.stdout.splitlines() == [
        f"ontology/claimgraph.ttl:{line}: error: Turtle syntax error: newline found in string literal, near "
        "'cg:Broken a owl:Class ; rdfs:label \"open' (fix: fix the Turtle syntax at that line)"]


# -- the closest-passage hint is bounded --------------------------------------------------------

def test_the_closest_passage_compares_few_passages_character_by_character(monkeypatch):
    import difflib
    from claimgraph.claims import evidence
    text = "\n".join(f"Sentence number {i} talks about topic {i % 97} and more." for i in range(20_000))
    calls = []
    real = difflib.SequenceMatcher

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(evidence.difflib, "SequenceMatcher", counted)
    found = evidence.closest_passage("Sentence number 12345 talks about topic 26", text)
    assert found == "Sentence number 12345 talks about topic 26 and more."
    assert len(calls) <= evidence.CANDIDATES


# -- long queries can be interrupted --------------------------------------------------------------

# -- exit codes ---------------------------------------------------------------------------------------

def test_ctrl_c_exits_130_in_any_command(guarded, monkeypatch):
    project, _ = guarded
    from claimgraph import project as project_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(project_module, "run_stages", interrupted)
    monkeypatch.setattr(project_module, "build_outputs", interrupted)
    for command in (["validate"], ["build"]):
        result = project.run(*command)
        assert result.exit_code == 130
        assert result.stderr.splitlines()[-1] == "claimgraph: interrupted; no output file was changed"


@pytest.mark.parametrize("code, strerror, hint", [
    (errno.ENOSPC, "No space left on device", "free some disk space and run it again"),
    (errno.EROFS, "Read-only file system", "the file system is read-only: work in a writable copy of the project"),
    (errno.EACCES, "Permission denied", "make it writable (or readable) for this user"),
])
def test_a_full_disk_or_read_only_folder_is_an_environment_error(guarded, monkeypatch, code, strerror, hint):
    project, _ = guarded
    project.edit(CLAIM_FILE, "    percentage: 11 procent", "    percentage: 12 procent")  # the build changes

    def failing(path, data):
        raise OSError(code, strerror, str(path))

    monkeypatch.setattr(serialization, "_write_into", failing)
    result = project.run("build")
    assert result.exit_code == 2
    line = result.stderr.splitlines()[-1]
    assert line.startswith("Error: ") and line.endswith(f": {strerror}; {hint}; no output file was changed")
    assert f"{project.root.resolve() / 'data'}/.build.new-" in line
    assert [p.name for p in project.path("data").iterdir() if p.name.startswith(".build")] == []


# -- build: all or nothing, leftovers removed ----------------------------------------------------------

KILLER = textwrap.dedent("""
    import os, signal, sys
    from claimgraph import cli
    from claimgraph.rdf import serialization
    point, how = sys.argv[1], getattr(signal, sys.argv[2])
    real_write, real_switch, real_exchange = serialization._write_into, serialization._switch, serialization._exchange
    written = []
    def write_into(path, data):
        real_write(path, data)
        written.append(path)
        if point == "writing" and len(written) == 2:
            os.kill(os.getpid(), how)
    def exchange(a, b):
        if point == "between-renames":
            return False
        return real_exchange(a, b)
    def switch(generation, folder):
        if point == "before-switch":
            os.kill(os.getpid(), how)
        real_switch(generation, folder)
        if point == "after-switch":
            os.kill(os.getpid(), how)
    real_rename = os.rename
    def rename(a, b):
        real_rename(a, b)
        if point == "between-renames" and ".build.old-" in str(b):
            os.kill(os.getpid(), how)
    os.rename = rename
    serialization._write_into, serialization._switch, serialization._exchange = write_into, switch, exchange
    sys.argv = ["claimgraph", "--project", sys.argv[3], "build"]
    cli.main()
""")


@pytest.mark.parametrize("point, how", [
    ("writing", "SIGKILL"), ("writing", "SIGTERM"), ("writing", "SIGINT"),
    ("before-switch", "SIGKILL"), ("after-switch", "SIGKILL"), ("after-switch", "SIGTERM"),
    ("between-renames", "SIGKILL"),
])
def test_a_killed_build_leaves_the_old_or_the_new_outputs_never_a_mix(project, tmp_path, point, how):
    build = project.path("data/build")
    old = tree_digest(build)
    project.edit(CLAIM_FILE, "    percentage: 11 procent", "    percentage: 12 procent")
    done = subprocess.run([sys.executable, "-c", KILLER, point, how, str(project.root)], preexec_fn=_sigint_default,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    if how != "SIGKILL":
        if point == "after-switch":
            assert done.stderr.splitlines()[-1] == (
                f"claimgraph: {'terminated' if how == 'SIGTERM' else 'interrupted'} after these outputs were "
                "completely replaced: " + relative_path(build, Path.cwd()) + "; every other output is unchanged")
        else:
            assert done.stderr.splitlines()[-1].endswith("; no output file was changed")
    partway = tree_digest(build) if build.is_dir() else None
    rebuilt = project.run("build")
    assert rebuilt.exit_code == 0, rebuilt.output
    new = tree_digest(build)
    assert new != old
    if point in ("after-switch",):
        assert partway == new  # completely new
    elif point == "between-renames":
        assert partway is None  # the one moment with no folder: the next run puts the old one back first
    else:
        assert partway == old  # completely old
    leftovers = [p.name for p in project.path("data").iterdir() if p.name.startswith(".build.")]
    assert leftovers == []
    assert not list(build.glob(".*"))


def test_recovery_puts_the_old_build_back_when_a_run_died_between_two_renames(project):
    from claimgraph.rdf.serialization import recover_folder
    build = project.path("data/build")
    old = tree_digest(build)
    os.rename(build, project.path("data/.build.old-abc123"))
    (project.path("data/.build.new-def456")).mkdir()
    recover_folder(build)
    assert tree_digest(build) == old
    assert sorted(p.name for p in project.path("data").iterdir()) == ["build", "claims", "entities.yaml", "reference"]


def test_an_unchanged_build_does_not_replace_the_folder(project):
    build = project.path("data/build")
    inode = build.stat().st_ino
    assert project.run("build").exit_code == 0
    assert build.stat().st_ino == inode
    project.edit(CLAIM_FILE, "    percentage: 11 procent", "    percentage: 12 procent")
    assert project.run("build").exit_code == 0
    assert build.stat().st_ino != inode


# -- no command goes to the network unless given --endpoint -------------------------------------

@pytest.mark.parametrize("command", [
    ["build"], ["validate"], ["check", "--no-cache"], ["check"], ["check", "--no-cache", "--verify-build"],
    ["check", "--no-cache", "--shacl", "pyshacl", "--reasoner", "owlrl"], ["queries"],
    ["query", "shareholders", "-p", "company=Mistral AI"], ["query", "entity", "-p", "entity=ASML"],
    ["update-expected"], ["--help"], ["--version"],
])
def test_no_command_without_an_endpoint_opens_a_network_connection(project, monkeypatch, command):
    import socket

    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access in a test of a command that must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = project.run(*command)
    assert result.exit_code == 0, result.output
    assert attempts == []


def test_ctrl_c_stops_a_long_embedded_query_at_once(built, tmp_path):
    """A query that would run for hours (a three-way cross join over the built graph) ends on
    SIGINT with exit 130 and the one-line message, not when the query ends."""
    import signal
    import subprocess
    import sys
    import time

    slow = tmp_path / "cross-join.rq"
    slow.write_text('#+ summary: "every triple with every triple with every triple"\n'
                    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", "from claimgraph.cli import main; main()",
                                "--project", str(built.root), "query", str(slow)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_sigint_default)
    try:
        time.sleep(3)  # the store is loaded and the query runs
        assert process.poll() is None, process.communicate()
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
        assert time.monotonic() - sent < 5
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 130
    assert stdout == ""
    assert stderr.splitlines()[-1] == "claimgraph: interrupted; no output file was changed"
