"""``claimgraph init DIR`` (issue 23 item 4): a new project that passes ``check`` at once, made all or
nothing; the project files the wheel ships; ``--project`` and ``CLAIMGRAPH_PROJECT``; the new project's
pre-commit hooks run by real pre-commit; and (slow) the built wheel in a fresh virtual environment."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from claimgraph import packaged, starter
from claimgraph.cli import cli
from claimgraph.packaged import OPTIONAL_PATTERNS, STARTER_PATTERNS, PackagingError, starter_files
from claimgraph.queries.saved import list_queries
from claimgraph.starter import init_project, pre_commit_config
from claimgraph.terminal import under_ci
from conftest import REPO, Project, query_rows

EXAMPLE_CLAIMS = f"data/claims/{packaged.EXAMPLE_SOURCE}.yaml"


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def new_project(tmp_path_factory) -> Path:
    """One project made by ``claimgraph init``; tests must not change it."""
    from click.testing import CliRunner
    root = tmp_path_factory.mktemp("init") / "claims"
    result = CliRunner().invoke(cli, ["init", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"init: ok ({len([p for p in root.rglob('*') if p.is_file()])} files, 37 claims) -> {root}; "
        f"next: cd {root} && claimgraph check"]
    return root


def test_the_new_project_passes_check_at_once_and_answers_like_the_seed_project(new_project, runner, built):
    checked = runner.invoke(cli, ["check", "--project", str(new_project), "--no-cache"], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output
    assert checked.stderr.splitlines()[-1] == "check (37 claims): ok (0 warning(s))"
    rows = query_rows(Project(new_project, runner), "shareholders", "company=Mistral AI")
    assert len(rows) == 2 and rows == query_rows(built, "shareholders", "company=Mistral AI")


def test_the_new_project_has_the_shipped_files_its_build_and_every_expected_answer(new_project):
    for relative, source in starter_files().items():
        if relative not in (".pre-commit-hooks.yaml", "examples/github-workflow.yml"):
            assert (new_project / relative).read_bytes() == source.read_bytes(), relative
    assert sorted(p.name for p in (new_project / "data/build").iterdir()) == [
        "asserted.ttl", "build.json", "claimgraph.trig", "hypothetical.ttl", "inferred.ttl"]
    names = {q.name for q in list_queries(new_project)}
    assert names == {p.stem for p in (REPO / "queries").glob("*.rq")}  # every saved query of this repository
    assert {p.name.split(".")[0] for p in (new_project / "queries/expected").iterdir()} == names
    assert (new_project / ".gitignore").read_text() == ".claimgraph-cache/\n.venv/\n__pycache__/\n"
    assert [p.name for p in new_project.parent.iterdir()] == ["claims"]  # no staging folder left


def test_the_pre_commit_configuration_runs_the_installed_claimgraph_as_local_hooks(new_project):
    config = yaml.safe_load((new_project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    assert [(h["id"], h["entry"], h["language"]) for h in repo["hooks"]] == [
        ("claimgraph-validate", "claimgraph validate", "system"), ("claimgraph-check", "claimgraph check", "system")]
    assert repo["hooks"][1]["pass_filenames"] is False


def test_a_shipped_pre_commit_hooks_file_gives_the_local_hooks():
    hooks = """\
- id: claimgraph-validate
  name: claimgraph validate
  entry: claimgraph validate
  language: python
  files: ^(.*/)?data/claims/[^/]+\\.yaml$
- id: claimgraph-check
  name: claimgraph check
  entry: claimgraph check
  language: python
  pass_filenames: false
  always_run: true
  description: not kept
