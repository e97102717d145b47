"""Reuse the findings of the last ``claimgraph check`` when none of its inputs changed.

A check's findings are a pure function of its inputs: every file under ``ontology/``,
``data/`` (claims, registry, reference data and the committed build) and ``queries/``
(saved queries and expected answers), the article texts the claims quote, the options
(reasoner, SHACL engine), and the code (claimgraph's own source and the versions of the
libraries it runs). The cache stores a SHA-256 over all of them with the findings; when the
fingerprint matches, ``check`` prints the stored findings instead of running the pipeline.
Any change to any input, the code or a library version gives a full run, with one
exception: when only claim files (or the article texts they quote) changed, and the changed
files do not load (a YAML, format, entity or evidence error), the findings are those of the
first stages alone, which are made file by file. The changed files are then loaded again and
every other file's findings are taken from the cache (see :func:`first_stage_findings`).

The cache lives in ``.claimgraph-cache/check.json`` in the project; it is an optimisation
only: a missing, unreadable or foreign cache file means a full run, and a cache that cannot
be written is skipped silently.

Hashing every input is dominated by the built files (benchmarks/RESULTS.md). As git does with its index, the cache keeps each file's inode, size, mtime and
ctime beside its digest, and a file whose four are unchanged is not read again, unless it
changed within :data:`RACY_SECONDS` of when they were recorded (file-system clocks are
coarse: such a file may change again with the same four). Any write, even one that puts the
mtime back, sets the ctime to the present.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from claimgraph.paths import inside_project, is_hidden, read_file, writable_folder
from claimgraph.claims.loader import CLAIMS_DIR, FileFindings, claim_files, has_duplicate_sources, registry_files
from claimgraph.problems import Location, Problem, relative_path
from claimgraph.rdf.serialization import write_atomically

CACHE_DIR = Path(".claimgraph-cache")
CHECK_CACHE = CACHE_DIR / "check.json"
FORMAT = 3
RACY_SECONDS = 2
INPUT_DIRS = ("ontology", "data", "queries")
LIBRARIES = ("rdflib", "pyshacl", "owlrl", "pyoxigraph", "PyYAML")


@dataclass
class CachedCheck:
    problems: list[Problem]
    claims: int
    #: for findings of the first stages only (:func:`first_stage_findings`)
    texts: list[str] | None = None
    files: list[FileFindings] | None = None
    changed: int = 0


class _Hasher:
    """SHA-256 of input files, each read only when its inode, size, mtime or ctime differ from
    those recorded with a known digest (``known``: path -> [inode, size, mtime_ns, ctime_ns,
    hex digest], recorded from ``since`` on, in ns since the epoch), or when it changed less
    than :data:`RACY_SECONDS` before ``since``. :attr:`seen` records every file hashed now,
    for the next run, and :attr:`since` when this hasher started."""

    def __init__(self, known: dict[str, list] | None = None, since: int = 0):
        self.known = known or {}
        self.trusted_before = since - RACY_SECONDS * 1_000_000_000
        self.since = time.time_ns()
        self.seen: dict[str, list] = {}

    def digest(self, path: Path, key: str, root: Path | None = None) -> bytes:
        state = file_state(path)  # before the read: a change after it shows in the next stat
        if state is None:
            return b"missing"
        if root is not None:
            try:  # never read what leads out of the project; the pipeline reports such a file
                inside_project(path, root)
            except OSError:
                return b"outside the project"
        recorded = list(state)
        _, _, mtime_ns, ctime_ns = state
        try:
            entry = self.known.get(key)
            if (entry is not None and entry[:4] == recorded and ctime_ns < self.trusted_before
                    and mtime_ns < self.trusted_before):
                found = bytes.fromhex(entry[4])
            else:
                with open(path, "rb") as handle:  # in pieces: no copy of a large TriG in memory
                    found = hashlib.file_digest(handle, "sha256").digest()
        except (OSError, ValueError, TypeError):
            return b"missing"
        self.seen[key] = [*recorded, found.hex()]
        return found


def file_state(path: Path) -> tuple[int, int, int, int] | None:
    """A file's inode, size, mtime and ctime (ns): it was not changed or replaced while these
    stay the same (git's index rule); None when it cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def _file_digests(root: Path, texts: list[str], hasher: _Hasher) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """SHA-256 of every file under the input folders, and of each named article text."""
    folders = {}
    for folder in INPUT_DIRS:
        for dirpath, dirnames, filenames in os.walk(root / folder):
            # the pipeline reads no hidden file (paths.is_hidden), so a change to one changes nothing
            dirnames[:] = sorted(d for d in dirnames if not is_hidden(d))
            for name in filenames:
                if not is_hidden(name):
                    path = Path(dirpath, name)
                    key = path.relative_to(root).as_posix()
                    folders[key] = hasher.digest(path, key, root)
    text_keys = [Path(text).as_posix() for text in texts]
    return folders, {key: hasher.digest(root / key, key, root) for key in text_keys}


def _fingerprint(digests: dict[str, bytes], options: dict[str, str]) -> str:
    """SHA-256 over the code, the options, and the path and digest of every input file."""
    total = hashlib.sha256()
    total.update(json.dumps({"format": FORMAT, "code": _code_fingerprint(), "options": options},
                            sort_keys=True).encode())
    for path in sorted(digests):
        total.update(path.encode() + b"\0" + digests[path])
    return total.hexdigest()


_CODE: list[str] = []


def _code_fingerprint() -> str:
    if not _CODE:
        digest = hashlib.sha256()
        for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
            digest.update(path.relative_to(Path(__file__).resolve().parent).as_posix().encode() + b"\0" + path.read_bytes())
        for name in LIBRARIES:
            try:
                digest.update(f"{name}={metadata.version(name)}".encode())
            except metadata.PackageNotFoundError:
                digest.update(f"{name}=none".encode())
        _CODE.append(digest.hexdigest())
    return _CODE[0]


class CheckCache:
    """The stored findings of the last full check of one project, with one set of options.

    :meth:`lookup` hashes the inputs before a run; :meth:`save` hashes them again after it
    and stores the findings only if ontology/, data/ and queries/ did not change while the
    run read them. Both read only the files whose inode, size, mtime or ctime changed (see
    :class:`_Hasher`): ``lookup`` against the stored run's, ``save`` against ``lookup``'s.
    """

    def __init__(self, root: Path, options: dict[str, str]):
        self.root = root
        self.options = options
        self._folders_before = ""
        self._stored_run: dict | None = None
        self._digests: dict[str, bytes] = {}
        self._hashed = _Hasher()

    def _stored_stats(self, stored: dict | None) -> _Hasher:
        """A hasher that trusts the stored run's file stats (none if it stored none)."""
        stats = (stored or {}).get("stats")
        if (isinstance(stats, dict) and isinstance(stats.get("since"), int) and isinstance(stats.get("files"), dict)
                and all(isinstance(e, list) and len(e) == 5 for e in stats["files"].values())):
            return _Hasher(stats["files"], stats["since"])
        return _Hasher()

    def lookup(self, *, reuse: bool = True) -> CachedCheck | None:
        """The stored findings, if ``reuse`` and the inputs are byte for byte those of the stored run."""
        stored = self._stored()
        self._hashed = self._stored_stats(stored if reuse else None)
        folders, text_digests = _file_digests(self.root, stored["texts"] if stored else [], self._hashed)
        self._folders_before = _fingerprint(folders, self.options)
        if not reuse or stored is None:
            return None
        self._stored_run, self._digests = stored, {**folders, **text_digests}
        if _fingerprint({**folders, **text_digests}, self.options) != stored["fingerprint"]:
            return None
        try:
            return CachedCheck([_problem(p) for p in stored["problems"]], stored["claims"])
        except (KeyError, TypeError):
            return None

    def _stored(self) -> dict | None:
        """The cache file's content, or None if it is missing, unreadable or of another format."""
        try:
            stored = json.loads(read_file(self.root / CHECK_CACHE, self.root).decode("utf-8"))
        except (OSError, ValueError):
            return None
        ok = (isinstance(stored, dict) and stored.get("format") == FORMAT and isinstance(stored.get("texts"), list)
              and all(isinstance(t, str) for t in stored["texts"]) and isinstance(stored.get("fingerprint"), str))
        return stored if ok else None

    def save(self, texts: list[str], problems: list[Problem], claims: int,
             files: list[FileFindings] | None = None) -> None:
        """Store a run's findings, unless ontology/, data/ or queries/ changed while it ran; with
        ``files`` (every claim file's findings of the first stages), those too."""
        hasher = _Hasher(self._hashed.seen, self._hashed.since)
        folders, text_digests = _file_digests(self.root, texts, hasher)
        if _fingerprint(folders, self.options) != self._folders_before:
            return
        data = {"format": FORMAT, "fingerprint": _fingerprint({**folders, **text_digests}, self.options),
                "texts": sorted(texts), "claims": claims, "problems": [p.as_dict() for p in problems],
                "stats": {"since": hasher.since, "files": dict(sorted(hasher.seen.items()))}}
        if files is not None:
            data["first_stages"] = {
                "fingerprint": self._first_stages_fingerprint(folders),
                "files": [{"path": f.display, "digest": _hex(folders.get(f.display)), "text": f.text_path,
                           "text_digest": _hex(text_digests.get(Path(f.text_path).as_posix())) if f.text_path else None,
                           "source": f.source_id, "claims": f.claims,
                           "load": [p.as_dict() for p in f.load_problems],
                           "evidence": [p.as_dict() for p in f.evidence_problems]} for f in files]}
        try:
            writable_folder(self.root, CACHE_DIR)  # a link out of the project: not written
            write_atomically(self.root / CHECK_CACHE,
                             (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError:
            pass

    def _first_stages_fingerprint(self, folders: dict[str, bytes]) -> str:
        """What a claim file's findings in the first stages depend on besides the file and its
        text: the code, the registry, and (to be safe) the ontology and the shapes."""
        registry = {display for _, display, _ in registry_files(self.root)}
        kept = {path: digest for path, digest in folders.items() if path in registry or path.startswith("ontology/")}
        return _fingerprint(kept, {})

    def unchanged_files(self) -> dict[str, FileFindings] | None:
        """After :meth:`lookup`: the stored first-stage findings of each claim file that, with the
        text it names, is byte for byte what the stored run read; None when the stored run's
        registry, ontology, shapes, code or format differ (or it stored none)."""
        stored = (self._stored_run or {}).get("first_stages")
        try:
            if not stored or stored["fingerprint"] != self._first_stages_fingerprint(self._digests):
                return None
            found = {}
            for entry in stored["files"]:
                text = entry["text"]
                if (entry["digest"] is not None and _hex(self._digests.get(entry["path"])) == entry["digest"]
                        and (text is None or (entry["text_digest"] is not None
                                              and _hex(self._digests.get(Path(text).as_posix())) == entry["text_digest"]))):
                    found[entry["path"]] = FileFindings(
                        entry["path"], entry["text"], entry["source"], entry["claims"],
                        tuple(_problem(p) for p in entry["load"]), tuple(_problem(p) for p in entry["evidence"]))
            return found
        except (KeyError, TypeError, AttributeError):
            return None


def _hex(digest: bytes | None) -> str | None:
    """A digest as stored (None: the file was not read, so it never counts as unchanged)."""
    return None if digest is None else digest.hex()


def _problem(data: dict) -> Problem:
    return Problem(Location(**data["location"]), data["message"], data["hint"], data["severity"], data["code"],
                   data.get("detail", ""))


def first_stage_findings(memo: CheckCache, run_first_stages) -> CachedCheck | None:
    """The findings of a full ``check`` when only claim files changed and one of them does not
    load, from the changed files and the stored findings of the others; None for a full run.

    A run with an error before mapping reports exactly the first stages' problems: ontology,
    shapes and registry (made again here), then each claim file's load problems, the duplicate
    source ids, and each file's evidence problems, files in path order. Each file's problems
    depend only on the file, its text, the registry and the code, except when two files share
    a source id (then this returns None). ``run_first_stages(root, paths)`` is
    :func:`claimgraph.pipeline.run_first_stages` (passed in: the pipeline imports nothing from here).
    """
    unchanged = memo.unchanged_files()
    if unchanged is None:
        return None
    paths = claim_files(memo.root)
    folder = relative_path(memo.root / CLAIMS_DIR, memo.root)  # resolved once, not for each file
    displays = [f"{folder}/{p.name}" for p in paths]
    changed = [p for p, display in zip(paths, displays) if display not in unchanged]
    if not changed or len(changed) == len(paths):
        return None
    fresh = run_first_stages(memo.root, changed)
    by_path = {**unchanged, **{f.display: f for f in fresh.files}}
    found = [by_path.get(display) for display in displays]
    files = [f for f in found if f is not None]
    if len(files) != len(found):  # a file shown under another name than expected: run everything
        return None
    if has_duplicate_sources(files):
        return None
    problems = [*fresh.first_problems, *(p for f in files for p in f.load_problems),
                *(p for f in files for p in f.evidence_problems)]
    if not any(p.severity == "error" for p in problems):
        return None  # the changed files load: every later stage must run
    texts = sorted({f.text_path for f in files if f.text_path})
    return CachedCheck(problems, sum(f.claims for f in files), texts, files, len(changed))
