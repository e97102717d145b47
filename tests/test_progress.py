"""Long runs show progress on a terminal and stay quiet in CI and in pipes."""

import io
import sys

from claimgraph import cli as cli_module
from claimgraph.cli import TerminalProgress


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
    assert "serialize..." in result.stderr
    assert result.stderr.index("compare built files...") < result.stderr.index("saved queries...")
    assert result.stderr.endswith("saved queries...\rcheck (37 claims): ok (0 warning(s))\n")
