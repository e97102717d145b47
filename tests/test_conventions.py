"""The conventions users' tools rely on (issue 23 item 9): NO_COLOR and TERM=dumb get no escape
codes, CI is read as a boolean, saved query names and parameter names complete in the shell, and
the licence the package names is in the repository."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import tomllib

import pytest

from claimgraph.cli import cli
from claimgraph.terminal import env_flag, escape_codes_allowed, progress_wanted, under_ci
from conftest import REPO


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("value", ["true", "1", "yes", "TRUE", "on", "anything"])
def test_ci_set_to_a_true_value_is_ci(value):
    assert under_ci({"CI": value}) and env_flag("CI", {"CI": value})


@pytest.mark.parametrize("value", ["false", "False", "0", "no", "off", "", "  "])
def test_ci_set_to_a_false_value_or_unset_is_not_ci(value):
    assert not under_ci({"CI": value})
    assert not under_ci({})


@pytest.mark.parametrize("environ, allowed", [
    ({"TERM": "xterm-256color"}, True),
    ({}, True),
    ({"TERM": "xterm", "NO_COLOR": "1"}, False),
    ({"TERM": "xterm", "NO_COLOR": ""}, True),  # no-color.org: set and not empty
    ({"TERM": "dumb"}, False),
])
def test_escape_codes_only_on_a_terminal_that_is_not_dumb_and_without_no_color(environ, allowed):
    assert escape_codes_allowed(Terminal(), environ) is allowed
    assert escape_codes_allowed(io.StringIO(), environ) is False  # not a terminal


@pytest.mark.parametrize("environ, wanted", [
    ({"TERM": "xterm"}, True),
    ({"TERM": "xterm", "CI": "false"}, True),
    ({"TERM": "xterm", "CI": "true"}, False),
    ({"TERM": "dumb"}, False),
    ({"TERM": "xterm", "NO_COLOR": "1"}, True),  # drawn, but without escape codes
])
def test_a_progress_line_only_on_a_terminal_that_is_not_dumb_and_not_under_ci(environ, wanted):
    assert progress_wanted(Terminal(), environ) is wanted
    assert progress_wanted(io.StringIO(), environ) is False


def stderr_on_a_terminal(root, environ: dict[str, str]) -> str:
    """What ``claimgraph validate`` writes to stderr when stderr is a real terminal (a pty)."""
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "TERM")} | environ
    process = subprocess.Popen([sys.executable, "-c", "from claimgraph.cli import main; main()", "--project",
                                str(root), "validate"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=terminal, env=env)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the process closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.wait(timeout=300) == 0
    return b"".join(chunks).decode("utf-8")


def test_on_a_real_terminal_no_color_and_term_dumb_get_no_escape_codes_and_ci_false_is_not_ci(built):
    shown = stderr_on_a_terminal(built.root, {"TERM": "xterm", "CI": "false"})
    assert "\x1b[K" in shown and "load claims" in shown  # CI=false: the progress line is drawn
    plain = stderr_on_a_terminal(built.root, {"TERM": "xterm", "NO_COLOR": "1"})
    assert "\x1b" not in plain and "\r" in plain and "load claims" in plain
    dumb = stderr_on_a_terminal(built.root, {"TERM": "dumb"})
    assert "\x1b" not in dumb and "\r" not in dumb.replace("\r\n", "\n")
    assert dumb.splitlines()[-1] == plain.splitlines()[-1].rsplit("\r", 1)[-1].strip() == "validate (37 claims): ok (0 warning(s))"


def complete(runner, words: str, env: dict[str, str] | None = None) -> list[str]:
    """What click's bash completion offers for ``words`` (the last word is the one being completed)."""
    parts = words.split(" ")
    result = runner.invoke(cli, [], prog_name="claimgraph", catch_exceptions=False, env={
        "_CLAIMGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1), **(env or {})})
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


def test_saved_query_names_complete_in_the_shell(built, runner):
    assert complete(runner, f"claimgraph --project {built.root} query sh") == ["plain,shareholders"]
    assert complete(runner, f"claimgraph query --project {built.root} ev") == [
        "plain,event-status", "plain,event", "plain,events", "plain,evidence"]
    assert complete(runner, "claimgraph query eve", {"CLAIMGRAPH_PROJECT": str(built.root)})[0] == "plain,event-status"
    assert len(complete(runner, f"claimgraph --project {built.root} query ")) == len(list(built.path("queries").glob("*.rq")))
    assert complete(runner, f"claimgraph --project {built.root} query ./my") == ["file,./my"]  # a path: the shell's


def test_parameter_names_complete_as_name_equals(built, runner):
    base = f"claimgraph --project {built.root} query"
    assert complete(runner, f"{base} shareholders -p ") == ["plain,company="]
    assert complete(runner, f"{base} event-status -p d") == ["plain,day="]
    assert complete(runner, f"{base} event-status -p day=2025-01-01 --param ") == ["plain,day=", "plain,event="]
    assert complete(runner, f"{base} {built.root}/queries/partners.rq -p ") == ["plain,org="]


def test_outside_a_project_completion_offers_no_query_and_prints_no_error(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert complete(runner, "claimgraph query sh") == ["file,sh"]
    assert complete(runner, "claimgraph query shareholders -p ") == []


def test_the_licence_the_package_names_is_in_the_repository_and_the_sdist():
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in licence
    assert "END OF TERMS AND CONDITIONS" in licence and len(licence.splitlines()) == 202
    with open(REPO / "pyproject.toml", "rb") as file:
        assert tomllib.load(file)["project"]["license"] == {"text": "Apache-2.0"}
    assert "include LICENSE" in (REPO / "MANIFEST.in").read_text().splitlines()
