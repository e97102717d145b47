"""The pre-commit hooks of .pre-commit-hooks.yaml, for real: ``pre-commit try-repo`` installs
claimgraph from (a committed copy of) this repository into its own environment and runs the
hooks in a scratch repository of claims."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CLAIM_FILE, REPO
from gitrepo import GIT_ENV, commit_all, copy_tracked_files, init_repository, running_in_ci

#: pre-commit installs claimgraph and its dependencies into its own environment (a minute or more)
slow = pytest.mark.slow

BROKEN_QUOTE = "ASML dat vanaf vandaag 11 procent van Mistral AI bezit"


def test_the_hooks_file_names_both_hooks_as_python_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert sorted(hooks) == ["claimgraph-check", "claimgraph-validate"]
    assert {h["language"] for h in hooks.values()} == {"python"}
    assert hooks["claimgraph-validate"]["entry"] == "claimgraph validate"
    assert hooks["claimgraph-check"]["entry"] == "claimgraph check"
    assert hooks["claimgraph-check"]["pass_filenames"] is False
    assert hooks["claimgraph-validate"]["require_serial"] is True  # one run: the registry read once
    validate_files, check_files = (re.compile(hooks[h]["files"]) for h in ("claimgraph-validate", "claimgraph-check"))
    assert validate_files.search(CLAIM_FILE) and validate_files.search("sub/" + CLAIM_FILE)
    assert not validate_files.search("data/entities.yaml") and not validate_files.search("data/claims/x/y.yaml")
    assert all(check_files.search(f) for f in ("data/entities.yaml", "ontology/shapes.ttl", "queries/a.rq",
                                                "seeds/a.en.txt", "sub/data/claims/a.yaml"))
    assert not check_files.search("README.md")


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory) -> Path:
    """This repository's files as they are now, committed in a fresh repository (try-repo
    needs a repository with the hooks file committed)."""
    if importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None:
        if running_in_ci():
            pytest.fail("pre-commit and git are needed to test the hooks in CI: pip install -e '.[test]'")
        pytest.skip("pre-commit or git is not installed (pip install -e '.[test]')")
    copy = copy_tracked_files(REPO, tmp_path_factory.mktemp("hooks") / "claimgraph")
    init_repository(copy)
    commit_all(copy, "claimgraph as it is now")
    return copy


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def claims_repository(project) -> Path:
    (project.root / ".gitignore").write_text(".claimgraph-cache/\n", encoding="utf-8")
    init_repository(project.root)
    commit_all(project.root, "claims")
    return project.root


def try_repo(claims: Path, hooks: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "CLAIMGRAPH"))}
    env.update(GIT_ENV, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook, "--all-files",
                           "--verbose"], cwd=claims, env=env, capture_output=True, text=True, timeout=900,
                          check=False)


@slow
def test_validate_hook_passes_on_good_claims_and_fails_on_a_broken_quote(claims_repository, hook_repository,
                                                                         pre_commit_home, project):
    good = try_repo(claims_repository, hook_repository, pre_commit_home, "claimgraph-validate")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "claimgraph validate" in good.stdout and "Passed" in good.stdout

    line = project.line_of(CLAIM_FILE, BROKEN_QUOTE)
    project.edit(CLAIM_FILE, BROKEN_QUOTE, "ASML bezit vanaf vandaag de helft van Mistral AI")
    commit_all(claims_repository, "a quote that is not in the article")
    broken = try_repo(claims_repository, hook_repository, pre_commit_home, "claimgraph-validate")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert f"{CLAIM_FILE}:{line}:" in broken.stdout
    assert "validate (" in broken.stdout and "1 error(s)" in broken.stdout


@slow
def test_check_hook_passes_on_a_built_project_and_fails_when_the_build_is_stale(claims_repository, hook_repository,
                                                                                pre_commit_home, project):
    good = try_repo(claims_repository, hook_repository, pre_commit_home, "claimgraph-check")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    project.edit(CLAIM_FILE, "percentage: 11 procent", "percentage: 12 procent")
    commit_all(claims_repository, "a claim changed without a build")
    stale = try_repo(claims_repository, hook_repository, pre_commit_home, "claimgraph-check")
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "data/build/asserted.ttl: error: built file is stale" in stale.stdout


def test_validate_of_named_files_resolves_entities_from_every_registry_file(project):
    """What the validate hook runs: the named claim files only, against the whole registry."""
    block = ("  - id: mistral-ai\n    type: AIModelDeveloper\n    labels: {en: Mistral AI, nl: Mistral AI, fr: Mistral AI}\n"
             "    aliases: [Mistral]\n    website: https://mistral.ai\n\n")
    project.edit("data/entities.yaml", block, "")
    (project.root / "data/entities").mkdir()
    (project.root / "data/entities/mistral.yaml").write_text("entities:\n" + block, encoding="utf-8")
    every_file = project.run("validate")
    assert every_file.exit_code == 0, every_file.output
    (project.root / "data/claims/other.yaml").write_text("source: []\n", encoding="utf-8")  # not named: not reported
    result = project.run("validate", str(project.root / CLAIM_FILE))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == every_file.stderr