"""
    config = yaml.safe_load(pre_commit_config(hooks))
    assert config["repos"][0]["hooks"] == [
        {"id": "claimgraph-validate", "name": "claimgraph validate", "entry": "claimgraph validate",
         "language": "system", "files": "^(.*/)?data/claims/[^/]+\\.yaml$"},
        {"id": "claimgraph-check", "name": "claimgraph check", "entry": "claimgraph check", "language": "system",
         "pass_filenames": False, "always_run": True}]
    assert pre_commit_config(hooks) == pre_commit_config(hooks)  # deterministic


def test_the_shipped_workflow_is_copied_when_there_is_one(tmp_path, monkeypatch):
    source = tmp_path / "source"
    for relative, file in starter_files(REPO).items():
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        (source / relative).write_bytes(file.read_bytes())
    (source / "examples").mkdir(exist_ok=True)
    (source / "examples/github-workflow.yml").write_text("name: claims\non: [push]\n", encoding="utf-8")
    monkeypatch.setattr(starter, "starter_files", lambda: packaged.starter_files(source))
    report = init_project(tmp_path / "new")
    assert (tmp_path / "new/.github/workflows/claimgraph.yml").read_text() == "name: claims\non: [push]\n"
    assert "examples/github-workflow.yml" not in report.files and ".github/workflows/claimgraph.yml" in report.files


@pytest.mark.parametrize("case", ["not-empty", "file", "symlink", "no-parent", "parent-is-a-file"])
def test_init_refuses_a_folder_it_cannot_make_in_one_line_and_changes_nothing(tmp_path, runner, case):
    target = tmp_path / "new"
    if case == "not-empty":
        target.mkdir()
        (target / "notes.txt").write_text("mine")
        expected = f"{target}: the folder is not empty; name a new or empty folder"
    elif case == "file":
        target.write_text("mine")
        expected = f"{target}: is a file, not a folder; name a folder that does not exist yet"
    elif case == "symlink":
        (tmp_path / "elsewhere").mkdir()
        target.symlink_to(tmp_path / "elsewhere")
        expected = f"{target}: is a symbolic link; name a real folder that does not exist yet"
    elif case == "no-parent":
        target = tmp_path / "missing" / "new"
        expected = (f"{target}: its parent folder {tmp_path / 'missing'} does not exist; create it first "
                    f"(mkdir -p {tmp_path / 'missing'}) or name another folder")
    else:
        (tmp_path / "plain").write_text("mine")
        target = tmp_path / "plain" / "new"
        expected = (f"{target}: its parent folder {tmp_path / 'plain'} does not exist; create it first "
                    f"(mkdir -p {tmp_path / 'plain'}) or name another folder")
    before = listing(tmp_path)
    result = runner.invoke(cli, ["init", str(target)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: {expected}"]
    assert listing(tmp_path) == before


def test_a_parent_folder_that_cannot_be_written_is_named_in_one_line(tmp_path, runner, monkeypatch):
    def refuse(self, *args, **kwargs):  # as a read-only folder does (root may write anywhere)
        raise PermissionError(errno.EACCES, "Permission denied", str(self))
    monkeypatch.setattr(Path, "mkdir", refuse)
    result = runner.invoke(cli, ["init", str(tmp_path / "new")], catch_exceptions=False)
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'new'}: cannot create a folder in {tmp_path}: "
                                          "Permission denied; make it writable or name a folder elsewhere"]
    assert listing(tmp_path) == []


def test_an_empty_folder_becomes_the_project(tmp_path):
    (tmp_path / "new").mkdir()
    report = init_project(tmp_path / "new")
    assert report.claims == 37 and (tmp_path / "new" / EXAMPLE_CLAIMS).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["new"]


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_init_leaves_no_folder_and_no_trace(tmp_path, runner, monkeypatch, failure):
    """Everything is made beside DIR and renamed in one step: a failure after the build leaves nothing."""
    def fail(*args, **kwargs):
        raise failure
    monkeypatch.setattr(starter, "update_expected", fail)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["init", str(tmp_path / "new")])
    assert listing(tmp_path) == []
    if isinstance(failure, OSError):
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            "Error: No space left on device; free some disk space and run it again; no output file was changed"]
    else:
        assert result.exit_code == 130
        assert result.stderr.splitlines()[-1] == "claimgraph: interrupted; no output file was changed"


def test_a_folder_filled_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    real_build = starter.build

    def build_while_someone_writes(root, **kwargs):
        (tmp_path / "new").mkdir()
        (tmp_path / "new/theirs.txt").write_text("theirs")
        return real_build(root, **kwargs)
    monkeypatch.setattr(starter, "build", build_while_someone_writes)
    with pytest.raises(starter.InitError, match="the folder is not empty any more; name a new or empty folder"):
        init_project(tmp_path / "new")
    assert listing(tmp_path) == ["new", "new/theirs.txt"]


def test_an_install_without_project_files_is_an_environment_error(tmp_path, runner, monkeypatch):
    monkeypatch.setattr(starter, "starter_files", lambda: packaged.starter_files(tmp_path / "empty-install"))
    result = runner.invoke(cli, ["init", str(tmp_path / "new")], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: ontology/*.ttl: not among the installed project files; reinstall claimgraph "
        "(pip install --force-reinstall claimgraph)"]
    assert listing(tmp_path) == []


def test_installed_project_files_are_read_from_the_package(tmp_path, monkeypatch):
    package = tmp_path / "claimgraph"
    shipped = package / packaged.SHIPPED_DIR
    for relative, file in starter_files(REPO).items():
        (shipped / relative).parent.mkdir(parents=True, exist_ok=True)
        (shipped / relative).write_bytes(file.read_bytes())
    monkeypatch.setattr(packaged.resources, "files", lambda name: package)
    assert packaged.starter_root() == shipped
    assert list(starter_files()) == list(starter_files(REPO))


def test_manifest_in_brings_every_shipped_file_into_the_sdist():
    included = {line.split(None, 1)[1] for line in (REPO / "MANIFEST.in").read_text().splitlines()
                if line.startswith("include ")}
    assert set(STARTER_PATTERNS + OPTIONAL_PATTERNS) <= included


def test_every_command_but_init_takes_the_project_folder_and_the_environment_variable_sets_it(
        new_project, runner, tmp_path, monkeypatch):
    for name, command in cli.commands.items():
        has_project = any("--project" in p.opts for p in command.params)
        assert has_project == (name != "init"), name
    assert [p.envvar for p in cli.params if p.name == "project"] == ["CLAIMGRAPH_PROJECT"]
    monkeypatch.chdir(tmp_path)
    for args in (["queries"], ["validate"], ["check"]):
        result = runner.invoke(cli, args, env={"CLAIMGRAPH_PROJECT": str(new_project)}, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_real_pre_commit_runs_the_hooks_init_configured(tmp_path):
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pre_commit is None:
        if under_ci():
            pytest.fail("pre-commit is not installed (pip install -e '.[test]')")
        pytest.skip("pre-commit not installed")
    root = tmp_path / "claims"
    init_project(root)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("CI", None)

    def run() -> subprocess.CompletedProcess:
        return subprocess.run([pre_commit, "run", "--all-files", "--color", "never"], cwd=root, env=env,
                              capture_output=True, text=True, timeout=300)
    clean = run()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert [line.rsplit(".", 1)[-1] for line in clean.stdout.splitlines() if line.startswith("claimgraph ")] == [
        "Passed", "Passed"]
    claims = root / EXAMPLE_CLAIMS
    text = claims.read_text(encoding="utf-8")
    quote = text.split('evidence: "', 1)[1].split('"', 1)[0]
    claims.write_text(text.replace(f'evidence: "{quote}"', f'evidence: "{quote} (not in the article)"', 1),
                      encoding="utf-8")
    _git(root, "add", "-A")
    broken = run()
    assert broken.returncode == 1
    assert [line.rsplit(".", 1)[-1] for line in broken.stdout.splitlines() if line.startswith("claimgraph ")] == [
        "Failed", "Failed"]
    assert f"{EXAMPLE_CLAIMS}:" in broken.stdout and "evidence" in broken.stdout


@pytest.mark.slow
def test_the_built_wheel_stands_alone_in_a_fresh_virtual_environment(tmp_path):
    """The wheel, built from a copy of the source, installed into a new venv outside the repository:
    init, build, check and a saved query work with no file of the repository."""
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".claimgraph-cache", ".shacl-tests", "work"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, timeout=600)
    [wheel] = wheels.glob("claimgraph-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert {f"claimgraph/_project/{relative}" for relative in starter_files(REPO)} <= set(names)
    assert any(name.startswith("claimgraph-0.1.0.dist-info/") and name.endswith("LICENSE") for name in names)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([venv / "bin/python", "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True,
                   timeout=900)
    claimgraph = str(venv / "bin/claimgraph")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CLAIMGRAPH_PROJECT")}

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        done = subprocess.run([claimgraph, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done
    located = subprocess.run([venv / "bin/python", "-c", "import claimgraph.packaged as p; print(p.starter_root())"],
                             cwd=work, env=env, capture_output=True, text=True, check=True)
    assert located.stdout.strip().endswith("site-packages/claimgraph/_project")
    run("init", "claims", cwd=work)
    project = work / "claims"
    assert run("build", cwd=project).stderr.splitlines()[-1] == "build: ok (0 warning(s))"
    assert run("check", cwd=project).stderr.splitlines()[-1] == "check (37 claims): ok (0 warning(s))"
    answer = run("query", "shareholders", "-p", "company=Mistral AI", "--format", "csv", cwd=project)
    assert len(answer.stdout.splitlines()) == 3
    assert run("queries", cwd=project).stdout.count("\n") >= 17
