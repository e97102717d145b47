"""Which files a run reads, and reading or writing them only inside the project.

Every file claimgraph reads because the project names it (claim files, article texts, the
registry, the ontology, saved queries) and every folder it writes (``data/build/``, the
check cache, expected answers) must resolve inside the project after following symbolic
links, and a file is read only when it is a regular file: a symbolic link that leads out of
the project, a FIFO or a device is refused with a message, never read, followed or waited on.
Paths the user names on the command line (an ad-hoc ``.rq`` file) may be anywhere, but must
be regular files too.

Files and folders whose names start with a dot are not part of a project: neither the
pipeline nor the check cache reads them (editors and git keep their own files there).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from claimgraph.problems import Location, Problem, relative_path, resolved

CLAIMS_DIR = Path("data/claims")
ENTITIES_FILE = Path("data/entities.yaml")
REFERENCE_DIR = Path("data/reference")
#: further registry files, one per curated subject, so contributors do not all edit one file
ENTITIES_DIR = Path("data/entities")
#: what a claim file's name must end with; other spellings are reported, not skipped silently
CLAIM_SUFFIX = ".yaml"
_YAML_SPELLINGS = {".yaml", ".yml"}


class UnsafePathError(OSError):
    """A path leads outside the project, or is not a regular file (or folder, for writes)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def is_hidden(name: str) -> bool:
    return name.startswith(".")


def display_path(path: Path, root: Path | None) -> str:
    """``path`` as messages show it: relative to the project when ``root`` is given."""
    return str(path) if root is None else relative_path(path, root)


def inside_project(path: Path, root: Path) -> Path:
    """``path`` resolved (symbolic links followed); :class:`UnsafePathError` when it leads out of
    the project ``root``."""
    target = path.resolve()
    base = resolved(root)
    if target != base and base not in target.parents:
        what = "a symbolic link" if _has_link(path, root) else "a path"
        raise UnsafePathError(f"{display_path(path, root)} is {what} that leads outside the project "
                              f"(to {target}); claimgraph reads and writes only inside {base}")
    return target


def _has_link(path: Path, root: Path) -> bool:
    here = path.absolute()
    top = root.absolute()
    while here != top and here != here.parent:
        if here.is_symlink():
            return True
        here = here.parent
    return False


def read_file(path: Path, root: Path | None = None, *, limit: int | None = None) -> bytes:
    """The bytes of a regular file; inside the project when ``root`` is given.

    Opened without blocking and checked on the open file itself, so a FIFO, a device or a
    folder is refused at once (no race between a check and the open). ``limit``: refuse a
    file larger than that many bytes.

    Raises:
        UnsafePathError: outside the project, not a regular file, or over ``limit``.
        OSError: the file cannot be read (missing, no permission).
    """
    if root is not None:
        inside_project(path, root)
    where = display_path(path, root)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePathError(f"{where} is {_kind(info.st_mode)}, not a regular file; "
                                  "claimgraph reads only regular files")
        if limit is not None and info.st_size > limit:
            raise UnsafePathError(f"{where} is larger than {limit} bytes")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read()
    finally:
        os.close(descriptor)
    reads = _READS.get()
    if reads is not None and root is not None:
        reads[Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()] = \
            hashlib.sha256(data).hexdigest()
    return data


_READS: ContextVar[dict[str, str] | None] = ContextVar("claimgraph_reads", default=None)


@contextmanager
def recorded_reads() -> Iterator[dict[str, str]]:
    """Record every project file :func:`read_file` reads inside the block: a dict, path relative
    to the project -> SHA-256 (hex) of the bytes read. What a build stamps as its inputs is
    then exactly what its run read, byte for byte."""
    reads: dict[str, str] = {}
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def writable_folder(root: Path, relative: Path) -> Path:
    """The folder ``root/relative``, created if missing, after checking that it and every folder
    on the way resolve inside the project (a symbolic link out of it is refused)."""
    folder = root / relative
    inside_project(folder, root)
    if folder.exists() and not folder.is_dir():
        raise UnsafePathError(f"{display_path(folder, root)} is not a folder; move it away")
    folder.mkdir(parents=True, exist_ok=True)
    inside_project(folder, root)  # a link swapped in while creating
    return folder


def claim_files(root: Path) -> list[Path]:
    """The claim files of the project: ``data/claims/*.yaml``, names not starting with a dot."""
    return _listing(root)[0]


def claim_file_problems(root: Path) -> list[Problem]:
    """A problem for each file in ``data/claims/`` that looks like a claim file but is not read
    (``.yml``, ``.YAML``), and a warning for any other file there."""
    return _listing(root)[1]


def _listing(root: Path) -> tuple[list[Path], list[Problem]]:
    folder = root / CLAIMS_DIR
    files: list[Path] = []
    problems: list[Problem] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return files, problems
    for entry in entries:
        if is_hidden(entry.name) or entry.is_dir():
            continue
        path = Path(entry.path)
        suffix = path.suffix
        display = (CLAIMS_DIR / entry.name).as_posix()
        if suffix == CLAIM_SUFFIX:
            files.append(path)
        elif suffix.lower() in _YAML_SPELLINGS:
            problems.append(Problem(Location(display), f"claim file name ends in '{suffix}', so it is not read",
                                    f"rename it to {path.stem}{CLAIM_SUFFIX}", code="claim-file-name"))
        else:
            problems.append(Problem(Location(display), "not a claim file (claim files end in .yaml); it is not read",
                                    "move it out of data/claims/", severity="warning", code="claim-file-name"))
    return files, problems


def registry_files(root: Path) -> list[tuple[Path, str, bool]]:
    """The registry and the reference data: (path, display, is reference data)."""
    files = [(root / ENTITIES_FILE, ENTITIES_FILE.as_posix(), False)]
    for relative, reference in ((ENTITIES_DIR, False), (REFERENCE_DIR, True)):
        folder = root / relative
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                if not is_hidden(path.name):
                    files.append((path, (relative / path.name).as_posix(), reference))
    return files
