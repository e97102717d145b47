"""Shared fixtures: a throw-away copy of the repository's project, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimgraph.cli import cli
from claimgraph.terminal import under_ci

REPO = Path(__file__).resolve().parent.parent
CLAIM_FILE = "data/claims/techzine-2025-09-09-asml-mistral.yaml"
PROJECT_PARTS = ("ontology", "data", "queries", "seeds")

#: the seed project most tests run on: the repository's ontology, shapes, queries, texts and
#: registry, with only the seed article's claims, built and its expected answers made (the
#: committed corpus has its own tests, tests/test_corpus.py)
_seed_template: list[Path] = []


def _leave_out(folder: str, names: list[str]) -> set[str]:
    folder = Path(folder).as_posix()
    if folder.endswith("/data"):
        return {"build", "entities"} & set(names)
    if folder.endswith("/data/claims"):
        return {n for n in names if n != Path(CLAIM_FILE).name}
    if folder.endswith("/queries/expected"):
        return set(names)
    return set()


def copy_full_project(target: Path) -> Path:
    """A copy of the repository's whole project: every article of the corpus, as committed."""
    for part in PROJECT_PARTS:
        shutil.copytree(REPO / part, target / part)
    return target


def copy_project(target: Path) -> Path:
    """A copy of the seed project (see ``_seed_template``), built."""
    if not _seed_template:
        raise RuntimeError("the seed project is made by the session fixture 'seed_project_template'")
    for part in PROJECT_PARTS:
        shutil.copytree(_seed_template[0] / part, target / part)
    return target


def project_with(root: Path, add: Callable[[Path], None], *, build: bool) -> "Project":
    """A copy of the seed project at ``root`` with ``add(root)`` applied; with ``build``, built
    cleanly (exit 0, no warning). For tests that add a synthetic article to the seed."""
    add(copy_project(root))
    project = Project(root, CliRunner())
    if build:
        outcome = project.run("build")
        assert outcome.exit_code == 0, outcome.output
        assert "0 warning(s)" in outcome.output
    return project


@pytest.fixture(scope="session", autouse=True)
def seed_project_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seed-template") / "project"
    for part in PROJECT_PARTS:
        shutil.copytree(REPO / part, root / part, ignore=_leave_out)
    (root / "queries/expected").mkdir(exist_ok=True)
    runner = CliRunner()
    for command in (["build"], ["update-expected"]):
        outcome = runner.invoke(cli, ["--project", str(root), *command], catch_exceptions=False)
        assert outcome.exit_code == 0, outcome.output
    _seed_template[:] = [root]
    return root


