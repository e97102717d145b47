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


def input_fingerprint(root: Path, texts: list[str], options: dict[str, str]) -> str:
    """SHA-256 over the code, the options, and the path and bytes of every input file."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"format": FORMAT, "code": _code_fingerprint(), "options": options},
                             sort_keys=True).encode())
    files = set()
    for folder in INPUT_DIRS:
        for dirpath, dirnames, filenames in os.walk(root / folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            files.update(Path(dirpath, name) for name in filenames if not name.startswith("."))
    files.update(root / text for text in texts)
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


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


def load_check(root: Path, options: dict[str, str]) -> CachedCheck | None:
    """The stored findings, if the inputs are byte for byte those of the stored run."""
    try:
        stored = json.loads((root / CHECK_CACHE).read_text(encoding="utf-8"))
        if stored.get("format") != FORMAT:
            return None
        if input_fingerprint(root, stored["texts"], options) != stored["fingerprint"]:
            return None
        problems = [Problem(Location(**p["location"]), p["message"], p["hint"], p["severity"], p["code"],
                            p.get("detail", "")) for p in stored["problems"]]
        return CachedCheck(problems, stored["claims"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def folders_fingerprint(root: Path, options: dict[str, str]) -> str:
    """The fingerprint without article texts: taken before a run, to see if inputs changed during it."""
    return input_fingerprint(root, [], options)


def save_check(root: Path, options: dict[str, str], texts: list[str], problems: list[Problem], claims: int,
               folders_before: str) -> None:
    """Store a full run's findings, unless ontology/, data/ or queries/ changed while it ran."""
    if folders_fingerprint(root, options) != folders_before:
        return
    fingerprint = input_fingerprint(root, texts, options)
    data = {"format": FORMAT, "fingerprint": fingerprint, "texts": sorted(texts), "claims": claims,
            "problems": [p.as_dict() for p in problems]}
    try:
        write_atomically(root / CHECK_CACHE, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError:
        pass
