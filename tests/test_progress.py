"""Long runs show progress on a terminal and stay quiet in CI and in pipes."""

import io
import re
import sys

from claimgraph import cli as cli_module
from claimgraph.cli import TerminalProgress
from claimgraph.queries.expected import load_dataset
from claimgraph.progress import Progress
from claimgraph.rdf.serialization import Document


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stderr", FakeTerminal())
    assert TerminalProgress.wanted()
    monkeypatch.setenv("CI", "true")
    assert not TerminalProgress.wanted()
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not TerminalProgress.wanted()


def test_validate_shows_each_stage_and_the_files_loaded_then_clears_the_line(project, monkeypatch):
    monkeypatch.setattr(cli_module.TerminalProgress, "wanted", staticmethod(lambda: True))
    result = project.run("validate")
    assert result.exit_code == 0, result.output
    err = result.stderr
    for stage in ("load claims...", "load claims [########################] 1/1 files", "check evidence...",
                  "map...", "validate..."):
        assert stage in err
    # the status line is cleared before the summary (click drops the erase code off a real tty)
    assert err.endswith("validate...\rvalidate (37 claims): ok (0 warning(s))\n")


def test_no_progress_output_when_not_a_terminal(project):
    result = project.run("validate")
    assert result.stderr == "validate (37 claims): ok (0 warning(s))\n"


def test_check_shows_the_steps_after_the_pipeline_too(project, monkeypatch):
    monkeypatch.setattr(cli_module.TerminalProgress, "wanted", staticmethod(lambda: True))
    result = project.run("check", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "serialize..." not in result.stderr  # the stamp is trusted: no built file is made again
    err = result.stderr
    assert err.index("compare built files...") < err.index("load dataset...") < err.index("saved queries...")
    saved = len(list((project.root / "queries").glob("*.rq")))
    assert err.endswith(f"saved queries [########################] {saved}/{saved} queries\r"
                        "check (37 claims): ok (0 warning(s))\n")


def test_query_shows_the_store_fill_on_a_terminal_and_prints_the_same_answer(project, monkeypatch):
    monkeypatch.setattr(cli_module.TerminalProgress, "wanted", staticmethod(lambda: True))
    shown = project.run("query", "statements", "--format", "csv")  # the copy has no query store yet
    monkeypatch.undo()
    quiet = project.run("query", "statements", "--format", "csv")
    assert shown.exit_code == quiet.exit_code == 0, shown.output
    assert shown.stdout == quiet.stdout
    size = f'{(project.root / "data/build/claimgraph.trig").stat().st_size / 2**20:.1f}'
    assert quiet.stderr == ""
    assert shown.stderr.startswith("\r   0.0s  fill query store...")
    assert f"fill query store [########################] {size}/{size} MB\r" in shown.stderr
    assert re.search(r"MB\r+query: the query store \.claimgraph-cache/store-[0-9a-f]{32} was missing; filled it "
                     r"from data/build/claimgraph\.trig in \d+\.\d s\n\Z", shown.stderr)


def test_update_expected_shows_its_stages_on_a_terminal(project, monkeypatch):
    monkeypatch.setattr(cli_module.TerminalProgress, "wanted", staticmethod(lambda: True))
    result = project.run("update-expected")
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert err.index("reason...") < err.index("load dataset...") < err.index("saved queries...")
    saved = len(list((project.root / "queries").glob("*.rq")))
    assert err.endswith(f"saved queries [########################] {saved}/{saved} queries\r"
                        "update-expected: 0 file(s) changed\n")


class Recorder(Progress):
    def __init__(self):
        self.events = []

    def stage(self, name):
        self.events.append(("stage", name))

    def step(self, done, total, unit="files"):
        self.events.append((done, total, unit))


def dataset_quads(engine):
    """The store's quads as sorted text, blank nodes blanked (each load gives them new labels)."""
    return sorted(re.sub(r"_:\w+", "_:b", str(quad)) for quad in engine.store)


def test_loading_the_dataset_reports_every_byte_read_and_loads_the_same_quads(project):
    path = project.root / "data/build/claimgraph.trig"
    size = path.stat().st_size
    plain = load_dataset(path)
    seen = Recorder()
    counted = load_dataset(path, seen)
    assert dataset_quads(counted) == dataset_quads(plain)
    assert seen.events[0] == ("stage", "load dataset")
    steps = seen.events[1:]
    assert [done for done, _, _ in steps] == sorted(done for done, _, _ in steps)
    assert steps[-1] == (size, size, "bytes")
    assert {(total, unit) for _, total, unit in steps} == {(size, "bytes")}

    # a run's own TriG, streamed: its size is not known beforehand, so the total is 0
    document = Document(lambda: [path.read_bytes()[:1000], path.read_bytes()[1000:]])
    seen = Recorder()
    streamed = load_dataset(document, seen)
    assert dataset_quads(streamed) == dataset_quads(plain)
    assert seen.events[-1] == (size, 0, "bytes")


def test_terminal_progress_shows_megabytes_with_or_without_a_known_total(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    clock = iter(range(0, 100))
    monkeypatch.setattr(cli_module.time, "monotonic", lambda: next(clock))  # a second per call
    progress = TerminalProgress()
    progress.stage("load dataset")
    progress.step(3 * 2**20 + 2**19, 0, "bytes")  # a run's own TriG: no total
    progress.step(4 * 2**20, 8 * 2**20, "bytes")
    progress.step(3, 13, "queries")
    lines = terminal.getvalue().split("\r")
    assert lines[-3].endswith("s  load dataset 3.5 MB")
    assert lines[-2].endswith("s  load dataset [############............] 4.0/8.0 MB")
    assert lines[-1].endswith("s  load dataset [#####...................] 3/13 queries")
