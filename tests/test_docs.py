"""The README stays true: its query catalogue, its examples, and its two commands."""

import re
import shlex
from pathlib import Path

import pytest

from claimgraph.queries.saved import list_queries

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def catalogue() -> list[tuple[str, str, str]]:
    block = README.split("<!-- catalogue:", 1)[1].split("<!-- /catalogue -->", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| (.+?) \| `(claimgraph query [^`]+)` \|$", block, flags=re.M)
    return rows


def test_the_catalogue_lists_every_saved_query_with_its_summary():
    documented = {name: summary for name, summary, _ in catalogue()}
    actual = {q.name: q.summary for q in list_queries(REPO)}
    assert documented == actual


@pytest.mark.parametrize("name, summary, example", catalogue(), ids=[row[0] for row in catalogue()])
def test_each_catalogue_example_runs(built, name, summary, example):
    args = shlex.split(example)[1:]
    assert args[:2] == ["query", name]
    result = built.run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    assert len(commands) == 2, "the quick start has exactly two commands"
    assert commands[1] in (REPO / ".ci/run").read_text(encoding="utf-8")
    assert "claimgraph build" in commands[0] and "claimgraph check" in commands[0]
    assert "claimgraph query shareholders" in commands[0]


def test_every_cli_command_is_documented():
    from claimgraph.cli import cli
    for name in cli.commands:
        assert f"`claimgraph {name}" in README, name
