"""Reuse the findings of the last ``claimgraph check`` when none of its inputs changed.

A check's findings are a pure function of its inputs: every file under ``ontology/``,
``data/`` (claims, registry, reference data and the committed build) and ``queries/``
(saved queries and expected answers), the article texts the claims quote, the options
(reasoner, SHACL engine), and the code (claimgraph's own source and the versions of the
libraries it runs). The cache stores a SHA-256 over all of them with the findings; when the
fingerprint matches, ``check`` prints the stored findings instead of running the pipeline.
Any change to any input, the code or a library version gives a full run.

The cache lives in ``.claimgraph-cache/check.json`` in the project; it is an optimisation
only: a missing, unreadable or foreign cache file means a full run, and a cache that cannot
be written is skipped silently.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .problems import Location, Problem
from .serialization import write_atomically

CACHE_DIR = Path(".claimgraph-cache")
CHECK_CACHE = CACHE_DIR / "check.json"
FORMAT = 1
INPUT_DIRS = ("ontology", "data", "queries")
LIBRARIES = ("rdflib", "pyshacl", "owlrl", "pyoxigraph", "PyYAML")


@dataclass
class CachedCheck:
    problems: list[Problem]
    claims: int


def _file_digests(root: Path, texts: list[str]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """SHA-256 of every file under the input folders, and of each named article text."""
    def digest(path: Path) -> bytes:
        try:
            return hashlib.sha256(path.read_bytes()).digest()
        except OSError:
            return b"missing"

    folders = {}
    for folder in INPUT_DIRS:
        for dirpath, dirnames, filenames in os.walk(root / folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if not name.startswith("."):
                    path = Path(dirpath, name)
                    folders[path.relative_to(root).as_posix()] = digest(path)
    return folders, {Path(text).as_posix(): digest(root / text) for text in texts}


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
        for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        for name in LIBRARIES:
            try:
                digest.update(f"{name}={metadata.version(name)}".encode())
            except metadata.PackageNotFoundError:
                digest.update(f"{name}=none".encode())
        _CODE.append(digest.hexdigest())
    return _CODE[0]


class CheckCache:
    """The stored findings of the last full check of one project, with one set of options.

    :meth:`lookup` reads the inputs once before a run; :meth:`save` reads them once after
    it and stores the findings only if ontology/, data/ and queries/ did not change while
    the run read them.
    """

    def __init__(self, root: Path, options: dict[str, str]):
        self.root = root
        self.options = options
        self._folders_before = ""

    def lookup(self, *, reuse: bool = True) -> CachedCheck | None:
        """The stored findings, if ``reuse`` and the inputs are byte for byte those of the stored run."""
        stored = self._stored()
        folders, text_digests = _file_digests(self.root, stored["texts"] if stored else [])
        self._folders_before = _fingerprint(folders, self.options)
        if not reuse or stored is None:
            return None
        if _fingerprint({**folders, **text_digests}, self.options) != stored["fingerprint"]:
            return None
        try:
            problems = [Problem(Location(**p["location"]), p["message"], p["hint"], p["severity"], p["code"],
                                p.get("detail", "")) for p in stored["problems"]]
            return CachedCheck(problems, stored["claims"])
        except (KeyError, TypeError):
            return None

    def _stored(self) -> dict | None:
        """The cache file's content, or None if it is missing, unreadable or of another format."""
        try:
            stored = json.loads((self.root / CHECK_CACHE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        ok = (isinstance(stored, dict) and stored.get("format") == FORMAT and isinstance(stored.get("texts"), list)
              and all(isinstance(t, str) for t in stored["texts"]) and isinstance(stored.get("fingerprint"), str))
        return stored if ok else None

    def save(self, texts: list[str], problems: list[Problem], claims: int) -> None:
        """Store a full run's findings, unless ontology/, data/ or queries/ changed while it ran."""
        folders, text_digests = _file_digests(self.root, texts)
        if _fingerprint(folders, self.options) != self._folders_before:
            return
        data = {"format": FORMAT, "fingerprint": _fingerprint({**folders, **text_digests}, self.options),
                "texts": sorted(texts), "claims": claims, "problems": [p.as_dict() for p in problems]}
        try:
            write_atomically(self.root / CHECK_CACHE,
                             (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError:
            pass
