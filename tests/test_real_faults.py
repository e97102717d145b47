"""A full disk and a read-only file system for real: the project on a small tmpfs mount.

test_hostile.py simulates these faults by making the writer raise; here the kernel raises them.
Mounting needs root (CI runs as root); elsewhere these tests are skipped, in CI they must run.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.terminal import under_ci
from conftest import CLAIM_FILE, Project, copy_project

IN_CI = under_ci()


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def mount(tmp_path):
    """A function that mounts a tmpfs of the given size on a fresh folder; all unmounted at the end."""
    mounted: list[Path] = []

    def make(size: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            if IN_CI:
                pytest.fail(f"CI must be able to mount a tmpfs: {done.stderr.strip()}")
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(point)
        return point

    yield make
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


def _project_on(point: Path) -> Project:
    project = Project(copy_project(point / "project"), CliRunner())
    project.edit(CLAIM_FILE, "    percentage: 11 procent", "    percentage: 12 procent")  # the build changes
    return project


def _fill(point: Path) -> None:
    """Write one file until the file system is full (unbuffered, so nothing is left to flush)."""
    fd = os.open(point / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 16, 512, 1):
            try:
                while os.write(fd, b"\0" * size):
                    pass
            except OSError:
                continue
    finally:
        os.close(fd)


def test_a_really_full_disk_is_exit_2_and_leaves_the_build_as_it_was(mount):
    point = mount("64m")
    project = _project_on(point)
    before = _tree_digest(project.path("data/build"))
    _fill(point)
    result = project.run("build")
    assert result.exit_code == 2, result.output
    line = result.stderr.splitlines()[-1]
    assert line.startswith("Error: ") and line.endswith(
        ": No space left on device; free some disk space and run it again; no output file was changed"), line
    assert _tree_digest(project.path("data/build")) == before
    assert [p.name for p in project.path("data").iterdir() if p.name.startswith(".build")] == []
    # once there is room again, the same command succeeds
    (point / "filler").unlink()
    assert project.run("build").exit_code == 0
    assert _tree_digest(project.path("data/build")) != before
    checked = project.run("check", "--format", "json")
    assert "stale" not in {problem["code"] for problem in json.loads(checked.stdout)}  # the new 12 % is built


def test_a_really_read_only_file_system_is_exit_2_and_reading_still_works(mount):
    point = mount("64m")
    project = _project_on(point)
    before = _tree_digest(project.path("data/build"))
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(point)], capture_output=True, text=True)
    assert remounted.returncode == 0, remounted.stderr
    result = project.run("build")
    assert result.exit_code == 2, result.output
    line = result.stderr.splitlines()[-1]
    assert line.startswith("Error: ") and line.endswith(
        ": Read-only file system; the file system is read-only: work in a writable copy of the project; "
        "no output file was changed"), line
    assert _tree_digest(project.path("data/build")) == before
    # validating and querying write nothing the user needs: they work on a read-only project
    assert project.run("validate").exit_code == 0
    answer = project.run("query", "shareholders", "-p", "company=Mistral AI", "--format", "csv")
    assert answer.exit_code == 0, answer.output
    assert "https://w3id.org/claimgraph/id/asml,11," in answer.stdout


def test_a_read_only_copy_elsewhere_can_be_built_after_copying(mount, tmp_path):
    """The hint says to work in a writable copy: that copy builds."""
    point = mount("64m")
    project = _project_on(point)
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
    copy = tmp_path / "writable"
    shutil.copytree(project.root, copy)
    assert Project(copy, CliRunner()).run("build").exit_code == 0