@dataclass
class Project:
    root: Path
    runner: CliRunner

    def run(self, *args: str) -> Result:
        return self.runner.invoke(cli, ["--project", str(self.root), *args], catch_exceptions=False)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace exactly one occurrence of ``old`` in a project file."""
        file = self.root / relative
        text = file.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        file.write_text(text.replace(old, new), encoding="utf-8")

    def line_of(self, relative: str, needle: str) -> int:
        lines = (self.root / relative).read_text(encoding="utf-8").splitlines()
        matches = [i + 1 for i, line in enumerate(lines) if needle in line]
        assert len(matches) == 1, f"{needle!r} is on lines {matches}"
        return matches[0]


def query_rows(project: Project, name: str, *params: str) -> list[dict[str, str]]:
    """The rows of ``claimgraph query NAME -p ...`` as CSV (IRIs in full)."""
    import csv
    import io
    args = [a for p in params for a in ("-p", p)]
    result = project.run("query", name, *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, runner: CliRunner) -> Project:
    """A fresh, writable copy of the repository's project (ontology, data, queries, seeds)."""
    return Project(copy_project(tmp_path / "project"), runner)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Project:
    """One shared copy of the project, built once; tests must not change it."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = Project(root, CliRunner())
    outcome = result.run("build")
    assert outcome.exit_code == 0, outcome.output
    return result


@pytest.fixture(scope="session")
def seed_result(built: Project):
    """The pipeline's in-memory result for the seed project (graphs, outputs)."""
    from claimgraph.pipeline import run_stages

    result = run_stages(built.root)
    assert result.ok, [p.as_text() for p in result.problems]
    return result


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def add_example_article(root: Path) -> None:
    """Add the synthetic English article (funding round, valuation, supply, ...) to a project."""
    shutil.copy(FIXTURES / "example-2026-01-15-nova.en.txt", root / "seeds")
    shutil.copy(FIXTURES / "example-2026-01-15-nova.yaml", root / "data/claims")
    with open(root / "data/entities.yaml", "a", encoding="utf-8") as registry:
        registry.write("\n" + (FIXTURES / "example-entities.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_result(tmp_path_factory):
    """Pipeline result for the seed plus the synthetic English article."""
    from claimgraph.pipeline import run_stages

    root = copy_project(tmp_path_factory.mktemp("example") / "project")
    add_example_article(root)
    result = run_stages(root)
    assert result.ok, [p.as_text() for p in result.problems]
    return result


# -- SPARQL servers for integration tests ------------------------------------------------------

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")


def wait_until_answers(url: str, process: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read().decode()[-500:]}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server at {url} did not answer within {seconds} s")


def stop(process: subprocess.Popen, *, grace: float) -> None:
    """Stop a server by its PID: SIGTERM, then SIGKILL after ``grace`` seconds."""
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def assert_server_answers_like_embedded(project: Project, query_url: str, *, asserted_only: bool = False) -> None:
    """Every saved query, in every format, prints the same on the server as embedded."""
    from claimgraph.queries.saved import list_queries
    for query in list_queries(project.root):
        args = ["query", query.name] + [arg for p in query.params if p.required
                                        for arg in ("-p", f"{p.name}={p.example}")]
        args += ["--asserted-only"] if asserted_only else []
        formats = ["turtle"] if query.form == "CONSTRUCT" else ["table", "csv", "tsv", "json", "xml"]
        for fmt in formats:
            embedded = project.run(*args, "--format", fmt)
            remote = project.run(*args, "--format", fmt, "--endpoint", query_url)
            assert embedded.exit_code == remote.exit_code == 0, remote.output
            assert remote.stdout == embedded.stdout, f"{query.name} --format {fmt}"


def interrupt_after(limit: int):
    """A progress callback that stops an upload (as Ctrl-C would) once ``limit`` bytes are sent."""
    sent = []

    def progress(size: int) -> None:
        sent.append(size)
        if sum(sent) > limit:
            raise KeyboardInterrupt

    return progress


@dataclass
class Server:
    query_url: str
    process: subprocess.Popen


@pytest.fixture
def oxigraph(tmp_path: Path):
    """A real Oxigraph server on a free loopback port with a throw-away store; stopped by PID."""
    binary = oxigraph_binary()
    if binary is None:
        if under_ci():
            pytest.fail("the oxigraph server is not installed (pip install -e '.[test]')")
        pytest.skip("oxigraph server not installed")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "oxigraph"),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
        yield Server(f"http://127.0.0.1:{port}/query", process)
    finally:
        stop(process, grace=10)


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


@dataclass
class VirtuosoServer(Server):
    user: str
    password: str


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A real Virtuoso 7 on loopback ports, with a fresh random dba password; stopped by PID."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if binary is None or isql is None:
        if under_ci():
            pytest.fail("virtuoso-t is not installed; .ci/run installs virtuoso-opensource-7-bin")
        pytest.skip("virtuoso-t not installed (apt-get install virtuoso-opensource-7-bin)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    process = subprocess.Popen([binary, "+configfile", str(folder / "virtuoso.ini"), "+foreground"],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_answers(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", process, seconds=60)
        password = "cg-" + os.urandom(8).hex()
        subprocess.run([isql, str(sql_port), "dba", "dba", f"exec=USER_SET_PASSWORD('dba', '{password}');"],
                       check=True, capture_output=True, timeout=30)
        yield VirtuosoServer(f"http://127.0.0.1:{http_port}/sparql", process, "dba", password)
    finally:
        stop(process, grace=20)
