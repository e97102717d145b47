"""``claimgraph init DIR``: a new project that passes ``claimgraph check`` at once.

The new project gets the shipped project files (:mod:`claimgraph.packaged`: ontology,
shapes, saved queries, registry, reference data, one example article and its claims), its
built graphs and the saved queries' expected answers, a ``.gitignore``, a pre-commit
configuration and, when claimgraph ships one, a GitHub Actions workflow.

All or nothing: everything is made in a new folder beside ``DIR`` and renamed to ``DIR`` in
one step, so ``DIR`` either does not change or is a complete project.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimgraph.packaged import starter_files
from claimgraph.progress import Progress
from claimgraph.project import build, update_expected
from claimgraph.rdf.serialization import REPLACED

#: what the new project's git leaves out (``data/build/`` is committed: ``check`` compares it)
GITIGNORE = ".claimgraph-cache/\n.venv/\n__pycache__/\n"

#: where the shipped example workflow goes in the new project
WORKFLOW = ".github/workflows/claimgraph.yml"

#: the hooks of the pre-commit configuration when claimgraph ships no ``.pre-commit-hooks.yaml``
DEFAULT_HOOKS: list[dict[str, object]] = [
    {"id": "claimgraph-validate", "name": "claimgraph validate", "entry": "claimgraph validate",
     "files": r"^data/claims/[^/]+\.yaml$"},
    {"id": "claimgraph-check", "name": "claimgraph check", "entry": "claimgraph check",
     "pass_filenames": False, "always_run": True},
]

#: the keys of a shipped hook that a local hook keeps (its language becomes ``system``)
_HOOK_KEYS = ("id", "name", "entry", "args", "files", "exclude", "types", "types_or", "pass_filenames",
              "always_run", "require_serial", "stages")


class InitError(Exception):
    """``DIR`` cannot become a new project (exit 2): the message says why and what to do."""


@dataclass(frozen=True)
class InitReport:
    """What :func:`init_project` made."""

    root: Path
    #: every file of the new project, relative to it, sorted
    files: list[str] = field(default_factory=list)
    claims: int = 0


def init_project(target: str | os.PathLike[str], *, progress: Progress | None = None) -> InitReport:
    """Make a new claimgraph project in the folder ``target``, which must not exist or be empty.

    Raises :class:`InitError` when ``target`` is a file, a symbolic link or a folder that is not
    empty, or when its parent folder does not exist; then nothing is changed.
    """
    target = Path(target)
    _refuse(target)
    staging = _new_folder_beside(target)
    try:
        _write_files(staging)
        report = build(staging, progress=progress)
        if not report.ok:  # the shipped files always build: anything else is a bug
            raise RuntimeError("the shipped project does not build: "
                               + "; ".join(p.as_text() for p in report.problems[:3]))
        update = update_expected(staging, progress=progress)
        if not update.ok:
            raise RuntimeError("the shipped queries do not answer: "
                               + "; ".join(p.as_text() for p in update.problems[:3]))
        files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
        _move_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:  # what the build replaced in the staging folder is no output of the caller's
        REPLACED[:] = [path for path in REPLACED if not Path(path).absolute().is_relative_to(staging)]
    return InitReport(target, files, report.claims)


def _refuse(target: Path) -> None:
    parent = target.absolute().parent
    if target.is_symlink():
        raise InitError(f"{target}: is a symbolic link; name a real folder that does not exist yet")
    if target.exists() and not target.is_dir():
        raise InitError(f"{target}: is a file, not a folder; name a folder that does not exist yet")
    if target.is_dir() and any(target.iterdir()):
        raise InitError(f"{target}: the folder is not empty; name a new or empty folder")
    if not parent.is_dir():
        raise InitError(f"{target}: its parent folder {parent} does not exist; create it first "
                        f"(mkdir -p {parent}) or name another folder")


def _new_folder_beside(target: Path) -> Path:
    """A new, empty folder next to ``target`` (same file system, so the final rename is atomic),
    made with the user's umask like any folder."""
    parent = target.absolute().parent
    while True:
        folder = parent / f".{target.name}.init-{secrets.token_hex(4)}"
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue
        except OSError as exc:  # a read-only or full parent: say which folder, not the hidden one
            raise InitError(f"{target}: cannot create a folder in {parent}: {exc.strerror or exc}; "
                            "make it writable or name a folder elsewhere") from None


def _write_files(root: Path) -> None:
    shipped = starter_files()
    for relative, source in shipped.items():
        if relative in (".pre-commit-hooks.yaml", "examples/github-workflow.yml"):
            continue  # claimgraph's own CI files: turned into the project's below
        _write(root / relative, source.read_bytes())
    (root / "queries/expected").mkdir(parents=True, exist_ok=True)
    _write(root / ".gitignore", GITIGNORE.encode())
    hooks = shipped.get(".pre-commit-hooks.yaml")
    _write(root / ".pre-commit-config.yaml", pre_commit_config(hooks.read_text(encoding="utf-8") if hooks else None))
    workflow = shipped.get("examples/github-workflow.yml")
    if workflow is not None:
        _write(root / WORKFLOW, workflow.read_bytes())


def pre_commit_config(hooks_yaml: str | None = None) -> bytes:
    """A ``.pre-commit-config.yaml`` whose local hooks run the installed ``claimgraph``: the hooks
    of claimgraph's ``.pre-commit-hooks.yaml`` (``hooks_yaml``) when given, else
    :data:`DEFAULT_HOOKS`."""
    hooks = DEFAULT_HOOKS
    if hooks_yaml is not None:
        listed = yaml.safe_load(hooks_yaml)
        hooks = [{key: hook[key] for key in _HOOK_KEYS if key in hook} for hook in listed if isinstance(hook, dict)]
    local = [{**{k: v for k, v in hook.items() if k in ("id", "name", "entry")}, "language": "system",
              **{k: v for k, v in hook.items() if k not in ("id", "name", "entry")}} for hook in hooks]
    text = yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}, sort_keys=False, allow_unicode=True)
    header = ("# pre-commit (https://pre-commit.com) runs claimgraph before each commit:\n"
              "#   pip install pre-commit && pre-commit install\n")
    return (header + text).encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _move_into_place(staging: Path, target: Path) -> None:
    """One rename: onto nothing, or onto an empty folder (which rename replaces)."""
    try:
        os.rename(staging, target)
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
            raise InitError(f"{target}: the folder is not empty any more; name a new or empty folder") from None
        if exc.errno == errno.ENOTDIR:
            raise InitError(f"{target}: is a file, not a folder; name a folder that does not exist yet") from None
        raise
