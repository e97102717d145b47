"""What claimgraph asks git: where the project sits in its repository, and a revision's files.

git runs as a program with its arguments as a list (never through a shell), and a revision is
checked with ``rev-parse --verify --end-of-options`` before anything else sees it. Nothing here
changes the repository or its work tree.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

#: longest a git call may take (a big repository's archive included)
GIT_TIMEOUT = 300.0


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown (exit 2)."""


def _git(args: list[str], cwd: Path, *, timeout: float = GIT_TIMEOUT) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}  # the repository of cwd, not another
    env["GIT_TERMINAL_PROMPT"] = "0"
    return subprocess.run(["git", *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=timeout, check=False)


def repository_prefix(folder: Path) -> str:
    """The path of ``folder`` inside its git repository, ending in ``/`` ('' at the top, and
    also when git is missing or the folder is not in a repository: never an error)."""
    try:
        done = _git(["rev-parse", "--show-prefix"], folder, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    if done.returncode != 0:
        return ""
    return done.stdout.decode("utf-8", "replace").strip()


def normalized_prefix(prefix: str) -> str:
    """A path prefix as given (``--path-prefix``), as a relative POSIX folder ending in ``/``
    ('' for none); raises :class:`ValueError` for an absolute path or one with ``..``."""
    text = prefix.strip().replace("\\", "/")
    if not text or text in (".", "./"):
        return ""
    path = PurePosixPath(text)
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"{prefix!r} is not a relative folder inside the repository (no leading '/', no '..')")
    parts = [p for p in path.parts if p != "."]
    return "/".join(parts) + "/" if parts else ""


def _top(folder: Path) -> tuple[Path, str]:
    """The repository's top folder and ``folder``'s prefix in it."""
    try:
        done = _git(["rev-parse", "--show-toplevel", "--show-prefix"], folder, timeout=30)
    except FileNotFoundError:
        raise GitError("git is not installed; install git to compare revisions") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git failed: {exc}") from None
    if done.returncode != 0:
        raise GitError(f"{folder}: not inside a git repository; run it in a clone of the repository of claims")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    return Path(lines[0]), (lines[1] if len(lines) > 1 else "")


def resolve_revision(folder: Path, revision: str) -> str:
    """The commit id (40 or 64 hex digits) that ``revision`` names in ``folder``'s repository;
    raises :class:`GitError` when it names none."""
    _top(folder)
    try:
        done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], folder,
                    timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git failed: {exc}") from None
    if done.returncode != 0 or not revision:
        raise GitError(f"{revision!r} is not a commit of this repository; name a branch, tag or commit "
                       "(in a shallow CI clone, fetch it first: actions/checkout with fetch-depth: 0)")
    return done.stdout.decode("ascii", "replace").strip()


def export_revision(folder: Path, commit: str, target: Path) -> Path:
    """The files of ``folder`` (its subtree) as of ``commit``, written under ``target``;
    returns the folder that corresponds to ``folder``. The work tree and the index are not used."""
    top, prefix = _top(folder)
    treeish = f"{commit}:{prefix}"  # a tree, not the commit: no pax header (which tarfile cannot read alone)
    try:
        done = _git(["archive", "--format=tar", treeish], top)  # from a subfolder, git would archive only it
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git archive failed: {exc}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"commit {commit[:12]} has no folder {prefix or '.'}: "
                       f"{reason[-1] if reason else 'git archive failed'}; name a revision that has the project")
    target.mkdir(parents=True, exist_ok=True)
    if not done.stdout.strip(b"\0"):  # an empty tree: only the end-of-archive blocks
        return target
    try:
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
            archive.extractall(target, filter="data")  # no absolute paths, no links out of target
    except (tarfile.TarError, OSError) as exc:
        raise GitError(f"the files of commit {commit[:12]} could not be unpacked: {exc}") from None
    return target
