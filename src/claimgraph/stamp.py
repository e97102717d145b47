"""The build stamp, ``data/build/build.json``: what a build read and what it wrote.

``build`` records the SHA-256 of every project file its run read (claim files, the article
texts they quote, the entity registry and reference data, the ontology and the shapes; see
:func:`claimgraph.paths.recorded_reads`) and of every built file it wrote, with claimgraph's
version and :data:`OUTPUT_FORMAT`. ``check`` runs the same stages, so it reads the same files:
when their digests, the version and the format are the stamp's, the built files are what a
build would write now exactly when each one's digest is the stamp's. No built file is made
again or compared byte by byte; a built file edited by hand no longer has its digest.

The trust model: the stamp is itself a built file, so whoever edits a built file and its
digest in the stamp, consistently, is not caught this way. ``claimgraph check --verify-build``
makes every built file again and compares bytes, trusting nothing.

The saved queries are not inputs of the built files (nothing in ``data/build/`` depends on
them), so they are not in the stamp; the check cache covers them.

The stamp holds no time and no absolute path: the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from claimgraph import __version__
from claimgraph.paths import read_file

STAMP_FILE = Path("data/build/build.json")

#: raise when the same inputs give other built bytes (serializer, mapping or reasoning
#: changes): a stamp of another format is never trusted, so every check compares bytes until
#: the next build
OUTPUT_FORMAT = 1


@dataclass(frozen=True)
class Stamp:
    version: str
    output_format: int
    inputs: dict[str, str]
    outputs: dict[str, str]

    def to_bytes(self) -> bytes:
        data = {"claimgraph": self.version, "format": self.output_format,
                "inputs": dict(sorted(self.inputs.items())), "outputs": dict(sorted(self.outputs.items()))}
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

    def trusted_for(self, inputs: dict[str, str]) -> bool:
        """Whether this stamp's outputs are what a build with ``inputs`` would write (same
        input digests, same claimgraph version, same output format)."""
        return self.version == __version__ and self.output_format == OUTPUT_FORMAT and self.inputs == inputs


def new_stamp(inputs: dict[str, str], outputs: dict[str, str]) -> Stamp:
    return Stamp(__version__, OUTPUT_FORMAT, dict(inputs), dict(outputs))


def read_stamp(root: Path) -> Stamp | None:
    """The committed stamp; None when it is missing, unreadable or not a stamp."""
    try:
        data = json.loads(read_file(root / STAMP_FILE, root).decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(data, dict) and isinstance(data.get("claimgraph"), str)
            and isinstance(data.get("format"), int) and _digests(data.get("inputs"))
            and _digests(data.get("outputs"))):
        return None
    return Stamp(data["claimgraph"], data["format"], data["inputs"], data["outputs"])


def _digests(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def file_digest(path: Path) -> str | None:
    """SHA-256 (hex) of a file, read in pieces; None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
