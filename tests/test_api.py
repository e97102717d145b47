"""The library front door (``import claimgraph``): same findings and answers as the command
line, with no CLI involved; its docstring examples run."""

from __future__ import annotations

import doctest
import gc
import json

import pytest

import claimgraph
from claimgraph.problems import format_problems

from conftest import CLAIM_FILE, copy_project


def test_the_front_door_exports_every_call_and_error():
    for name in ("load_project", "build", "check", "update_expected", "run_query", "upload"):
        assert callable(getattr(claimgraph, name)), name
        assert getattr(claimgraph, name).__doc__, name
    errors = [name for name in claimgraph.__all__ if name.endswith("Error")]
    assert {"ProjectError", "QueryError", "ParameterError", "EndpointError"} <= set(errors)
    for name in errors:
        assert issubclass(getattr(claimgraph, name), Exception)
    assert all(hasattr(claimgraph, name) for name in claimgraph.__all__)


def test_the_docstring_examples_run(tmp_path):
    import claimgraph.project

    seed = copy_project(tmp_path / "project")
    globs = {"copy_of_seed_project": seed}
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = [t for t in finder.find(claimgraph.project, globs=dict(vars(claimgraph.project), **globs)) if t.examples]
    for test in tests:
        test.globs.update(globs)
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted >= 8 and result.failed == 0


def test_library_and_command_line_give_the_same_findings(project):
    project.edit(CLAIM_FILE, "    amount: 1,3 miljard euro", "    amount: 9,9 miljard euro")
    report = claimgraph.check(project.root, use_cache=False)
    cli = project.run("check", "--no-cache", "--format", "json")
    assert cli.exit_code == 1 and not report.ok
    assert json.loads(cli.stdout) == json.loads(format_problems(report.problems, "json"))
    assert report.reused is None and report.claims == 37


def test_library_build_check_and_query_agree_with_the_command_line(project):
    (project.root / "data/build/build.json").unlink()
    report = claimgraph.build(project.root)
    assert report.ok and report.wrote and report.claims == 37
    assert set(report.triples) == {"asserted", "hypothetical", "inferred"}
    again = claimgraph.build(project.root)
    assert again.ok and not again.wrote  # every built file already what the inputs give
    checked = claimgraph.check(project.root, use_cache=False)
    assert checked.ok and checked.problems == []
    answer = claimgraph.run_query(project.root, "shareholders", {"company": "Mistral AI"})
    assert answer.render() == project.run("query", "shareholders", "-p", "company=Mistral AI").stdout
    assert answer.render("csv").replace("\r\n", "\n") == project.run("query", "shareholders", "-p", "company=Mistral AI",
                                               "--format", "csv").stdout


def test_one_store_answers_several_queries(built):
    engine = claimgraph.open_dataset(built.root)
    first = claimgraph.run_query(built.root, "shareholders", {"company": "Mistral AI"}, engine=engine)
    second = claimgraph.run_query(built.root, "partners", {"org": "OpenAI"}, engine=engine)
    assert "ASML" in first.render() and second.engine is engine


def test_a_library_run_leaves_the_callers_heap_alone(project):
    gc.unfreeze()
    claimgraph.check(project.root, use_cache=False)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_errors_are_raised_as_named_exceptions(tmp_path, built):
    with pytest.raises(claimgraph.ProjectError, match="not inside a claimgraph project"):
        claimgraph.load_project(tmp_path)
    with pytest.raises(claimgraph.QueryError, match="unknown query 'nope'; run `claimgraph queries` to list them"):
        claimgraph.run_query(built.root, "nope")
    with pytest.raises(claimgraph.ParameterError, match="unknown parameter 'x' for query 'shareholders'"):
        claimgraph.run_query(built.root, "shareholders", {"x": "1"})
    with pytest.raises(claimgraph.FormatError):
        claimgraph.run_query(built.root, "shareholders", {"company": "ASML"}).render("turtle")


def test_query_before_build_is_a_project_error(project):
    with pytest.raises(claimgraph.ProjectError, match=r"^data/build/claimgraph.trig not found; run `claimgraph build` first$"):
        (project.root / "data/build/claimgraph.trig").unlink()
        claimgraph.run_query(project.root, "shareholders", {"company": "ASML"})


def test_update_expected_reports_what_it_rewrote(project):
    (project.root / "queries/expected/shareholders.tsv").write_text("stale\n", encoding="utf-8")
    update = claimgraph.update_expected(project.root, ["shareholders"])
    assert update.ok and [p.name for p in update.changed] == ["shareholders.tsv"]
    assert claimgraph.update_expected(project.root, ["shareholders"]).changed == []


def test_the_readme_example_runs(project, monkeypatch, capsys):
    from conftest import REPO

    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Python API", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(project.root)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert out.startswith("holder,percentage,basis,since,position,modality,source,claim")
    assert "asml-holds-11-percent" in out


def test_one_process_model_no_fork_freeze_or_pipe_handshake_in_the_package():
    from conftest import REPO

    for path in sorted((REPO / "src/claimgraph").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for call in ("os.fork", "gc.freeze", "os.pipe", "os._exit", "multiprocessing"):
            assert call not in text, f"{path.relative_to(REPO)} uses {call}"


def test_graph_overrides_are_refused_with_one_message_from_text_or_mapping(built):
    names = "ontology, asserted, hypothetical, inferred"
    with pytest.raises(ValueError, match=rf"^'asserted': write NAME=IRI with NAME one of {names}$"):
        claimgraph.parse_graph_overrides(["asserted"])
    with pytest.raises(ValueError, match=rf"^'other=urn:x:g': write NAME=IRI with NAME one of {names}$"):
        claimgraph.parse_graph_overrides(["inferred=urn:x:i", "other=urn:x:g"])
    with pytest.raises(ValueError, match=rf"^'other=urn:x:g': write NAME=IRI with NAME one of {names}$"):
        claimgraph.built_graph_files(built.root, {"other": "urn:x:g"})
    assert claimgraph.parse_graph_overrides(["inferred=urn:x:i"]) == {"inferred": "urn:x:i"}


def test_load_with_a_graph_option_without_a_name_is_a_usage_error(built):
    result = built.run("load", "--endpoint", "http://127.0.0.1:9/query", "--graph", "urn:x:g")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: Invalid value for --graph: 'urn:x:g': write NAME=IRI with "
                                              "NAME one of ontology, asserted, hypothetical, inferred")


def test_the_project_folder_may_follow_the_command_or_come_from_the_environment(project, monkeypatch, tmp_path):
    """Issue 23 item 4: ``claimgraph check --project DIR`` and ``CLAIMGRAPH_PROJECT=DIR``; a
    ``--project`` after the command wins over one before it."""
    from click.testing import CliRunner
    from claimgraph.cli import cli
    monkeypatch.chdir(tmp_path)  # not inside any project
    runner = CliRunner()
    after = runner.invoke(cli, ["validate", "--project", str(project.root)], catch_exceptions=False)
    assert after.exit_code == 0 and "validate (37 claims): ok" in after.output, after.output
    from_env = runner.invoke(cli, ["validate"], env={"CLAIMGRAPH_PROJECT": str(project.root)}, catch_exceptions=False)
    assert from_env.exit_code == 0 and "validate (37 claims): ok" in from_env.output, from_env.output
    both = runner.invoke(cli, ["--project", str(tmp_path), "validate", "--project", str(project.root)],
                         catch_exceptions=False)
    assert both.exit_code == 0, both.output
    nowhere = runner.invoke(cli, ["validate"], catch_exceptions=False)
    assert nowhere.exit_code == 2
